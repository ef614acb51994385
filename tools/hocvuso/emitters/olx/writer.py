"""Writes one course as OLX files (the content of ``course/`` in the archive).

course → chapter → sequential (one per lesson) → vertical (one per section)
→ html, problem, openassessment and video components, as Studio exports.
url_names come from authors' ids (never from titles or positions of
lessons), so re-importing an edited course keeps learners' state.

Files are collected in memory (``CourseWriter.files``: path → bytes, or the
source path of a static file) and packed straight into the archive: a
course is thousands of small files, and the disk round trip cost more than
generating them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hocvuso.emitters.olx import assessment, tags, video
from hocvuso.emitters.olx.capa import problem_element
from hocvuso.emitters.olx.ora import course_end, iso, ora_element
from hocvuso.emitters.olx.xmlutil import el, to_bytes
from hocvuso.media.outputs import CourseMedia
from hocvuso.model import Media, Prose, QuizBlock, TaskBlock, TeacherNote, with_assets

if TYPE_CHECKING:
    from pathlib import Path

    from lxml import etree

    from hocvuso.model import Block, Course, Lesson, Section

PRACTICE_FORMAT = "Luyện tập"
# Open edX does not shrink images in raw HTML components; keep them inside narrow screens.
COMPONENT_STYLE = "<style>.hocvuso img,.hocvuso video{max-width:100%;height:auto}.hocvuso table{border-collapse:collapse}" \
    ".hocvuso td,.hocvuso th{border:1px solid #999;padding:.3em .5em}</style>"
GUIDE = "hocvuso-giao-vien"
STATIC = "/static/"


class CourseWriter:
    """Collects the OLX files of ``course``, keyed by their path inside course/."""

    def __init__(self, course: Course, media: CourseMedia | None = None) -> None:
        self.course = course
        self.media = media or CourseMedia()
        self.files: dict[str, bytes | Path] = {}
        self.tags: list[tags.TagRow] = []
        self.in_video: set[str] = set()  # questions placed in a lesson's video unit (by video.lesson_verticals)

    def put(self, rel: str, data: str | bytes) -> None:
        """Add a file (text is written as UTF-8)."""
        self.files[rel] = data.encode("utf-8") if isinstance(data, str) else data

    def put_xml(self, rel: str, node: etree._Element) -> None:
        self.files[rel] = to_bytes(node)

    def put_file(self, rel: str, source: Path) -> None:
        """Add a file copied from ``source`` when the archive is written."""
        self.files[rel] = source

    # --- the tree -----------------------------------------------------------

    def write(self) -> None:
        course = self.course
        self.put_xml("course.xml", el("course", {"url_name": course.run, "org": course.org, "course": course.number}))
        run = el("course", {})
        for chapter in course.chapters:
            el("chapter", {"url_name": chapter.id}, parent=run)
            self._chapter(chapter.id, chapter.title, [self._lesson(lesson) for lesson in chapter.lessons])
        final = assessment.final_assessment(course, self)
        if final is not None:
            el("chapter", {"url_name": final}, parent=run)
        guide = self._teacher_guide()
        if guide is not None:
            el("chapter", {"url_name": guide}, parent=run)
        self.put_xml(f"course/{course.run}.xml", run)
        self._static()
        self._policies()
        self._about()
        self.tags.insert(0, tags.TagRow(course.title, "course", course.key, course.competencies, ()))
        self.put("tags.csv", tags.course_tags_csv(course.framework, self.tags))

    def chapter(self, url_name: str, title: str, sequentials: list[str], staff_only: bool = False) -> None:
        """Write chapter/<url_name>.xml pointing at ``sequentials``."""
        self._chapter(url_name, title, sequentials, staff_only)

    def _chapter(self, url_name: str, title: str, sequentials: list[str], staff_only: bool = False) -> None:
        node = el("chapter", {"display_name": title, "visible_to_staff_only": True if staff_only else None})
        for seq in sequentials:
            el("sequential", {"url_name": seq}, parent=node)
        self.put_xml(f"chapter/{url_name}.xml", node)

    def sequential(self, url_name: str, title: str, verticals: list[str], graded_format: str | None = None) -> None:
        node = el("sequential", {"display_name": title, "graded": True if graded_format else None, "format": graded_format})
        for vertical in verticals:
            el("vertical", {"url_name": vertical}, parent=node)
        self.put_xml(f"sequential/{url_name}.xml", node)

    def vertical(self, url_name: str, title: str, children: list[etree._Element]) -> None:
        node = el("vertical", {"display_name": title})
        for child in children:
            node.append(child)
        self.put_xml(f"vertical/{url_name}.xml", node)

    # --- lessons --------------------------------------------------------------

    def _lesson(self, lesson: Lesson) -> str:
        graded = bool(lesson.questions or lesson.tasks)
        verticals = video.lesson_verticals(self, lesson) + [self._section(lesson, section) for section in lesson.sections]
        self.sequential(lesson.id, lesson.title, verticals, PRACTICE_FORMAT if graded else None)
        self.tags.append(tags.TagRow(lesson.title, "sequential", lesson.id, lesson.competencies, (lesson.level,)))
        return lesson.id

    def _section(self, lesson: Lesson, section: Section) -> str:
        url_name = section.uid  # from the heading, not the position (issue 16)
        children: list[etree._Element] = []
        pending: list[str] = []
        for block in section.blocks:
            if isinstance(block, Prose | Media) and not (isinstance(block, Media) and block.url):
                pending.append(media_html(block) if isinstance(block, Media) else block.html)
                continue
            self._flush_html(url_name, section, pending, children)
            children.extend(self._component(lesson, section, block))
        self._flush_html(url_name, section, pending, children)
        self.vertical(url_name, section.title, children)
        return url_name

    def _flush_html(self, vertical: str, section: Section, pending: list[str], children: list[etree._Element]) -> None:
        if not pending:
            return
        children.append(self.html(f"{vertical}-h{len(children) + 1}", section.title, "\n".join(pending)))
        pending.clear()

    def _component(self, lesson: Lesson, section: Section, block: Block) -> list[etree._Element]:
        if isinstance(block, QuizBlock):
            return [self.problem(q.id, problem_element(q), q.competency, q.level) for q in block.questions
                    if q.id not in self.in_video]
        if isinstance(block, TaskBlock):
            self.tags.append(tags.TagRow(block.task.title, "openassessment", block.task.id, block.task.competencies, ()))
            return [ora_element(block.task, self.course, block.task.id)]
        if isinstance(block, Media):
            return [video.youtube(self, f"{section.uid}-v", block)]
        if isinstance(block, TeacherNote):
            return []  # teacher notes go to the staff-only guide, never to learners
        raise TypeError(f"no OLX for {type(block).__name__}")

    # --- components -----------------------------------------------------------

    def html(self, url_name: str, title: str, body: str) -> etree._Element:
        """Write html/<url_name>.{xml,html}; return the pointer for a vertical."""
        content = f'{COMPONENT_STYLE}\n<div class="hocvuso" lang="{self.course.language}">\n{with_assets(body, STATIC)}\n</div>\n'
        self.put(f"html/{url_name}.html", content)
        self.put_xml(f"html/{url_name}.xml", el("html", {"filename": url_name, "display_name": title, "editor": "raw"}))
        return el("html", {"url_name": url_name})

    def problem(self, url_name: str, node: etree._Element, competency: str, level: str) -> etree._Element:
        """Write problem/<url_name>.xml, tag it, and return the pointer for a vertical."""
        self.put_xml(f"problem/{url_name}.xml", node)
        self.tags.append(tags.TagRow(node.get("display_name", url_name), "problem", url_name, (competency,), (level,)))
        return el("problem", {"url_name": url_name})

    # --- teacher's guide ------------------------------------------------------

    def _teacher_guide(self) -> str | None:
        lessons = [lesson for lesson in self.course.lessons if lesson.notes]
        if not lessons:
            return None
        verticals = []
        for lesson in lessons:
            objectives = "".join(f"<li>{_esc(o)}</li>" for o in lesson.objectives)
            notes = "\n".join(note.html for note in lesson.notes)
            body = (f"<h3>{_esc(lesson.title)}</h3><p>Thời lượng: {lesson.duration} phút · Năng lực: "
                    f"{', '.join(lesson.competencies)}</p><p>Mục tiêu:</p><ul>{objectives}</ul>\n{notes}")
            url_name = f"{GUIDE}-{lesson.id}"
            self.vertical(url_name, lesson.title, [self.html(f"{url_name}-h1", lesson.title, body)])
            verticals.append(url_name)
        self.sequential(f"{GUIDE}-bai", "Sổ tay giáo viên", verticals)
        self._chapter(GUIDE, "Sổ tay giáo viên (chỉ nhân viên khoá học)", [f"{GUIDE}-bai"], staff_only=True)
        return GUIDE

    # --- files around the tree -------------------------------------------------

    def _static(self) -> None:
        for asset in self.course.assets.values():
            self.put_file(f"static/{asset.name}", asset.path)
        self.put(f"static/{self.cover_name}", self._cover_bytes())

    @property
    def cover_name(self) -> str:
        return self.course.image.name if self.course.image else "course-cover.png"

    def _cover_bytes(self) -> bytes:
        if self.course.image:
            return self.course.image.path.read_bytes()
        assert self.media.cover is not None  # the OLX emitter asks the media service for a cover
        return self.media.cover

    def _policies(self) -> None:
        course = self.course
        advanced = sorted(assessment.advanced_modules(course) | video.advanced_modules(course))
        policy = {f"course/{course.run}": {
            "display_name": course.title, "start": iso(course.start), "end": iso(course_end(course), True),
            "language": course.language, "course_image": self.cover_name, "self_paced": True,
            "advanced_modules": advanced, "show_calculator": False,
        }}
        self.put(f"policies/{course.run}/policy.json", json.dumps(policy, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        self.put(f"policies/{course.run}/grading_policy.json",
                 json.dumps(grading_policy(course), ensure_ascii=False, indent=2) + "\n")
        self.put("policies/assets.json", "{}\n")

    def _about(self) -> None:
        self.put("about/short_description.html", _esc(self.course.description) + "\n")
        lessons = "".join(f"<li>{_esc(lesson.title)} ({lesson.duration} phút)</li>" for lesson in self.course.lessons)
        self.put("about/overview.html",
                 f'<section class="about" lang="{self.course.language}"><h2>Giới thiệu</h2><p>{_esc(self.course.description)}</p>'
                 f"<h2>Các bài học</h2><ol>{lessons}</ol></section>\n")


def grading_policy(course: Course) -> dict[str, object]:
    """GRADER and GRADE_CUTOFFS matching the course's grading and certification policy."""
    graded_lessons = sum(1 for lesson in course.lessons if lesson.questions or lesson.tasks)
    graders: list[dict[str, object]] = []
    has_final = bool(course.bank)
    practice_weight = course.grading.practice_weight if has_final else 1.0
    if graded_lessons:
        graders.append({"type": PRACTICE_FORMAT, "short_label": "LT", "min_count": graded_lessons,
                        "drop_count": 0, "weight": practice_weight})
    if has_final:
        graders.append({"type": assessment.FINAL_FORMAT, "short_label": "ĐG", "min_count": 1, "drop_count": 0,
                        "weight": course.grading.assessment_weight if graded_lessons else 1.0})
    return {"GRADER": graders, "GRADE_CUTOFFS": {"Pass": course.certification.pass_rule.overall_threshold}}


def media_html(media: Media) -> str:
    """An HTML5 player for a course audio or video file, with captions when present."""
    assert media.asset is not None
    src = f"@asset/{media.asset.name}"
    title = _esc(media.title)
    if media.kind == "audio":
        return f'<figure><audio controls preload="none" src="{src}" title="{title}"></audio><figcaption>{title}</figcaption></figure>'
    track = (f'<track kind="captions" src="@asset/{media.captions.name}" srclang="vi" label="Tiếng Việt" default>'
             if media.captions else "")
    return (f'<figure><video controls preload="metadata" width="100%" title="{title}">'
            f'<source src="{src}" type="video/{media.asset.path.suffix.lstrip(".").lower()}">{track}</video>'
            f"<figcaption>{title}</figcaption></figure>")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
