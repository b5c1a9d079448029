"""Scenarios from Python: loading (file, TOML text, dict, the default),
overrides as `--set` applies them, and the located errors."""

import pickle
import sys
from pathlib import Path

import pytest

import cupola

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tests run on 3.11
    tomllib = None

SCENARIOS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "scenarios").glob("*.toml"))


def test_the_default_is_the_shipped_default_file(root):
    d = cupola.Scenario.default()
    f = cupola.Scenario.from_file(root / "scenarios" / "default.toml")
    assert d.source == "built-in default (scenarios/default.toml)"
    assert f.source == str(root / "scenarios" / "default.toml")
    assert d.hash == f.hash and d.name == f.name and d.seed == f.seed
    assert d.toml == (root / "scenarios" / "default.toml").read_text()
    assert d.check().warnings == d.warnings


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_shipped_scenario_loads_from_file_and_text(root, name):
    path = root / "scenarios" / name
    f = cupola.Scenario.from_file(path)
    t = cupola.Scenario.from_toml(path.read_text(), name=str(path), base_dir=path.parent)
    assert (f.hash, f.name, f.source) == (t.hash, t.name, t.source)


@pytest.mark.skipif(tomllib is None, reason="tomllib is Python 3.11's")
def test_a_dict_is_read_as_the_same_scenario(root):
    text = (root / "scenarios" / "default.toml").read_text()
    s = cupola.Scenario.from_dict(tomllib.loads(text))
    d = cupola.Scenario.default()
    assert s.source == "<dict>"
    assert (s.name, s.seed) == (d.name, d.seed)
    # Written back as TOML, the dict reads to the same values as the file.
    assert tomllib.loads(s.toml) == tomllib.loads(text)


@pytest.mark.skipif(tomllib is None, reason="tomllib is Python 3.11's")
def test_a_bad_dict_raises_at_its_key():
    data = tomllib.loads(cupola.Scenario.default().toml)
    data["engage"]["terminal"][0]["pk"] = 2.0
    with pytest.raises(cupola.ScenarioError) as info:
        cupola.Scenario.from_dict(data)
    e = info.value
    assert e.key == "engage.terminal[0].pk"
    assert e.file == "<dict>" and e.line >= 1 and e.column >= 1
    assert "`pk` must be in [0, 1], got 2" in str(e)


def test_a_dict_value_that_toml_cannot_hold_is_a_type_error():
    with pytest.raises(TypeError, match="`scenario.name`"):
        cupola.Scenario.from_dict({"scenario": {"name": None}})
    with pytest.raises(TypeError, match="must be a str"):
        cupola.Scenario.from_dict({"scenario": {1: "x"}})


def test_overrides_are_written_into_the_text_as_set_writes_them():
    d = cupola.Scenario.default()
    s = d.with_overrides({"sbi.budget.decision_s": 45.0, "engage.midcourse[0].pk": 0.6})
    assert s.overrides == ["sbi.budget.decision_s=45.0", "engage.midcourse[0].pk=0.6"]
    assert s.source == (
        "built-in default (scenarios/default.toml) with "
        "sbi.budget.decision_s=45.0, engage.midcourse[0].pk=0.6"
    )
    assert "decision_s = 45.0" in s.toml and s.hash != d.hash
    # The command line's spelling gives the same scenario.
    same = d.with_overrides(["sbi.budget.decision_s=45.0", "engage.midcourse[0].pk=0.6"])
    assert (same.toml, same.source, same.hash) == (s.toml, s.source, s.hash)
    # The original is unchanged.
    assert "decision_s = 45.0" not in d.toml


def test_override_values_of_each_python_type():
    d = cupola.Scenario.default()
    s = d.with_overrides({"scenario.name": "renamed", "scenario.seed": 7, "physics.drag": False})
    assert (s.name, s.seed) == ("renamed", 7)
    assert 'name = "renamed"' in s.toml and "drag = false" in s.toml


@pytest.mark.parametrize(
    "key, value, fragment",
    [
        ("engage.midcourse[0].pk", 1.5, "`pk` must be in [0, 1], got 1.5"),
        ("sbi.budget.decision_s", "soon", "`decision_s` must be a number, got a string"),
        ("sbi.budget.decision_sec", 45.0, "unknown key `decision_sec`"),
    ],
)
def test_an_override_the_scenario_rejects_is_located_at_its_key(cli, key, value, fragment):
    d = cupola.Scenario.default()
    with pytest.raises(cupola.ScenarioError) as info:
        d.with_overrides({key: value})
    e = info.value
    assert isinstance(e, ValueError)
    setting = f'{key}="{value}"' if isinstance(value, str) else f"{key}={value}"
    assert e.key == key
    assert e.file == f"built-in default (scenarios/default.toml) with {setting}"
    assert fragment in e.message and fragment in str(e)
    p = e.problems[0]
    assert (p.file, p.line, p.column, p.key) == (e.file, e.line, e.column, key)
    assert str(p) == f"{p.file}:{p.line}:{p.column}: {p.message}"
    assert p.code.startswith("cupola::scenario::")
    # The command line locates the same problem at the same line and column.
    done = cli("check", "scenarios/default.toml", "--set", setting, check=False)
    assert done.returncode == 2
    expected = str(p).replace("built-in default (scenarios/default.toml)", "scenarios/default.toml")
    assert expected in done.stderr


@pytest.mark.parametrize(
    "key, message",
    [
        ("engage.midcourse[9].pk", "there are only 2 of these tables"),
        ("engage.midcourse.pk", "is a value, not a table"),
        ("sbi.budget.decision_s[0]", "a value, not an array of tables"),
        ("catalog.no-such-missile.stage[0].burn_time_s", "no-such-missile"),
    ],
)
def test_a_path_that_cannot_be_set_names_the_setting(key, message):
    with pytest.raises(cupola.ScenarioError) as info:
        cupola.Scenario.default().with_overrides({key: 0.5})
    e = info.value
    assert e.key == key and e.setting == f"{key}=0.5"
    assert e.problems == [] and e.line is None
    assert str(e).startswith(f"cannot set `{key}=0.5`") and message in str(e)


def test_a_bad_override_spelling_raises():
    with pytest.raises(cupola.ScenarioError, match="expected KEY.PATH=VALUE"):
        cupola.Scenario.default().with_overrides(["sbi.budget.decision_s"])
    with pytest.raises(TypeError):
        cupola.Scenario.default().with_overrides("sbi.budget.decision_s=45")


def test_a_file_that_cannot_be_read_names_its_path(tmp_path):
    missing = tmp_path / "missing.toml"
    with pytest.raises(cupola.ScenarioError) as info:
        cupola.Scenario.from_file(missing)
    assert str(missing) in str(info.value) and info.value.problems == []


def test_every_problem_of_a_text_is_listed_with_its_location():
    text = '[scenario]\nname = 3\n\n[[launch]]\nmissile = "solid-icbm"\n'
    with pytest.raises(cupola.ScenarioError) as info:
        cupola.Scenario.from_toml(text, name="bad.toml")
    e = info.value
    where = {(p.line, p.column): p for p in e.problems}
    assert where[(2, 8)].key == "scenario.name"
    assert "bad.toml:2:8: `name` must be a string" in str(e)
    assert all(p.file == "bad.toml" for p in e.problems) and len(e.problems) >= 2


def test_a_scenario_pickles_to_the_same_scenario():
    s = cupola.Scenario.default().with_overrides(
        {"sbi.budget.decision_s": 40.0, "preset.cbo-2026.unit_cost_musd": 30.0}
    )
    t = pickle.loads(pickle.dumps(s))
    assert (t.toml, t.source, t.hash, t.overrides) == (s.toml, s.source, s.hash, s.overrides)


def test_a_dict_that_contains_itself_is_refused_not_a_crash():
    d = {"scenario": {"name": "loop"}}
    d["scenario"]["again"] = d
    with pytest.raises(ValueError, match="nested more than"):
        cupola.Scenario.from_dict(d)
    deep = [1]
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match="nested more than"):
        cupola.Scenario.default().with_overrides({"scenario.seed": deep})
