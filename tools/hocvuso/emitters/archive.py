"""Reproducible archives: same files in, byte-identical .tar.gz or .zip out.

Entries are sorted, timestamps fixed, owners blanked, and gzip's own header
carries no name or time, so rebuilding unchanged sources changes nothing.
"""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import time
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

# 2000-01-01 00:00:00 UTC; SOURCE_DATE_EPOCH overrides it, as in Sphinx and Debian.
FIXED_EPOCH = 946684800


def epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", FIXED_EPOCH))


def _read(data: bytes | Path) -> bytes:
    return data if isinstance(data, bytes) else data.read_bytes()


def write_tar_gz(entries: dict[str, bytes | Path], dest: Path) -> None:
    """Write a .tar.gz of ``entries`` (archive name → bytes or a file), with fixed metadata.

    Headers are written directly (``TarInfo.tobuf``) rather than through
    ``TarFile.addfile``, which copies each header object: a course is
    thousands of small files and that copy was a visible share of a build.
    """
    raw = io.BytesIO()
    for directory in sorted(_parents(entries)):
        info = tarfile.TarInfo(directory)
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        raw.write(_header(info))
    for name in sorted(entries):
        data = _read(entries[name])
        info = tarfile.TarInfo(name)
        info.size, info.mode = len(data), 0o644
        raw.write(_header(info))
        raw.write(data)
        raw.write(b"\0" * (-len(data) % tarfile.BLOCKSIZE))
    raw.write(b"\0" * (2 * tarfile.BLOCKSIZE))  # end-of-archive marker
    raw.write(b"\0" * (-raw.tell() % tarfile.RECORDSIZE))
    with dest.open("wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=6) as gz:
        gz.write(raw.getvalue())


def _header(info: tarfile.TarInfo) -> bytes:
    _fix(info)
    return info.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape")


def _parents(entries: dict[str, bytes | Path]) -> set[str]:
    parents: set[str] = set()
    for name in entries:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            parents.add("/".join(parts[:i]))
    return parents


def _fix(info: tarfile.TarInfo) -> None:
    info.mtime = epoch()
    info.uid = info.gid = 0
    info.uname = info.gname = ""


def write_zip(entries: Mapping[str, bytes | Path], dest: Path, first: tuple[str, ...] = ()) -> None:
    """Write a .zip with ``first`` entries leading and the rest sorted, fixed times."""
    order = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    stamp = _zip_time()
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, _read(entries[name]))


def _zip_time() -> tuple[int, int, int, int, int, int]:
    t = time.gmtime(max(epoch(), 315532800))  # zip cannot hold dates before 1980
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)
