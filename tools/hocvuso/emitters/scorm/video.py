"""A lesson's narrated video (from the media pipeline) inside its lesson page.

The MP4 plays with its WebVTT captions; at the end of a section's cue the
player pauses it and asks that section's in-video questions, moved into the
panel under the video (one copy of each question, so an answer counts once).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Lesson

FOLDER = "video"


def video_files(lesson: Lesson, video: LessonVideo) -> dict[str, Path]:
    """Package path → file for the lesson's video, captions, poster and transcript (ASCII names from the lesson id)."""
    return {
        f"{FOLDER}/{lesson.id}.mp4": video.mp4,
        f"{FOLDER}/{lesson.id}.vtt": video.vtt,
        f"{FOLDER}/{lesson.id}-poster{video.poster.suffix.lower()}": video.poster,
        f"{FOLDER}/{lesson.id}-transcript{video.transcript.suffix.lower()}": video.transcript,
    }


@dataclass(frozen=True, slots=True)
class VideoView:
    """What ``templates/scorm/blocks.html`` (``lesson_video``) needs: the lesson and its files' package paths."""

    lesson: str
    title: str
    mp4: str
    vtt: str
    poster: str
    transcript: str


def video_view(lesson: Lesson, video: LessonVideo) -> VideoView:
    """The video's view; its captions as a data URL, not the .vtt file's path.

    Opened from a folder (a USB stick, ``file://``), Chromium refuses to load a
    ``<track>`` from a file URL, so no caption showed; a data URL is part of
    the page and always loads.  The .vtt file stays in the package for download.
    """
    mp4, _, poster, transcript = video_files(lesson, video)
    captions = "data:text/vtt;charset=utf-8;base64," + base64.b64encode(video.vtt.read_bytes()).decode("ascii")
    return VideoView(lesson.id, lesson.title, mp4, captions, poster, transcript)
