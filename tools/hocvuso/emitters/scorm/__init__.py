"""The SCORM emitter: build/scorm12/<group>.zip and build/scorm2004/<group>.zip.

Each package is one SCO: a self-contained player (``player/``) showing every
lesson, grading every practice question in the browser and reporting each
answer to the LMS against its competency (``cmi.interactions`` with the
competency as objective, ``cmi.objectives`` per competency).  Modules:
:mod:`.ids` (identifiers), :mod:`.manifest`, :mod:`.schemas` (the official
XSDs), :mod:`.pages` and :mod:`.questions` (learner HTML), :mod:`.data` (what
the script reads), :mod:`.video` (the lesson video) and :mod:`.package`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hocvuso.archive import write_zip
from hocvuso.emitters.base import Emitter
from hocvuso.emitters.scorm.package import MANIFEST, package_entries
from hocvuso.media import outputs

if TYPE_CHECKING:
    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Course

VERSIONS = ("12", "2004")


def package_path(version: str, group: str) -> str:
    """Where the ``version`` package of ``group`` goes, relative to build/."""
    return f"scorm{version}/{group}.zip"


class ScormEmitter(Emitter):
    """SCORM 1.2 and SCORM 2004 4th Edition packages of each course."""

    name = "scorm"
    description = "SCORM 1.2 and 2004 packages with a self-contained player"

    def outputs(self, group: str) -> list[str]:
        return [package_path(version, group) for version in VERSIONS]

    def emit(self, course: Course, out: Path) -> None:
        videos: dict[str, LessonVideo | None] = {
            lesson.id: outputs.lesson_video(course, lesson, self.options) for lesson in course.lessons}
        for version in VERSIONS:
            with tempfile.TemporaryDirectory(prefix=f"scorm{version}-") as tmp:
                entries = package_entries(course, version, videos, Path(tmp))
                target = out / package_path(version, course.group)
                target.parent.mkdir(parents=True, exist_ok=True)
                write_zip(entries, target, first=(MANIFEST,))


__all__ = ["VERSIONS", "ScormEmitter", "package_path"]
