"""The course walk: one course as OLX files (the content of ``course/`` in the archive).

course → chapter → sequential (one per lesson) → vertical (one per section)
→ html, problem, openassessment and video components, as Studio exports.
url_names come from authors' ids (never from titles or positions of
lessons), so re-importing an edited course keeps learners' state.

Every file goes through one :class:`~.sink.OlxFiles`; the parts called here
(:mod:`.placement`, :mod:`.video`, :mod:`.assessment`) write through it and
return what they placed.  Which questions a lesson's video unit asks is
decided here, before its sections are written, so that no question is
placed twice.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hocvuso.emitters import templating
from hocvuso.emitters.olx import assessment, placement, tags, video
from hocvuso.emitters.olx.capa import problem_element
from hocvuso.emitters.olx.grading import pass_cutoff
from hocvuso.emitters.olx.ora import course_end, iso, ora_element
from hocvuso.emitters.olx.sink import OlxFiles
from hocvuso.emitters.olx.xmlutil import el
from hocvuso.emitters.presentation import CAPTIONS_LANGUAGE, language_name, media_source
from hocvuso.media.outputs import CourseMedia
from hocvuso.model import Media, Prose, QuizBlock, TaskBlock, TeacherNote

if TYPE_CHECKING:
    from lxml import etree

    from hocvuso.model import Block, Course, Lesson, Section

PRACTICE_FORMAT = "Luyện tập"
GUIDE = "hocvuso-giao-vien"
DEFAULT_COVER = "course-cover.png"


def write_course(course: Course, media: CourseMedia | None = None) -> OlxFiles:
    """Every file of ``course``'s export, with ``media`` (cover, lesson videos) rendered by the driver."""
    media = media or CourseMedia()
    files = OlxFiles(course.language)
    files.put_xml("course.xml", el("course", {"url_name": course.run, "org": course.org, "course": course.number}))
    chapters = [placement.placement_check(course, files)]
    chapters += [files.chapter(ch.id, ch.title, [_lesson(files, course, media, lesson) for lesson in ch.lessons])
                 for ch in course.chapters]
    chapters += [assessment.final_assessment(course, files), _teacher_guide(files, course)]
    run = el("course", {})
    for url_name in chapters:
        if url_name is not None:
            el("chapter", {"url_name": url_name}, parent=run)
    files.put_xml(f"course/{course.run}.xml", run)
    _static(files, course, media)
    _policies(files, course)
    _about(files, course)
    files.tags.insert(0, tags.TagRow(course.title, "course", course.key, course.competencies, ()))
    files.put("tags.csv", tags.course_tags_csv(course.framework, files.tags))
    return files


# --- lessons ------------------------------------------------------------------

def _lesson(files: OlxFiles, course: Course, media: CourseMedia, lesson: Lesson) -> str:
    """Write the lesson's subsection (its video unit first, when the build made one); return its url_name."""
    lesson_video = media.video(lesson.id)
    verticals = [video.lesson_unit(files, lesson, lesson_video)] if lesson_video is not None else []
    # With a video unit, the in-video questions are asked there and only there (an answer counts once).
    in_video = {q.id for q in lesson.in_video_questions} if lesson_video is not None else set()
    verticals += [_section(files, course, section, in_video) for section in lesson.sections]
    graded = bool(lesson.questions or lesson.tasks)
    files.sequential(lesson.id, lesson.title, verticals, PRACTICE_FORMAT if graded else None)
    files.tag(tags.TagRow(lesson.title, "sequential", lesson.id, lesson.competencies, (lesson.level,)))
    return lesson.id


def _section(files: OlxFiles, course: Course, section: Section, in_video: set[str]) -> str:
    """Write the section's unit: consecutive prose and course media as one HTML component, then each other block."""
    url_name = section.uid  # from the heading, not the position (issue 16)
    children: list[etree._Element] = []
    pending: list[str] = []
    for block in section.blocks:
        if isinstance(block, Prose | Media) and not (isinstance(block, Media) and block.url):
            pending.append(media_html(block, course.language, course.source_language or course.language)
                           if isinstance(block, Media) else block.html)
            continue
        _flush_html(files, url_name, section, pending, children)
        children.extend(_component(files, course, section, block, in_video))
    _flush_html(files, url_name, section, pending, children)
    return files.vertical(url_name, section.title, children)


def _flush_html(files: OlxFiles, vertical: str, section: Section, pending: list[str], children: list[etree._Element]) -> None:
    if not pending:
        return
    children.append(files.html(f"{vertical}-h{len(children) + 1}", section.title, "\n".join(pending)))
    pending.clear()


def _component(files: OlxFiles, course: Course, section: Section, block: Block, in_video: set[str]) -> list[etree._Element]:
    if isinstance(block, QuizBlock):
        return [files.problem(q.id, problem_element(q, language=files.language), q.competency, q.level) for q in block.questions
                if q.id not in in_video]
    if isinstance(block, TaskBlock):
        files.tag(tags.TagRow(block.task.title, "openassessment", block.task.id, block.task.competencies, ()))
        return [ora_element(block.task, course, block.task.id)]
    if isinstance(block, Media):
        return [video.youtube(files, f"{section.uid}-v", block)]
    if isinstance(block, TeacherNote):
        return []  # teacher notes go to the staff-only guide, never to learners
    raise TypeError(f"no OLX for {type(block).__name__}")


# --- teacher's guide --------------------------------------------------------------

def _teacher_guide(files: OlxFiles, course: Course) -> str | None:
    """The staff-only chapter of every lesson's teacher notes; None when no lesson has any."""
    lessons = [lesson for lesson in course.lessons if lesson.notes]
    if not lessons:
        return None
    words = templating.strings("olx", course.language)
    verticals = []
    for lesson in lessons:
        body = templating.render("olx", "staff_guide_lesson.html", course.language, lesson=lesson)
        url_name = f"{GUIDE}-{lesson.id}"
        verticals.append(files.vertical(url_name, lesson.title, [files.html(f"{url_name}-h1", lesson.title, body)]))
    files.sequential(f"{GUIDE}-bai", words.guide_sequential, verticals)
    return files.chapter(GUIDE, words.guide_chapter, [f"{GUIDE}-bai"], staff_only=True)


# --- files around the tree ---------------------------------------------------------

def cover_name(course: Course) -> str:
    return course.image.name if course.image else DEFAULT_COVER


def _static(files: OlxFiles, course: Course, media: CourseMedia) -> None:
    for asset in course.assets.values():
        files.put_file(f"static/{asset.name}", asset.path)
    if course.image:
        files.put(f"static/{cover_name(course)}", course.image.path.read_bytes())
    else:
        assert media.cover is not None  # the OLX emitter asks the media service for a cover
        files.put(f"static/{cover_name(course)}", media.cover)


def _policies(files: OlxFiles, course: Course) -> None:
    advanced = sorted(assessment.advanced_modules(course) | video.advanced_modules(course))
    policy = {f"course/{course.run}": {
        "display_name": course.title, "start": iso(course.start), "end": iso(course_end(course), True),
        "language": course.language, "course_image": cover_name(course), "self_paced": True,
        "advanced_modules": advanced, "show_calculator": False,
    }}
    files.put(f"policies/{course.run}/policy.json", json.dumps(policy, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    files.put(f"policies/{course.run}/grading_policy.json",
              json.dumps(grading_policy(course), ensure_ascii=False, indent=2) + "\n")
    files.put("policies/assets.json", "{}\n")


def _about(files: OlxFiles, course: Course) -> None:
    for page in ("short_description", "overview"):
        files.put(f"about/{page}.html", templating.render("olx", f"about/{page}.html", course.language, course=course))


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
    final_weight = course.grading.assessment_weight if graded_lessons else 1.0
    cutoff = (pass_cutoff(practice_weight if graded_lessons else 0.0, final_weight, course.certification.pass_rule.overall_threshold)
              if has_final else course.certification.pass_rule.overall_threshold)
    return {"GRADER": graders, "GRADE_CUTOFFS": {"Pass": cutoff}}


def media_html(media: Media, language: str, captions: str = CAPTIONS_LANGUAGE) -> str:
    """An HTML5 player for a course audio or video file, with captions when present (``templates/olx/media.html``).

    ``captions``: the language of the authors' caption track (the source language, also in a translation).
    """
    return templating.render("olx", "media.html", language, source=media_source(media),
                             captions_language=captions, captions_label=language_name(captions))
