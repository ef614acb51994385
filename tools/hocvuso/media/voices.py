"""Which voice narrates a course in its language, and what `check` says when none can.

espeak-ng has voices for about a hundred languages (Vietnamese and English
among them, Khmer not: ``espeak-ng --voices``).  A course in a language it
cannot speak uses the authors' recordings (``::: narration audio=``) per
slide, or — when the course allows it (``silent_video: true``) — a silent
video whose captions carry the words.  An operator's Piper voice stays
pluggable: ``--tts piper:/path/vi.onnx`` narrates Vietnamese courses,
``--tts km=piper:/path/km.onnx`` a Khmer one (several, comma-separated).
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes
from hocvuso.diagnostics.terms import shown
from hocvuso.media import tts

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course

SOURCE_LANGUAGE = "vi"  # a --tts spec without 'lang=' narrates courses in this language
SILENT_RATE = 16_000
SILENT_CPS = 14.0  # characters a second the captions of a silent slide are read at


@dataclass(frozen=True, slots=True)
class SilentEngine:
    """Silence as long as the text takes to read: a slide's captions carry its words."""

    cps: float = SILENT_CPS

    def key(self) -> str:
        return f"silent:{self.cps}"

    def synthesize(self, text: str, wav: Path) -> None:
        frames = int(max(1.0, len(text) / self.cps) * SILENT_RATE)
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SILENT_RATE)
            out.writeframes(b"\0\0" * frames)


@cache
def espeak_languages() -> frozenset[str]:
    """The language tags espeak-ng has a voice for (lower case), empty without espeak-ng."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        return frozenset()
    listing = subprocess.run([binary, "--voices"], capture_output=True, text=True, check=False).stdout
    return frozenset(line.split()[1].lower() for line in listing.splitlines()[1:] if len(line.split()) > 1)


def espeak_voice(language: str) -> str | None:
    """espeak-ng's voice for a BCP 47 tag ('vi', 'en-GB' → 'en-gb', 'en' → 'en-us'…), None when it has none."""
    tag = language.lower()
    known = espeak_languages()
    if tag in known:
        return tag
    primary = tag.split("-")[0]
    if primary in known:
        return primary
    return next((v for v in sorted(known) if v.split("-")[0] == primary), None)


def operator_spec(spec: str | None, language: str) -> str | None:
    """The operator's --tts voice for ``language``: 'km=piper:…' entries, a bare spec for Vietnamese."""
    for entry in (spec or "").split(","):
        lang, sep, rest = entry.partition("=")
        if sep and lang.strip().lower() == language.lower():
            return rest.strip()
        if not sep and entry.strip() and language.lower().split("-")[0] == SOURCE_LANGUAGE:
            return entry.strip()
    return None


def engine_for(language: str, spec: str | None) -> tts.Engine:
    """The operator's voice when given, else espeak-ng's voice for the language, else silence."""
    chosen = operator_spec(spec, language)
    if chosen:
        return tts.engine_from_spec(chosen)
    if language.lower().split("-")[0] == SOURCE_LANGUAGE:
        return tts.engine_from_spec(tts.DEFAULT_SPEC)  # the default voice, as before (same cache keys)
    voice = espeak_voice(language)
    return tts.EspeakEngine(voice) if voice else SilentEngine()


def has_voice(language: str, spec: str | None) -> bool:
    return not isinstance(engine_for(language, spec), SilentEngine)


def check_voices(course: Course, diags: Diagnostics, spec: str | None = None) -> None:
    """Without a voice for the course's language, name each section that has no recording."""
    if has_voice(course.language, spec):
        return
    code = codes.NARRATION_SILENT if course.silent_video else codes.NARRATION_NO_VOICE
    for lesson in course.lessons:
        for section in lesson.sections:
            if section.narration is None or section.narration.audio is None:
                path = (f"locale/{course.language}/audio/{lesson.id}/{section.id}.mp3" if course.source_language
                        else "../audio/<…>.mp3")
                diags.add(code, section.loc, language=course.language, title=shown(section.title, 60), path=path)
