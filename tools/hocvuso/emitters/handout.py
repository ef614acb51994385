"""Large-print learner handouts: one A4 page per lesson, to leave behind after a door-to-door visit.

Each page has the lesson's title, what the learner can now do (its
objectives), its numbered steps (as the author numbered them), the phone
numbers the lesson names (hotlines, emergency numbers, with their sentence),
the one safety rule every lesson repeats, and, when ``course.yaml`` says
where the videos are published (``video_url``), a QR code to the lesson
video.  Written to build/handout/<group>/: ``handouts.html`` and
``handouts.pdf`` (page N is lesson N), printed by headless Chromium (the
Debian package the tests use too); the markup is
``templates/handout/lessons.html``, its words ``templates/handout/strings.yaml``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno

from hocvuso.diagnostics import CompilerError
from hocvuso.emitters import templating
from hocvuso.emitters.base import Emitter
from hocvuso.model import Prose

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia
    from hocvuso.model import Course, Lesson

STEP = re.compile(r"^(\d{1,3})[.)]\s+(.+)$")
# Emergency numbers (111–115) and toll-free or hotline numbers (1800/1900 …) as Vietnamese texts write them.
PHONE = re.compile(r"(?<![\d/.,])(?:11[1-5]|1[89]00(?:[ .]?\d){4,6})(?![\d/])")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
MAX_STEPS = 10
MAX_PHONES = 4
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_S = 120
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d+)")


class HandoutError(CompilerError):
    category = "Handout"


@dataclass(frozen=True, slots=True)
class Step:
    number: str
    text: str


@dataclass(frozen=True, slots=True)
class HandoutLesson:
    """What one handout page shows."""

    id: str
    number: int
    title: str
    objectives: tuple[str, ...]
    steps: tuple[Step, ...]
    phones: tuple[str, ...]
    url: str
    qr: str  # inline SVG, '' without a URL


def handout_lesson(course: Course, lesson: Lesson, number: int) -> HandoutLesson:
    """The handout page of ``lesson`` (the ``number``-th of the course)."""
    steps = [Step(m.group(1), m.group(2)) for s in lesson.sections for p in s.points if (m := STEP.match(p))]
    url = course.video_url.replace("{lesson}", lesson.id) if course.video_url else ""
    qr = segno.make(url, error="m").svg_inline(scale=4, border=2) if url else ""
    return HandoutLesson(lesson.id, number, lesson.title, lesson.objectives, tuple(steps[:MAX_STEPS]),
                         phone_lines(lesson), url, qr)


def phone_lines(lesson: Lesson) -> tuple[str, ...]:
    """The sentences of the lesson that give a hotline or emergency number, each once, in order."""
    found: dict[str, None] = {}
    texts = [p for s in lesson.sections for p in s.points]
    texts += [b.text for s in lesson.sections for b in s.blocks if isinstance(b, Prose)]
    for text in texts:
        for sentence in SENTENCE.split(" ".join(text.split())):
            if PHONE.search(sentence) and len(sentence) <= 160:
                found.setdefault(sentence.removeprefix("– "), None)
    return tuple(found)[:MAX_PHONES]


def handout_html(course: Course) -> str:
    """Every lesson's handout page of ``course`` as one HTML document."""
    lessons = [handout_lesson(course, lesson, n) for n, lesson in enumerate(course.lessons, start=1)]
    return templating.render("handout", "lessons.html", course.language, course=course, lessons=lessons)


def browser() -> str:
    """Debian's Chromium (or another Chromium on PATH); an error says how to install it."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise HandoutError("Chromium not found; install it with `make system-deps` (Debian package chromium)")


def print_pdf(page: Path, pdf: Path) -> None:
    """Print an HTML file to PDF with headless Chromium, with fixed dates so a rebuild gives the same file."""
    command = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise HandoutError(f"Chromium could not print {page.name}: {err}") from err
    if result.returncode != 0 or not pdf.is_file():
        raise HandoutError(f"Chromium could not print {page.name}: {result.stderr.decode(errors='replace')[-400:]}")
    data = PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + b"0" * len(m.group(2)), pdf.read_bytes())
    pdf.write_bytes(data)  # same length: the cross-reference offsets stay right


class HandoutEmitter(Emitter):
    """A one-page large-print learner handout per lesson (HTML and PDF)."""

    name = "handout"
    description = "large-print learner handouts, one A4 page per lesson (PDF)"

    def outputs(self, group: str) -> list[str]:
        return [f"handout/{group}/handouts.html", f"handout/{group}/handouts.pdf"]

    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        folder = out / "handout" / course.group
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / "handouts.html"
        page.write_text(handout_html(course), encoding="utf-8")
        print_pdf(page, folder / "handouts.pdf")
