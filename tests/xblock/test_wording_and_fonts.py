"""The certificate says what it is (a course certificate, not the official "phổ cập" confirmation)
and prints every Vietnamese letter with the fonts shipped inside the package."""

from __future__ import annotations

import io
import re
import unicodedata
from importlib.resources import files
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from hocvuso_xblocks import certificate, strings

ROOT = Path(__file__).resolve().parents[2]
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng
# What the certificate and the block must never say again (issue 15, item 5).
FORBIDDEN = ("chứng nhận phổ cập kỹ năng số", "bạn đã đạt mức phổ cập", "đạt mức phổ cập")
SEARCHED = ("xblocks", "tools", "courses", "docs", "README.md")


def vietnamese_letters() -> list[str]:
    """Every vowel with each of the five tone marks (and without), đ, in lower and upper case (NFC): 146 letters."""
    lower = [unicodedata.normalize("NFC", v + tone) for v in VOWELS for tone in TONES] + ["đ"]
    return lower + [ch.upper() for ch in lower]


def test_the_packaged_fonts_have_a_glyph_for_every_vietnamese_letter():
    letters = vietnamese_letters()
    assert len(set(letters)) == 2 * (12 * 6 + 1)
    for name in certificate.FONT_FILES.values():
        cmap = TTFont(io.BytesIO((files("hocvuso_xblocks") / "fonts" / name).read_bytes())).getBestCmap()
        assert [ch for ch in letters if ord(ch) not in cmap] == [], name
        assert ord("₫") in cmap and ord("“") in cmap and ord("…") in cmap


def test_no_letter_is_drawn_as_the_missing_glyph_box():
    for weight in certificate.FONT_FILES:
        face = certificate.font(weight, 44)
        notdef = face.getmask("\ue000")  # a private-use code point: the font draws its .notdef box
        for ch in vietnamese_letters():
            mask = face.getmask(ch)
            assert mask.getbbox() is not None, ch
            assert (mask.getbbox(), bytes(mask)) != (notdef.getbbox(), bytes(notdef)), f"{ch} ({weight}) is the box"


def test_the_certificate_needs_no_system_font():
    """The faces come from the package's bytes, not a path under /usr/share/fonts."""
    face = certificate.font("regular", 20)
    assert isinstance(face, ImageFont.FreeTypeFont)
    assert face.path is not None and not isinstance(face.path, str)  # a file object, read from package data
    assert (files("hocvuso_xblocks") / "fonts" / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") == 1


def test_every_text_of_the_certificate_is_drawn_from_real_glyphs():
    texts = [*strings.CERTIFICATE.values(), *strings.CREDENTIAL.values()]
    for weight in certificate.FONT_FILES:
        cmap = TTFont(io.BytesIO((files("hocvuso_xblocks") / "fonts" / certificate.FONT_FILES[weight]).read_bytes())).getBestCmap()
        missing = {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in cmap}
        assert missing == set(), (weight, missing)


def test_the_wording_is_a_course_certificate_naming_the_framework_and_vneid():
    for text in (strings.CREDENTIAL["description"], strings.CERTIFICATE["official_note"], strings.T["official_note"]):
        assert "VNeID" in text and "“phổ cập”" in text and "khoá học" in text
    for text in (strings.CREDENTIAL["description"], strings.CERTIFICATE["profile"], strings.T["intro"]):
        assert "Thông tư 02/2025/TT-BGDĐT" in text
    assert strings.CREDENTIAL["name"].startswith("Chứng nhận hoàn thành khoá học")


def test_no_text_calls_the_course_certificate_the_official_confirmation():
    found = []
    for top in SEARCHED:
        base = ROOT / top
        for path in ([base] if base.is_file() else base.rglob("*")):
            if path.suffix not in {".py", ".md", ".yaml", ".yml", ".json", ".js", ".html", ".txt", ".csv"}:
                continue
            if "egg-info" in path.parts or "node_modules" in path.parts:
                continue
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace")).lower()
            found += [f"{path.relative_to(ROOT)}: {phrase}" for phrase in FORBIDDEN if phrase in text]
    assert found == []


def test_the_forbidden_phrases_would_be_caught():
    """The search above is not vacuous: the old wording matches it (case and Unicode form ignored)."""
    old = unicodedata.normalize("NFD", "Chứng nhận phổ cập kỹ năng số – Người dân. Bạn đã đạt mức phổ cập!")
    text = unicodedata.normalize("NFC", old).lower()
    assert [p for p in FORBIDDEN if p in text] == list(FORBIDDEN)
    assert re.search("phổ cập", strings.CERTIFICATE["official_note"])
