"""Regenerate the certificate fonts shipped in ``hocvuso_xblocks/fonts/``.

Noto Sans (SIL Open Font License 1.1, no Reserved Font Name) subset to what a
Vietnamese certificate needs: Basic Latin, Latin-1, the Latin Extended letters
Vietnamese uses (Ă Â Đ Ê Ô Ơ Ư Ĩ Ũ …), the precomposed tone letters of Latin
Extended Additional (U+1EA0–U+1EF9), the combining tone marks, and common
punctuation (– — ‘ ’ “ ” … · ₫ №).  Layout features stay, so decomposed input
(a letter followed by a combining mark) still gets its marks placed.

Run from the repository root: ``.venv/bin/python xblocks/scripts/subset_fonts.py``
(needs fonttools from requirements-dev.txt and Debian's fonts-noto-core).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = Path(__file__).resolve().parents[1] / "hocvuso_xblocks" / "fonts"
WEIGHTS = {"Regular": "NotoSans-Regular.ttf", "Bold": "NotoSans-Bold.ttf"}
RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x100, 0x17F), (0x1A0, 0x1B0), (0x300, 0x303), (0x309, 0x309),
          (0x323, 0x323), (0x1EA0, 0x1EF9), (0x2010, 0x2026), (0x2030, 0x2030), (0x20AB, 0x20AB), (0x2116, 0x2116)]


def unicodes() -> list[int]:
    """Every code point the subset keeps."""
    return [cp for low, high in RANGES for cp in range(low, high + 1)]


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for weight, name in WEIGHTS.items():
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False  # printed at 300 dpi or shown scaled: hints only add bytes
        font = subset.load_font(str(SOURCE / name), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes())
        subsetter.subset(font)
        out = TARGET / f"NotoSans-Vietnamese-{weight}.ttf"
        subset.save_font(font, str(out), options)
        print(f"{out.name}: {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
