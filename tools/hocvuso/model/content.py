"""What lessons are made of: prose, media, questions, rubric tasks, notes.

HTML fragments here are final except for asset URLs: they refer to assets as
``@asset/<name>`` and each emitter rewrites that prefix with :func:`with_assets`
(``/static/`` for OLX, ``assets/`` for SCORM).  Fields ending in ``_html``
hold sanitised HTML; fields ending in ``_text`` hold plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.diagnostics import Location

ASSET_PREFIX = "@asset/"


def with_assets(html: str, prefix: str) -> str:
    """Point asset references in ``html`` at ``prefix`` (e.g. '/static/')."""
    return html.replace(ASSET_PREFIX, prefix)


@dataclass(frozen=True, slots=True)
class Asset:
    """A file a course ships: image, audio, video, captions or download.

    ``name`` is flat, ASCII and unique in the course (``<stem>-<hash8>.<ext>``)
    so it survives Open edX's static-file renaming and SCORM's ASCII rule.
    """

    name: str
    path: Path
    kind: str
    sha256: str
    size: int


# --- questions --------------------------------------------------------------


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    DROPDOWN = "dropdown"
    NUMERIC = "numeric"
    TEXT = "text"
    MATCHING = "matching"
    ORDERING = "ordering"


@dataclass(frozen=True, slots=True)
class Choice:
    """A choice of a single, multiple or dropdown question; ``key`` is a–z."""

    key: str
    html: str
    text: str
    correct: bool
    feedback_html: str = ""
    fixed: bool = False  # stays at its written place when the others are shuffled
    loc: Location | None = None


@dataclass(frozen=True, slots=True)
class NumericAnswer:
    """A number with a tolerance: accepted when |x − value| ≤ tolerance."""

    value: float
    tolerance: float = 0.0
    tolerance_text: str = "0"

    @property
    def low(self) -> float:
        return self.value - self.tolerance

    @property
    def high(self) -> float:
        return self.value + self.tolerance


@dataclass(frozen=True, slots=True)
class Pair:
    """A matching pair; ``left`` is empty for an extra (distractor) answer."""

    left_html: str
    left_text: str
    right_html: str
    right_text: str


@dataclass(frozen=True, slots=True)
class Item:
    """An item of an ordering question."""

    html: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    """One question, of any type, tied to a competency and a level."""

    id: str
    loc: Location
    type: QuestionType
    competency: str
    level: str
    stem_html: str
    stem_text: str
    points: float = 1.0
    title: str = ""
    lesson: str | None = None
    choices: tuple[Choice, ...] = ()
    numeric: NumericAnswer | None = None
    answers: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    items: tuple[Item, ...] = ()
    hints: tuple[str, ...] = ()
    explanation_html: str = ""
    correct_html: str = ""
    incorrect_html: str = ""
    shuffle: bool = True  # choices, matching answers and ordering items are shuffled per learner
    competency_loc: Location | None = None  # where the competency is written ('Competency:' or '::: quiz')

    @property
    def matches(self) -> tuple[Pair, ...]:
        """The real pairs of a matching question (without distractors)."""
        return tuple(p for p in self.pairs if p.left_text)

    @property
    def targets(self) -> tuple[str, ...]:
        """Every right-hand answer of a matching question, in written order."""
        return tuple(p.right_text for p in self.pairs)


# --- practical tasks ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RubricLevel:
    """A level of a rubric criterion: points, a short name, what it looks like."""

    points: int
    name: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Criterion:
    """A rubric criterion tied to one competency."""

    id: str
    name: str
    competency: str
    prompt: str
    levels: tuple[RubricLevel, ...]
    loc: Location
    feedback: str = "optional"

    @property
    def max_points(self) -> int:
        return max((lv.points for lv in self.levels), default=0)


@dataclass(frozen=True, slots=True)
class Task:
    """A practical task graded with a rubric (Open edX: an ORA2 block)."""

    id: str
    loc: Location
    title: str
    prompt_html: str
    prompt_text: str
    criteria: tuple[Criterion, ...]
    assessments: tuple[str, ...] = ("self", "staff")
    file_upload: bool = False
    lesson: str | None = None

    @property
    def competencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.competency for c in self.criteria))

    @property
    def max_points(self) -> int:
        return sum(c.max_points for c in self.criteria)


# --- lesson blocks ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prose:
    """Rendered Markdown between special blocks."""

    html: str
    text: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Image:
    """An image used in a section (its HTML is inside a :class:`Prose`)."""

    asset: Asset
    alt: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Media:
    """Audio or video: a course file or an https URL, with optional captions."""

    kind: str
    title: str
    loc: Location
    asset: Asset | None = None
    url: str = ""
    captions: Asset | None = None

    @property
    def youtube_id(self) -> str:
        """The video id of a youtube.com/watch?v=… or youtu.be/… URL ('' for a course file or another site)."""
        parts = urlsplit(self.url)
        if parts.hostname == "youtu.be":
            return parts.path.strip("/")
        return parse_qs(parts.query).get("v", [""])[0]


@dataclass(frozen=True, slots=True)
class QuizBlock:
    """Questions at this point of the lesson; ``in_video`` ones also pop up in the
    lesson video at the end of this section's slide."""

    questions: tuple[Question, ...]
    loc: Location
    in_video: bool = False


@dataclass(frozen=True, slots=True)
class TaskBlock:
    task: Task
    loc: Location


@dataclass(frozen=True, slots=True)
class TeacherNote:
    """A note for the teacher or mentor only; never shown to learners."""

    html: str
    text: str
    loc: Location


Block = Prose | Media | QuizBlock | TaskBlock | TeacherNote


@dataclass(frozen=True, slots=True)
class Narration:
    """What is spoken over a slide; ``audio`` is an author's own recording."""

    text: str
    loc: Location
    audio: Asset | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A slide-sized part of a lesson: a '##' heading or a '---' break starts one.

    ``id`` comes from the heading's text (or the author's ``{#id}``), never from
    the position, so inserting a section keeps the others' ids; ``uid``
    (``<lesson id>_<section id>``) is unique in the course and is what LMS ids
    of the section (Open edX unit and HTML url_names) are made from.
    """

    index: int
    title: str
    loc: Location
    blocks: tuple[Block, ...]
    points: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    narration: Narration | None = None
    id: str = ""
    uid: str = ""

    @property
    def text(self) -> str:
        """The learner-visible text of the section, for narration and search."""
        return "\n\n".join(b.text for b in self.blocks if isinstance(b, Prose))

    @property
    def spoken(self) -> str:
        """The narration text, or the section's own text when none is written."""
        if self.narration is not None:
            return self.narration.text
        return "\n\n".join(filter(None, [self.title, *self.points])) or self.text

    @property
    def in_video_questions(self) -> tuple[Question, ...]:
        """Questions marked ``::: quiz in-video``: asked in the lesson video at the end of this section."""
        return tuple(q for b in self.blocks if isinstance(b, QuizBlock) and b.in_video for q in b.questions)


@dataclass(frozen=True, slots=True)
class Lesson:
    """One Markdown lesson file."""

    id: str
    title: str
    path: Path
    loc: Location
    competencies: tuple[str, ...]
    level: str
    duration: int
    objectives: tuple[str, ...]
    sections: tuple[Section, ...]
    sources: tuple[str, ...] = ()
    summary: str = ""
    competency_locs: tuple[Location, ...] = ()  # where each of ``competencies`` is written

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for b in s.blocks if isinstance(b, QuizBlock) for q in b.questions)

    @property
    def in_video_questions(self) -> tuple[Question, ...]:
        """The questions asked in the lesson video (when there is one), in lesson order."""
        return tuple(q for s in self.sections for q in s.in_video_questions)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(b.task for s in self.sections for b in s.blocks if isinstance(b, TaskBlock))

    @property
    def notes(self) -> tuple[TeacherNote, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, TeacherNote))

    @property
    def media(self) -> tuple[Media, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Media))

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sections)


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    title: str
    lessons: tuple[Lesson, ...] = field(default_factory=tuple)
    loc: Location | None = None
