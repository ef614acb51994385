"""Where every word of a slide goes: a section as one or more 1280×720 pages, readable on a phone.

A lesson video is watched on a 360-px phone, where the 1280-px frame is
shown about 328 px wide (a scale of 0.256): text drawn at 48 px is 12.3 CSS
px there, so no slide text is smaller (:data:`MIN_SIZE`).  The bottom
:data:`CAPTION_BAND` pixels are kept free of slide text: the captions show
there.  A section whose text does not fit one page at a readable size
continues on the next page, title repeated with "(tiếp)"; nothing is cut or
ellipsized.  Numbered steps keep their numbers; a nested list item is drawn
indented under its parent; a table comes from the loader as one point per
row in list form.

:func:`place` returns every line it placed (text, position, size), so the
renderer draws exactly that and tests compare it with the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from hocvuso.media.fonts import font
from hocvuso.media.text import clean, line_height, sentences, wrap_marked
from hocvuso.media.theme import MOVEMENT

if TYPE_CHECKING:
    from collections.abc import Sequence

SIZE = (1280, 720)
MARGIN = 64
INDENT = 56  # the column of a point's bullet or step number
PHONE_SCALE = 328 / 1280  # the video's width on a 360-px phone screen, over the frame's width
MIN_SIZE = 48  # 48 px × 0.256 = 12.3 CSS px on that phone
POINT_SIZES = (56, 52, MIN_SIZE)
TITLE_SIZES = (56, 52, MIN_SIZE)
CARD_SIZES = (80, 64, 56, MIN_SIZE)
LABEL_SIZE = MIN_SIZE  # the movement's name on a title card
MAX_TITLE_LINES = 3
CAPTION_BAND = 150  # two caption lines at 13 CSS px fit in 150 × 0.256 = 38 CSS px
BODY_BOTTOM = SIZE[1] - CAPTION_BAND
BAND_PAD = 22  # space above and below the title in its band
RULE = 10  # the accent rule under the band
BODY_GAP = 24  # between the rule and the first point
POINT_GAP = 0.35  # space between points, in ems
IMAGE_WIDTH = 440  # the image column next to the points on a section's first page
IMAGE_GAP = 40
CONTINUED = "(tiếp)"  # after a continued page's title (slides speak the course's language, Vietnamese)
NESTED = "– "  # the loader starts a nested list item's point with this
STEP = re.compile(r"^(\d{1,3}[.)])\s+")
SENTENCE_MARKS = (".", "!", "?", "…")
SLIMMEST = 0.15  # no letter of the slide font advances less than this, in ems (Noto Sans: 0.22)
WIDE = 1.0  # no letter, digit or mark of the slide font advances more than 1 em (for quick bounds)
# The fewest lines any slide body holds at MIN_SIZE (under a three-line continued title).
MIN_LINES = (BODY_BOTTOM - (2 * BAND_PAD + MAX_TITLE_LINES * round(MIN_SIZE * 1.28) + RULE + BODY_GAP)) // round(MIN_SIZE * 1.28)


@dataclass(frozen=True, slots=True)
class Placed:
    """One line of text as drawn: its top-left corner, font size and weight, and what it is.

    ``joined`` marks a line whose last word goes on at the start of the next line
    (a word wider than the line, cut between letters).
    """

    text: str
    x: int
    y: int
    size: int
    weight: str
    role: str  # "title", "point", "step" (a step's number), "label"
    joined: bool = False

    @property
    def width(self) -> float:
        return float(font(self.size, self.weight).getlength(self.text))


@dataclass(frozen=True, slots=True)
class Dot:
    """A bullet: centre and radius (nested points get a smaller, hollow one)."""

    x: int
    y: int
    radius: int
    filled: bool


@dataclass(frozen=True, slots=True)
class Layout:
    """A page as laid out: the band's height (0 for a title card), lines, bullets and the image box."""

    band: int
    lines: tuple[Placed, ...]
    dots: tuple[Dot, ...]
    image_box: tuple[int, int, int, int] | None
    card: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """The points of one page of a section; ``carried`` when its first point continues the previous page's."""

    title: str
    points: tuple[str, ...]
    image: bool
    carried: bool = False


@dataclass(frozen=True, slots=True)
class Pages:
    """A section's pages, and whether some text could only be shown by cutting a point across pages."""

    pages: tuple[Page, ...]
    cut: bool = False
    long_title: bool = False


# --- points --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Point:
    text: str  # without its marker
    step: str  # "2." for a numbered step, '' otherwise
    nested: bool
    carried: bool  # continues the previous page's last point: no bullet


def _parse(point: str, carried: bool = False) -> _Point:
    point = clean(point)
    nested = point.startswith(NESTED.strip() + " ")
    if nested:
        point = point[len(NESTED):]
    match = STEP.match(point)
    if match and not carried:
        return _Point(point[match.end():], match.group(1), nested, carried)
    return _Point(point, "", nested, carried)


def _indent(point: _Point) -> int:
    return INDENT * (2 if point.nested else 1)


def _lines(point: _Point, size: int, width: int) -> list[tuple[str, bool]]:
    return wrap_marked(point.text, font(size), width - _indent(point))


def _height(points: Sequence[_Point], size: int, width: int) -> int:
    lines = sum(len(_lines(p, size, width)) for p in points)
    return lines * line_height(size) + round(max(len(points) - 1, 0) * size * POINT_GAP)


# --- the title band ---------------------------------------------------------------


@lru_cache(maxsize=1024)
def title_lines(title: str, width: int = SIZE[0] - 2 * MARGIN) -> tuple[int, list[tuple[str, bool]]]:
    """The title's size and lines: the largest size at which it takes at most two lines, else three at the smallest."""
    for size in TITLE_SIZES:
        lines = wrap_marked(title, font(size, "bold"), width)
        if len(lines) <= 2:
            return size, lines
    return MIN_SIZE, wrap_marked(title, font(MIN_SIZE, "bold"), width)


def band_height(title: str) -> int:
    size, lines = title_lines(title)
    return 2 * BAND_PAD + len(lines) * line_height(size)


def _body(title: str) -> tuple[int, int]:
    top = band_height(title) + RULE + BODY_GAP
    return top, BODY_BOTTOM - top


def _text_width(image: bool) -> int:
    full = SIZE[0] - 2 * MARGIN
    return full - IMAGE_WIDTH - IMAGE_GAP if image else full


# --- pages ------------------------------------------------------------------------


def paginate(title: str, points: Sequence[str], image: bool) -> Pages:
    """A section's title and points as pages, every word kept, at a readable size.

    All on one page (the image beside the points) when they fit at
    :data:`MIN_SIZE` or more; else page after page of whole points, then the
    image alone on a last page, as large as the body allows.  A point taller
    than a page goes on at the end of a sentence (``cut`` when even one
    sentence is taller than a page and is cut between lines).
    """
    title = clean(title)
    more = f"{title} {CONTINUED}"
    long_title = title_too_long(title)
    parsed = [_parse(p) for p in points if clean(p)]
    if not parsed:
        return Pages((Page(title, (), image),), long_title=long_title)
    if _height(parsed, MIN_SIZE, _text_width(image)) <= _body(title)[1]:
        return Pages((Page(title, tuple(_unparse(p) for p in parsed), image),), long_title=long_title)
    pages: list[Page] = []
    current: list[_Point] = []
    cut = False
    queue = list(parsed)
    while queue:
        point = queue.pop(0)
        page_title = title if not pages else more
        width, height = _text_width(False), _body(page_title)[1]
        if not _surely_taller(point, width, height) and _height([*current, point], MIN_SIZE, width) <= height:
            current.append(point)
            continue
        if current:  # the point starts the next page
            pages.append(_page(page_title, current))
            current = []
            queue.insert(0, point)
            continue
        # Alone, the point is taller than a page: show the sentences that fit (else the lines), carry the rest.
        head, tail = _split(point, width, height)
        cut = cut or not head.endswith(SENTENCE_MARKS)
        pages.append(_page(page_title, [_Point(head, point.step, point.nested, point.carried)]))
        if tail:  # each turn places at least one line, so a page too small for any line still ends
            queue.insert(0, _Point(tail, "", point.nested, True))
    if current:
        pages.append(_page(title if not pages else more, current))
    if image:
        pages.append(Page(more, (), True))
    return Pages(tuple(pages), cut, long_title)


def _split(point: _Point, width: int, height: int) -> tuple[str, str]:
    """The first part of a point too tall for a page: whole sentences if one fits, else whole lines."""
    parts = sentences(point.text)
    head = ""
    for n in range(1, len(parts)):
        candidate = " ".join(parts[:n])
        if _height([_Point(candidate, point.step, point.nested, point.carried)], MIN_SIZE, width) > height:
            break
        head = candidate
    if head:
        return head, point.text[len(head):].strip()
    fit = max(1, height // line_height(MIN_SIZE))
    # Wrap only what this page can hold (a letter is at least 0.15 em wide), not the whole rest again.
    reach = (fit + 1) * (int((width - _indent(point)) / (SLIMMEST * MIN_SIZE)) + 1)
    lines = _lines(_Point(point.text[:reach], point.step, point.nested, point.carried), MIN_SIZE, width)
    head = _join(lines[:fit])
    return head, point.text[len(head):].strip()


def _surely_taller(point: _Point, width: int, height: int) -> bool:
    """Is the point too tall for ``height`` even if every letter were the slimmest (no wrapping needed to tell)?"""
    return len(point.text) * SLIMMEST * MIN_SIZE > (height // line_height(MIN_SIZE) + 1) * (width - _indent(point))


def _join(lines: Sequence[tuple[str, bool]]) -> str:
    return "".join(text + ("" if joined else " ") for text, joined in lines).strip()


def _unparse(point: _Point) -> str:
    """A point back as text with its markers (what SlideSpec carries and slides.json shows)."""
    return (NESTED if point.nested else "") + (f"{point.step} " if point.step else "") + point.text


def _page(title: str, points: list[_Point]) -> Page:
    return Page(title, tuple(_unparse(p) for p in points), False, points[0].carried)


# --- placing a page ---------------------------------------------------------------------


def place(title: str, points: Sequence[str], image: bool, carried: bool = False) -> Layout:
    """Every line of one page, placed: the title in its band, the points at the largest size that fits.

    A page with neither points nor image is a title card: the title large on the group's colour.
    """
    title = clean(title)
    parsed = [_parse(p, carried and n == 0) for n, p in enumerate(points) if clean(p)]
    if not parsed and not image:
        return _card(title)
    size, title_rows = title_lines(title)
    band = 2 * BAND_PAD + len(title_rows) * line_height(size)
    lines = [Placed(text, MARGIN, BAND_PAD + n * line_height(size), size, "bold", "title", joined)
             for n, (text, joined) in enumerate(title_rows)]
    top, height = _body(title)
    width = _text_width(image and bool(parsed))
    box = None
    if image:
        left = SIZE[0] - MARGIN - IMAGE_WIDTH if parsed else MARGIN
        box = (left, top, SIZE[0] - MARGIN, BODY_BOTTOM)
    body_size = next((s for s in POINT_SIZES if _height(parsed, s, width) <= height), MIN_SIZE)
    dots: list[Dot] = []
    y = top
    for point in parsed:
        x = MARGIN + _indent(point)
        rows = _lines(point, body_size, width)
        centre = y + line_height(body_size) // 2 + 2
        if point.step:
            lines.append(Placed(point.step, x - INDENT, y, body_size, "bold", "step"))
        elif not point.carried:
            radius = 9 if not point.nested else 8
            dots.append(Dot(x - INDENT + 12, centre, radius, not point.nested))
        for text, joined in rows:
            lines.append(Placed(text, x, y, body_size, "regular", "point", joined))
            y += line_height(body_size)
        y += round(body_size * POINT_GAP)
    return Layout(band, tuple(lines), tuple(dots), box)


def _card(title: str) -> Layout:
    """A title card: the movement's name, then the title as large as it fits."""
    width = SIZE[0] - 2 * MARGIN
    lines = [Placed(MOVEMENT, MARGIN, 120, LABEL_SIZE, "bold", "label")]
    for size in CARD_SIZES:
        rows = wrap_marked(title, font(size, "bold"), width)
        if len(rows) * line_height(size) <= BODY_BOTTOM - 250 or size == CARD_SIZES[-1]:
            lines += [Placed(text, MARGIN, 250 + n * line_height(size), size, "bold", "title", joined)
                      for n, (text, joined) in enumerate(rows)]
            break
    return Layout(0, tuple(lines), (), None, card=True)


def drawn_text(layouts: Sequence[Layout], roles: tuple[str, ...] = ("point",)) -> str:
    """The text of the lines of ``roles`` as placed, lines of one word joined back (for tests and checks)."""
    out: list[str] = []
    for layout in layouts:
        for line in layout.lines:
            if line.role in roles:
                out.append(line.text + ("" if line.joined else " "))
    return "".join(out)


# --- what cannot fit at a readable size ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overflow:
    """A sentence taller than a whole slide at :data:`MIN_SIZE`: it is cut across ``pages`` slides."""

    point: str
    pages: int


def overflows(title: str, points: Sequence[str], image: bool) -> list[Overflow]:
    """The sentences of a section's points that no slide can hold whole at the smallest readable size."""
    out: list[Overflow] = []
    # Fast path (hocvuso check runs this on every section): text that, even at a wide 0.75 em per
    # character, fills two lines less than a slide holds can never overflow one.
    room = _text_width(False) - 2 * INDENT
    if all(len(p) * WIDE * MIN_SIZE < (MIN_LINES - 2) * room for p in points):
        return out
    height = _body(f"{clean(title)} {CONTINUED}")[1]
    per_page = max(1, height // line_height(MIN_SIZE))
    for text in points:
        point = _parse(text)
        # A point too tall for a slide goes on at a sentence's end; only a sentence taller than a slide is cut.
        for sentence in sentences(point.text):
            lines = len(_lines(_Point(sentence, point.step, point.nested, False), MIN_SIZE, _text_width(False)))
            if lines > per_page:
                out.append(Overflow(sentence, -(-lines // per_page)))
    return out


def title_too_long(title: str) -> bool:
    """Does the title (or its continued form) take more than :data:`MAX_TITLE_LINES` lines?"""
    if (len(title) + len(CONTINUED) + 1) * WIDE * MIN_SIZE < (MAX_TITLE_LINES - 1) * (SIZE[0] - 2 * MARGIN):
        return False  # too short to need more lines, even in wide letters
    return any(len(title_lines(t)[1]) > MAX_TITLE_LINES for t in (clean(title), f"{clean(title)} {CONTINUED}"))


def point_limit() -> int:
    """About how many characters one slide holds in one point at :data:`MIN_SIZE` (for the fix's wording)."""
    per_line = (SIZE[0] - 2 * MARGIN - INDENT) / font(MIN_SIZE).getlength("Chỉ cài ứng dụng từ kho chính thức. ") * 36
    return int(per_line * (_body("x")[1] // line_height(MIN_SIZE)) // 10 * 10)
