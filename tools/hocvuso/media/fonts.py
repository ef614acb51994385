"""Fonts with full Vietnamese and Khmer coverage, installed by the set-up (never downloaded).

Text is shaped with Raqm (HarfBuzz and FriBidi, built into Pillow): Khmer
needs it to order vowels and stack subscript consonants.  Pillow draws a
line with one font and has no fallback, while a Khmer lesson mixes Khmer
and Latin words (OTP, VNeID, 113): so the slide font is Noto Sans with Noto
Sans Khmer's glyphs and shaping tables merged in (fontTools), made once
from the installed files and kept by their digest.  Noto Sans's own glyphs
and metrics are unchanged, so Vietnamese slides look as before.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from fontTools.merge import Merger
from PIL import ImageFont, features

from hocvuso.diagnostics import CompilerError

# Noto Sans (Debian fonts-noto-core) first, DejaVu Sans as a fallback: both cover Vietnamese.
CANDIDATES = {
    "regular": ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "bold": ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}


# Fonts of other scripts merged into the slide font when installed (fonts-noto-core ships them).
SCRIPTS = {
    "regular": ("/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf",),
    "bold": ("/usr/share/fonts/truetype/noto/NotoSansKhmer-Bold.ttf",),
}
# Raqm shapes complex scripts; without it (a Pillow built without libraqm) Khmer would be drawn unshaped.
LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


class FontMissingError(CompilerError):
    category = "Missing font"


def base_font_path(weight: str = "regular") -> Path:
    """The first installed Latin/Vietnamese font file of ``weight``."""
    for candidate in CANDIDATES[weight]:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FontMissingError(f"no font with Vietnamese coverage found ({', '.join(CANDIDATES[weight])}); run `make system-deps`")


def merged_font(parts: list[Path], folder: Path) -> Path:
    """One font file with the glyphs of every part, the first part's winning (made once per set of files)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.name.encode() + b"\0" + part.read_bytes())
    target = folder / f"slides-{digest.hexdigest()[:16]}.ttf"
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        merged = Merger().merge([str(p) for p in parts])
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        merged.save(str(tmp))
        os.replace(tmp, target)  # processes making the same file at once each write whole, then one wins
    return target


@cache
def font_path(weight: str = "regular") -> Path:
    """The slide font of ``weight``: Noto Sans with the other installed scripts merged in; run `make system-deps` if none."""
    base = base_font_path(weight)
    extra = [Path(p) for p in SCRIPTS[weight] if Path(p).is_file()]
    if not extra or "noto" not in base.name.lower():
        return base  # DejaVu (no Noto installed) is not merged: its metrics differ
    return merged_font([base, *extra], Path(tempfile.gettempdir()) / "hocvuso-fonts")


@cache
def font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=LAYOUT)
