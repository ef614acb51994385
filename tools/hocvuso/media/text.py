"""Text for images and speech: Unicode normalisation, pixel wrapping, fitting.

Pillow draws precomposed Vietnamese letters from the font's own glyphs; a
decomposed letter (base + combining marks, as some keyboards type it) would
depend on the layout engine, so every string is NFC-normalised first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:
    from collections.abc import Callable

    from PIL.ImageFont import FreeTypeFont

ELLIPSIS = "…"
SENTENCE_END = re.compile(r"(?<=[.!?…។៕])\s+")  # Khmer ends a sentence with ។ (khan) or ៕ (bariyoosan)
ENDS = ".!?…:;,។៕៖"  # a line ending in one of these is already a sentence (or a clause) for the voice
CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
# Basic Latin, Latin-1, Latin Extended A/B, Latin Extended Additional (Vietnamese), punctuation, currency.
STAMPABLE = re.compile("[\u0020-\u007e\u00a0-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]*")


def clean(text: str) -> str:
    """NFC, one space between words, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def sentences(text: str) -> list[str]:
    """``text`` cut after '.', '!', '?' or '…' followed by a space."""
    return [s for s in SENTENCE_END.split(clean(text)) if s]


def spoken_text(text: str) -> str:
    """Narration as one flowing text: each line ends as a sentence, so the voice pauses there."""
    lines = [clean(line) for line in unicodedata.normalize("NFC", text).splitlines()]
    return " ".join(line if line[-1] in ENDS else line + "." for line in lines if line)


def wrap(text: str, font: FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap to ``width`` pixels; a word wider than a line is cut by characters."""
    return [line for line, _ in wrap_marked(text, font, width)]


def wrap_marked(text: str, font: FreeTypeFont, width: float) -> list[tuple[str, bool]]:
    """:func:`wrap`, each line with whether its last word was cut and goes on on the next line.

    Lines are measured as the sum of their words and spaces (fonts do not
    kern across a space), so each word is measured once, not once per line.
    """
    space = _length(font, " ")
    lines: list[tuple[str, bool]] = []
    line, used = "", 0.0
    for word in clean(text).split(" "):
        size = _length(font, word)
        if line and used + space + size <= width:
            line, used = f"{line} {word}", used + space + size
            continue
        if line:
            lines.append((line, False))
        line, used = word, size
        while used > width and len(line) > 1:
            cut = _fit_chars(line, font, width)
            lines.append((line[:cut], True))
            used -= font.getlength(line[:cut])  # the rest's width, without measuring a long rest again
            line = line[cut:]
    if line:
        lines.append((line, False))
    return lines


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font: FreeTypeFont,
              fill: tuple[int, int, int] | int) -> None:
    """Draw one line of text (top left at ``xy``), from cached glyphs.

    Pillow rasterises every glyph on every call, which was half the cost of
    a slide; Vietnamese text is a few hundred distinct letters, so each is
    drawn once per font and size and then stamped, advancing by the font's
    own advances and kerning.  Text outside the Latin letters (Vietnamese
    included) and punctuation, e.g. with combining marks NFC left
    decomposed or in a script that needs shaping, goes to Pillow instead.
    """
    if not STAMPABLE.fullmatch(text):
        draw.text(xy, text, font=font, fill=fill)
        return
    x, y = xy
    previous = ""
    for ch in text:
        if previous:
            x += _advance(font, previous, ch)
        glyph, (left, top) = _glyph(font, ch)
        if glyph is not None:
            draw.bitmap((round(x) + left, round(y) + top), glyph, fill=fill)
        previous = ch


@lru_cache(maxsize=1 << 14)
def _glyph(font: FreeTypeFont, ch: str) -> tuple[Image.Image | None, tuple[int, int]]:
    left, top, right, bottom = font.getbbox(ch)
    if right <= left or bottom <= top:
        return None, (0, 0)
    # FreeType bounding boxes of a bitmap font are whole pixels, even where Pillow types them as float.
    left, top, right, bottom = int(left), int(top), int(right), int(bottom)
    glyph = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(glyph).text((-left, -top), ch, font=font, fill=255)
    return glyph, (left, top)


REFERENCE_SIZE = 100


@lru_cache(maxsize=1 << 16)
def _advance(font: FreeTypeFont, previous: str, ch: str) -> float:
    """How far ``previous`` moves the pen when ``ch`` follows it (its advance, kerned against ``ch``)."""
    return _length(font, previous + ch) - _length(font, ch)


@lru_cache(maxsize=1 << 17)
def _length(font: FreeTypeFont, text: str) -> float:
    """The advance width of ``text`` (kerning included) at the font's size.

    Measured once per text at a reference size and scaled: advances are
    unhinted, so they scale linearly (to 0.1 px), and one cache then serves
    every size that fitting tries.  Vietnamese words are syllables, so few
    distinct ones recur a lot.
    """
    return _reference_length(str(font.path), text) * font.size / REFERENCE_SIZE


@lru_cache(maxsize=1 << 17)
def _reference_length(path: str, text: str) -> float:
    return _reference_font(path).getlength(text)


@lru_cache(maxsize=8)
def _reference_font(path: str) -> FreeTypeFont:
    return ImageFont.truetype(path, REFERENCE_SIZE)


ZWSP = "\u200b"  # a word break without a space: Khmer, Thai, Lao and Burmese writers mark words with it
COENG = "\u17d2"  # Khmer: the next consonant is a subscript of the one before


def _fit_chars(word: str, font: FreeTypeFont, width: float) -> int:
    """Where to cut a word too long for a line: the last fitting ZERO WIDTH SPACE, else the last fitting
    boundary between letters (never before a combining mark, never inside a Khmer subscript cluster)."""
    # No prefix wider than the line needs looking at: no letter advances less than 0.15 em.
    reach = min(len(word), int(width / (0.15 * font.size)) + 2)
    cuts = [i for i in range(1, reach) if _cuttable(word, i)]
    for candidates in ([i for i in cuts if word[i - 1] == ZWSP], cuts):
        cut = _last_fitting(candidates, word, font, width)
        if cut is not None:
            return cut
    return cuts[0] if cuts else 1


def _last_fitting(cuts: list[int], word: str, font: FreeTypeFont, width: float) -> int | None:
    """The largest of ``cuts`` (ascending) whose prefix fits ``width``: a binary search, as a prefix
    only grows wider, so a word of thousands of letters costs a few measurements, not thousands."""
    low, high, best = 0, len(cuts) - 1, None
    while low <= high:
        middle = (low + high) // 2
        if font.getlength(word[:cuts[middle]]) <= width:
            best, low = cuts[middle], middle + 1
        else:
            high = middle - 1
    return best


def _cuttable(word: str, i: int) -> bool:
    return not unicodedata.category(word[i]).startswith("M") and word[i - 1] != COENG and word[i] != COENG


def ellipsize(line: str, font: FreeTypeFont, width: float) -> str:
    """``line`` cut at a word (or character) so that it and '…' fit ``width``."""
    if font.getlength(line) <= width:
        return line
    words = line.split(" ")
    while len(words) > 1 and font.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    text = " ".join(words)
    while len(text) > 1 and font.getlength(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip(",;:–- ") + ELLIPSIS


@dataclass(frozen=True, slots=True)
class Block:
    """Lines of text laid out at one font size."""

    size: int
    paragraphs: tuple[tuple[str, ...], ...]
    height: int


def line_height(size: int) -> int:
    return round(size * 1.28)


def block_height(paragraphs: list[list[str]], size: int, gap: float = 0.45) -> int:
    lines = sum(len(p) for p in paragraphs)
    return lines * line_height(size) + round(max(len(paragraphs) - 1, 0) * size * gap)


def fit(
    paragraphs: list[str], font_at: Callable[[int], FreeTypeFont], width: float, height: float, sizes: tuple[int, ...],
    max_lines: int = 3, drop: bool = True, whole: bool = False,
) -> Block | None:
    """The largest size in ``sizes`` at which every paragraph fits the box.

    Each paragraph keeps at most ``max_lines`` lines (the last one ellipsized;
    with ``whole``, a paragraph that needs more does not fit at that size).
    When even the smallest size overflows, trailing paragraphs are dropped and
    a last '…' paragraph says that more is in the narration and the alt text
    (or, with ``drop=False``, None is returned).
    """
    for size in sizes:
        face = font_at(size)
        if whole and any(len(wrap(p, face, width)) > max_lines for p in paragraphs):
            continue
        wrapped = _wrapped(paragraphs, face, width, max_lines)
        if block_height(wrapped, size) <= height:
            return Block(size, tuple(tuple(p) for p in wrapped), block_height(wrapped, size))
    if not drop:
        return None
    size = sizes[-1]
    font = font_at(size)
    keep = list(paragraphs)
    while keep:
        keep.pop()
        wrapped = [*_wrapped(keep, font, width, max_lines), [ELLIPSIS]]
        if block_height(wrapped, size) <= height:
            return Block(size, tuple(tuple(p) for p in wrapped), block_height(wrapped, size))
    return Block(size, (), 0)


def _wrapped(paragraphs: list[str], font: FreeTypeFont, width: float, max_lines: int) -> list[list[str]]:
    out = []
    for text in paragraphs:
        lines = wrap(text, font, width)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], ellipsize(" ".join(lines[max_lines - 1:]), font, width)]
        out.append(lines)
    return out
