"""Sweeps from Python: the same Parquet dataset, byte for byte, run
serially, as Ray tasks on a local instance on loopback, by the command line
(`cupola sweep`, and its `--backend ray` hand-over to `python -m
cupola.sweep`), and after a kill midway and a resume."""

import os
import signal
import subprocess
import sys
import time

import pytest

import cupola

# 12 points: 3 altitudes x 4 decision times, the engagement's figures.
GRID = {"sbi.altitude_km": [300.0, 400.0, 500.0], "sbi.budget.decision_s": [20.0, 30.0, 45.0, 60.0]}
STUDY = "engage"


def files(d):
    """Every file of a dataset directory and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The 12-point sweep run serially, uninterrupted."""
    out = tmp_path_factory.mktemp("serial") / "sweep"
    r = cupola.sweep(cupola.Scenario.default(), study=STUDY, grid=GRID, out=out)
    assert (r.points, r.computed, r.skipped, r.refused) == (12, 12, 0, 0)
    return out


def test_a_sweep_on_ray_writes_the_serial_dataset(ray_local, reference, tmp_path):
    out = tmp_path / "ray"
    r = cupola.sweep(cupola.Scenario.default(), study=STUDY, grid=GRID, out=out, backend="ray")
    assert (r.points, r.computed, r.skipped) == (12, 12, 0)
    got, want = files(out), files(reference)
    assert sorted(got) == sorted(want) and len(want) == 13  # 12 parts and the manifest
    assert got == want
    df = r.to_pandas()
    assert df["point"].tolist() == list(range(12))
    assert df["sbi.altitude_km"].tolist() == [a for a in GRID["sbi.altitude_km"] for _ in range(4)]
    assert (df["status"] == "ok").all() and df["p_no_leak"].between(0, 1).all()
    # Run again: every point is on disk, nothing is computed.
    again = cupola.sweep(cupola.Scenario.default(), study=STUDY, grid=GRID, out=out, backend="ray")
    assert (again.computed, again.skipped) == (0, 12) and files(out) == want


def test_a_sweep_killed_midway_resumes_to_the_same_dataset(ray_local, reference, tmp_path):
    out = tmp_path / "killed"
    code = (
        "import cupola\n"
        f"cupola.sweep(cupola.Scenario.default(), study={STUDY!r}, grid={GRID!r}, out={str(out)!r})\n"
    )
    p = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and p.poll() is None:
            if out.is_dir() and len(list(out.glob("part-*.parquet"))) >= 2:
                break
            time.sleep(0.02)
        assert p.poll() is None, "the sweep ended before it could be killed"
        os.kill(p.pid, signal.SIGKILL)
    finally:
        p.wait()
    assert p.returncode == -signal.SIGKILL
    parts = list(out.glob("part-*.parquet"))
    assert 2 <= len(parts) < 12
    # Every part on disk is whole: the same bytes as the uninterrupted run's.
    for part in parts:
        assert part.read_bytes() == (reference / part.name).read_bytes()
    # Resumed (on Ray), the finished points are skipped and the rest computed.
    r = cupola.sweep(cupola.Scenario.default(), study=STUDY, grid=GRID, out=out, backend="ray")
    assert (r.computed, r.skipped) == (12 - len(parts), len(parts))
    assert files(out) == files(reference)


def test_the_command_line_writes_the_same_dataset_here_and_on_ray(cli, root, tmp_path):
    grid = {"sbi.altitude_km": [300.0, 400.0, 500.0], "engage.midcourse[0].inventory": [44, 64]}
    flags = ["--set", "sbi.altitude_km=300.0,400.0,500.0", "--set", "engage.midcourse[0].inventory=44,64"]
    py = tmp_path / "python"
    r = cupola.sweep(cupola.Scenario.default(), study="cost", grid=grid, out=py)
    assert r.points == 6
    local = tmp_path / "local"
    cli("sweep", "--study", "cost", *flags, "--out", local)
    assert files(local) == files(py)
    # `--backend ray` hands the sweep to this interpreter's `python -m cupola.sweep`.
    ray = tmp_path / "ray"
    env = dict(os.environ, CUPOLA_PYTHON=sys.executable, RAY_USAGE_STATS_ENABLED="0")
    done = subprocess.run(
        [str(root / "target" / "release" / "cupola"), "sweep", "--study", "cost", *flags,
         "--out", str(ray), "--backend", "ray", "--json"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert files(ray) == files(py)
    assert '"computed": 6' in done.stdout


def test_a_bad_design_names_its_flag(tmp_path):
    with pytest.raises(cupola.InputError, match="sbi.altitude_km"):
        cupola.sweep(study="cost", grid={"sbi.altitude_km": [400.0, -5.0]}, out=tmp_path / "x")
    with pytest.raises(cupola.InputError, match="--study"):
        cupola.sweep(study="nothing", grid={"sbi.altitude_km": [400.0]}, out=tmp_path / "y")
    with pytest.raises(cupola.InputError, match="backend"):
        cupola.sweep(study="cost", out=tmp_path / "z", backend="spark")


def test_a_latin_hypercube_sweep_is_the_command_lines(cli, tmp_path):
    py = tmp_path / "python"
    cupola.sweep(study="cost", lhs=4, ranges={"sbi.altitude_km": (300, 600)}, seed=3, out=py)
    local = tmp_path / "local"
    cli("sweep", "--study", "cost", "--lhs", "4", "--range", "sbi.altitude_km=300:600",
        "--seed", "3", "--out", local)
    assert files(local) == files(py)
