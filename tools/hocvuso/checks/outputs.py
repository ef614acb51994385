"""Courses that would write the same output: one course key, or folder names equal but for capitals.

Every output is named after the course folder (``build/olx/<folder>.tar.gz``)
and Open edX keys a course by ``course-v1:ORG+NUMBER+RUN``.  A variant that
keeps its base's number and run would import over the national course in
Studio; two folders that differ only in capitals overwrite each other's
files on Windows and macOS.  Both are refused before anything is built.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course

# The line that makes (or inherits) a course key: its number or run, else the extends line.
KEY_LINE = re.compile(r"^(course|run|extends)\s*:")


def check_outputs(courses: Iterable[Course], diags: Diagnostics) -> None:
    """Report each course whose key or output name an earlier course (by folder name) already has."""
    by_key: dict[str, Course] = {}
    by_name: dict[str, Course] = {}
    for course in sorted(courses, key=lambda c: c.group):
        first = by_key.setdefault(course.key, course)
        if first is not course:
            diags.add(codes.COURSE_SAME_KEY, key_location(course), key=course.key, other=first.group,
                      suggestion=f"{course.number}-{course.group.rsplit('-', 1)[-1].upper()}")
        same = by_name.setdefault(course.group.casefold(), course)
        if same is not course:
            diags.add(codes.COURSE_SAME_OUTPUT, Location(course.root / "course.yaml", 1, 1), name=course.group,
                      other=same.group, path=f"olx/{course.group}.tar.gz")


def key_location(course: Course) -> Location:
    """The course.yaml line that sets (or inherits) the key, for the message."""
    path = course.root / "course.yaml"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(path, 1, 1)
    line = next((n for n, text in enumerate(lines, 1) if KEY_LINE.match(text)), 1)
    return Location(path, line, 1)
