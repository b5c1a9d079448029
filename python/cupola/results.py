"""Study results: one class per study, each wrapping the report the Rust
facade made.

A result gives exactly what the command line gives for the same scenario
and options: ``to_dict()`` is the object ``cupola STUDY --json`` prints,
``summary`` the text ``cupola STUDY`` prints, and ``tables`` the tables
``cupola STUDY --out DIR`` writes, as pandas DataFrames (``to_pandas``) or
pyarrow Tables (``to_arrow``). The top-level keys of the JSON object are
attributes (``result.provenance``, ``result.sizing``, ...).
"""

import io
import json
from typing import Any, Dict, List, Optional

__all__ = [
    "Result",
    "RunResult",
    "TrajectoryResult",
    "ConstellationResult",
    "DetectResult",
    "SizeResult",
    "EngageResult",
    "CostResult",
    "StabilityResult",
    "SensitivityResult",
    "UncertaintyResult",
    "ReproduceResult",
    "AssumptionsResult",
    "CheckResult",
]


class Result:
    """The result of one study: its JSON object, summary and tables."""

    #: The command that gives the same result (``cupola STUDY``).
    study = ""
    #: The table ``to_pandas()`` and ``to_arrow()`` give when none is named
    #: (the first table whose name starts with it).
    main = ""

    def __init__(self, report):
        self._report = report
        self._dict = None

    def to_json(self) -> str:
        """The JSON text ``cupola STUDY --json`` prints (without its final
        line feed)."""
        return self._report.json

    def to_dict(self) -> Dict[str, Any]:
        """The object ``cupola STUDY --json`` prints, as Python values (a
        new copy on each call)."""
        return json.loads(self._report.json)

    @property
    def summary(self) -> str:
        """The readable summary ``cupola STUDY`` prints."""
        return self._report.summary

    def __str__(self) -> str:
        return self.summary

    def _data(self) -> Dict[str, Any]:
        # The JSON object, parsed once, for the attributes.
        if self._dict is None:
            self._dict = self.to_dict()
        return self._dict

    def __repr__(self) -> str:
        scenario = (self._data().get("provenance") or {}).get("scenario", "?")
        return f"<{type(self).__name__} of {scenario!r}>"

    def __getattr__(self, name: str) -> Any:
        # A top-level key of the JSON object.
        if name.startswith("_"):
            raise AttributeError(name)
        data = self._data()
        try:
            return data[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no {name!r}; its keys are {sorted(data)}"
            ) from None

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._data()))

    def _files(self) -> Dict[str, bytes]:
        return dict(self._report.tables())

    @property
    def tables(self) -> List[str]:
        """The names of the tables ``cupola STUDY --out`` writes (file names
        without ``.csv``), in the order it writes them."""
        return [n[: -len(".csv")] for n in self._files() if n.endswith(".csv")]

    def _table_name(self, table: Optional[str]) -> str:
        names = self.tables
        if table is None:
            table = next((n for n in names if n.startswith(self.main)), None) if self.main else None
            if table is None:
                raise ValueError(
                    f"{type(self).__name__}: name a table; it has {names}"
                )
        if table not in names:
            raise KeyError(f"{type(self).__name__} has no table {table!r}; it has {names}")
        return table

    def to_arrow(self, table: Optional[str] = None):
        """The table ``table`` (default: the study's main table) as a
        ``pyarrow.Table``: the Parquet file ``--out`` writes when there is
        one, else its CSV file."""
        name = self._table_name(table)
        files = self._files()
        if name + ".parquet" in files:
            import pyarrow.parquet as pq

            return pq.read_table(io.BytesIO(files[name + ".parquet"]))
        import pyarrow.csv as pc

        return pc.read_csv(io.BytesIO(files[name + ".csv"]))

    def to_pandas(self, table: Optional[str] = None):
        """The table ``table`` (default: the study's main table) as a
        ``pandas.DataFrame``: the Parquet file ``--out`` writes when there
        is one, else its CSV file."""
        name = self._table_name(table)
        files = self._files()
        import pandas as pd

        if name + ".parquet" in files:
            return pd.read_parquet(io.BytesIO(files[name + ".parquet"]))
        return pd.read_csv(io.BytesIO(files[name + ".csv"]))


class RunResult(Result):
    """``cupola run``: every study the scenario defines (``constellations``,
    ``trajectories``, ``detections``, ``sizing``, ``engagement``,
    ``cost``, ``stability``, ``assumptions``)."""

    study = "run"
    main = "sizing"


class TrajectoryResult(Result):
    """``cupola trajectory``: each launch flown (``trajectories``); a table
    ``trajectory-LAUNCH`` and ``timeline-LAUNCH`` per launch."""

    study = "trajectory"
    main = "trajectory-"


class ConstellationResult(Result):
    """``cupola constellation``: the constellations and their coverage by
    latitude band (``constellations``, ``coverage``)."""

    study = "constellation"
    main = "coverage"


class DetectResult(Result):
    """``cupola detect``: when the sensor layer sees and tracks each launch
    (``trajectories``, ``detections``); a table ``detection-LAUNCH`` per
    launch."""

    study = "detect"
    main = "detection-"


class SizeResult(Result):
    """``cupola size``: the SBIs needed for the salvo, beside the analytic
    absentee-ratio models, with sweeps (``sizing``)."""

    study = "size"
    main = "sizing"


class EngageResult(Result):
    """``cupola engage``: the attack through every layer, many times over,
    and the leak curve (``engagement``)."""

    study = "engage"
    main = "engagement-layers"


class CostResult(Result):
    """``cupola cost``: the life-cycle cost by element and year (``cost``)."""

    study = "cost"
    main = "cost-by-element"


class StabilityResult(Result):
    """``cupola stability``: the attacker's cheapest counter, cost-exchange
    ratios, the arms race, retaliation (``stability``)."""

    study = "stability"
    main = "cost-exchange"


class SensitivityResult(Result):
    """``cupola sensitivity``: each assumption at both ends of its range,
    its effect on every headline figure."""

    study = "sensitivity"
    main = "sensitivity"


class UncertaintyResult(Result):
    """``cupola uncertainty``: a Latin hypercube over the assumptions, each
    headline figure's median and 5-95% band."""

    study = "uncertainty"
    main = "bands"


class ReproduceResult(Result):
    """``cupola reproduce``: each published figure beside cupola's."""

    study = "reproduce"
    main = "reproduce"


class AssumptionsResult(Result):
    """``cupola assumptions``: every non-physical value the scenario uses,
    with its range and basis."""

    study = "assumptions"
    main = "assumptions"


class CheckResult:
    """``cupola check``: the scenario checked as far as any study would
    before it starts (its model built), and the work and memory each study
    is estimated at (``estimates``, each a dict with ``study``, ``core_s``,
    ``memory_bytes``, ``detail``, ``drivers`` and ``summary``)."""

    study = "check"

    def __init__(self, scenario, estimates, warnings):
        self.scenario = scenario
        self.estimates = estimates
        self.warnings = warnings

    def to_dict(self) -> Dict[str, Any]:
        """The check as a dict (``cupola check`` has no JSON form): the
        scenario's source, its warnings and the estimates."""
        return {
            "scenario": self.scenario,
            "warnings": list(self.warnings),
            "estimates": [dict(e) for e in self.estimates],
        }

    def to_pandas(self):
        """The estimates as a DataFrame, one row per study."""
        import pandas as pd

        return pd.DataFrame(self.estimates)

    def to_arrow(self):
        """The estimates as a pyarrow Table, one row per study."""
        import pyarrow as pa

        return pa.Table.from_pylist(self.estimates)

    @property
    def summary(self) -> str:
        """The lines ``cupola check`` prints for the estimates."""
        return "\n".join(e["summary"] for e in self.estimates)

    def __repr__(self) -> str:
        return f"<CheckResult of {self.scenario!r}: ok>"
