"""What the courses say about the items learners answered: competency, points, source ``file:line``.

Loaded with hocvuso's own project loader, so an item id in an LMS export maps
back to the Markdown line its author wrote, and a SCORM package's results can be
graded by the same certification rule the player applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.model import Course


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """One question of a course: where it is written and what it measures."""

    id: str
    group: str
    competency: str
    points: float
    source: str  # 'file:line'
    kind: str  # 'practice' (in a lesson, in SCORM) or 'bank' (certification)
    correct_keys: str = ""  # the right choice keys, e.g. 'ac'; '' for non-choice questions


@dataclass(frozen=True, slots=True)
class Rule:
    """The certification rule of a group: shares per competency and overall."""

    competency: float
    overall: float


@dataclass(slots=True)
class CourseIndex:
    """Items by id, pass rules and profile codes by group, competency names by code."""

    items: dict[str, ItemInfo] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    profiles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def practice(self, group: str) -> list[ItemInfo]:
        """The questions a group's SCORM package asks (its lessons' practice questions)."""
        return [i for i in self.items.values() if i.group == group and i.kind == "practice"]


def _source(course_root: Path, loc_path: Path, line: int) -> str:
    try:
        rel = loc_path.relative_to(course_root.parent.parent)
    except ValueError:
        rel = loc_path
    return f"{rel.as_posix()}:{line}"


def index_courses(courses: list[Course]) -> CourseIndex:
    """The index of already loaded courses."""
    index = CourseIndex()
    for course in courses:
        rule = course.certification.pass_rule
        index.rules[course.group] = Rule(rule.competency_threshold, rule.overall_threshold)
        index.profiles[course.group] = tuple(course.profile.codes)
        index.names.update({code: comp.name for code, comp in course.framework.competencies.items()})
        for kind, questions in (("practice", course.questions), ("bank", course.bank)):
            for q in questions:
                keys = "".join(c.key for c in q.choices if c.correct)
                index.items[q.id] = ItemInfo(q.id, course.group, q.competency, q.points,
                                             _source(course.root, q.loc.path, q.loc.line), kind, keys)
    return index


def load_index(courses_dir: Path, diags: Diagnostics) -> CourseIndex:
    """Load every course under ``courses_dir`` with the project loader; errors in the courses go to ``diags``.

    Only the loader runs, not the whole-course checks of ``hocvuso check`` (slide fit, outputs, coverage): the
    report needs each question's id, competency, key and line, and the checks took three quarters of the time.
    """
    from hocvuso.loader.framework import load_framework
    from hocvuso.loader.variant import load_any

    own = Diagnostics()
    framework = load_framework(courses_dir / "framework.yaml", own)
    courses: list[Course] = []
    if framework is not None:
        loaded: dict[Path, Course | None] = {}  # a base several variants extend is read once
        for folder in sorted(p.parent for p in courses_dir.glob("*/course.yaml")):
            course = load_any(folder, framework, own, loaded)
            if course is not None:
                courses.append(course)
    if own.has_errors():
        diags.extend(own)
    return index_courses(courses)
