"""Slides, thumbnails, covers and narrated lesson videos: build/media/<group>/.

Per course: ``cover.png`` and ``media.json`` (every lesson's files, slide
titles and alt texts).  Per lesson, in ``<lesson-id>/``: ``slide-NN.png``
(1280×720), ``slides.json`` (each slide's title, points, alt text,
narration and, with video, its time in the video), ``thumbnail.png``; and
unless the build is ``--no-video``: ``lesson.mp4`` (H.264 + AAC, 720p, fast
start), ``lesson.vtt`` and ``lesson.srt`` captions, ``transcript.txt`` and
``lesson.m4a`` (the narration alone, for slow connections).

Files come from the media cache (:mod:`hocvuso.media.pipeline`), linked
rather than copied when the file system allows it.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import TYPE_CHECKING

from hocvuso.emitters.base import Emitter
from hocvuso.media.outputs import COVER, SLIDES, VIDEO

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia, LessonVideo
    from hocvuso.media.pipeline import LessonPlan
    from hocvuso.model import Course

VIDEO_FILES = {"mp4": "lesson.mp4", "vtt": "lesson.vtt", "srt": "lesson.srt", "transcript": "transcript.txt",
               "audio": "lesson.m4a"}


class MediaEmitter(Emitter):
    """Slides with alt text, thumbnails, a course cover, and narrated videos with captions."""

    name = "media"
    description = "Slides, thumbnails, cover, and narrated lesson videos with captions and transcripts"
    needs_media = frozenset({COVER, SLIDES, VIDEO})

    def outputs(self, group: str) -> list[str]:
        return [f"media/{group}/cover.png", f"media/{group}/media.json"]

    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        folder = out / "media" / course.group
        folder.mkdir(parents=True, exist_ok=True)
        assert media.cover is not None  # asked for in needs_media
        (folder / "cover.png").write_bytes(media.cover)
        index = [_lesson(plan, media.video(plan.lesson_id), folder / plan.lesson_id) for plan in media.plans]
        summary = {"course": course.title, "group": course.group, "cover": "cover.png", "video": self.options.video,
                   "lessons": index}
        (folder / "media.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _lesson(plan: LessonPlan, video: LessonVideo | None, folder: Path) -> dict[str, object]:
    """Place one lesson's files in ``folder``; return its entry of media.json."""
    folder.mkdir(parents=True, exist_ok=True)
    slides = []
    times = video.slide_times if video else ()
    for number, (slide, path) in enumerate(zip(plan.slides, plan.slide_paths(), strict=True), start=1):
        name = f"slide-{number:02d}.png"
        _place(path, folder / name)
        entry: dict[str, object] = {"file": name, "section": slide.section, "title": slide.spec.title,
                                    "points": list(slide.spec.points), "alt": slide.alt, "narration": slide.speech}
        if slide.spec.image:
            entry["image_alt"] = slide.spec.image_alt
        if number <= len(times):
            entry["start"], entry["end"] = times[number - 1]
        slides.append(entry)
    _place(plan.thumbnail, folder / "thumbnail.png")
    files = {"thumbnail": "thumbnail.png"}
    if video is not None:
        for field, name in VIDEO_FILES.items():
            _place(getattr(video, field), folder / name)
        files |= VIDEO_FILES
    (folder / "slides.json").write_text(
        json.dumps({"lesson": plan.lesson_id, "title": plan.title, "duration": video.duration if video else None,
                    "slides": slides}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"id": plan.lesson_id, "title": plan.title, "folder": plan.lesson_id, "slides": len(slides), **files,
            "duration": video.duration if video else None}


def _place(source: Path, target: Path) -> None:
    """Hard-link ``source`` (a cache file, never edited in place) at ``target``, or copy it."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
