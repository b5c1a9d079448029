"""Type stubs of cupola's native module (``cupola._native``)."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from cupola.results import CheckResult

__version__: str

OverrideValue = Union[bool, int, float, str, List[Any], Mapping[str, Any]]

class Problem:
    """One problem of a scenario, located in its text."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str: ...
    @property
    def help(self) -> Optional[str]: ...
    @property
    def code(self) -> str: ...
    @property
    def key(self) -> Optional[str]: ...

class ScenarioError(ValueError):
    """A scenario that cannot be read, or an override that cannot be applied."""

    message: str
    problems: List[Problem]
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    key: Optional[str]
    setting: Optional[str]

class InputError(ValueError):
    """Bad input that is not a scenario's key (an option, a study over the budget)."""

class InternalError(RuntimeError):
    """A fault inside cupola."""

class Report:
    """A study's report as the facade makes it (wrapped by ``cupola.results``)."""

    @property
    def study(self) -> str: ...
    @property
    def json(self) -> str: ...
    @property
    def summary(self) -> str: ...
    def tables(self) -> List[Tuple[str, bytes]]: ...

class Scenario:
    """A validated scenario; immutable (overrides give a new one)."""

    @staticmethod
    def from_file(path: Union[str, PathLike[str]]) -> Scenario: ...
    @staticmethod
    def from_toml(
        text: str,
        name: str = "<string>",
        base_dir: Optional[Union[str, PathLike[str]]] = None,
    ) -> Scenario: ...
    @staticmethod
    def from_dict(
        data: Dict[str, Any],
        name: str = "<dict>",
        base_dir: Optional[Union[str, PathLike[str]]] = None,
    ) -> Scenario: ...
    @staticmethod
    def default() -> Scenario: ...
    def with_overrides(
        self, overrides: Union[Mapping[str, OverrideValue], Iterable[str]]
    ) -> Scenario: ...
    def check(self) -> CheckResult: ...
    @property
    def name(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def toml(self) -> str: ...
    @property
    def overrides(self) -> List[str]: ...
    @property
    def seed(self) -> int: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def hash(self) -> str: ...

_Path = Union[str, PathLike[str]]

def run(scenario: Scenario) -> Report: ...
def trajectory(scenario: Scenario, launch: Optional[str] = None, step_s: float = 5.0) -> Report: ...
def constellation(scenario: Scenario) -> Report: ...
def detect(scenario: Scenario) -> Report: ...
def size(
    scenario: Scenario,
    sweeps: Optional[List[str]] = None,
    no_sweeps: bool = False,
    samples: Optional[int] = None,
) -> Report: ...
def engage(scenario: Scenario, trials: Optional[int] = None, no_sweep: bool = False) -> Report: ...
def cost(scenario: Scenario) -> Report: ...
def stability(
    scenario: Scenario, trials: Optional[int] = None, rounds: Optional[int] = None
) -> Report: ...
def sensitivity(scenario: Scenario, keys: Optional[List[str]] = None) -> Report: ...
def uncertainty(
    scenario: Scenario,
    samples: int = 256,
    keys: Optional[List[str]] = None,
    seed: Optional[int] = None,
    resume: Optional[_Path] = None,
) -> Report: ...
def reproduce(
    scenarios: Optional[List[Scenario]] = None,
    names: Optional[List[str]] = None,
    all: bool = False,
    overrides: Optional[Union[Mapping[str, Any], Iterable[str]]] = None,
) -> Report: ...
def assumptions(scenario: Scenario) -> Report: ...
def check(scenario: Scenario) -> List[Dict[str, Any]]: ...
def missiles() -> str: ...
def set_budget_scale(scale: float) -> None: ...
