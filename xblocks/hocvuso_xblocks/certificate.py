"""The printable certificate: a 1600×1131 PNG (A4 landscape ratio) with a QR code.

Drawn with Pillow in Noto Sans subset to Latin + Vietnamese, shipped inside
the package (``fonts/``, SIL Open Font License, see ``fonts/OFL.txt``), so an
LMS without system fonts still prints every diacritic.  The QR code (segno)
holds what :func:`credential.qr_text` returns.  The image is drawn once per
credential and stored (see ``issuance``); downloads never draw it again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import segno
from PIL import Image, ImageDraw, ImageFont

from hocvuso_xblocks.strings import CERTIFICATE as C

SIZE = (1600, 1131)
FONT_FILES = {"regular": "NotoSans-Vietnamese-Regular.ttf", "bold": "NotoSans-Vietnamese-Bold.ttf"}
INK = (28, 37, 54)
ACCENT = (176, 32, 38)
MUTED = (84, 96, 115)
GREEN = (22, 110, 60)
QR_SCALE = 5
QR_BORDER = 2
QR_TOP = 600
FOOTER = 175  # the date, issuer, id and the official-confirmation line take the last 175 px


@dataclass(frozen=True)
class CertificateText:
    """What the certificate says; ``rows`` are (code, competency name, level, percent)."""

    learner: str
    course: str
    profile: str
    issuer: str
    date: str
    credential_id: str
    fingerprint: str
    qr: str
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    test: str = ""


@cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    """The packaged Noto Sans subset (cached per weight and size: loading a face costs ~1 ms)."""
    return ImageFont.truetype(io.BytesIO(_font_bytes(weight)), size)


@cache
def _font_bytes(weight: str) -> bytes:
    """The font file, read from the package (works from a wheel or a zip too)."""
    return (files("hocvuso_xblocks") / "fonts" / FONT_FILES[weight]).read_bytes()


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules for ``text`` (error correction M), used both to draw and to check the image."""
    code = segno.make_qr(text, error="m", boost_error=False)
    return [[bool(m) for m in row] for row in code.matrix]


def qr_left(modules: int) -> int:
    """The x of the QR code's white square, right-aligned 120 px from the edge."""
    return SIZE[0] - 120 - (modules + 2 * QR_BORDER) * QR_SCALE


def certificate_png(info: CertificateText) -> bytes:
    """The certificate as PNG bytes."""
    img = Image.new("RGB", SIZE, (253, 251, 245))
    draw = ImageDraw.Draw(img)
    w, h = SIZE
    draw.rectangle((24, 24, w - 25, h - 25), outline=ACCENT, width=6)
    draw.rectangle((40, 40, w - 41, h - 41), outline=(212, 175, 55), width=2)
    _centre(draw, 100, C["movement"], font("bold", 30), ACCENT)
    _centre(draw, 150, C["title"], font("bold", 74), INK)
    _centre(draw, 252, C["subtitle"], font("regular", 34), MUTED)
    _centre(draw, 305, C["certifies"], font("regular", 30), INK)
    name_size = _size(draw, info.learner, "bold", 60, w - 300)  # a long name is drawn smaller, then shortened
    _centre(draw, 350, _fit(draw, info.learner, "bold", name_size, w - 300), font("bold", name_size), ACCENT)
    _centre(draw, 435, C["passed"], font("regular", 30), INK)
    course_size = _size(draw, info.course, "bold", 36, w - 300)
    _centre(draw, 480, _fit(draw, info.course, "bold", course_size, w - 300), font("bold", course_size), INK)
    profile = C["profile"].format(profile=info.profile)
    _centre(draw, 535, _fit(draw, profile, "regular", 24, w - 240), font("regular", 24), MUTED)
    matrix = qr_matrix(info.qr)
    x_qr = qr_left(len(matrix))
    _table(draw, info.rows, 120, QR_TOP, x_qr - 160, h - FOOTER - 12)
    qr_size = _qr(draw, matrix, x_qr, QR_TOP)
    small = font("regular", 18)
    draw.text((x_qr, QR_TOP + qr_size + 10), C["scan"], font=small, fill=MUTED)
    y = h - FOOTER
    draw.text((120, y), C["date"].format(date=info.date), font=font("regular", 24), fill=INK)
    draw.text((120, y + 36), _fit(draw, C["issuer"].format(issuer=info.issuer), "regular", 24, w - 240),
              font=font("regular", 24), fill=INK)
    draw.text((120, y + 74), C["id_line"].format(id=info.credential_id, fingerprint=info.fingerprint), font=small, fill=MUTED)
    draw.text((120, y + 104), _fit(draw, C["official_note"], "regular", 18, w - 240), font=small, fill=MUTED)
    if info.test:
        _test_mark(img, info.test)
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=6)  # drawn once per credential; optimize=True tripled the time for 3 % less
    return out.getvalue()


def _qr(draw: ImageDraw.ImageDraw, matrix: list[list[bool]], x: int, y: int) -> int:
    """Draw the QR modules with a white quiet zone at (x, y); returns the side in pixels."""
    size = (len(matrix) + 2 * QR_BORDER) * QR_SCALE
    draw.rectangle((x, y, x + size - 1, y + size - 1), fill=(255, 255, 255))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x0, y0 = x + (c + QR_BORDER) * QR_SCALE, y + (r + QR_BORDER) * QR_SCALE
                draw.rectangle((x0, y0, x0 + QR_SCALE - 1, y0 + QR_SCALE - 1), fill=(0, 0, 0))
    return size


def qr_origin(text: str) -> tuple[int, int]:
    """Where the QR code's first module is drawn (for tests that read it back)."""
    return qr_left(len(qr_matrix(text))) + QR_BORDER * QR_SCALE, QR_TOP + QR_BORDER * QR_SCALE


def _table(draw: ImageDraw.ImageDraw, rows: list[tuple[str, str, str, str]], x: int, y: int, width: int, bottom: int) -> None:
    """The competencies assessed, one row each, fitted between ``y`` and ``bottom`` (profiles have up to ~12)."""
    step = max(18, min(40, (bottom - y - 44) // max(len(rows), 1)))
    size = min(22, step - 6)
    head, body = font("bold", 22), font("regular", size)
    draw.text((x, y), C["col_competency"], font=head, fill=INK)
    draw.text((x + width - 260, y), C["col_level"], font=head, fill=INK)
    draw.text((x + width - 90, y), C["col_result"], font=head, fill=INK)
    y += 36
    draw.line((x, y, x + width, y), fill=MUTED, width=1)
    y += 6
    for code, name, level, percent in rows:
        draw.text((x, y), _fit(draw, f"{code}  {name}", "regular", size, width - 290), font=body, fill=INK)
        draw.text((x + width - 260, y), level, font=body, fill=GREEN)
        draw.text((x + width - 90, y), percent, font=body, fill=GREEN)
        y += step


def _centre(draw: ImageDraw.ImageDraw, y: int, text: str, face: ImageFont.FreeTypeFont, fill: tuple[int, int, int]) -> None:
    width = draw.textlength(text, font=face)
    draw.text(((SIZE[0] - width) / 2, y), text, font=face, fill=fill)


def _size(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, width: int) -> int:
    while size > 20 and draw.textlength(text, font=font(weight, size)) > width:
        size -= 2
    return size


def _fit(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, width: int) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` when drawn in ``weight`` at ``size``."""
    face = font(weight, size)
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _test_mark(img: Image.Image, text: str) -> None:
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    face = font("bold", 90)
    width = draw.textlength(text, font=face)
    draw.text(((SIZE[0] - width) / 2, SIZE[1] / 2 - 60), text, font=face, fill=(200, 0, 0, 90))
    layer = layer.rotate(18, center=(SIZE[0] / 2, SIZE[1] / 2))
    img.paste(layer, (0, 0), layer)
