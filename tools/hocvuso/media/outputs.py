"""What other emitters ask of the media pipeline: a lesson's narrated video.

The OLX and SCORM emitters call :func:`lesson_video`; it renders (or takes
from the cache in ``options.cache``) the lesson's slides, narration, video
and captions, and returns their files.  None means no video for this build
(``--no-video``) or none for this lesson (it has no sections).  The first
call for a course renders every lesson of the course that is not cached,
two at a time; later calls find theirs in the cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.media.pipeline import FILES, MANIFEST, LessonPlan, plan_lesson, render_course

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
    """The files of one lesson's narrated video.

    ``mp4``: H.264 + AAC, 1280×720, fast start; ``vtt``/``srt``: captions;
    ``transcript``: plain text; ``audio``: the narration alone (M4A, for slow
    connections); ``poster``: the first slide (PNG); ``slides``: every slide (PNG).
    """

    mp4: Path
    vtt: Path
    srt: Path
    transcript: Path
    audio: Path
    poster: Path
    duration: float
    cues: tuple[Cue, ...]
    slides: tuple[Path, ...] = ()

    def cue(self, section: int) -> Cue | None:
        """The cue of section ``section`` (its index in the lesson)."""
        return next((c for c in self.cues if c.section == section), None)


def lesson_video(course: Course, lesson: Lesson, options: BuildOptions) -> LessonVideo | None:
    """The lesson's narrated video, rendered on demand and cached; None when video is off."""
    if not options.video or not lesson.sections:
        return None
    number = next(n for n, other in enumerate(course.lessons, start=1) if other.id == lesson.id)
    plan = plan_lesson(course, lesson, options, number)
    if not plan.done():
        render_course(course, options)
    return video_of(plan)


def video_of(plan: LessonPlan) -> LessonVideo | None:
    """The cached video files of a rendered plan (None for a plan without video)."""
    if plan.engine is None:
        return None
    folder = plan.folder
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    slides = tuple(plan.slide_paths())
    return LessonVideo(
        mp4=folder / FILES["mp4"], vtt=folder / FILES["vtt"], srt=folder / FILES["srt"],
        transcript=folder / FILES["transcript"], audio=folder / FILES["m4a"], poster=slides[0],
        duration=float(manifest["duration"]), cues=tuple(Cue(int(s), float(a), float(b)) for s, a, b in manifest["cues"]),
        slides=slides,
    )
