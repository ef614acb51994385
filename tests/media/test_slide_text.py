"""Every slide of the real courses, laid out as the video shows it: no word of the lessons is lost,
no text is smaller than 12 CSS px on a 360-px phone, and none sits where the captions show."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.media import pipeline
from hocvuso.media.layout import BODY_BOTTOM, MARGIN, PHONE_SCALE, SIZE, drawn_text
from hocvuso.media.slides import layout_of
from hocvuso.media.text import line_height
from hocvuso.model import Prose
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load

ROOT = Path(__file__).resolve().parents[2]
PUNCTUATION = ".,;:!?\"'()[]—–-…"


@pytest.fixture(scope="module")
def courses():
    diags = Diagnostics()
    _, loaded = load(Project(ROOT / "courses"), [], diags)
    assert not diags.has_errors()
    return loaded


def words(text: str) -> Counter[str]:
    """The words of ``text``, without the punctuation around them (a table row in list form adds ':' and ';')."""
    return Counter(w for w in (raw.strip(PUNCTUATION) for raw in text.split()) if w)


def test_every_word_of_every_section_is_drawn_on_its_slides(courses):
    lost: list[str] = []
    slides = 0
    for course in courses:
        for number, lesson in enumerate(course.lessons, start=1):
            if not lesson.sections:
                continue
            plan = pipeline.plan_lesson(course, lesson, BuildOptions(video=False), number)
            slides += len(plan.slides)
            for section in lesson.sections:
                layouts = [layout_of(s.spec) for s in plan.slides if s.section == section.index]
                source = words(" ".join(b.text for b in section.blocks if isinstance(b, Prose)))
                drawn = words(drawn_text(layouts))
                missing = source - drawn
                title = words(section.title) - words(drawn_text(layouts[:1], ("title",)))
                if missing or title:
                    lost.append(f"{course.group}/{lesson.id} '{section.title}': {sorted((missing + title).elements())}")
    assert slides > 300
    assert lost == [], "\n".join(lost)


def test_no_slide_text_is_under_12_css_px_on_a_phone_or_in_the_caption_band(courses):
    smallest = 10_000
    for course in courses:
        for number, lesson in enumerate(course.lessons, start=1):
            if not lesson.sections:
                continue
            for slide in pipeline.plan_lesson(course, lesson, BuildOptions(video=False), number).slides:
                for line in layout_of(slide.spec).lines:
                    smallest = min(smallest, line.size)
                    assert line.y + line_height(line.size) <= BODY_BOTTOM, (lesson.id, line.text)
                    assert line.x >= MARGIN and line.x + line.width <= SIZE[0] - MARGIN + 1, (lesson.id, line.text)
    # 48 px on the 1280-px frame shown 328 px wide: 48 × 328 / 1280 = 12.3 CSS px.
    assert smallest * PHONE_SCALE >= 12
