"""The ':::' blocks of a Markdown file, read the same way for lessons and item banks.

A block opens with ``::: name options`` and closes with a line of colons.
markdown-it's fence plugin lets an unclosed block run on to the next closing
line anywhere below, so a forgotten ``:::`` after a teacher note would hide
the rest of the lesson from learners.  Here a block must close before the
next ``#``/``##`` heading and before the next block opens; otherwise it is
reported once, at its opening line, and its content is not read at all (so
one forgotten line gives one error, not a cascade).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes, terms
from hocvuso.diagnostics.terms import Term, did_you_mean, shown

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from markdown_it.token import Token

    from hocvuso.diagnostics import Diagnostics

FENCES = ("quiz", "task", "teacher", "narration")
FENCE_OPTIONS: dict[str, tuple[str, ...]] = {
    "quiz": ("competency", "level", "points"), "narration": ("audio",), "task": (), "teacher": (),
}
FENCE_FLAGS: dict[str, tuple[str, ...]] = {"quiz": ("in-video",)}

_HEADING = re.compile(r"^ {0,3}#{1,2}(?:\s|$)")
_OPENING = re.compile(r"^ {0,3}:{3,}\s*[^\s:]")
_CODE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass(frozen=True, slots=True)
class Fence:
    """One well-formed block: its name, options, text, and where it is."""

    name: str
    content: str
    first: int
    loc: Location
    options: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class FenceReader:
    """Checks the blocks of one file; ``allowed`` names the blocks this kind of file may hold."""

    path: Path
    lines: Sequence[str]
    diags: Diagnostics
    allowed: tuple[str, ...] = FENCES
    not_allowed_hint: Term | None = None

    def read(self, token: Token, body_line: int) -> Fence | None:
        """The block of a ``colon_fence`` token (whose line 0 is file line ``body_line``), or None."""
        start = body_line + (token.map or (0, 0))[0]
        loc = Location(self.path, start, 1)
        name, args = _split_info(token.info)
        if name not in self.allowed:
            hint = self.not_allowed_hint if name in FENCES and self.not_allowed_hint else did_you_mean(name, list(FENCES))
            self.diags.add(codes.FENCE_UNKNOWN, loc, name=shown(name), suggestion=hint)
            return None
        if not self._closed(token, body_line) or _runs_on(name, token.content):
            self.diags.add(codes.FENCE_UNCLOSED, loc, name=name)
            return None
        options = self._options(name, args, loc)
        if options is None:
            return None
        return Fence(name, token.content, start + 1, loc, options)

    def _closed(self, token: Token, body_line: int) -> bool:
        begin, end = token.map or (0, 1)
        last_line = body_line + end - 1
        text = self.lines[last_line - 1].strip() if 0 < last_line <= len(self.lines) else ""
        return end - 1 > begin and set(text) == {":"} and len(text) >= 3

    def _options(self, name: str, args: list[str], loc: Location) -> dict[str, str] | None:
        options: dict[str, str] = {}
        allowed = FENCE_OPTIONS[name]
        for arg in args:
            if arg in FENCE_FLAGS.get(name, ()):
                options[arg] = "true"
                continue
            key, sep, value = arg.partition("=")
            if not sep or key not in allowed:
                self.diags.add(codes.FENCE_BAD_OPTION, loc, option=shown(arg), name=name,
                               allowed=", ".join(f"{a}=…" for a in allowed) or terms.NO_OPTIONS)
                return None
            options[key] = value
        return options


def _split_info(info: str) -> tuple[str, list[str]]:
    try:
        words = shlex.split(info.strip())
    except ValueError:  # an unbalanced quote: read the words as written
        words = info.split()
    return (words[0], words[1:]) if words else ("", [])


def _runs_on(name: str, content: str) -> bool:
    """Whether the block's text holds a section heading or another block's opening line.

    Then its closing line belongs to something further down: the author forgot
    this block's own.  Task blocks hold YAML, whose comments start with '#'.
    """
    in_code = False
    for line in content.split("\n"):
        if _CODE.match(line):
            in_code = not in_code
        elif not in_code and (_OPENING.match(line) or (name != "task" and _HEADING.match(line))):
            return True
    return False
