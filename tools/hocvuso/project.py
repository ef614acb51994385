"""A project: the courses folder with its framework file and course folders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.checks import check_course
from hocvuso.diagnostics import Diagnostics, Location, codes
from hocvuso.loader.course import load_course
from hocvuso.loader.framework import load_framework
from hocvuso.media.fitcheck import check_slides

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.model import Course, Framework


@dataclass(frozen=True, slots=True)
class Project:
    """Where the sources are: ``courses/framework.yaml`` and ``courses/<group>/``."""

    courses: Path

    @property
    def framework_path(self) -> Path:
        return self.courses / "framework.yaml"

    def course_dirs(self) -> list[Path]:
        """Every folder under courses/ that holds a course.yaml, sorted."""
        return sorted(p.parent for p in self.courses.glob("*/course.yaml"))

    def select(self, groups: list[str], diags: Diagnostics) -> list[Path]:
        """The course folders named by ``groups`` (all when empty)."""
        if not groups:
            return self.course_dirs()
        chosen = []
        for group in groups:
            folder = self.courses / group
            if (folder / "course.yaml").is_file():
                chosen.append(folder)
            else:
                diags.add(codes.COURSE_NOT_FOUND, Location(folder), path=str(folder))
        return chosen


def load(project: Project, groups: list[str], diags: Diagnostics) -> tuple[Framework | None, list[Course]]:
    """Load and check the framework and the chosen courses; problems go to ``diags``."""
    framework = load_framework(project.framework_path, diags)
    if framework is None:
        return None, []
    courses = []
    for folder in project.select(groups, diags):
        course = load_course(folder, framework, diags)
        if course is not None:
            check_course(course, diags)
            check_slides(course, diags)
            courses.append(course)
    return framework, courses
