"""Every study from Python equals the command line: the same JSON object
(`cupola STUDY --json`), the same tables (`--out`), for the same scenario
and options; the GIL is released while a study computes."""

import json
import threading
import time

import pytest

import cupola

# (study function, its keyword options, the command line's flags), with
# options that keep each run short.
CASES = {
    "trajectory": (cupola.trajectory, {"step_s": 10.0}, ["--step-s", "10"]),
    "constellation": (cupola.constellation, {}, []),
    "detect": (cupola.detect, {}, []),
    "size": (
        cupola.size,
        {"sweeps": ["salvo"], "samples": 100},
        ["--sweep", "salvo", "--samples", "100"],
    ),
    "engage": (cupola.engage, {"trials": 200}, ["--trials", "200"]),
    "cost": (cupola.cost, {}, []),
    "stability": (cupola.stability, {"trials": 20, "rounds": 1}, ["--trials", "20", "--rounds", "1"]),
    "assumptions": (cupola.assumptions, {}, []),
}


def cli_json(cli, *args):
    return json.loads(cli(*args, "--json").stdout)


@pytest.mark.parametrize("study", sorted(CASES))
def test_a_study_of_the_default_equals_the_command_line(cli, study):
    f, options, flags = CASES[study]
    result = f(cupola.Scenario.default(), **options)
    assert isinstance(result, cupola.Result) and result.study == study
    assert result.to_dict() == cli_json(cli, study, *flags)


def test_run_of_every_shipped_scenario_but_the_default_equals_the_command_line(cli, root):
    # The default's `run` is the slowest (its studies are compared one by
    # one above, with options that keep them short).
    for path in sorted((root / "scenarios").glob("*.toml")):
        if path.name == "default.toml":
            continue
        got = cupola.run(cupola.Scenario.from_file(path)).to_dict()
        assert got == cli_json(cli, "run", path), path.name


def test_an_adhoc_trajectory_equals_the_command_line(cli):
    got = cupola.trajectory(
        missile="solid-icbm", site=(41.0, 100.0, 1.0), aim=(45.23, -109.06),
        profile="lofted", apogee_km=2000.0, step_s=20.0,
    )
    want = cli_json(
        cli, "trajectory", "--missile", "solid-icbm", "--site", "41.0,100.0,1.0",
        "--aim", "45.23,-109.06", "--profile", "lofted", "--apogee-km", "2000",
        "--step-s", "20",
    )
    assert got.to_dict() == want
    with pytest.raises(cupola.InputError, match="go together"):
        cupola.trajectory(missile="solid-icbm")


def test_a_study_with_overrides_equals_the_command_line_with_set(cli, root):
    path = root / "scenarios" / "default.toml"
    sets = {"engage.midcourse[0].pk": 0.6, "engage.trials": 300}
    s = cupola.Scenario.from_file(path).with_overrides(sets)
    flags = [a for k, v in sets.items() for a in ("--set", f"{k}={v}")]
    want = cli_json(cli, "engage", path, "--no-sweep", *flags)
    got = cupola.engage(s, no_sweep=True).to_dict()
    assert got == want
    assert got["provenance"]["scenario"] == f"{path} with engage.midcourse[0].pk=0.6, engage.trials=300"


def test_sensitivity_and_uncertainty_equal_the_command_line(cli, root):
    path = root / "scenarios" / "layered.toml"
    s = cupola.Scenario.from_file(path)
    keys = ["sbi.budget.decision_s"]
    assert cupola.sensitivity(s, keys=keys).to_dict() == cli_json(
        cli, "sensitivity", path, "--keys", keys[0]
    )
    got = cupola.uncertainty(s, samples=2, keys=keys, seed=7)
    assert got.to_dict() == cli_json(
        cli, "uncertainty", path, "--samples", "2", "--keys", keys[0], "--seed", "7"
    )
    assert set(got.tables) >= {"bands", "points"}


def test_reproduce_equals_the_command_line(cli, root):
    assert cupola.reproduce("aei-2025").to_dict() == cli_json(cli, "reproduce", "aei-2025")
    # A scenario object with published figures gives the same as its file.
    path = root / "scenarios" / "literature" / "ucs-sbi.toml"
    got = cupola.reproduce(cupola.Scenario.from_file(path)).to_dict()
    assert got == cli_json(cli, "reproduce", path)


def test_check_gives_the_estimates_the_command_line_prints(cli, root):
    path = root / "scenarios" / "default.toml"
    c = cupola.Scenario.from_file(path).check()
    assert isinstance(c, cupola.CheckResult)
    printed = cli("check", path).stdout.splitlines()[1:]
    assert [line.strip() for line in printed] == [e["summary"] for e in c.estimates]
    assert c.to_pandas()["study"].tolist() == [e["study"] for e in c.estimates]


def test_check_refuses_a_study_over_the_budget(cli, root):
    s = cupola.Scenario.default().with_overrides({"stability.trials": 1_000_000})
    with pytest.raises(cupola.InputError) as info:
        s.check()
    done = cli("check", root / "scenarios" / "default.toml", "--set", "stability.trials=1000000", check=False)
    assert done.returncode == 2
    assert str(info.value).splitlines()[0] in done.stderr


def test_the_tables_are_the_files_the_command_line_writes(cli, tmp_path):
    out = tmp_path / "out"
    cli("size", "--no-sweeps", "--samples", "200", "--out", out)
    r = cupola.size(no_sweeps=True, samples=200)
    written = sorted(p.name[:-4] for p in out.glob("*.csv"))
    assert sorted(r.tables) == written
    files = dict(r._report.tables())
    for name in written:
        assert files[name + ".csv"] == (out / (name + ".csv")).read_bytes(), name
    df = r.to_pandas()
    assert list(df.columns) == (out / "sizing.csv").read_text().splitlines()[0].split(",")
    assert r.to_arrow("sizing-areas").num_rows == len(r.to_pandas("sizing-areas"))
    with pytest.raises(KeyError, match="has no table"):
        r.to_pandas("nope")


def test_results_are_typed_with_the_json_keys_as_attributes():
    r = cupola.cost()
    assert isinstance(r, cupola.CostResult)
    assert r.cost == r.to_dict()["cost"] and r.provenance["seed"] == 1
    assert "cost" in dir(r) and r.summary in str(r)
    assert repr(r) == "<CostResult of 'built-in default (scenarios/default.toml)'>"
    with pytest.raises(AttributeError, match="has no 'sizing'"):
        r.sizing


def test_bad_options_raise_input_errors():
    with pytest.raises(cupola.InputError, match="--launch"):
        cupola.trajectory(launch="nowhere")
    with pytest.raises(ValueError, match="not a sizing sweep"):
        cupola.size(sweeps=["sideways"])
    with pytest.raises(cupola.InputError, match="--keys"):
        cupola.sensitivity(keys=["no.such.key"])
    with pytest.raises(TypeError, match="cupola.Scenario"):
        cupola.cost("scenarios/default.toml")


def test_missiles_is_the_catalog_the_command_line_lists(cli):
    assert cupola.missiles() == cli_json(cli, "missiles")


def test_the_gil_is_released_while_a_study_computes():
    count = 0
    stop = threading.Event()

    def spin():
        nonlocal count
        while not stop.is_set():
            count += 1

    s = cupola.Scenario.default()
    cupola.check(s)  # the model built before timing the study alone
    t = threading.Thread(target=spin)
    t.start()
    try:
        time.sleep(0.05)
        before = count
        start = time.perf_counter()
        cupola.size(s, no_sweeps=True, samples=1000)
        took = time.perf_counter() - start
        during = count - before
    finally:
        stop.set()
        t.join()
    # While the study ran, the Python thread ran too: with the GIL held it
    # would not have counted at all.
    assert took > 0.2 and during > 100_000, (took, during)


def test_threads_sharing_a_fresh_scenario_both_finish():
    # Two threads run studies on one scenario whose model is not built yet:
    # the first builds it with the GIL released, the second waits for it
    # without holding the GIL, and both finish.
    s = cupola.Scenario.default()
    results = {}

    def study(name, f):
        results[name] = f(s)

    threads = [
        threading.Thread(target=study, args=("first", cupola.check)),
        threading.Thread(target=study, args=("second", cupola.check)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    assert set(results) == {"first", "second"}
