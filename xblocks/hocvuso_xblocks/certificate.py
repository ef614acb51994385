"""The printable certificate: a 1600×1131 PNG (A4 landscape ratio) with a QR code.

Drawn with Pillow in a font that covers Vietnamese (Noto Sans, else DejaVu
Sans); the QR code (segno) holds what :func:`credential.qr_text` returns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 1131)
FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto", "/usr/share/fonts/truetype/dejavu",
             "/usr/share/fonts/dejavu", "/Library/Fonts", "C:/Windows/Fonts")
FONTS = {"regular": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"), "bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf")}
INK = (28, 37, 54)
ACCENT = (176, 32, 38)
MUTED = (84, 96, 115)
GREEN = (22, 110, 60)
QR_SCALE = 5
QR_BORDER = 2


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
def font(weight: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A TrueType font with Vietnamese glyphs, or Pillow's own when none is installed."""
    for name in FONTS[weight]:
        for folder in FONT_DIRS:
            path = Path(folder) / name
            if path.is_file():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules for ``text`` (error correction M), used both to draw and to check the image."""
    code = segno.make_qr(text, error="m", boost_error=False)
    return [[bool(m) for m in row] for row in code.matrix]


def certificate_png(info: CertificateText) -> bytes:
    """The certificate as PNG bytes."""
    img = Image.new("RGB", SIZE, (253, 251, 245))
    draw = ImageDraw.Draw(img)
    w, h = SIZE
    draw.rectangle((24, 24, w - 25, h - 25), outline=ACCENT, width=6)
    draw.rectangle((40, 40, w - 41, h - 41), outline=(212, 175, 55), width=2)
    _centre(draw, 110, "BÌNH DÂN HỌC VỤ SỐ", font("bold", 30), ACCENT)
    _centre(draw, 165, "CHỨNG NHẬN", font("bold", 74), INK)
    _centre(draw, 255, "phổ cập kỹ năng số", font("regular", 34), MUTED)
    _centre(draw, 320, "Chứng nhận", font("regular", 30), INK)
    _centre(draw, 365, _fit(draw, info.learner, "bold", 60, w - 300), font("bold", _size(draw, info.learner, "bold", 60, w - 300)), ACCENT)
    _centre(draw, 450, "đã đạt bài đánh giá cuối khoá", font("regular", 30), INK)
    _centre(draw, 495, _fit(draw, info.course, "bold", 36, w - 300), font("bold", 36), INK)
    _centre(draw, 545, f"Hồ sơ năng lực: {info.profile}", font("regular", 26), MUTED)
    _table(draw, info.rows, 120, 610, w - 560)
    x_qr = w - 120 - len(qr_matrix(info.qr)) * QR_SCALE - 2 * QR_BORDER * QR_SCALE
    _qr(img, info.qr, x_qr, 610)
    y = h - 150
    draw.text((120, y), f"Ngày cấp: {info.date}", font=font("regular", 24), fill=INK)
    draw.text((120, y + 36), f"Đơn vị cấp: {info.issuer}", font=font("regular", 24), fill=INK)
    small = font("regular", 18)
    draw.text((x_qr, 610 + _qr_size(info.qr) + 10), "Quét để kiểm tra chứng nhận số", font=small, fill=MUTED)
    draw.text((120, y + 74), f"Mã chứng nhận: {info.credential_id}  ·  dấu vân tay SHA-256: {info.fingerprint}",
              font=small, fill=MUTED)
    if info.test:
        _test_mark(img, info.test)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _qr_size(text: str) -> int:
    return (len(qr_matrix(text)) + 2 * QR_BORDER) * QR_SCALE


def _qr(img: Image.Image, text: str, x: int, y: int) -> None:
    matrix = qr_matrix(text)
    size = _qr_size(text)
    draw = ImageDraw.Draw(img)
    draw.rectangle((x, y, x + size - 1, y + size - 1), fill=(255, 255, 255))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x0, y0 = x + (c + QR_BORDER) * QR_SCALE, y + (r + QR_BORDER) * QR_SCALE
                draw.rectangle((x0, y0, x0 + QR_SCALE - 1, y0 + QR_SCALE - 1), fill=(0, 0, 0))


def qr_origin(text: str) -> tuple[int, int]:
    """Where the QR code's first module is drawn (for tests that read it back)."""
    x_qr = SIZE[0] - 120 - len(qr_matrix(text)) * QR_SCALE - 2 * QR_BORDER * QR_SCALE
    return x_qr + QR_BORDER * QR_SCALE, 610 + QR_BORDER * QR_SCALE


def _table(draw: ImageDraw.ImageDraw, rows: list[tuple[str, str, str, str]], x: int, y: int, width: int) -> None:
    head, body = font("bold", 22), font("regular", 22)
    draw.text((x, y), "Năng lực", font=head, fill=INK)
    draw.text((x + width - 260, y), "Bậc", font=head, fill=INK)
    draw.text((x + width - 90, y), "Kết quả", font=head, fill=INK)
    y += 36
    draw.line((x, y, x + width, y), fill=MUTED, width=1)
    step = max(28, min(40, 300 // max(len(rows), 1)))
    for code, name, level, percent in rows:
        y += 8
        draw.text((x, y), _fit(draw, f"{code}  {name}", "regular", 22, width - 290), font=body, fill=INK)
        draw.text((x + width - 260, y), level, font=body, fill=GREEN)
        draw.text((x + width - 90, y), percent, font=body, fill=GREEN)
        y += step - 8


def _centre(draw: ImageDraw.ImageDraw, y: int, text: str, face: ImageFont.ImageFont, fill: tuple[int, int, int]) -> None:
    width = draw.textlength(text, font=face)
    draw.text(((SIZE[0] - width) / 2, y), text, font=face, fill=fill)


def _size(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, width: int) -> int:
    while size > 20 and draw.textlength(text, font=font(weight, size)) > width:
        size -= 2
    return size


def _fit(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, width: int) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` at the smallest allowed size."""
    face = font(weight, max(_size(draw, text, weight, size, width), 20))
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
