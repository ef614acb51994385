"""Audio joins and the ffmpeg encode of still slides, designed for speed.

A slide video is a handful of still pictures, so it is encoded as such:
the concat demuxer shows each slide for as long as its narration, x264
encodes it at a low constant frame rate tuned for still images (a repeated
frame costs a few bytes and almost no time), and the narration is encoded
to AAC once; the tee muxer writes that one encode both as the MP4 and as
the audio-only M4A.

The stream is what old phones, TVs and USB players accept: constant frame
rate, H.264 Main profile at level 3.1 (720p at up to 30 fps), yuv420p,
AAC-LC, moov first.  A variable frame rate with a 1/1000 time base made
x264 pick level 6.0, which many devices refuse.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.diagnostics import CompilerError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

RATE = 22050  # espeak-ng's own rate; speech needs no more
WIDTH = 2  # bytes per sample (16-bit)
FPS = 5  # constant; enough for still slides, and each frame of a still slide is nearly free
KEY_S = 4  # a key frame at least every 4 s, so a learner can seek anywhere
# x264 for still images; AAC-LC with the fast coder: the default coder costs more than the whole video.
VIDEO_ARGS = ("-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "20",
              "-profile:v", "main", "-level:v", "3.1", "-pix_fmt", "yuv420p",
              "-vf", f"fps={FPS}", "-fps_mode", "cfr", "-g", str(FPS * KEY_S))
# The fps filter (not the -r output option) turns the slides' timestamps into whole frames
# without stretching each slide: with -r the video ran seconds longer than its narration.
AUDIO_ARGS = ("-c:a", "aac", "-aac_coder", "fast", "-b:a", "48k", "-ac", "1")
TIMEOUT_S = 600


class MediaError(CompilerError):
    category = "Media"


def ffmpeg() -> str:
    """Debian's ffmpeg, else the imageio-ffmpeg wheel's binary; an error says how to install one."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg  # type: ignore[import-not-found]
    except ImportError:
        raise MediaError("ffmpeg not found; install it with `make system-deps` (Debian package ffmpeg)") from None
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run_ffmpeg(args: Sequence[str], cwd: Path | None = None) -> None:
    """Run ffmpeg quietly; on failure raise with the end of its message."""
    command = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    try:
        result = subprocess.run(command, capture_output=True, cwd=cwd, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise MediaError(f"ffmpeg failed: {err}") from err
    if result.returncode != 0:
        raise MediaError(f"ffmpeg exited with {result.returncode}: {result.stderr.decode(errors='replace').strip()[-600:]}")


# --- narration audio ------------------------------------------------------------


def is_narration_wav(path: Path) -> bool:
    """Already mono 16-bit at :data:`RATE` (no conversion needed)?"""
    try:
        with wave.open(str(path), "rb") as wav:
            return (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, WIDTH, RATE)
    except (OSError, wave.Error, EOFError):
        return False


def to_narration_wav(source: Path, dest: Path) -> None:
    """Any audio file (MP3, M4A, OGG, WAV) as mono 16-bit WAV at :data:`RATE`."""
    run_ffmpeg(["-i", str(source), "-vn", "-ac", "1", "-ar", str(RATE), "-c:a", "pcm_s16le",
                "-fflags", "+bitexact", "-map_metadata", "-1", str(dest)])


def frames(path: Path) -> int:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


@dataclass(frozen=True, slots=True)
class Span:
    """Where one slide's narration sits in the lesson audio, in samples."""

    start: int
    speech_end: int
    end: int


def silence_wav(dest: Path) -> None:
    """An empty narration WAV (a slide with nothing to say: its reading time pads it)."""
    with wave.open(str(dest), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(WIDTH)
        out.setframerate(RATE)


def join_narration(parts: Sequence[Path], pause: int, minimum: int | Sequence[int], dest: Path) -> list[Span]:
    """Concatenate the slides' WAVs into ``dest``, each followed by ``pause`` samples of
    silence and padded to at least ``minimum`` samples (one for all, or one per slide);
    return each slide's span."""
    spans: list[Span] = []
    position = 0
    minimums = [minimum] * len(parts) if isinstance(minimum, int) else list(minimum)
    with wave.open(str(dest), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(WIDTH)
        out.setframerate(RATE)
        for part, least in zip(parts, minimums, strict=True):
            with wave.open(str(part), "rb") as wav:
                count = wav.getnframes()
                out.writeframes(wav.readframes(count))
            silence = max(pause, least - count)
            out.writeframes(b"\0" * (silence * WIDTH))
            spans.append(Span(position, position + count, position + count + silence))
            position += count + silence
    return spans


# --- video ----------------------------------------------------------------------


def concat_list(slides: Sequence[Path], bounds_ms: Sequence[tuple[int, int]]) -> str:
    """An ffconcat script showing each slide from its start to its end (ms).

    The last slide is listed twice: the demuxer ignores the last entry's
    duration, and the repeat makes the video end exactly where the audio ends.
    """
    lines = ["ffconcat version 1.0"]
    for slide, (start, end) in zip(slides, bounds_ms, strict=True):
        lines += [f"file {_quote(slide)}", "option framerate 1000", f"duration {(end - start) / 1000:.3f}"]
    lines += [f"file {_quote(slides[-1])}", "option framerate 1000"]
    return "\n".join(lines) + "\n"


def _quote(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "'\\''") + "'"


def encode_args(concat: str, audio: str, mp4: str, m4a: str | None = None) -> list[str]:
    """ffmpeg arguments for the lesson MP4 (and, with ``m4a``, the audio-only track from the same encode)."""
    args = ["-f", "concat", "-safe", "0", "-i", concat, "-i", audio, "-map", "0:v", "-map", "1:a",
            *VIDEO_ARGS, *AUDIO_ARGS, "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-map_metadata", "-1"]
    if m4a is None:
        return [*args, "-movflags", "+faststart", mp4]
    # tee: one encode, two files; both names are relative (cwd) so no path needs tee escaping.
    return [*args, "-f", "tee",
            f"[f=mp4:movflags=+faststart]{mp4}|[f=ipod:select=a:movflags=+faststart]{m4a}"]
