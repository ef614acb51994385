"""The teacher's guide: one printable HTML book per course for mentors who teach offline.

Community digital-technology teams and "Đại sứ số" mentors run lessons as
group sessions, often door to door without an LMS.  Per lesson the guide
gives the duration, competencies, objectives and sources, the teacher notes
(session plan, what to bring, common mistakes), the answer key of the
practice questions and the rubric of each task.  Written to
build/guide/<group>/index.html with the images it uses beside it.  The markup is
``templates/guide/index.html``, its words ``templates/guide/strings.yaml``.
"""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

from hocvuso.emitters import templating
from hocvuso.emitters.base import Emitter
from hocvuso.model import QuestionType

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia
    from hocvuso.model import Course, Lesson, Question

ASSET_REF = re.compile(r'"assets/([A-Za-z0-9._-]+)"')
NESTED_POINT = "– "  # how the loader marks a nested list item among a section's points


def answer_key(q: Question) -> str:
    """The right answer of a practice question, as a mentor reads it out."""
    if q.type in (QuestionType.SINGLE, QuestionType.DROPDOWN, QuestionType.MULTIPLE):
        return "; ".join(f"{c.key}) {c.text}" for c in q.choices if c.correct)
    if q.type is QuestionType.NUMERIC and q.numeric is not None:
        value = f"{q.numeric.value:g}"
        return value if not q.numeric.tolerance else f"{value} (± {q.numeric.tolerance_text})"
    if q.type is QuestionType.TEXT:
        return " / ".join(q.answers)
    if q.type is QuestionType.MATCHING:
        return "; ".join(f"{p.left_text} → {p.right_text}" for p in q.matches)
    return " → ".join(item.text for item in q.items)


def guide_html(course: Course) -> str:
    """The whole guide of ``course`` as one HTML page (``templates/guide/index.html``)."""
    names = {code: competency.name for code, competency in course.framework.competencies.items()}
    marker = templating.strings("guide", course.language).one_to_one_marker

    def authored(lesson: Lesson) -> bool:
        """Did the author write the one-to-one plan in the lesson's teacher notes (a line starting with the marker)?"""
        return any(line.strip().startswith(marker) for note in lesson.notes for line in note.text.splitlines())

    return templating.render("guide", "index.html", course.language, course=course, competency_names=names,
                             answer_key=answer_key, nested=NESTED_POINT, authored_one_to_one=authored)


class GuideEmitter(Emitter):
    """A printable teacher's guide (notes, answer keys, rubrics) per course."""

    name = "guide"
    description = "printable teacher's guide with answer keys"

    def outputs(self, group: str) -> list[str]:
        return [f"guide/{group}/index.html"]

    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        folder = out / "guide" / course.group
        folder.mkdir(parents=True, exist_ok=True)
        page = guide_html(course)
        (folder / "index.html").write_text(page, encoding="utf-8")
        for name in sorted(set(ASSET_REF.findall(page))):
            (folder / "assets").mkdir(exist_ok=True)
            shutil.copyfile(course.assets[name].path, folder / "assets" / name)
