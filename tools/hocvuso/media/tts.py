"""Offline text-to-speech engines behind one small interface.

``espeak`` (the default) runs Debian's espeak-ng with its Vietnamese voice;
``piper`` runs the Piper command with a voice model (.onnx) that the
operator provides.  Nothing is ever downloaded: a missing program or voice
model stops the build with a message that says what to install or pass.
Pick one with ``hocvuso build --tts espeak[:VOICE[:WPM]]`` or
``--tts piper:/path/to/voice.onnx``.  An author's own recording
(``::: narration audio=…``) replaces the engine for its slide.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import shutil
import subprocess
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from hocvuso.diagnostics import CompilerError

DEFAULT_SPEC = "espeak"
# Slower than espeak-ng's 175 words a minute: many learners are elderly or new to the topic.
DEFAULT_WPM = 150
TIMEOUT_S = 120


class TtsError(CompilerError):
    category = "Text-to-speech"


class Engine(Protocol):
    """A text-to-speech engine: ``key`` names the voice exactly (it is part of cache keys)."""

    def key(self) -> str: ...

    def synthesize(self, text: str, wav: Path) -> None:
        """Speak ``text`` into the WAV file ``wav`` (any rate; the pipeline resamples)."""


@dataclass(frozen=True, slots=True)
class EspeakEngine:
    """espeak-ng (Debian packages espeak-ng and libespeak-ng1), Vietnamese voice by default.

    It speaks through the library when it loads (one voice load per process
    instead of one program start per slide, 2.5× less work per slide) and
    through the ``espeak-ng`` program otherwise; the voice is the same.
    """

    voice: str = "vi"
    wpm: int = DEFAULT_WPM
    program: str = "espeak-ng"
    use_library: bool = True

    def key(self) -> str:
        path = "library" if self.use_library and _espeak_library() is not None else "program"
        return f"espeak-ng:{_version(self._binary())}:{path}:{self.voice}:{self.wpm}"

    def synthesize(self, text: str, wav: Path) -> None:
        library = _espeak_library() if self.use_library else None
        if library is not None:
            library.speak(text, self.voice, self.wpm, wav)
            return
        # Text goes through stdin: no length limit, and a leading '-' is never read as an option.
        _run([self._binary(), "-v", self.voice, "-s", str(self.wpm), "-b", "1", "-w", str(wav), "--stdin"], text)

    def _binary(self) -> str:
        found = shutil.which(self.program)
        if found is None:
            raise TtsError(f"'{self.program}' not found; install it with `make system-deps` (Debian package espeak-ng)")
        return found


class _EspeakLibrary:
    """libespeak-ng through ctypes, synchronous mode: samples arrive in a callback.

    The library keeps one voice per process; each worker process loads it once.
    """

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        self.rate = lib.espeak_Initialize(_SYNCHRONOUS, 0, None, 0)
        if self.rate <= 0:
            raise OSError("espeak_Initialize failed")
        self.samples = bytearray()
        self.voice: tuple[str, int] | None = None
        # Kept on self: ctypes would free a callback that nothing references.
        self.callback = _SynthCallback(self._collect)
        lib.espeak_SetSynthCallback(self.callback)

    def _collect(self, wav: ctypes.Array[ctypes.c_short], count: int, events: ctypes.c_void_p) -> int:
        if count > 0:
            self.samples.extend(ctypes.string_at(wav, count * 2))
        return 0

    def speak(self, text: str, voice: str, wpm: int, dest: Path) -> None:
        if self.voice != (voice, wpm):
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise TtsError(f"espeak-ng has no voice '{voice}'; list them with `espeak-ng --voices`")
            self.lib.espeak_SetParameter(_RATE, wpm, 0)
            self.voice = (voice, wpm)
        data = text.encode() + b"\0"
        self.samples.clear()
        if self.lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None) != 0:
            raise TtsError("espeak-ng could not speak a slide's narration")
        with wave.open(str(dest), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(bytes(self.samples))


_SYNCHRONOUS, _RATE, _POS_CHARACTER, _CHARS_UTF8 = 2, 1, 1, 1
_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


@cache
def _espeak_library() -> _EspeakLibrary | None:
    """The process's espeak-ng library, or None when it cannot be loaded (the program is used then)."""
    name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
    try:
        return _EspeakLibrary(ctypes.CDLL(name))
    except (OSError, AttributeError):
        return None


@dataclass(frozen=True, slots=True)
class PiperEngine:
    """Piper (https://github.com/rhasspy/piper) with a voice model file the operator provides.

    The model's ``.onnx.json`` config must sit beside it, as Piper expects.
    """

    model: Path
    program: str = "piper"

    def key(self) -> str:
        self._check_model()
        return f"piper:{_file_digest(self.model)}:{_file_digest(self._config())}"

    def synthesize(self, text: str, wav: Path) -> None:
        self._check_model()
        found = shutil.which(self.program)
        if found is None:
            raise TtsError(f"'{self.program}' not found; install Piper (pip install piper-tts) or use --tts espeak")
        _run([found, "--model", str(self.model), "--output_file", str(wav)], text)

    def _config(self) -> Path:
        return self.model.with_name(self.model.name + ".json")

    def _check_model(self) -> None:
        if not self.model.is_file():
            raise TtsError(f"Piper voice model not found: {self.model}; pass --tts piper:/path/to/voice.onnx "
                           "(a model you downloaded beforehand; nothing is fetched while building)")
        if not self._config().is_file():
            raise TtsError(f"Piper voice config not found: {self._config()} (it must sit beside the .onnx model)")


def engine_from_spec(spec: str) -> Engine:
    """Parse ``espeak``, ``espeak:VOICE``, ``espeak:VOICE:WPM`` or ``piper:/path/voice.onnx``."""
    name, _, rest = (spec or DEFAULT_SPEC).partition(":")
    if name in ("espeak", "espeak-ng"):
        voice, _, wpm = rest.partition(":")
        if wpm and not (wpm.isdigit() and 80 <= int(wpm) <= 400):
            raise TtsError(f"bad speaking rate '{wpm}' in --tts {spec}: use words per minute between 80 and 400")
        return EspeakEngine(voice or "vi", int(wpm) if wpm else DEFAULT_WPM)
    if name == "piper":
        if not rest:
            raise TtsError("--tts piper needs a voice model: --tts piper:/path/to/voice.onnx")
        return PiperEngine(Path(rest).expanduser())
    raise TtsError(f"unknown text-to-speech engine '{name}' in --tts {spec}; use espeak[:VOICE[:WPM]] or piper:/path/voice.onnx")


def _run(command: list[str], text: str) -> None:
    try:
        result = subprocess.run(command, input=text.encode(), capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise TtsError(f"{Path(command[0]).name} failed: {err}") from err
    if result.returncode != 0:
        tail = result.stderr.decode(errors="replace").strip()[-400:]
        raise TtsError(f"{Path(command[0]).name} exited with {result.returncode}: {tail}")


@cache
def _version(binary: str) -> str:
    result = subprocess.run([binary, "--version"], capture_output=True, timeout=30, check=False)
    return result.stdout.decode(errors="replace").split("Data at")[0].strip()


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _digest_of(str(path), stat.st_size, stat.st_mtime_ns)


@cache
def _digest_of(path: str, size: int, mtime_ns: int) -> str:
    """sha256 of a (possibly large) file, computed once per content version."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
