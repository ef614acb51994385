"""Whole-course checks: they read the loaded model and report problems that
need more than one file (duplicate ids, unlisted lessons, competencies a
lesson does not teach) and the quality of items as measures (answer cues,
docs/items.md).  Checks never change the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.checks.course import check_course as check_structure
from hocvuso.checks.items import check_items

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course

__all__ = ["check_course", "check_items", "check_structure"]


def check_course(course: Course, diags: Diagnostics) -> None:
    """Every whole-course check: the course's structure, then its items."""
    check_structure(course, diags)
    check_items(course, diags)
