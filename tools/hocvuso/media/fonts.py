"""Fonts with full Vietnamese coverage, installed by the set-up (never downloaded)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageFont

from hocvuso.diagnostics import CompilerError

# Noto Sans (Debian fonts-noto-core) first, DejaVu Sans as a fallback: both cover Vietnamese.
CANDIDATES = {
    "regular": ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "bold": ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}


class FontMissingError(CompilerError):
    category = "Missing font"


@cache
def font_path(weight: str = "regular") -> Path:
    """The first installed font file of ``weight``; run `make system-deps` if none."""
    for candidate in CANDIDATES[weight]:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FontMissingError(f"no font with Vietnamese coverage found ({', '.join(CANDIDATES[weight])}); run `make system-deps`")


@cache
def font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(weight)), size)
