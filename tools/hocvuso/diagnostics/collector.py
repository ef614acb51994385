"""Diagnostics: located, coded problems collected during a build.

Problems in the author's input are values, not exceptions: every stage adds
them to a :class:`Diagnostics` collector and carries on, so that one run of
``hocvuso check`` reports everything at once.  Exceptions are kept for bugs
and for the few failures that stop a run (:class:`CompilerError`).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hocvuso.diagnostics.severity import Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from hocvuso.diagnostics.codes import Code


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a source file; line and column count from 1 (0 = unknown)."""

    path: Path
    line: int = 0
    col: int = 0

    def shifted(self, lines: int = 0, col: int | None = None) -> Location:
        """The location ``lines`` further down, optionally at another column."""
        return Location(self.path, self.line + lines, self.col if col is None else col)

    def __str__(self) -> str:
        text = display_path(self.path)
        if self.line:
            text += f":{self.line}"
            if self.col:
                text += f":{self.col}"
        return text


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a catalogue code, where it is, and the values its message names."""

    code: Code
    loc: Location
    args: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def message(self, lang: str = "vi") -> str:
        return self.code.message(lang, self.args)

    def fix(self, lang: str = "vi") -> str:
        return self.code.fix(lang, self.args)


class Diagnostics:
    """Collects diagnostics; knows the source texts so it can quote them."""

    def __init__(self, ignore: Iterable[str] = ()) -> None:
        self._items: list[Diagnostic] = []
        self._ignore = tuple(ignore)
        self._sources: dict[Path, list[str]] = {}

    def add(self, code: Code, loc: Location, /, **args: Any) -> None:
        """Record a problem unless its code is ignored (``HV201``, ``image.*`` …)."""
        if not self._ignored(code):
            self._items.append(Diagnostic(code, loc, args))

    def extend(self, other: Diagnostics) -> None:
        self._items.extend(other._items)
        self._sources.update(other._sources)

    def remember_source(self, path: Path, text: str) -> None:
        """Keep a file's text so that messages can show the offending line."""
        self._sources[path] = text.splitlines()

    def _ignored(self, code: Code) -> bool:
        for pattern in self._ignore:
            if pattern in (code.id, code.name):
                return True
            if pattern.endswith(".*") and code.name.startswith(pattern[:-1]):
                return True
        return False

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._items, key=lambda d: (d.loc, d.code.id)))

    def __len__(self) -> int:
        return len(self._items)

    def worst(self) -> Severity | None:
        return max((d.severity for d in self._items), default=None)

    def has_errors(self) -> bool:
        return any(d.severity >= Severity.ERROR for d in self._items)

    def count_errors(self) -> int:
        """Errors so far: compare before and after a step to see if it failed."""
        return self.count(Severity.ERROR)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self._items if d.severity == severity)

    def codes(self) -> Counter[str]:
        return Counter(d.code.id for d in self._items)

    def excerpt(self, loc: Location) -> list[str]:
        """The source line of ``loc`` with a caret under its column."""
        lines = self._sources.get(loc.path)
        if lines is None:
            try:
                lines = loc.path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            self._sources[loc.path] = lines
        if not loc.line or loc.line > len(lines):
            return []
        text = lines[loc.line - 1].rstrip()
        gutter = f"{loc.line:>5} | "
        out = [gutter + text]
        if loc.col:
            out.append(" " * (len(gutter) - 2) + "| " + " " * (loc.col - 1) + "^")
        return out

    def render(self, diag: Diagnostic, lang: str = "vi") -> str:
        """``path:line:col: level: message [HV201 image.missing_alt]`` plus excerpt and fix."""
        head = f"{diag.loc}: {diag.severity.label}: {diag.message(lang)} [{diag.code.id} {diag.code.name}]"
        parts = [head, *self.excerpt(diag.loc)]
        fix = diag.fix(lang)
        if fix:
            parts.append(("  cách sửa: " if lang == "vi" else "  fix: ") + fix)
        return "\n".join(parts)

    def summary(self, lang: str = "vi") -> str:
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        if lang == "vi":
            return f"{errors} lỗi, {warnings} cảnh báo"
        return f"{errors} error(s), {warnings} warning(s)"


class CompilerError(Exception):
    """A failure that stops the run; not an author mistake (those are diagnostics)."""

    category = "Compiler error"
