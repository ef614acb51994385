"""One SCORM package: its files, manifest and schema files, as zip entries."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hocvuso.diagnostics import CompilerError
from hocvuso.emitters.scorm import schemas
from hocvuso.emitters.scorm.data import player_data
from hocvuso.emitters.scorm.ids import package_ids
from hocvuso.emitters.scorm.manifest import manifest_xml
from hocvuso.emitters.scorm.pages import index_html
from hocvuso.emitters.scorm.video import video_files

if TYPE_CHECKING:
    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Course

PLAYER = Path(__file__).parent / "player"
PLAYER_FILES = ("hocvuso.js", "assess.js", "comfort.js", "hocvuso.css")
MANIFEST = "imsmanifest.xml"
ASSET_REF = re.compile(r"""["']assets/([A-Za-z0-9._-]+)["']""")


def player_files() -> dict[str, Path]:
    """The player's script and style sheet, the same in every package."""
    return {f"player/{name}": PLAYER / name for name in PLAYER_FILES}


def used_assets(course: Course, page: str) -> dict[str, Path]:
    """Course files the learner page refers to (not teacher-only images, narration audio or bank media)."""
    names = set(ASSET_REF.findall(page))
    return {f"assets/{a.name}": a.path for a in course.assets.values() if a.name in names}


def package_entries(course: Course, version: str, videos: dict[str, LessonVideo | None], work: Path) -> dict[str, Path]:
    """Every zip entry (name → file) of the ``version`` package; generated files are written under ``work``."""
    ids = package_ids(course, version)
    page = index_html(course, player_data(course, version, ids.manifest, videos), videos)
    entries: dict[str, Path] = {"index.html": _write(work / "index.html", page.encode())}
    entries |= player_files() | used_assets(course, page)
    for lesson in course.lessons:
        video = videos.get(lesson.id)
        if video is not None:
            entries |= video_files(lesson, video)
    manifest = manifest_xml(course, version, list(entries))
    problems = schemas.validate(manifest, version)
    if problems:  # a bug in this emitter, never an author mistake: stop rather than ship it
        raise CompilerError(f"SCORM {version} manifest for {course.group} fails its schema: {problems[0]}")
    entries[MANIFEST] = _write(work / MANIFEST, manifest)
    return entries | schemas.schema_files(version)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
