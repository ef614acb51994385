"""Course files referenced from lessons: found, checked, and given flat names."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes
from hocvuso.diagnostics.terms import Suggestion, shown
from hocvuso.loader.files import path_problem, resolve_inside, sha256_file
from hocvuso.model import Asset

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics, Location

EXTENSIONS: dict[str, tuple[str, ...]] = {
    "image": (".png", ".jpg", ".jpeg", ".gif", ".webp"),
    "audio": (".mp3", ".m4a", ".ogg", ".wav"),
    "video": (".mp4", ".webm"),
    "captions": (".vtt",),
    "file": (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv"),
}
# (warn above, refuse above) in megabytes: big files stall learners on 3G.
SIZE_LIMITS_MB: dict[str, tuple[int, int]] = {
    "image": (2, 20), "audio": (20, 200), "video": (80, 500), "captions": (1, 5), "file": (20, 100),
}


def kind_of(ref: str) -> str | None:
    """The asset kind a path's extension implies, or None."""
    ext = PurePosixPath(ref.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0]).suffix.lower()
    return next((kind for kind, exts in EXTENSIONS.items() if ext in exts), None)


def slug(text: str, limit: int = 48) -> str:
    """ASCII lowercase a-z0-9 and '-', Vietnamese letters without diacritics (đ → d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "x"


class AssetRegistry:
    """The assets of one course, keyed by flat name; hashes are computed once per file."""

    def __init__(self, root: Path, diags: Diagnostics) -> None:
        self.root = root
        self.diags = diags
        self.assets: dict[str, Asset] = {}
        self._by_path: dict[Path, Asset] = {}

    def add(self, ref: str, loc: Location, kinds: tuple[str, ...], base: Path | None = None) -> Asset | None:
        """Register the file ``ref`` (relative to ``base`` or the course root).

        Reports a path leaving the course folder, a missing file, a wrong type
        or an oversized file, and returns None in those cases.
        """
        problem = path_problem(ref)
        if problem is not None:
            self.diags.add(codes.PATH_INVALID, loc, path=shown(ref), reason=problem)
            return None
        path = resolve_inside(self.root, ref, base)
        if path is None:
            self.diags.add(codes.PATH_OUTSIDE, loc, path=shown(ref))
            return None
        kind = kind_of(ref)
        if kind not in kinds:
            allowed = ", ".join(ext for k in kinds for ext in EXTENSIONS[k])
            self.diags.add(codes.MEDIA_UNSUPPORTED, loc, ext=shown(PurePosixPath(ref).suffix or ref), allowed=allowed)
            return None
        if not path.is_file():
            self.diags.add(codes.MEDIA_NOT_FOUND, loc, path=shown(ref), base=self._folder(base),
                           suggestion=Suggestion(self._nearby(ref, base)))
            return None
        if path in self._by_path:
            return self._by_path[path]
        return self._register(path, ref, kind, loc)

    def _folder(self, base: Path | None) -> str:
        """The folder paths are relative to, as the author sees it ('lessons/')."""
        folder = (base or self.root).resolve()
        try:
            rel = folder.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(folder)
        return f"{self.root.name}/{rel}/" if rel != "." else f"{self.root.name}/"

    def _nearby(self, ref: str, base: Path | None) -> str | None:
        """The path that does name the file: ``ref`` taken from the course folder, or the one file of that name."""
        start = (base or self.root).resolve()
        root = self.root.resolve()
        candidates = [root / ref] if resolve_inside(root, ref) else []
        name = PurePosixPath(ref).name
        if name and not set(name) & set("*?[]") and not any(c.is_file() for c in candidates):
            found = [p for p in root.rglob(name) if p.is_file()][:2]
            candidates = found if len(found) == 1 else []
        for candidate in candidates:
            if candidate.is_file():
                return os.path.relpath(candidate, start).replace(os.sep, "/")
        return None

    def _register(self, path: Path, ref: str, kind: str, loc: Location) -> Asset | None:
        size = path.stat().st_size
        warn_mb, max_mb = SIZE_LIMITS_MB[kind]
        if size > max_mb * 1_000_000:
            self.diags.add(codes.FILE_TOO_LARGE, loc, size=size, limit=max_mb * 1_000_000)
            return None
        if size > warn_mb * 1_000_000:
            self.diags.add(codes.MEDIA_TOO_LARGE, loc, path=ref, size=round(size / 1e6, 1), limit=warn_mb)
        digest = sha256_file(path)
        name = f"{slug(path.stem)}-{digest[:8]}{path.suffix.lower()}"
        asset = Asset(name=name, path=path, kind=kind, sha256=digest, size=size)
        self.assets[name] = asset
        self._by_path[path] = asset
        return asset
