"""A course: one learner group's lessons, item bank and policies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from hocvuso.diagnostics import Location
    from hocvuso.model.content import Asset, Chapter, Lesson, Question, Task
    from hocvuso.model.framework import Framework, PassRule, Profile


@dataclass(frozen=True, slots=True)
class Grading:
    """How the course grade is made: practice problems and the final assessment.

    Practice counts a little (it rewards doing it); the final decides: the OLX
    pass mark is set so that full practice marks never make up for a final
    under the certification threshold (emitters/olx/grading.py).
    """

    practice_weight: float = 0.1
    assessment_weight: float = 0.9


@dataclass(frozen=True, slots=True)
class Certification:
    """The certification assessment's policy (the pass rule comes from the profile)."""

    pass_rule: PassRule
    time_limit_minutes: int = 0
    max_attempts: int = 3
    wait_hours: float = 24.0  # between attempts: a retake the next day, not a guess a minute later
    engine: str = "xblock"


@dataclass(frozen=True, slots=True)
class Translation:
    """A language the course is also built in, from PO catalogues (``translations:`` in course.yaml).

    ``fallback``: untranslated strings are shown in the source language, marked,
    instead of failing the build; ``lessons``: only these lesson ids (a pilot),
    without the final assessment; ``silent_video``: slides without the author's
    recording get a silent video with captions when no offline voice speaks
    the language.
    """

    language: str
    run: str
    fallback: bool = False
    lessons: tuple[str, ...] = ()
    silent_video: bool = False
    loc: Location | None = None


@dataclass(slots=True)
class Course:
    """Everything one build of one learner group needs; emitters only read it."""

    group: str  # the course folder's name: it names every output; the learner-group profile is ``profile``
    root: Path
    org: str
    number: str
    run: str
    title: str
    language: str
    start: dt.date
    framework: Framework
    profile: Profile
    grading: Grading
    certification: Certification
    end: dt.date | None = None
    description: str = ""
    image: Asset | None = None
    chapters: tuple[Chapter, ...] = ()
    bank: tuple[Question, ...] = ()
    assets: dict[str, Asset] = field(default_factory=dict)
    digest: str = ""
    # Every file course.yaml lists (lessons and item banks), also those that failed to load.
    listed: tuple[Path, ...] = ()
    # How the narration voice reads words the authors list (e.g. "VNeID": "vê en e ai đi").
    pronunciations: dict[str, str] = field(default_factory=dict)
    # Where the lesson videos are published, '{lesson}' standing for the lesson id (the handout's QR code).
    video_url: str = ""
    # The languages the course is also built in (docs/translation.md).
    translations: tuple[Translation, ...] = ()
    # Set on a translated model: the language it was translated from, and its translation settings.
    source_language: str = ""
    translation: Translation | None = None
    # Slides without a voice for the language or an author's recording get a silent video with captions.
    silent_video: bool = False

    @property
    def key(self) -> str:
        """The Open edX course key, course-v1:ORG+NUMBER+RUN."""
        return f"course-v1:{self.org}+{self.number}+{self.run}"

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(lesson for ch in self.chapters for lesson in ch.lessons)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Practice questions of every lesson, in course order."""
        return tuple(q for lesson in self.lessons for q in lesson.questions)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for lesson in self.lessons for t in lesson.tasks)

    @property
    def competencies(self) -> tuple[str, ...]:
        """Every competency the course touches, in framework order."""
        used = set(self.profile.codes)
        for lesson in self.lessons:
            used.update(lesson.competencies)
        used.update(q.competency for q in (*self.questions, *self.bank))
        used.update(c for t in self.tasks for c in t.competencies)
        return tuple(code for code in self.framework.competencies if code in used)
