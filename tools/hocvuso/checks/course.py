"""Whole-course checks that need more than one file: the checker reads the model.

Local problems (syntax, a missing image, an unknown code) are found while
loading, where their exact line is known.  What needs the whole course is
here: duplicate ids, lessons left out of course.yaml, questions that assess
a competency their lesson does not teach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.checks.profile import check_profile_membership
from hocvuso.diagnostics import Location, codes
from hocvuso.model import QuizBlock

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course


def check_course(course: Course, diags: Diagnostics) -> None:
    """Run every whole-course check."""
    check_unique_ids(course, diags)
    check_unlisted_lessons(course, diags)
    check_question_competencies(course, diags)
    check_in_video_ids(course, diags)
    check_profile_membership(course, diags)


def check_unique_ids(course: Course, diags: Diagnostics) -> None:
    """Ids that become Open edX url_names or SCORM identifiers must be unique."""
    seen: dict[str, Location] = {}

    # One namespace for all kinds: olxcleaner (and Studio's url_name index) treats
    # a chapter and a lesson with the same url_name as a clash.
    def claim(ident: str, loc: Location) -> None:
        if ident in seen:
            diags.add(codes.DUPLICATE_ID, loc, id=ident, other=str(seen[ident]))
        else:
            seen[ident] = loc

    for lesson in course.lessons:
        claim(lesson.id, lesson.loc)
    for question in (*course.questions, *course.bank):
        claim(question.id, question.loc)
    for task in course.tasks:
        claim(task.id, task.loc)
    for chapter in course.chapters:
        claim(chapter.id, chapter.loc or Location(course.root / "course.yaml"))


def check_unlisted_lessons(course: Course, diags: Diagnostics) -> None:
    """A Markdown file next to listed lessons but not listed itself is probably forgotten."""
    # What course.yaml lists counts, loaded or not: a file that failed to load has its own error.
    listed = {path.resolve() for path in course.listed} | {lesson.path.resolve() for lesson in course.lessons}
    folders = {lesson.path.resolve().parent for lesson in course.lessons} | {
        path.parent for path in listed if path not in {q.loc.path.resolve() for q in course.bank}}
    for folder in sorted(folders):
        for path in sorted(folder.glob("*.md")):
            if path.resolve() not in listed and path.name.lower() not in ("readme.md",):
                diags.add(codes.LESSON_NOT_LISTED, Location(path), path=path.name)


def check_question_competencies(course: Course, diags: Diagnostics) -> None:
    """A lesson's practice questions should assess what the lesson teaches."""
    for lesson in course.lessons:
        for question in lesson.questions:
            if question.competency not in lesson.competencies and question.competency in course.framework.competencies:
                diags.add(codes.QUIZ_COMPETENCY_NOT_IN_LESSON, question.loc, code=question.competency,
                          listed=", ".join(lesson.competencies))


def check_in_video_ids(course: Course, diags: Diagnostics) -> None:
    """Open edX's in-video quiz finds a lesson's problems by substring of their ids."""
    for lesson in course.lessons:
        popups = [q for s in lesson.sections for b in s.blocks if isinstance(b, QuizBlock) and b.in_video for q in b.questions]
        for q in popups:
            other = next((o for o in popups if o is not q and o.id.startswith(q.id)), None)
            if other is not None:
                diags.add(codes.QUIZ_IN_VIDEO_PREFIX, q.loc, id=q.id, other=other.id)
