"""Plan, render and cache a course's slides, narration and lesson videos.

Every file is cached under ``<cache>/media`` by a hash of everything that
shapes it, so a build renders only what changed:

* a slide: its title, points, image bytes, theme, fonts, slide number and the media code that draws it;
* a narration clip: its text and the engine's exact voice (or the author's recording bytes);
* a lesson video (MP4, M4A, VTT, SRT, transcript): its slides' and clips' keys, its texts, the encode code.

Planning only hashes (no rendering), so asking whether a lesson is
up to date is cheap.  Lessons that are not are rendered two at a time in
worker processes (this machine has two cores; ffmpeg and espeak-ng run
inside each), with a progress bar and an estimate on stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hocvuso.media import captions, encode, fonts, layout, slides, text, theme, tts, voices
from hocvuso.media import speech as speech_rules
from hocvuso.media.slides import SlideSpec, alt_text, png_bytes, render_slide, render_thumbnail
from hocvuso.media.theme import Theme, theme_for

if TYPE_CHECKING:
    from types import ModuleType

    from hocvuso.model import Course, Lesson, Section
    from hocvuso.options import BuildOptions

WORKERS = 2
PAUSE_S = 0.6  # silence after each slide's narration, before the next slide
MIN_SLIDE_S = 3.0  # a slide stays up at least this long, however short its narration
# … and long enough to read: its text at most 15 characters a second (Vietnamese captioning keeps to
# about 15–17 cps; elderly and new readers need the lower end).
CPS_LIMIT = 15.0
PICTURE_CHARS = 60  # how much narration a picture shown alone gets, in characters
FILES = {"mp4": "lesson.mp4", "m4a": "lesson.m4a", "vtt": "lesson.vtt", "srt": "lesson.srt", "transcript": "transcript.txt"}
MANIFEST = "manifest.json"


@cache
def _code_key(*modules: ModuleType) -> str:
    """The media code that shapes an output: a new version of it re-renders that output."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


# --- the plan -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Store:
    """Where cached media live, by key."""

    root: Path

    def slide(self, key: str) -> Path:
        return self.root / "slides" / f"{key}.png"

    def audio(self, key: str) -> Path:
        return self.root / "audio" / f"{key}.wav"

    def image(self, key: str) -> Path:
        return self.root / "images" / f"{key}.png"

    def lesson(self, key: str) -> Path:
        return self.root / "lessons" / key


@dataclass(frozen=True, slots=True)
class SlidePlan:
    """One section's slide and narration, with their cache keys."""

    section: int
    spec: SlideSpec
    key: str
    speech: str  # as written: captions and transcripts show this
    audio_key: str = ""
    recording: str = ""  # the author's own recording, '' when the engine speaks
    voice: str = ""  # what the engine says: ``speech`` normalised (numbers, dates, names read out)

    @property
    def alt(self) -> str:
        return alt_text(self.spec)


@dataclass(frozen=True, slots=True)
class LessonPlan:
    """What one lesson's media are made from; picklable, so a worker process can render it."""

    lesson_id: str
    title: str
    number: int
    minutes: int
    language: str
    theme: Theme
    slides: tuple[SlidePlan, ...]
    thumb_key: str
    video_key: str
    store: Store
    engine: tts.Engine | None = None  # None when the build makes no video

    @property
    def thumbnail(self) -> Path:
        return self.store.image(self.thumb_key)

    @property
    def folder(self) -> Path:
        """The cached video folder (MP4, M4A, captions, transcript, manifest)."""
        return self.store.lesson(self.video_key)

    def slide_paths(self) -> list[Path]:
        return [self.store.slide(s.key) for s in self.slides]

    def done(self) -> bool:
        """Is every output of this lesson already in the cache?"""
        images = [*self.slide_paths(), self.thumbnail]
        if not all(p.is_file() for p in images):
            return False
        return self.engine is None or (self.folder / MANIFEST).is_file()


def media_store(options: BuildOptions) -> Store:
    """The media cache of a build (a shared temporary one when the build has no cache folder)."""
    base = options.cache if options.cache is not None else Path(tempfile.gettempdir()) / "hocvuso-cache"
    return Store(base / "media")


def plan_lesson(course: Course, lesson: Lesson, options: BuildOptions, number: int) -> LessonPlan:
    """Hash (never render) everything that shapes ``lesson``'s media."""
    look = theme_for(course.group)
    engine = voices.engine_for(course.language, options.tts) if options.video else None
    slide_code = _code_key(slides, layout, text, theme, fonts)
    audio_code = _code_key(tts, voices, encode, speech_rules)
    pages = [(section, page, said) for section in lesson.sections for page, said in _section_pages(section)]
    plans: list[SlidePlan] = []
    for n, (section, page, speech) in enumerate(pages, start=1):
        spec = replace(_slide_spec(look, lesson, section, page, n, len(pages)), language=course.language)
        recording = section.narration.audio if section.narration and section.narration.audio else None
        if plans and plans[-1].section == section.index:
            recording = None  # an author's recording is not cut: it plays over the section's first slide
        audio_key = voice = ""
        if engine is not None:
            voice = speech_rules.normalise(speech, course.pronunciations)
            audio_key = _hash(audio_code, f"recording:{recording.sha256}" if recording else f"{engine.key()}:{voice}")
        plans.append(SlidePlan(section.index, spec, _hash(slide_code, spec.key()), speech, audio_key,
                               str(recording.path) if recording else "", voice))
    thumb_key = _hash(slide_code, "thumbnail", look.key(), lesson.title, str(number), str(lesson.duration),
                      course.language)
    video_key = _hash(_code_key(encode, captions, text, sys.modules[__name__]), lesson.title, course.language,
                      str(PAUSE_S), str(MIN_SLIDE_S), str(CPS_LIMIT),
                      *(f"{p.key}:{p.audio_key}:{p.section}:{p.spec.title}:{p.speech}" for p in plans))
    return LessonPlan(lesson.id, lesson.title, number, lesson.duration, course.language, look, tuple(plans),
                      thumb_key, video_key, media_store(options), engine)


def _section_pages(section: Section) -> list[tuple[layout.Page, str]]:
    """The section's slides, each with what is said over it (the narration shared out by the slides' text)."""
    image = bool(section.images)
    pages = layout.paginate(section.title, section.points, image).pages
    if section.narration is None:
        # Default narration: each slide says its own title (first slide) and points.
        return [(page, text.spoken_text("\n".join([section.title] * (n == 0) + list(page.points))))
                for n, page in enumerate(pages)]
    spoken = text.spoken_text(section.spoken) or text.clean(section.title)
    if len(pages) == 1 or (section.narration.audio is not None):
        return [(page, spoken if n == 0 else "") for n, page in enumerate(pages)]
    return list(zip(pages, share_out(text.sentences(spoken), [_page_chars(p) for p in pages]), strict=True))


def _page_chars(page: layout.Page) -> int:
    """A slide's share of its section's narration: its text, or for a picture alone, a short sentence's worth."""
    return len(page.title) + sum(len(p) for p in page.points) + (PICTURE_CHARS if page.image and not page.points else 0)


def reading_time(spec: SlideSpec) -> float:
    """How long a slide stays up at least: :data:`MIN_SLIDE_S`, or its text read at :data:`CPS_LIMIT`."""
    return max(MIN_SLIDE_S, (len(spec.title) + sum(len(p) for p in spec.points)) / CPS_LIMIT)


def share_out(sentences: list[str], weights: list[int]) -> list[str]:
    """Sentences handed to slides in order, each slide's share as close as can be to its share of ``weights``.

    Every slide gets at least one sentence while there are enough of them; a
    sentence is never cut.
    """
    total_chars = sum(len(s) for s in sentences) or 1
    total_weight = sum(weights) or 1
    out: list[list[str]] = [[] for _ in weights]
    slide, said, target = 0, 0, weights[0] / total_weight * total_chars
    for n, sentence in enumerate(sentences):
        left_slides = len(weights) - slide - 1
        left_sentences = len(sentences) - n
        move_on = out[slide] and (said + len(sentence) / 2 > target or left_sentences <= left_slides)
        if move_on and slide < len(weights) - 1:
            slide += 1
            target += weights[slide] / total_weight * total_chars
        out[slide].append(sentence)
        said += len(sentence)
    return [" ".join(part) for part in out]


def _slide_spec(look: Theme, lesson: Lesson, section: Section, page: layout.Page, number: int, total: int) -> SlideSpec:
    image = section.images[0] if section.images and page.image else None
    return SlideSpec(
        theme=look, title=page.title, points=page.points,
        lesson_title=lesson.title, number=number, total=total,
        image=str(image.asset.path) if image else "", image_sha256=image.asset.sha256 if image else "",
        image_alt=image.alt if image else "", carried=page.carried,
    )


def plan_course(course: Course, options: BuildOptions) -> list[LessonPlan]:
    return [plan_lesson(course, lesson, options, n) for n, lesson in enumerate(course.lessons, start=1) if lesson.sections]


# --- rendering (runs in worker processes) ----------------------------------------


@dataclass(slots=True)
class Counts:
    """What a render actually made (all zero when everything came from the cache)."""

    slides: int = 0
    images: int = 0
    audio: int = 0
    videos: int = 0

    def add(self, other: Counts) -> None:
        self.slides += other.slides
        self.images += other.images
        self.audio += other.audio
        self.videos += other.videos

    @property
    def total(self) -> int:
        return self.slides + self.images + self.audio + self.videos


def render_lesson(plan: LessonPlan) -> Counts:
    """Render whatever of ``plan`` is not cached yet; return what was made."""
    counts = Counts()
    for slide in plan.slides:
        target = plan.store.slide(slide.key)
        if not target.is_file():
            _write_atomic(target, png_bytes(render_slide(slide.spec)))
            counts.slides += 1
    if not plan.thumbnail.is_file():
        _write_atomic(plan.thumbnail, png_bytes(render_thumbnail(plan.theme, plan.title, plan.number, plan.minutes, plan.language)))
        counts.images += 1
    if plan.engine is not None and not (plan.folder / MANIFEST).is_file():
        for slide in plan.slides:
            counts.audio += _narrate(plan.engine, slide, plan.store.audio(slide.audio_key))
        _encode_lesson(plan)
        counts.videos += 1
    return counts


def _narrate(engine: tts.Engine, slide: SlidePlan, target: Path) -> int:
    if target.is_file():
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = target.with_name(f".{target.stem}.{os.getpid()}.raw.wav")
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.wav")
    try:
        if slide.recording:
            encode.to_narration_wav(Path(slide.recording), tmp)
        elif not (slide.voice or slide.speech).strip():  # a continued slide whose section said all already
            encode.silence_wav(tmp)
        else:
            engine.synthesize(slide.voice or slide.speech, raw)
            if encode.is_narration_wav(raw):
                os.replace(raw, tmp)
            else:  # another engine's rate or channels: resample once, here
                encode.to_narration_wav(raw, tmp)
        os.replace(tmp, target)
    finally:
        raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return 1


def _encode_lesson(plan: LessonPlan) -> None:
    final = plan.folder
    work = final.with_name(f".{final.name}.{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        spans = encode.join_narration([plan.store.audio(s.audio_key) for s in plan.slides], round(PAUSE_S * encode.RATE),
                                      [round(reading_time(s.spec) * encode.RATE) for s in plan.slides],
                                      work / "narration.wav")
        ms = [(_ms(s.start), _ms(s.speech_end), _ms(s.end)) for s in spans]
        (work / "slides.ffconcat").write_text(
            encode.concat_list(plan.slide_paths(), [(a, c) for a, _, c in ms]), encoding="utf-8")
        encode.run_ffmpeg(encode.encode_args("slides.ffconcat", "narration.wav", FILES["mp4"], FILES["m4a"]), cwd=work)
        timed = [captions.Timed(s.spec.title, s.speech, a, b, c) for s, (a, b, c) in zip(plan.slides, ms, strict=True)]
        cues = captions.captions(timed)
        (work / FILES["vtt"]).write_text(captions.to_vtt(cues, plan.language), encoding="utf-8")
        (work / FILES["srt"]).write_text(captions.to_srt(cues), encoding="utf-8")
        # With a byte-order mark: a browser or phone opening the file alone then reads it as UTF-8, not windows-1252.
        (work / FILES["transcript"]).write_text(captions.transcript(plan.title, timed), encoding="utf-8-sig")
        manifest = {"duration": ms[-1][2] / 1000, "cues": _section_cues(plan.slides, ms),
                    "slides": [[a / 1000, c / 1000] for a, _, c in ms]}
        (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        for scratch in ("narration.wav", "slides.ffconcat"):
            (work / scratch).unlink()
        try:
            os.rename(work, final)
        except OSError:  # another process finished the same lesson first: keep its copy
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _section_cues(plans: tuple[SlidePlan, ...], ms: list[tuple[int, int, int]]) -> list[list[float]]:
    """[section, start, end] (s) for each section: from its first slide's start to its last slide's end."""
    cues: list[list[float]] = []
    for slide, (start, _, end) in zip(plans, ms, strict=True):
        if cues and cues[-1][0] == slide.section:
            cues[-1][2] = end / 1000
        else:
            cues.append([slide.section, start / 1000, end / 1000])
    return cues


def _ms(samples: int) -> int:
    return round(samples * 1000 / encode.RATE)


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, target)


# --- the course -------------------------------------------------------------------


@dataclass(slots=True)
class Progress:
    """A progress bar with an estimate of the time left, on stderr."""

    label: str
    total: int
    stream: TextIO | None = None
    done: int = 0
    started: float = field(default_factory=time.monotonic)

    def advance(self, amount: int) -> None:
        self.done += amount
        stream = self.stream or sys.stderr
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        filled = round(24 * self.done / self.total) if self.total else 24
        line = (f"[media] {self.label} {'█' * filled}{'░' * (24 - filled)} {self.done}/{self.total} trang · "
                f"{_clock(elapsed)} đã qua · còn khoảng {_clock(left)}")
        end = "\n" if self.done >= self.total or not stream.isatty() else ""
        stream.write(("\r" if stream.isatty() else "") + line + end)
        stream.flush()


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(slots=True)
class RenderResult:
    """A course's media plans (all rendered and cached) and what this render made."""

    plans: list[LessonPlan]
    counts: Counts


def render_course(course: Course, options: BuildOptions, stream: TextIO | None = None) -> RenderResult:
    """Render every lesson of ``course`` that is not fully cached, two lessons at a time."""
    plans = plan_course(course, options)
    todo = [p for p in plans if not p.done()]
    counts = Counts()
    if not todo:
        return RenderResult(plans, counts)
    progress = Progress(course.group, sum(len(p.slides) for p in todo), stream)
    if len(todo) == 1:
        counts.add(render_lesson(todo[0]))
        progress.advance(len(todo[0].slides))
        return RenderResult(plans, counts)
    # Longest lessons first, so neither worker is left with a long one at the end.
    ordered = sorted(todo, key=lambda p: -sum(len(s.speech) for s in p.slides))
    with ProcessPoolExecutor(max_workers=min(WORKERS, len(todo))) as pool:
        futures = {pool.submit(render_lesson, plan): plan for plan in ordered}
        try:
            for future in as_completed(futures):
                counts.add(future.result())
                progress.advance(len(futures[future].slides))
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    return RenderResult(plans, counts)
