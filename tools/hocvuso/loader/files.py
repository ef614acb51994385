"""Reading author files safely: size limits, UTF-8, characters XML can hold, and paths kept inside a folder.

Every text the compiler reads comes through :func:`read_text`, so the one
check for characters that XML 1.0 cannot hold (C0 controls other than tab
and newline, U+FFFE, U+FFFF) covers every field of every file: each is
reported at its line and column and removed, so nothing downstream ever
meets one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics, Location, codes, terms
from hocvuso.diagnostics.terms import shown

if TYPE_CHECKING:
    from hocvuso.diagnostics.terms import Term

# Six times the largest real source; markdown-it-py takes up to ~35 µs a byte on hostile text (a line of 300 KB of "[").
MAX_TEXT_BYTES = 300_000
# Characters outside XML 1.0's Char production (after '\r' became '\n').
NON_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Linux and macOS refuse longer folder or file names (bytes, not characters).
MAX_NAME_BYTES = 255
MAX_PATH_CHARS = 1024


def read_text(path: Path, diags: Diagnostics, loc: Location | None = None, base: Path | None = None) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    where = loc or Location(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        diags.add(codes.FILE_NOT_FOUND, where, path=str(path.name), base=str(base or path.parent))
        return None
    except OSError:
        diags.add(codes.FILE_NOT_FOUND, where, path=shown(path.name), base=str(base or path.parent))
        return None
    if len(data) > MAX_TEXT_BYTES:
        diags.add(codes.FILE_TOO_LARGE, Location(path), size=len(data), limit=MAX_TEXT_BYTES)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        diags.add(codes.FILE_NOT_UTF8, Location(path, line))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if NON_XML.search(text):
        text = strip_control_chars(text, path, diags)
    diags.remember_source(path, text)
    return text


def strip_control_chars(text: str, path: Path, diags: Diagnostics) -> str:
    """Report each character XML cannot hold at its line and column, and remove it."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for match in NON_XML.finditer(line):
            diags.add(codes.TEXT_CONTROL_CHAR, Location(path, number, match.start() + 1),
                      char=f"U+{ord(match.group()):04X}")
    return NON_XML.sub("", text)


def path_problem(ref: str) -> Term | None:
    """Why ``ref`` can never name a file (a control character, an over-long name), or None."""
    if any(ord(ch) < 32 or ch == "\x7f" for ch in ref):
        return terms.NUL_IN_PATH
    if len(ref) > MAX_PATH_CHARS:
        return terms.PATH_TOO_LONG
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in ref.split("/")):
        return terms.NAME_TOO_LONG
    return None


def resolve_inside(root: Path, ref: str, base: Path | None = None) -> Path | None:
    """``base/ref`` (base defaults to root) if it stays inside ``root``, else None.

    Absolute paths, drive letters and backslashes are refused before touching
    the file system; '..' is allowed only while the result stays in ``root``
    (symlinks are resolved first, so a link cannot lead outside either).
    """
    if not ref or path_problem(ref) or ref.startswith(("/", "\\", "~")) or "\\" in ref \
            or ":" in PurePosixPath(ref).parts[0]:
        return None
    try:
        root = root.resolve()
        candidate = ((base or root) / ref).resolve()
        candidate.relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside, or a symlink loop
        return None
    return candidate


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
