"""cupola: layered, space-based missile defense studies, from Python.

Every number is computed by cupola's Rust library (the facade the command
line uses) through the native module ``cupola._native``, with the GIL
released; this package converts scenarios and results between Python and
it. A study's result equals what ``cupola STUDY --json`` prints for the
same scenario and options::

    import cupola

    s = cupola.Scenario.default().with_overrides({"sbi.budget.decision_s": 45.0})
    r = cupola.size(s, no_sweeps=True)
    r.to_dict()["sizing"]["result"]      # the JSON object of `cupola size --json`
    r.to_pandas()                        # the table sizing.csv of `--out`
"""

from typing import Iterable, Optional, Sequence, Union

from cupola import _native
from cupola._native import (
    InputError,
    InternalError,
    Problem,
    Scenario,
    ScenarioError,
    __version__,
    set_budget_scale,
)
from cupola import results as _results
from cupola._sweep import SweepResult, sweep
from cupola.results import (
    AssumptionsResult,
    CheckResult,
    ConstellationResult,
    CostResult,
    DetectResult,
    EngageResult,
    ReproduceResult,
    Result,
    RunResult,
    SensitivityResult,
    SizeResult,
    StabilityResult,
    TrajectoryResult,
    UncertaintyResult,
)

__all__ = [
    "Scenario",
    "ScenarioError",
    "InputError",
    "InternalError",
    "Problem",
    "run",
    "trajectory",
    "constellation",
    "detect",
    "size",
    "engage",
    "cost",
    "stability",
    "sensitivity",
    "uncertainty",
    "reproduce",
    "assumptions",
    "check",
    "missiles",
    "sweep",
    "SweepResult",
    "set_budget_scale",
    "__version__",
] + _results.__all__


def _scenario(scenario: Optional[Scenario]) -> Scenario:
    if scenario is None:
        return Scenario.default()
    if not isinstance(scenario, Scenario):
        raise TypeError(
            f"expected a cupola.Scenario (or None for the default), not {type(scenario).__name__}"
        )
    return scenario


def run(scenario: Optional[Scenario] = None) -> RunResult:
    """``cupola run``: every study the scenario (default: the built-in
    default) defines."""
    return RunResult(_native.run(_scenario(scenario)))


def trajectory(
    scenario: Optional[Scenario] = None,
    *,
    launch: Optional[str] = None,
    step_s: Optional[float] = None,
    missile: Optional[str] = None,
    site: Optional[Sequence[float]] = None,
    aim: Optional[Sequence[float]] = None,
    profile: str = "minimum-energy",
    apogee_km: Optional[float] = None,
    flight_time_s: Optional[float] = None,
) -> TrajectoryResult:
    """``cupola trajectory [--launch NAME] [--step-s S]``: the scenario's
    launches (or the one named ``launch``) flown and sampled every
    ``step_s`` seconds (default: the command line's 5 s). With ``missile``, ``site`` and ``aim`` (each
    ``(latitude_deg, longitude_deg[, altitude_km])``) instead of a
    scenario: ``cupola trajectory --missile NAME --site ... --aim ...
    [--profile minimum-energy|lofted|depressed] [--apogee-km KM]
    [--flight-time-s S]``, a catalog missile flown between two points."""
    if missile is not None or site is not None or aim is not None:
        if scenario is not None or launch is not None:
            raise InputError("trajectory: give a scenario (and launch), or missile, site and aim")
        if missile is None or site is None or aim is None:
            raise InputError("trajectory: missile, site and aim go together")
        step = {} if step_s is None else {"step_s": step_s}
        return TrajectoryResult(
            _native.trajectory_adhoc(missile, list(site), list(aim), profile, apogee_km, flight_time_s, **step)
        )
    step = {} if step_s is None else {"step_s": step_s}
    return TrajectoryResult(_native.trajectory(_scenario(scenario), launch, **step))


def constellation(scenario: Optional[Scenario] = None) -> ConstellationResult:
    """``cupola constellation``: the constellations and their coverage."""
    return ConstellationResult(_native.constellation(_scenario(scenario)))


def detect(scenario: Optional[Scenario] = None) -> DetectResult:
    """``cupola detect``: when the sensor layer sees and tracks each launch."""
    return DetectResult(_native.detect(_scenario(scenario)))


def size(
    scenario: Optional[Scenario] = None,
    *,
    sweeps: Optional[Sequence[str]] = None,
    no_sweeps: bool = False,
    samples: Optional[int] = None,
) -> SizeResult:
    """``cupola size [--sweep S]... [--no-sweeps] [--samples N]``: the SBIs
    the ``[sbi]`` layer needs against the ``[size]`` salvo. ``sweeps`` names
    some of ``salvo``, ``boost``, ``delta-v``, ``altitude``,
    ``inclination`` (default: every sweep of ``[size.sweep]``)."""
    return SizeResult(
        _native.size(
            _scenario(scenario),
            None if sweeps is None else list(sweeps),
            no_sweeps,
            samples,
        )
    )


def engage(
    scenario: Optional[Scenario] = None,
    *,
    trials: Optional[int] = None,
    no_sweep: bool = False,
) -> EngageResult:
    """``cupola engage [--trials N] [--no-sweep]``: the attack through every
    layer, many times over, and the leak curve."""
    return EngageResult(_native.engage(_scenario(scenario), trials, no_sweep))


def cost(scenario: Optional[Scenario] = None) -> CostResult:
    """``cupola cost``: the life-cycle cost of the defense."""
    return CostResult(_native.cost(_scenario(scenario)))


def stability(
    scenario: Optional[Scenario] = None,
    *,
    trials: Optional[int] = None,
    rounds: Optional[int] = None,
) -> StabilityResult:
    """``cupola stability [--trials N] [--rounds N]``: the attacker's cheapest
    counter, cost-exchange ratios, the arms race and retaliation."""
    return StabilityResult(_native.stability(_scenario(scenario), trials, rounds))


def sensitivity(
    scenario: Optional[Scenario] = None,
    *,
    keys: Optional[Sequence[str]] = None,
) -> SensitivityResult:
    """``cupola sensitivity [--keys K,...]``: each assumption at both ends of
    its range, its effect on every headline figure."""
    return SensitivityResult(
        _native.sensitivity(_scenario(scenario), None if keys is None else list(keys))
    )


def uncertainty(
    scenario: Optional[Scenario] = None,
    *,
    samples: Optional[int] = None,
    keys: Optional[Sequence[str]] = None,
    seed: Optional[int] = None,
    resume=None,
) -> UncertaintyResult:
    """``cupola uncertainty [--samples N] [--keys K,...] [--seed S] [--resume
    DIR]``: a Latin hypercube over the assumptions' ranges (``samples``
    points; default the command line's 256)."""
    n = {} if samples is None else {"samples": samples}
    return UncertaintyResult(
        _native.uncertainty(
            _scenario(scenario),
            keys=None if keys is None else list(keys),
            seed=seed,
            resume=None if resume is None else str(resume),
            **n,
        )
    )


def reproduce(
    studies: Union[None, str, Scenario, Iterable[Union[str, Scenario]]] = None,
    *,
    all: bool = False,
    overrides=None,
) -> ReproduceResult:
    """``cupola reproduce NAME`` / ``--all``: the figures published studies
    report beside cupola's. ``studies`` is a literature scenario's name
    (``"aps-2003"``), a scenario file's path, a ``Scenario`` with
    ``[[published]]`` tables, or a list of them; ``all=True`` takes every
    literature scenario. ``overrides`` (as ``Scenario.with_overrides``)
    apply to the named ones."""
    if isinstance(studies, (str, Scenario)):
        studies = [studies]
    studies = list(studies or [])
    scenarios = [s for s in studies if isinstance(s, Scenario)]
    names = [str(s) for s in studies if not isinstance(s, Scenario)]
    return ReproduceResult(_native.reproduce(scenarios, names, all, overrides))


def assumptions(scenario: Optional[Scenario] = None) -> AssumptionsResult:
    """``cupola assumptions``: every non-physical value the scenario uses,
    with its range and basis."""
    return AssumptionsResult(_native.assumptions(_scenario(scenario)))


def check(scenario: Optional[Scenario] = None) -> CheckResult:
    """``cupola check``: the scenario checked as far as any study would
    before it starts (its model built) and each study's work and memory
    estimated against the budget. Raises ``ScenarioError``, or
    ``InputError`` naming the first study over the budget."""
    s = _scenario(scenario)
    return CheckResult(s.source, _native.check(s), s.warnings)


def missiles() -> list:
    """``cupola missiles --json``: the catalog of generic missiles."""
    import json

    return json.loads(_native.missiles())
