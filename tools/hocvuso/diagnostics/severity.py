"""How bad a diagnostic is (not to be confused with a proficiency level of the framework)."""

from __future__ import annotations

from enum import IntEnum


class Severity(IntEnum):
    """How bad a diagnostic is; a build fails at ERROR."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()
