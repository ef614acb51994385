"""Rubric tasks → ORA2 ``openassessment`` blocks, inline in their vertical.

ORA2's importer ignores the result of its own semantic validation, so the
rules it would enforce (assessment order, peer counts, option names) are
kept here, and the tests parse every element with ORA2's own parser.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hocvuso.emitters import templating
from hocvuso.emitters.olx.xmlutil import el
from hocvuso.emitters.presentation import STATIC
from hocvuso.model import with_assets

if TYPE_CHECKING:
    from types import SimpleNamespace

    from lxml import etree

    from hocvuso.model import Course, Task

ORDER = ("peer", "self", "staff")
PEER_MUST_GRADE = 3
PEER_GRADED_BY = 2


def iso(day: dt.date, end_of_day: bool = False) -> str:
    """A UTC timestamp ORA2 and olxcleaner both parse."""
    moment = dt.datetime.combine(day, dt.time(23, 59, 59) if end_of_day else dt.time(0, 0), tzinfo=dt.UTC)
    return moment.isoformat()


def ora_element(task: Task, course: Course, url_name: str) -> etree._Element:
    """The inline <openassessment> element for ``task``."""
    start, due = iso(course.start), iso(course_end(course), end_of_day=True)
    ora = el("openassessment", {
        "url_name": url_name, "xblock-family": "xblock.v1",
        "submission_start": start, "submission_due": due, "text_response": "required",
        "file_upload_response": "optional" if task.file_upload else None,
        "file_upload_type": "image" if task.file_upload else None,
        "allow_multiple_files": "True" if task.file_upload else None,
        "prompts_type": "html", "text_response_editor": "text", "show_rubric_during_response": "True",
    })
    el("title", text=task.title, parent=ora)
    assessments = el("assessments", parent=ora)
    for kind in sorted(task.assessments, key=ORDER.index):
        attrs: dict[str, object] = {"name": f"{kind}-assessment"}
        if kind == "peer":
            attrs |= {"must_grade": PEER_MUST_GRADE, "must_be_graded_by": PEER_GRADED_BY, "start": start, "due": due}
        elif kind == "self":
            attrs |= {"start": start, "due": due}
        else:
            attrs["required"] = "True" if task.assessments == ("staff",) else "False"
        el("assessment", attrs, parent=assessments)
    prompt = el("prompt", parent=el("prompts", parent=ora))
    el("description", text=with_assets(task.prompt_html, STATIC), parent=prompt)
    _rubric(ora, task, templating.strings("olx", course.language))
    return ora


def _rubric(ora: etree._Element, task: Task, words: SimpleNamespace) -> None:
    rubric = el("rubric", parent=ora)
    for criterion in task.criteria:
        node = el("criterion", {"feedback": criterion.feedback}, parent=rubric)
        el("name", text=criterion.id, parent=node)
        el("label", text=criterion.name, parent=node)
        el("prompt", text=f"{criterion.prompt} {words.criterion_competency.format(code=criterion.competency)}", parent=node)
        for number, level in enumerate(criterion.levels):
            option = el("option", {"points": level.points}, parent=node)
            el("name", text=f"{criterion.id}-{number}", parent=option)
            el("label", text=level.name, parent=option)
            el("explanation", text=level.explanation, parent=option)
    el("feedbackprompt", text=words.rubric_feedback, parent=rubric)


def course_end(course: Course) -> dt.date:
    """The course's end, or one year after its start when the author gave none."""
    return course.end or course.start + dt.timedelta(days=365)
