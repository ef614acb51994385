"""Slides (1280×720), lesson thumbnails and course covers, drawn with Pillow.

A slide shows its section's title in a band of the group's colour, the
section's points (one page of them: :mod:`hocvuso.media.layout` continues a
long section on the next slide instead of cutting it), and the section's
first image on its first slide.  Text is never smaller than 48 px (12 CSS
px on a 360-px phone) and never enters the caption band at the bottom.  A
section with no points and no image becomes a title card.  Every slide has
alt text: the title, every point on it, and the image's own alt text.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from hocvuso.media.fonts import font, font_path
from hocvuso.media.layout import CAPTION_BAND, MARGIN, RULE, SIZE, Layout, place
from hocvuso.media.text import Block, clean, draw_text, fit, line_height
from hocvuso.media.theme import MOVEMENT, RGB, Theme, theme_for
from hocvuso.media.words import word

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

__all__ = ["CAPTION_BAND", "SIZE", "SlideSpec", "alt_text", "png_bytes", "render_cover", "render_slide",
           "render_thumbnail"]

THUMB_SIZE = (640, 360)


@dataclass(frozen=True, slots=True)
class SlideSpec:
    """Everything one slide image is drawn from (and so its cache key)."""

    theme: Theme
    title: str
    points: tuple[str, ...]
    lesson_title: str
    number: int
    total: int
    image: str = ""  # path of the section's first image, '' if none
    image_sha256: str = ""
    image_alt: str = ""
    carried: bool = False  # the first point goes on from the previous slide (no bullet)
    language: str = "vi"  # of the words the slide's alt text adds

    def key(self) -> str:
        digest = hashlib.sha256()
        for part in (self.theme.key(), self.title, *self.points, "\0", self.lesson_title, str(self.number),
                     str(self.total), self.image_sha256, _fonts_key(), str(self.carried), self.language):
            digest.update(part.encode() + b"\0")
        return digest.hexdigest()


def _fonts_key() -> str:
    return ";".join(f"{p}:{p.stat().st_size}" for p in (font_path("regular"), font_path("bold")))


def alt_text(spec: SlideSpec) -> str:
    """The slide's text alternative: title, every point in full, and the image's alt."""
    parts = [_sentence(spec.title)] + [_sentence(p) for p in spec.points]
    if spec.image and spec.image_alt:
        parts.append(_sentence(word(spec.language, "figure", alt=clean(spec.image_alt))))
    return " ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    text = clean(text)
    return text if not text or text[-1] in ".!?…:។៕៖" else text + "."


# --- slides -------------------------------------------------------------------


def layout_of(spec: SlideSpec) -> Layout:
    """Where every line of the slide goes (:mod:`hocvuso.media.layout`); the slide draws exactly this."""
    return place(spec.title, spec.points, bool(spec.image), spec.carried)


def render_slide(spec: SlideSpec) -> Image.Image:
    """The slide as a 1280×720 RGB image; its bottom :data:`CAPTION_BAND` px stay free for captions."""
    theme = spec.theme
    image = Image.new("RGB", SIZE, theme.paper)
    draw = ImageDraw.Draw(image)
    layout = layout_of(spec)
    picture = _open_image(spec.image) if spec.image else None
    if layout.card:
        draw.rectangle((0, 0, SIZE[0], SIZE[1]), fill=theme.primary)
        draw.rectangle((MARGIN, 200, MARGIN + 160, 200 + RULE), fill=theme.accent)
    else:
        draw.rectangle((0, 0, SIZE[0], layout.band), fill=theme.primary)
        draw.rectangle((0, layout.band, SIZE[0], layout.band + RULE), fill=theme.accent)
    if picture is not None and layout.image_box is not None:
        _place_image(image, picture, layout.image_box)
    for dot in layout.dots:
        box = (dot.x - dot.radius, dot.y - dot.radius, dot.x + dot.radius, dot.y + dot.radius)
        draw.ellipse(box, fill=theme.primary if dot.filled else None, outline=theme.primary, width=3)
    colours = {"title": (255, 255, 255), "label": theme.accent, "step": theme.primary, "point": theme.ink}
    for line in layout.lines:
        draw_text(draw, (line.x, line.y), line.text, font(line.size, line.weight), colours[line.role])
    return image


def _open_image(path: str) -> Image.Image | None:
    """The author's image, or None when Pillow cannot read it (the slide then has text only)."""
    try:
        with Image.open(path) as img:
            img.seek(0)
            return ImageOps.exif_transpose(img).convert("RGBA")
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def _place_image(canvas: Image.Image, picture: Image.Image, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    scale = min(width / picture.width, height / picture.height, 4.0)
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    resized = picture.resize(size, Image.Resampling.LANCZOS)
    x = left + (width - size[0]) // 2
    y = top + (height - size[1]) // 2
    canvas.paste(resized, (x, y), resized)
    ImageDraw.Draw(canvas).rectangle((x - 1, y - 1, x + size[0], y + size[1]), outline=(200, 200, 200))


# --- thumbnails and covers ---------------------------------------------------


def render_thumbnail(theme: Theme, lesson_title: str, number: int, minutes: int, language: str = "vi") -> Image.Image:
    """A 640×360 lesson card: 'BÀI n', the title, the duration, on the group's colour (words in ``language``)."""
    image = Image.new("RGB", THUMB_SIZE, theme.primary)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, THUMB_SIZE[1] - 14, THUMB_SIZE[0], THUMB_SIZE[1]), fill=theme.accent)
    draw.text((40, 34), word(language, "lesson", number=number), font=font(30, "bold"), fill=theme.accent)
    block = fit([lesson_title], _bold, THUMB_SIZE[0] - 80, 200, (44, 36, 28), max_lines=4)
    _draw_lines(draw, block, (40, 90), "bold", (255, 255, 255))
    if minutes:
        draw.text((40, THUMB_SIZE[1] - 34), word(language, "minutes", minutes=minutes), font=font(24),
                  fill=(235, 240, 240), anchor="ls")
    return image


def render_cover(title: str, subtitle: str, group: str) -> Image.Image:
    """A 1280×720 course card: the movement's name, the title large, the learner group below."""
    theme = theme_for(group)
    image = Image.new("RGB", SIZE, theme.primary)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, SIZE[1] - 24, SIZE[0], SIZE[1]), fill=theme.accent)
    draw.text((90, 70), MOVEMENT, font=font(34, "bold"), fill=theme.accent)
    block = fit([title], _bold, SIZE[0] - 180, 380, (84, 76, 68, 60, 52), max_lines=4)
    y = _draw_lines(draw, block, (90, 150), "bold", (255, 255, 255))
    if subtitle:
        sub = fit([subtitle], font, SIZE[0] - 180, 110, (44, 38, 32), max_lines=2)
        _draw_lines(draw, sub, (90, y + 30), "regular", (230, 240, 240))
    return image


def _bold(size: int) -> FreeTypeFont:
    return font(size, "bold")


def _draw_lines(draw: ImageDraw.ImageDraw, block: Block | None, at: tuple[int, int], weight: str, fill: RGB) -> int:
    """Draw a one-paragraph block's lines from ``at`` (top left); return the y below them."""
    x, y = at
    if block is None or not block.paragraphs:
        return y
    for line in block.paragraphs[0]:
        draw_text(draw, (x, y), line, font(block.size, weight), fill)
        y += line_height(block.size)
    return y


def png_bytes(image: Image.Image) -> bytes:
    """A PNG of an RGB image, written for speed.

    Pillow tries five row filters per row (a third of a slide's cost); on
    flat slide colours the plain filter with fast deflate gives files within
    5% of Pillow's, in 60% of the time.
    """
    if image.mode != "RGB":
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=1)
        return out.getvalue()
    width, height = image.size
    raw = image.tobytes()
    stride = width * 3
    rows = b"".join(b"\0" + raw[y * stride:(y + 1) * stride] for y in range(height))  # filter type 0 per row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, deflate, no interlace
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 1)) + _chunk(b"IEND", b"")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
