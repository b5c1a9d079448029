"""Ray's overhead per point in a sweep: a 64-point sizing sweep of the
default scenario (SBI altitude x decision time, `--study size`) run
serially (`cupola.sweep(..., backend="serial")`: the facade's sweep, points
in parallel on this machine's cores) and as Ray tasks on a local instance
(`backend="ray"`: one task per point, the rows written by this process),
each into a fresh directory, `--repeats` times, alternating. Prints the
median wall times, their ratio and the overhead per point; checks that
both give the same dataset.

    pip install ./python ray
    python benches/peer/ray_sweep.py [--repeats 3] [--points 64]

The Ray instance (started once, not timed with the runs; its start-up and
shutdown are reported on their own) has `num_cpus` = this machine's cores,
and its workers run at the driver's priority (`RAY_worker_niceness=0`; Ray
lowers them by 15 otherwise, which on a shared machine measures the other
processes, not Ray). Each run's time is printed on standard error as it
ends.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cupola


def grid(points):
    """An n x n grid of SBI altitude (300-475 km) and decision time (10-45 s)
    with n*n = points."""
    n = round(points ** 0.5)
    if n * n != points:
        raise SystemExit(f"--points {points}: give a square (64 = 8 x 8)")
    return {
        "sbi.altitude_km": [300.0 + 175.0 * i / (n - 1) for i in range(n)],
        "sbi.budget.decision_s": [10.0 + 35.0 * i / (n - 1) for i in range(n)],
    }


def timed(backend, g, work):
    out = work / f"{backend}-{time.monotonic_ns()}"
    start = time.perf_counter()
    r = cupola.sweep(cupola.Scenario.default(), study="size", grid=g, out=out, backend=backend)
    took = time.perf_counter() - start
    assert r.computed == r.points
    return took, out


def files(d):
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--points", type=int, default=64)
    a = p.parse_args()
    g = grid(a.points)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_worker_niceness", "0")
    import ray

    work = Path(tempfile.mkdtemp(prefix="cupola-ray-bench-"))
    try:
        start = time.perf_counter()
        ray.init(include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
        ray_start = time.perf_counter() - start
        # One round trip of an empty task: the dispatch alone.
        noop = ray.remote(lambda: None)
        ray.get(noop.remote())
        start = time.perf_counter()
        ray.get([noop.remote() for _ in range(a.points)])
        dispatch = (time.perf_counter() - start) / a.points
        serial, on_ray = [], []
        first = {}
        for _ in range(a.repeats):
            for backend, times in (("serial", serial), ("ray", on_ray)):
                took, out = timed(backend, g, work)
                times.append(took)
                print(f"{backend}: {took:.1f} s", file=sys.stderr, flush=True)
                got = files(out)
                first.setdefault("data", got)
                assert got == first["data"], "the backends gave different datasets"
                shutil.rmtree(out)
        start = time.perf_counter()
        ray.shutdown()
        ray_stop = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ms, mr = statistics.median(serial), statistics.median(on_ray)
    report = {
        "points": a.points,
        "repeats": a.repeats,
        "cores": os.cpu_count(),
        "serial_s": serial,
        "ray_s": on_ray,
        "serial_median_s": ms,
        "ray_median_s": mr,
        "ratio": mr / ms,
        "overhead_per_point_ms": (mr - ms) / a.points * 1e3,
        "serial_per_point_s": ms / a.points,
        "empty_task_round_trip_ms": dispatch * 1e3,
        "ray_init_s": ray_start,
        "ray_shutdown_s": ray_stop,
    }
    print(json.dumps(report, indent=2))
    print(
        f"{a.points}-point sizing sweep: serial median {ms:.1f} s, Ray median {mr:.1f} s "
        f"(ratio {mr / ms:.2f}; {report['overhead_per_point_ms']:+.0f} ms a point; "
        f"an empty task {report['empty_task_round_trip_ms']:.1f} ms); "
        f"Ray start-up {ray_start:.1f} s, shutdown {ray_stop:.1f} s"
    )


if __name__ == "__main__":
    main()
