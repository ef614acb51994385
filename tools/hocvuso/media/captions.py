"""Captions (WebVTT, SRT) and the plain-text transcript, timed from the narration.

Each slide's narration is cut into caption-sized cues, by sentence, then by
clause, then by words; the cues share the slide's speaking time in
proportion to their length, and the last one stays up through the pause
before the next slide.  Cues are contiguous and never overlap; only a slide
with nothing said over it (a long section's continued text) has none.
Times are whole milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.media.text import CLAUSE_END, clean, sentences

if TYPE_CHECKING:
    from collections.abc import Sequence

LINE = 42  # characters per caption line (the common broadcast limit)
CUE = 2 * LINE


@dataclass(frozen=True, slots=True)
class Caption:
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True, slots=True)
class Timed:
    """One slide's narration and its time in the lesson (ms): start, end of speech, end of slide."""

    title: str
    text: str
    start_ms: int
    speech_end_ms: int
    end_ms: int


def split_cues(text: str, limit: int = CUE) -> list[str]:
    """``text`` as cue texts of at most ``limit`` characters, cut where speech pauses."""
    out: list[str] = []
    for sentence in sentences(text):
        out.extend(_pack(CLAUSE_END.split(sentence), limit) if len(sentence) > limit else [sentence])
    return out


def _pack(pieces: list[str], limit: int) -> list[str]:
    """Join clauses greedily up to ``limit``; a clause longer than that is cut into even word runs."""
    out: list[str] = []
    current = ""
    for piece in pieces:
        for part in _split_words(piece, limit):
            candidate = f"{current} {part}" if current else part
            if len(candidate) <= limit:
                current = candidate
            else:
                out.append(current)
                current = part
    if current:
        out.append(current)
    return [p for p in out if p]


def _split_words(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    words = text.split(" ")
    parts = -(-len(text) // limit)
    while True:
        target = len(text) / parts
        runs: list[str] = []
        current = ""
        for word in words:
            if current and len(current) + 1 + len(word) > target + 8:
                runs.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        runs.append(current)
        if all(len(r) <= limit for r in runs) or parts > len(words):
            return runs
        parts += 1


def two_lines(text: str) -> str:
    """A cue's text on at most two lines, broken at the space nearest the middle."""
    if len(text) <= LINE:
        return text
    middle = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1:]


def captions(slides: Sequence[Timed]) -> list[Caption]:
    """Contiguous cues for the slides, each slide's time shared by length of text."""
    out: list[Caption] = []
    for slide in slides:
        texts = split_cues(slide.text)
        if not texts:  # a continued slide with nothing said over it: no caption
            continue
        total = sum(len(t) for t in texts)
        speech = max(slide.speech_end_ms - slide.start_ms, 0)
        start = slide.start_ms
        used = 0
        for number, text in enumerate(texts):
            used += len(text)
            last = number == len(texts) - 1
            end = slide.end_ms if last else slide.start_ms + round(speech * used / total)
            if end > start:
                out.append(Caption(start, end, two_lines(text)))
                start = end
            elif out:  # too short to show alone: join the previous cue
                previous = out.pop()
                out.append(Caption(previous.start_ms, max(previous.end_ms, end), previous.text + " " + text))
    return out


def _stamp(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def to_vtt(cues: Sequence[Caption], language: str = "vi") -> str:
    """A WebVTT file (the HTML5 <track> format)."""
    blocks = [f"WEBVTT\nLanguage: {language}\n"]
    for number, cue in enumerate(cues, start=1):
        blocks.append(f"{number}\n{_stamp(cue.start_ms, '.')} --> {_stamp(cue.end_ms, '.')}\n{cue.text}\n")
    return "\n".join(blocks)


def to_srt(cues: Sequence[Caption]) -> str:
    """A SubRip file (the format Open edX imports as a video transcript)."""
    return "\n".join(
        f"{number}\n{_stamp(cue.start_ms, ',')} --> {_stamp(cue.end_ms, ',')}\n{cue.text}\n"
        for number, cue in enumerate(cues, start=1)
    )


def transcript(title: str, slides: Sequence[Timed]) -> str:
    """The plain-text transcript: the lesson title, then each slide's time, title and narration."""
    lines = [clean(title), ""]
    for slide in slides:
        if not slide.text:
            continue
        seconds = slide.start_ms // 1000
        lines += [f"[{seconds // 60:02d}:{seconds % 60:02d}] {clean(slide.title)}", clean(slide.text), ""]
    return "\n".join(lines)
