"""What the media service hands to emitters: a course's rendered media.

The build driver calls :func:`prepare_media` once per course, before any
emitter runs, with what the chosen emitters declared they need (a cover,
slides, video).  It renders (or takes from the cache in ``options.cache``)
every lesson's slides, narration, video and captions, and returns their
files as :class:`CourseMedia`.  Emitters only read it: none renders media
as a side effect of writing its own output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.media.cover import cover_png
from hocvuso.media.pipeline import FILES, MANIFEST, LessonPlan, render_course

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.model import Course
    from hocvuso.options import BuildOptions


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
    slide_times: tuple[tuple[float, float], ...] = ()  # each slide's start and end (s); a section may have several

    def cue(self, section: int) -> Cue | None:
        """The cue of section ``section`` (its index in the lesson)."""
        return next((c for c in self.cues if c.section == section), None)


@dataclass(frozen=True, slots=True)
class CourseMedia:
    """One course's rendered media: the generated cover, every lesson's plan (slides
    with alt text, cached files) and each lesson's narrated video.

    ``videos`` maps a lesson id to its video; a lesson is missing (or None) when the
    build makes no video (``--no-video``) or the lesson has no sections.
    """

    cover: bytes | None = None
    plans: tuple[LessonPlan, ...] = ()
    videos: dict[str, LessonVideo | None] = field(default_factory=dict)

    def video(self, lesson_id: str) -> LessonVideo | None:
        """The narrated video of lesson ``lesson_id``, if this build made one."""
        return self.videos.get(lesson_id)


COVER, SLIDES, VIDEO = "cover", "slides", "video"  # what an emitter may need of the media service


def prepare_media(course: Course, options: BuildOptions, needs: frozenset[str]) -> CourseMedia:
    """Render what ``needs`` asks for (any of COVER, SLIDES, VIDEO), once, before the emitters run.

    Slides are rendered when asked for, or for video when the build makes video;
    nothing is rendered for a ``--no-video`` build of emitters that only want video.
    """
    cover = cover_png(course.title, course.profile.name, course.group) if COVER in needs else None
    if not (SLIDES in needs or (VIDEO in needs and options.video)):
        return CourseMedia(cover)
    plans = tuple(render_course(course, options).plans)
    with_sections = {lesson.id for lesson in course.lessons if lesson.sections}
    videos = {p.lesson_id: video_of(p) for p in plans if options.video and p.lesson_id in with_sections}
    return CourseMedia(cover, plans, videos)


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
        slides=slides, slide_times=tuple((float(a), float(b)) for a, b in manifest.get("slides", ())),
    )
