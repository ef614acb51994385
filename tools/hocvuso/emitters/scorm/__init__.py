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

import dataclasses
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hocvuso.emitters.archive import write_zip
from hocvuso.emitters.base import Emitter
from hocvuso.emitters.scorm.package import MANIFEST, package_entries
from hocvuso.media.outputs import VIDEO
from hocvuso.model import Chapter

if TYPE_CHECKING:
    from hocvuso.media.outputs import CourseMedia, LessonVideo
    from hocvuso.model import Course, Lesson

VERSIONS = ("12", "2004")


def package_path(version: str, group: str, lesson: str | None = None) -> str:
    """Where the ``version`` package of ``group`` (or of one of its lessons) goes, relative to build/."""
    return f"scorm{version}/{group}/{lesson}.zip" if lesson else f"scorm{version}/{group}.zip"


def lesson_course(course: Course, lesson: Lesson) -> Course:
    """The course cut down to one lesson, for a package an LMS can place on its own.

    Its identifiers include the lesson id (a package of its own in the LMS), and
    its pass rule covers only the competencies the lesson teaches.
    """
    chapter = next(ch for ch in course.chapters if lesson in ch.lessons)
    entries = tuple(e for e in course.profile.entries if e.code in lesson.competencies)
    return dataclasses.replace(
        course, number=f"{course.number}-{lesson.id}", title=f"{course.title}: {lesson.title}", bank=(),
        chapters=(Chapter(chapter.id, chapter.title, (lesson,), chapter.loc),),
        profile=dataclasses.replace(course.profile, entries=entries),
    )


class ScormEmitter(Emitter):
    """SCORM 1.2 and SCORM 2004 4th Edition packages of each course."""

    name = "scorm"
    description = "SCORM 1.2 and 2004 packages with a self-contained player"
    needs_media = frozenset({VIDEO})

    def outputs(self, group: str) -> list[str]:
        return [package_path(version, group) for version in VERSIONS]

    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        videos: dict[str, LessonVideo | None] = {lesson.id: media.video(lesson.id) for lesson in course.lessons}
        packages = [(course, package_path(v, course.group), v) for v in VERSIONS]
        if self.options.scorm_per_lesson:
            packages += [(lesson_course(course, lesson), package_path(v, course.group, lesson.id), v)
                         for lesson in course.lessons for v in VERSIONS]
        for content, path, version in packages:
            with tempfile.TemporaryDirectory(prefix=f"scorm{version}-") as tmp:
                entries = package_entries(content, version, videos, Path(tmp))
                target = out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                write_zip(entries, target, first=(MANIFEST,))


__all__ = ["VERSIONS", "ScormEmitter", "package_path"]
