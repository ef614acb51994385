"""A project: the courses folder with its framework file and course folders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import langcodes
import yaml

from hocvuso.checks import check_course, check_structure
from hocvuso.checks.outputs import check_outputs
from hocvuso.diagnostics import Diagnostics, Location, codes
from hocvuso.loader.course import load_translation
from hocvuso.loader.framework import load_framework
from hocvuso.loader.variant import declared_base, load_any
from hocvuso.media.fitcheck import check_slides
from hocvuso.media.voices import check_voices

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

    def lineage(self, folder: Path) -> list[Path]:
        """``folder`` and the folders it extends, nearest first (what a build of it reads)."""
        chain = [folder]
        while (base := declared_base(chain[-1])) is not None and base not in chain:
            chain.append(base)
        return chain

    def translations(self, group: str) -> list[str]:
        """The language tags ``courses/<group>/course.yaml`` declares under ``translations:`` (normalised)."""
        try:
            data = yaml.safe_load((self.courses / group / "course.yaml").read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            return []
        found = data.get("translations") if isinstance(data, dict) else None
        tags = [str(tag) for tag in found] if isinstance(found, dict) else []
        return [str(langcodes.standardize_tag(tag)) for tag in tags if langcodes.tag_is_valid(tag)]

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


def load(project: Project, groups: list[str], diags: Diagnostics, translations: bool = False,
         voices: str | None = None) -> tuple[Framework | None, list[Course]]:
    """Load and check the framework and the chosen courses; problems go to ``diags``.

    ``translations``: also each course's translated models (``translations:`` in
    course.yaml, docs/translation.md), after their source; ``voices``: check that
    every slide can be narrated with this --tts spec ('' the default voices;
    None: no video, no check).
    """
    framework = load_framework(project.framework_path, diags)
    if framework is None:
        return None, []
    courses = []
    loaded: dict[Path, Course | None] = {}  # with the bases variants extend, each read once
    reported: set[tuple[str, Location]] = set()
    for folder in project.select(groups, diags):
        course = load_any(folder, framework, diags, loaded)
        if course is not None:
            found = Diagnostics()
            check_course(course, found)
            check_slides(course, found)
            _report_new(found, diags, reported)
            courses.append(course)
            if translations:
                courses += _translations(course, diags)
    if voices is not None:
        for course in courses:
            check_voices(course, diags, voices or None)
    check_outputs([c for c in loaded.values() if c is not None], diags)
    return framework, courses


def _translations(source: Course, diags: Diagnostics) -> list[Course]:
    """The translated models of ``source``, checked as their source is (item quality is the source's)."""
    found = []
    for translation in source.translations:
        course = load_translation(source, translation, diags)
        if course is not None:
            check_structure(course, diags)
            check_slides(course, diags)
            found.append(course)
    return found


def _report_new(found: Diagnostics, diags: Diagnostics, reported: set[tuple[str, Location]]) -> None:
    """Add what ``found`` holds unless reported already (a variant re-checks the lessons it inherits)."""
    for d in found:
        if (d.code.id, d.loc) not in reported:
            reported.add((d.code.id, d.loc))
            diags.add(d.code, d.loc, **d.args)
