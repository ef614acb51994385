"""Profile membership: what a course teaches and assesses should be in its group's profile.

A competency outside the profile is valid in the framework but counts for
nothing in the course's certification (the XBlock draws forms from the
profile's competencies; SCORM would report an objective no pass rule reads).
A warning, so that ``check --strict`` refuses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics, Location
    from hocvuso.model import Course


def check_profile_membership(course: Course, diags: Diagnostics) -> None:
    """Report each lesson, question, bank item and rubric criterion competency outside the profile."""
    profile = set(course.profile.codes)
    listed = ", ".join(course.profile.codes)

    def report(code: str, loc: Location) -> None:
        # Unknown codes already have their own error (HV308).
        if code not in profile and code in course.framework.competencies:
            diags.add(codes.COMPETENCY_OUTSIDE_PROFILE, loc, code=code, group=course.profile.group, listed=listed)

    for lesson in course.lessons:
        locs = lesson.competency_locs or (lesson.loc,) * len(lesson.competencies)
        for code, loc in zip(lesson.competencies, locs, strict=False):
            report(code, loc)
        for task in lesson.tasks:
            for criterion in task.criteria:
                report(criterion.competency, criterion.loc)
    for question in (*course.questions, *course.bank):
        report(question.competency, question.competency_loc or question.loc)
