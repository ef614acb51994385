"""What other emitters ask of the media pipeline: a lesson's narrated video.

The OLX and SCORM emitters call :func:`lesson_video`; it renders (or takes
from the cache in ``options.cache``) the lesson's slides, narration, video
and captions, and returns their files.  None means no video for this build
(``--no-video``) or none for this lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.emitters.base import BuildOptions
    from hocvuso.model import Course, Lesson


@dataclass(frozen=True, slots=True)
class Cue:
    """When a section's slide is on screen in the lesson video (seconds)."""

    section: int
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class LessonVideo:
    """The files of one lesson's narrated video."""

    mp4: Path
    vtt: Path
    srt: Path
    transcript: Path
    audio: Path
    poster: Path
    duration: float
    cues: tuple[Cue, ...]


def lesson_video(course: Course, lesson: Lesson, options: BuildOptions) -> LessonVideo | None:
    """The lesson's narrated video, rendered on demand and cached; None when video is off."""
    return None
