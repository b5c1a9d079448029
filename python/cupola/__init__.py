"""cupola: layered, space-based missile defense studies, from Python.

Every number is computed by cupola's Rust crates through the native module
``cupola._native``; this package converts scenarios and results between
Python and them.

    import cupola
    s = cupola.Scenario.default().with_overrides({"sbi.budget.decision_s": 45.0})
"""

from cupola._native import Problem, Scenario, ScenarioError, __version__

__all__ = ["Problem", "Scenario", "ScenarioError", "__version__"]
