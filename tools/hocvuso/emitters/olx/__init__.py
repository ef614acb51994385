"""The Open edX emitter: build/olx/<group>.tar.gz, rooted at one course/ folder,
plus the framework as Open edX taxonomies (build/olx/taxonomy-*.csv)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.emitters.archive import write_tar_gz
from hocvuso.emitters.base import Emitter
from hocvuso.emitters.olx import tags
from hocvuso.emitters.olx.writer import write_course
from hocvuso.media.outputs import COVER, VIDEO

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia
    from hocvuso.model import Course, Framework


class OlxEmitter(Emitter):
    """Open edX course export (OLX) that Studio imports as is."""

    name = "olx"
    description = "Open edX course archive for Studio import"
    needs_media = frozenset({COVER, VIDEO})

    def outputs(self, group: str) -> list[str]:
        return [f"olx/{group}.tar.gz"]

    def shared_outputs(self, framework: Framework) -> list[str]:
        return [f"olx/{tags.COMPETENCY_TAXONOMY}.csv", f"olx/{tags.LEVEL_TAXONOMY}.csv"]

    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        files = write_course(course, media).files
        target = out / "olx" / f"{course.group}.tar.gz"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_tar_gz({f"course/{name}": data for name, data in files.items()}, target)

    def finish(self, framework: Framework, courses: list[Course], out: Path) -> None:
        folder = out / "olx"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{tags.COMPETENCY_TAXONOMY}.csv").write_text(tags.competency_taxonomy_csv(framework), encoding="utf-8")
        (folder / f"{tags.LEVEL_TAXONOMY}.csv").write_text(tags.level_taxonomy_csv(framework), encoding="utf-8")
