"""Type stubs of cupola's native module (``cupola._native``)."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

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
    def check(self) -> List[str]: ...
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
