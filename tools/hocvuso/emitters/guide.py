"""The teacher's guide: one printable HTML book per course for mentors who teach offline.

Community digital-technology teams and "Đại sứ số" mentors run lessons as
group sessions, often door to door without an LMS.  Per lesson the guide
gives the duration, competencies, objectives and sources, the teacher notes
(session plan, what to bring, common mistakes), the answer key of the
practice questions and the rubric of each task.  Written to
build/guide/<group>/index.html with the images it uses beside it.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from typing import TYPE_CHECKING

from hocvuso.emitters.base import Emitter
from hocvuso.model import QuestionType, with_assets

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia
    from hocvuso.model import Course, Lesson, Question, Task

ASSET_REF = re.compile(r'"assets/([A-Za-z0-9._-]+)"')
STYLE = """
body{font-family:"Noto Sans",system-ui,sans-serif;max-width:50rem;margin:auto;padding:1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.8rem}h2{border-top:3px solid #00695c;padding-top:.6rem;margin-top:2.5rem;break-before:page}
.meta{color:#444}.note{background:#f3f7f6;border-left:4px solid #00695c;padding:.2rem 1rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
img{max-width:100%;height:auto}.key{color:#1b5e20;font-weight:600}
@media print{a{color:inherit;text-decoration:none}.no-print{display:none}}
"""


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


def _lesson(course: Course, number: int, lesson: Lesson) -> str:
    fw = course.framework
    competencies = "".join(f"<li>{escape(c)} {escape(fw.competencies[c].name)}</li>" for c in lesson.competencies)
    objectives = "".join(f"<li>{escape(o)}</li>" for o in lesson.objectives)
    sources = "".join(f"<li>{escape(s)}</li>" for s in lesson.sources)
    notes = "".join(f'<div class="note">{with_assets(n.html, "assets/")}</div>' for n in lesson.notes)
    keys = "".join(f"<tr><td>{escape(q.stem_text)}</td><td class=\"key\">{escape(answer_key(q))}</td><td>{escape(q.competency)}</td></tr>"
                   for q in lesson.questions)
    parts = [
        f'<section id="{escape(lesson.id)}"><h2>Bài {number}. {escape(lesson.title)}</h2>',
        f'<p class="meta">{lesson.duration} phút · bậc {escape(lesson.level)}</p>',
        f"<h3>Năng lực</h3><ul>{competencies}</ul><h3>Mục tiêu</h3><ul>{objectives}</ul>",
        f"<h3>Hướng dẫn tổ chức buổi học</h3>{notes or '<p>(Bài chưa có ghi chú cho giáo viên.)</p>'}",
    ]
    if keys:
        parts.append('<h3>Đáp án câu hỏi luyện tập</h3><table><thead><tr><th scope="col">Câu hỏi</th>'
                     f'<th scope="col">Đáp án</th><th scope="col">Năng lực</th></tr></thead><tbody>{keys}</tbody></table>')
    parts.extend(_task(task) for task in lesson.tasks)
    if sources:
        parts.append(f"<h3>Nguồn</h3><ul>{sources}</ul>")
    return "".join(parts) + "</section>"


def _task(task: Task) -> str:
    rows = "".join(
        f"<tr><td>{escape(c.name)} ({escape(c.competency)})</td><td>"
        + "<br>".join(f"{lv.points} điểm — {escape(lv.name)}: {escape(lv.explanation)}" for lv in c.levels)
        + "</td></tr>" for c in task.criteria)
    return (f"<h3>Bài thực hành: {escape(task.title)}</h3>{with_assets(task.prompt_html, 'assets/')}"
            f'<table><thead><tr><th scope="col">Tiêu chí</th><th scope="col">Các mức</th></tr></thead><tbody>{rows}</tbody></table>')


def guide_html(course: Course) -> str:
    """The whole guide of ``course`` as one HTML page."""
    toc = "".join(f'<li><a href="#{escape(x.id)}">{escape(x.title)}</a> ({x.duration} phút)</li>' for x in course.lessons)
    lessons = "".join(_lesson(course, n, lesson) for n, lesson in enumerate(course.lessons, 1))
    return (f'<!doctype html><html lang="{escape(course.language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Sổ tay giáo viên — {escape(course.title)}</title><style>{STYLE}</style></head><body>"
            f"<header><h1>Sổ tay giáo viên: {escape(course.title)}</h1>"
            f"<p>{escape(course.profile.name)} · {len(course.lessons)} bài. Dành cho giáo viên, tổ công nghệ số cộng đồng "
            "và Đại sứ số; có đáp án, không phát cho người học.</p>"
            f'<nav aria-label="Mục lục"><ol>{toc}</ol></nav></header><main>{lessons}</main></body></html>\n')


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
