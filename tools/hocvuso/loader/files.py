"""Reading author files safely: size limits, UTF-8, and paths kept inside a folder."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from hocvuso.diagnostics import Diagnostics, Location, codes

MAX_TEXT_BYTES = 1_000_000


def read_text(path: Path, diags: Diagnostics, loc: Location | None = None, base: Path | None = None) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    where = loc or Location(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        diags.add(codes.FILE_NOT_FOUND, where, path=str(path.name), base=str(base or path.parent))
        return None
    except OSError as err:
        diags.add(codes.FILE_NOT_FOUND, where, path=f"{path.name} ({err.strerror})", base=str(base or path.parent))
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
    diags.remember_source(path, text)
    return text


def resolve_inside(root: Path, ref: str, base: Path | None = None) -> Path | None:
    """``base/ref`` (base defaults to root) if it stays inside ``root``, else None.

    Absolute paths, drive letters and backslashes are refused before touching
    the file system; '..' is allowed only while the result stays in ``root``
    (symlinks are resolved first, so a link cannot lead outside either).
    """
    if not ref or ref.startswith(("/", "\\", "~")) or "\\" in ref or ":" in PurePosixPath(ref).parts[0]:
        return None
    root = root.resolve()
    candidate = ((base or root) / ref).resolve()
    try:
        candidate.relative_to(root)
    except ValueError:
        return None
    return candidate


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
