"""Video components: YouTube references from lessons, and (with the media
pipeline) each lesson's narrated video with its transcript and in-video questions.

The narrated video is an HTML5 video from the course's static files, written
as Studio exports one (``html5_sources`` plus ``<source>``, ``transcripts``
plus ``<transcript language src>`` naming an SRT file in static/, which the
import turns into the video's transcript: edx-platform
``VideoBlock.parse_video_xml`` and edx-val ``import_transcript_from_fs``).
In-video questions use the ``invideoquiz`` XBlock (fields ``video_id``, the
video's url_name, and ``timemap``, JSON of whole seconds → problem id; its
script matches both as substrings of the unit's usage keys).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hocvuso.emitters import templating
from hocvuso.emitters.olx.capa import problem_element
from hocvuso.emitters.olx.xmlutil import el
from hocvuso.emitters.presentation import STATIC

if TYPE_CHECKING:
    from lxml import etree

    from hocvuso.emitters.olx.sink import OlxFiles
    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Course, Lesson, Media

INVIDEOQUIZ = "invideoquiz"  # the in-video quiz XBlock (PyPI invideoquiz-xblock), as the national platform uses
PREFIX = "hocvuso-video-"  # authors' ids may not start with "hocvuso-", so these never clash with theirs
GAP = 2  # seconds between two in-video questions
# The block finds a problem by substring of the unit's components' usage keys
# (block-v1:ORG+COURSE+RUN+type@problem+block@<url_name>); the type prefix keeps a
# short id such as "so" from also matching the video ("hocvuso-…") or the course key.
PROBLEM_REF = "type@problem+block@"


def youtube(files: OlxFiles, url_name: str, media: Media) -> etree._Element:
    """Write video/<url_name>.xml for a YouTube or https video; return its pointer."""
    vid = media.youtube_id
    attrs: dict[str, object] = {"display_name": media.title or "Video", "download_video": False}
    if vid:
        attrs |= {"youtube": f"1.00:{vid}", "youtube_id_1_0": vid}
    else:
        attrs |= {"html5_sources": f'["{media.url}"]', "youtube_id_1_0": ""}
    files.put_xml(f"video/{url_name}.xml", el("video", attrs))
    return el("video", {"url_name": url_name})


def lesson_unit(files: OlxFiles, lesson: Lesson, lesson_video: LessonVideo) -> str:
    """Write the unit to put first in the lesson's sequential and return its url_name: the
    narrated video (with transcript), then the lesson's in-video questions and the in-video
    quiz block that hides them and shows each one over the paused video.

    That block's script only finds components of the unit on screen, so the questions live
    here; the caller leaves ``lesson.in_video_questions`` out of their sections' units.
    """
    player = f"{PREFIX}{lesson.id}"
    children = [_video(files, player, lesson, lesson_video)]
    questions = lesson.in_video_questions
    if questions:
        children += [files.problem(q.id, problem_element(q, language=files.language), q.competency, q.level) for q in questions]
        times = timemap(lesson, lesson_video)
        children.append(el("invideoquiz", {
            "url_name": f"hocvuso-ivq-{lesson.id}", "xblock-family": "xblock.v1",
            "display_name": templating.strings("olx", files.language).in_video_quiz,
            "video_id": player, "timemap": json.dumps({str(t): PROBLEM_REF + qid for qid, t in times.items()}),
        }))
    return files.vertical(f"hocvuso-unit-{lesson.id}", f"Video: {lesson.title}", children)


def _video(files: OlxFiles, url_name: str, lesson: Lesson, lesson_video: LessonVideo) -> etree._Element:
    """Write video/<url_name>.xml playing the course's own MP4, as Studio exports an HTML5 video.

    The MP4, the SRT transcript (imported as the video's transcript in the
    course's language), the plain-text transcript (downloadable) and the
    narration alone (an M4A handout, for slow connections) go to static/.
    """
    language = files.language
    names = {"mp4": f"{url_name}.mp4", "srt": f"{url_name}-{language}.srt", "txt": f"{url_name}.txt",
             "m4a": f"{url_name}.m4a"}
    for kind, source in (("mp4", lesson_video.mp4), ("srt", lesson_video.srt), ("txt", lesson_video.transcript),
                         ("m4a", lesson_video.audio)):
        files.put_file(f"static/{names[kind]}", source)
    mp4, track, handout = (f"{STATIC}{names['mp4']}", f"{STATIC}{names['txt']}", f"{STATIC}{names['m4a']}")
    node = el("video", {
        "display_name": f"Video: {lesson.title}", "youtube_id_1_0": "", "html5_sources": json.dumps([mp4]),
        "sub": "", "transcripts": json.dumps({language: names["srt"]}), "show_captions": True,
        "download_video": True, "download_track": True, "track": track, "handout": handout,
    })
    el("source", {"src": mp4}, parent=node)
    el("track", {"src": track}, parent=node)
    el("handout", {"src": handout}, parent=node)
    el("transcript", {"language": language, "src": names["srt"]}, parent=node)
    files.put_xml(f"video/{url_name}.xml", node)
    return el("video", {"url_name": url_name})


def timemap(lesson: Lesson, lesson_video: LessonVideo) -> dict[str, int]:
    """When (whole seconds) each in-video question pops up: near the end of its section's slide.

    The quiz block compares whole seconds of play time and, after a learner
    presses Continue, looks again only 1.5 s later; so a slide's questions
    are 2 s apart, the last one 1 s before the slide ends.  Questions that
    would fall after the video's end are pulled back (at least 1 s apart),
    and no two share a second.
    """
    times: dict[str, int] = {}
    last = -1
    latest = max(int(lesson_video.duration) - 1, 0)
    for section in lesson.sections:
        cue = lesson_video.cue(section.index)
        questions = section.in_video_questions
        if cue is None or not questions:
            continue
        first = max(int(cue.end) - 1 - GAP * (len(questions) - 1), int(cue.start))
        wanted = [first + GAP * number for number in range(len(questions))]
        for number in reversed(range(len(wanted))):
            wanted[number] = min(wanted[number], latest if number == len(wanted) - 1 else wanted[number + 1] - 1)
        for question, at in zip(questions, wanted, strict=True):
            last = max(at, last + 1)
            times[question.id] = last
    return times


def advanced_modules(course: Course) -> set[str]:
    """The in-video quiz block, when a lesson has in-video questions."""
    return {INVIDEOQUIZ} if any(lesson.in_video_questions for lesson in course.lessons) else set()
