"""Build options: the switches that change what emitters and the media service produce.

They sit below every stage that reads them (media, emitters, the build driver),
so that no lower layer has to reach up into the emitters for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Switches that change what is produced (every one but ``cache`` is part of every cache key).

    ``video``: render narrated videos (``--no-video`` turns it off); ``tts``: the
    narration engine spec (``espeak:vi:150``, ``piper:/path/voice.onnx``; None =
    the default voice); ``scorm_per_lesson``: also write one SCORM package per
    lesson; ``cache``: the media cache folder (set by the build driver).
    """

    video: bool = True
    tts: str | None = None
    scorm_per_lesson: bool = False
    cache: Path | None = field(default=None, compare=False)

    def key(self) -> str:
        """What the options contribute to cache keys (the cache folder itself does not)."""
        parts = [f"video={self.video}"]
        if self.tts:
            parts.append(f"tts={self.tts}")
        if self.scorm_per_lesson:
            parts.append("scorm_per_lesson=1")
        return ";".join(parts)
