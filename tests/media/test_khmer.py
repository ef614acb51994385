"""Khmer on slides: every letter the Khmer pilot uses has a glyph in the slide font and is drawn
(not the missing-glyph box), and Raqm shapes clusters (subscript consonants stack under their base)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont
from PIL import ImageFont, features

from hocvuso.media.fonts import font, font_path
from hocvuso.media.layout import drawn_text, place
from hocvuso.media.slides import SlideSpec, render_slide
from hocvuso.media.theme import theme_for

PILOT = Path(__file__).resolve().parents[2] / "courses" / "citizens" / "locale" / "km" / "LC_MESSAGES"
KA, COENG = "\u1780", "\u17d2"  # ក, the sign that makes the next consonant a subscript


def pilot_strings() -> list[str]:
    """Every translation of the Khmer pilot's catalogues."""
    found = []
    for path in sorted(PILOT.glob("*.po")):
        with path.open("rb") as f:
            found += [m.string for m in read_po(f) if m.id and m.string]
    return found


def khmer_letters() -> list[str]:
    return sorted({ch for text in pilot_strings() for ch in text if 0x1780 <= ord(ch) <= 0x17FF})


def test_the_pilot_uses_a_real_range_of_khmer_letters():
    letters = khmer_letters()
    # Consonants, dependent vowels, signs, the coeng and Khmer punctuation: far more than a sample word.
    assert len(letters) > 50
    assert {"ក", "ស", "ា", "ី", "ុ", COENG, "។", "៖"} <= set(letters)


def test_slide_fonts_have_a_glyph_for_every_character_of_the_pilot():
    used = sorted({ch for text in pilot_strings() for ch in text if not ch.isspace()})
    for weight in ("regular", "bold"):
        cmap = TTFont(font_path(weight), lazy=True).getBestCmap()
        missing = [f"U+{ord(ch):04X}" for ch in used if ord(ch) not in cmap]
        assert missing == [], f"{font_path(weight).name} lacks {missing}"


def test_no_khmer_letter_is_drawn_as_the_missing_glyph_box():
    face = font(44)
    notdef = face.getmask("\ue000")  # a private-use code point: the font draws its .notdef box
    alone = face.getmask(KA)
    for ch in khmer_letters():
        if ch == COENG:
            continue  # drawn in the shaping test: it only exists before a consonant
        # A dependent vowel or sign is drawn on a consonant, as it is written.
        mark = unicodedata.category(ch) in ("Mn", "Mc")
        mask = face.getmask(KA + ch if mark else ch)
        assert mask.getbbox() is not None, ch
        assert (mask.getbbox(), bytes(mask)) != (notdef.getbbox(), bytes(notdef)), f"U+{ord(ch):04X} is the missing box"
        if mark:
            assert bytes(mask) != bytes(alone), f"U+{ord(ch):04X} adds nothing to ក"


def test_raqm_stacks_a_subscript_consonant_under_its_base():
    assert features.check("raqm"), "Pillow is built with libraqm (complex-script shaping)"
    face = font(60)
    basic = ImageFont.truetype(str(font_path()), 60, layout_engine=ImageFont.Layout.BASIC)
    one = face.getlength(KA)
    # ក្ក: shaped, the second ក is a small subscript under the first (about one letter wide);
    # unshaped it would be two letters side by side with the coeng between them.
    assert face.getlength(KA + COENG + KA) < 1.3 * one
    assert basic.getlength(KA + COENG + KA) > 1.8 * one
    # The stacked glyph reaches below the base letter.
    assert face.getbbox(KA + COENG + KA)[3] > face.getbbox(KA)[3] + 5


def test_a_khmer_slide_keeps_every_word(artifacts: Path):
    strings = pilot_strings()
    title = next(s for s in strings if s.replace("\u200b", "").startswith("ពេលសង្ស័យថាត្រូវគេបោក៖"))
    points = tuple(s.replace("**", "") for s in strings if s.startswith(("**ឈប់", "**ពិនិត្យ", "**រាយការណ៍")))
    spec = SlideSpec(theme_for("citizens"), title, points, "ស្គាល់ការបោកប្រាស់តាមអនឡាញ", 6, 8)
    laid_out = place(spec.title, spec.points, image=False)
    assert drawn_text([laid_out]).split() == " ".join(points).split(), "every word of the points is on the slide"
    render_slide(spec).save(artifacts / "slide-khmer.png")
