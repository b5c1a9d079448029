"""Sweeps (``cupola.sweep``): one study's headline figures over a grid or
a Latin hypercube of scenario settings, one row per point in a Parquet
dataset (see docs/sweeps.md), run here or as Ray tasks.

``cupola.sweep(...)`` is the function; ``python -m cupola.sweep ...`` (the
module ``cupola/sweep.py``, which calls ``main`` here) is what ``cupola
sweep --backend ray`` runs (its flags are those of ``cupola sweep``).
Every point is computed by the Rust facade (``cupola::sweep::evaluate``)
and every row written by its writer, so the dataset is the same, byte for
byte, whichever backend ran it, and a sweep killed midway resumes (the
finished points are skipped) to the same files.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

from cupola import _native
from cupola._native import InputError, Scenario, ScenarioError, SweepDataset, SweepPlan

__all__ = ["sweep", "SweepResult", "main"]

_PathLike = Union[str, "os.PathLike[str]"]


class SweepResult:
    """What a sweep did (``points``, ``computed``, ``skipped``, ``refused``,
    ``dir``: the ``--json`` summary of ``cupola sweep``) and its dataset."""

    def __init__(self, summary: Dict[str, Any]):
        self.points = summary["points"]
        self.computed = summary["computed"]
        self.skipped = summary["skipped"]
        self.refused = summary["refused"]
        self.dir = Path(summary["dir"])

    def to_dict(self) -> Dict[str, Any]:
        """The summary ``cupola sweep --json`` prints."""
        return {
            "points": self.points,
            "computed": self.computed,
            "skipped": self.skipped,
            "refused": self.refused,
            "dir": str(self.dir),
        }

    def to_arrow(self):
        """The dataset as one pyarrow Table, in point order."""
        import pyarrow.dataset as ds

        return ds.dataset(str(self.dir), format="parquet").to_table().sort_by("point")

    def to_pandas(self):
        """The dataset as one DataFrame, one row per point, in point order."""
        return self.to_arrow().to_pandas()

    def __repr__(self) -> str:
        return (
            f"<SweepResult {self.points} points: {self.computed} computed, "
            f"{self.skipped} skipped, {self.refused} refused; {self.dir}>"
        )


def _float_text(x: float) -> str:
    return _native.toml_value("range", float(x))


def _plan_args(grid, ranges) -> Tuple[list, list]:
    sets = []
    for key, values in (grid or {}).items():
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
            values = [values]
        sets.append(f"{key}=" + ",".join(_native.toml_value(key, v) for v in values))
    rs = []
    for key, bounds in (ranges or {}).items():
        low, high = bounds
        rs.append(f"{key}={_float_text(float(low))}:{_float_text(float(high))}")
    return sets, rs


# A Ray worker's plans, by the pickled spec they were made from: a plan is
# built once per worker process (its checks at the base run once), then
# every point sent to that worker is evaluated on it.
_PLANS: Dict[bytes, SweepPlan] = {}


def _point(plan_bytes: bytes, point: int, budget_scale: float):
    import pickle

    # The driver's budget scale, so that a point refused or computed there
    # is refused or computed here too.
    _native.set_budget_scale(budget_scale)
    plan = _PLANS.get(plan_bytes)
    if plan is None:
        plan = _PLANS[plan_bytes] = pickle.loads(plan_bytes)
    return plan.evaluate(point)


# Settings for a Ray instance started here: no dashboard, no usage
# statistics (nothing leaves the machine), the node on loopback.
LOCAL_RAY = dict(include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)


def _ray_run(plan: SweepPlan, out: Path, address: Optional[str], progress: bool) -> Dict[str, Any]:
    import pickle

    import ray

    dataset = SweepDataset(plan, out)
    try:
        done = dataset.finished
        todo = [p for p in range(plan.points) if p not in done]
        if todo:
            # Refused over the work budget before any task is sent, as the
            # serial run refuses it.
            plan.check_budget(len(todo))
        started_here = False
        if todo and not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            if address is None:
                ray.init(**LOCAL_RAY)
            else:
                ray.init(address=address, log_to_driver=False)
            started_here = True
        try:
            refused = 0
            if todo:
                task = ray.remote(_point)
                spec = ray.put(pickle.dumps(plan))
                scale = _native.budget_scale()
                # A bounded window of tasks in flight (a few per CPU of the
                # cluster), topped up as rows arrive: the driver's work stays
                # linear in the points, and a failure leaves little to cancel.
                window = max(4, 4 * int(ray.cluster_resources().get("CPU", 1)))
                queue = iter(todo)
                pending: Dict[Any, int] = {}
                finished = 0
                try:
                    for p in queue:
                        pending[task.remote(spec, p, scale)] = p
                        if len(pending) >= window:
                            break
                    while pending:
                        ready, _ = ray.wait(list(pending), num_returns=1)
                        for ref in ready:
                            del pending[ref]
                            row = ray.get(ref)
                            dataset.write(row)
                            refused += row[3] is not None
                            finished += 1
                            if progress:
                                print(f"\r{finished}/{len(todo)} points", end="", file=sys.stderr, flush=True)
                            nxt = next(queue, None)
                            if nxt is not None:
                                pending[task.remote(spec, nxt, scale)] = nxt
                finally:
                    for ref in pending:
                        ray.cancel(ref, force=True)
                if progress:
                    print(file=sys.stderr)
        finally:
            if started_here:
                ray.shutdown()
        refused += dataset.refused(sorted(done))
    finally:
        dataset.close()
    return {
        "points": plan.points,
        "computed": len(todo),
        "skipped": len(done),
        "refused": refused,
        "dir": str(out),
    }


def sweep(
    scenario: Optional[Scenario] = None,
    *,
    study: str = "run",
    grid: Optional[Mapping[str, Any]] = None,
    lhs: Optional[int] = None,
    ranges: Optional[Mapping[str, Tuple[float, float]]] = None,
    seed: Optional[int] = None,
    out: _PathLike,
    backend: str = "serial",
    address: Optional[str] = None,
    progress: bool = False,
    sets: Sequence[str] = (),
    range_specs: Sequence[str] = (),
) -> SweepResult:
    """Run ``study``'s headline figures (``size``, ``engage``, ``cost``,
    ``stability`` or ``run``: all of them) over a design of settings of
    ``scenario`` (default: the built-in default), one row per point in the
    Parquet dataset ``out`` (a directory; a rerun of the same sweep resumes
    it, another sweep's is refused), as ``cupola sweep`` does.

    - ``grid``: ``{key.path: [v1, v2, ...]}``, the cartesian product in
      nested-loop order (the first key varies slowest); a single value is a
      plain override of every point.
    - ``lhs=N`` with ``ranges={key.path: (low, high)}``: a Latin hypercube
      of N points (seeded by ``seed``, default the scenario's); with a grid,
      at every grid point.
    - ``sets`` / ``range_specs``: the same given as ``cupola sweep``'s
      ``--set KEY=V1,V2,...`` and ``--range KEY=LOW:HIGH`` text.
    - ``backend="serial"`` runs the points here (in parallel on this
      machine's cores); ``backend="ray"`` sends each point as a Ray task to
      the cluster at ``address`` (default: the Ray instance this process
      has, or a local one started for the sweep) and writes each row here.

    Returns a ``SweepResult`` (``to_pandas()`` reads the dataset). Raises
    ``InputError`` for a bad design (naming the flag, as the command line
    does), ``ScenarioError`` for a scenario that does not read.
    """
    if scenario is None:
        scenario = Scenario.default()
    grid_sets, grid_ranges = _plan_args(grid, ranges)
    plan = SweepPlan(
        scenario,
        study,
        list(sets) + grid_sets,
        lhs,
        list(range_specs) + grid_ranges,
        seed,
    )
    out = Path(out)
    if backend == "serial":
        if address is not None:
            raise InputError("address: the address of a Ray cluster goes with backend='ray'")
        return SweepResult(plan.run(out))
    if backend == "ray":
        return SweepResult(_ray_run(plan, out, address, progress))
    raise InputError(f"backend={backend!r}: one of 'serial', 'ray'")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m cupola.sweep [FILE] --out DIR --study STUDY [--set
    KEY=V1,V2,...]... [--lhs N] [--range KEY=LOW:HIGH]... [--seed S]
    [--address ADDR] [--budget-scale X] [--progress] [--json]``: the sweep
    on Ray, as ``cupola sweep --backend ray`` hands it over. Exit 0 done, 2
    bad input, 1 a failure."""
    p = argparse.ArgumentParser(prog="python -m cupola.sweep", description=main.__doc__)
    p.add_argument("file", nargs="?")
    p.add_argument("--out", required=True)
    p.add_argument("--study", default="run")
    p.add_argument("--set", dest="sets", action="append", default=[])
    p.add_argument("--lhs", type=int)
    p.add_argument("--range", dest="ranges", action="append", default=[])
    p.add_argument("--seed", type=int)
    p.add_argument("--address")
    p.add_argument("--budget-scale", type=float)
    p.add_argument("--progress", action="store_true")
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    try:
        if a.budget_scale is not None:
            _native.set_budget_scale(a.budget_scale)
        scenario = Scenario.default() if a.file is None else Scenario.from_file(a.file)
        r = sweep(
            scenario,
            study=a.study,
            sets=a.sets,
            lhs=a.lhs,
            range_specs=a.ranges,
            seed=a.seed,
            out=a.out,
            backend="ray",
            address=a.address,
            progress=a.progress,
        )
    except (ScenarioError, InputError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(r.to_dict(), indent=2))
    else:
        print(
            f"sweep of {r.points} point{'' if r.points == 1 else 's'} ({a.study} figures): "
            f"{r.computed} computed, {r.skipped} already done (skipped), {r.refused} refused "
            "by the scenario or a study"
        )
        print(
            f'dataset: {r.dir} (one Parquet file per point; pandas.read_parquet("{r.dir}") '
            "reads it whole)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
