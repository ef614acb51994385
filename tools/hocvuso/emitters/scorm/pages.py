"""The player's page: every lesson of the course as one accessible HTML document.

A SCO must keep one run-time session from start to finish, so the package is
a single page that shows one "page" (home, a lesson, results) at a time; all
lesson content is ordinary HTML in it.  Teacher notes are never written here.
The markup is ``templates/scorm/index.html`` (with ``question.html`` and
``blocks.html``), its words ``templates/scorm/strings.yaml``; this module only
works out what each page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from hocvuso.emitters import templating
from hocvuso.emitters.presentation import MediaSource, language_name, media_source
from hocvuso.emitters.scorm.data import FINAL, HOME, PRETEST, RESULTS, data_script, has_checks
from hocvuso.emitters.scorm.questions import QuestionView, question_view
from hocvuso.emitters.scorm.video import VideoView, video_view
from hocvuso.model import Media, Prose, QuizBlock, TaskBlock, TeacherNote

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Block, Course, Lesson, Section, Task


@dataclass(frozen=True, slots=True)
class BlockView:
    """One block of a lesson as the page draws it: ``kind`` is prose, media, quiz or task."""

    kind: str
    html: str = ""
    media: Media | None = None
    source: MediaSource | None = None  # a course file's sources; None for an external video (a link)
    questions: tuple[QuestionView, ...] = ()
    task: Task | None = None


@dataclass(frozen=True, slots=True)
class SectionView:
    number: int
    heading: str  # '' when the section is the lesson itself (same title)
    blocks: tuple[BlockView, ...]


@dataclass(frozen=True, slots=True)
class LessonView:
    lesson: Lesson
    number: int
    video: VideoView | None
    sections: tuple[SectionView, ...]


def index_html(course: Course, data: dict[str, object], videos: dict[str, LessonVideo | None]) -> str:
    """The launch page of the package."""
    names = course.framework.competencies
    rule = course.certification.pass_rule
    language = course.language or "vi"
    lessons = [lesson_view(course, lesson, n, videos.get(lesson.id)) for n, lesson in enumerate(course.lessons, 1)]
    checks = has_checks(course)
    bank = [question_view(q, 0, course.framework) for q in course.bank if q.competency in course.profile.codes] if checks else []
    cert = course.certification
    return templating.render(
        "scorm", "index.html", language, lang=language, course=course, lessons=lessons, home=HOME, results=RESULTS,
        pretest=PRETEST if checks else "", final=FINAL if checks else "", bank=bank,
        final_items=rule.min_items_per_competency * len(course.profile.codes), tries=cert.max_attempts,
        competencies=[(code, names[code].name if code in names else "") for code in course.competencies],
        question_count=len(course.questions), overall=round(rule.overall_threshold * 100),
        competency=round(rule.competency_threshold * 100),
        captions_language=course.source_language or language,
        captions_label=language_name(course.source_language or language),
        video_language=language, video_label=language_name(language),
        data=Markup(data_script(data)),  # JSON already made safe inside <script> by data_script
    )


def lesson_view(course: Course, lesson: Lesson, number: int, video: LessonVideo | None) -> LessonView:
    counter = iter(range(1, len(lesson.questions) + 1))  # questions are numbered through the lesson
    sections = tuple(section_view(course, lesson, section, counter) for section in lesson.sections)
    return LessonView(lesson, number, video_view(lesson, video) if video is not None else None, sections)


def section_view(course: Course, lesson: Lesson, section: Section, counter: Iterator[int]) -> SectionView:
    heading = "" if section.title == lesson.title else section.title
    blocks = tuple(view for block in section.blocks if (view := block_view(course, block, counter)) is not None)
    return SectionView(section.index + 1, heading, blocks)


def block_view(course: Course, block: Block, counter: Iterator[int]) -> BlockView | None:
    if isinstance(block, Prose):
        return BlockView("prose", html=block.html)
    if isinstance(block, Media):
        return BlockView("media", media=block, source=media_source(block) if block.asset is not None else None)
    if isinstance(block, QuizBlock):
        return BlockView("quiz", questions=tuple(question_view(q, next(counter), course.framework) for q in block.questions))
    if isinstance(block, TaskBlock):
        return BlockView("task", task=block.task)
    if isinstance(block, TeacherNote):
        return None  # for the teacher's guide only, never for learners
    raise TypeError(f"no SCORM page for {type(block).__name__}")
