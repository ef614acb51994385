"""Schematic phone-screen mock-ups for step-by-step lesson pictures.

The pictures are drawn, not captured: neutral colours, plain text labels and no
real logos, so they show *where to tap* without copying any app's screens. Each
picture is 1280×720 (a slide) with up to four numbered phones side by side and a
short caption under each. Output is deterministic for the same Pillow version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/noto")
WIDTH, HEIGHT = 1280, 720
BACKGROUND = (246, 248, 250)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
LINE = (206, 212, 218)
ACCENT = (13, 110, 253)
TAP = (220, 53, 69)
WHITE = (255, 255, 255)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans at ``size`` px (covers every Vietnamese letter)."""
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


@dataclass(frozen=True)
class Row:
    """One line on a phone screen: a menu item, a field, a button or a note."""

    text: str
    kind: str = "item"  # item | field | button | note | title
    tap: bool = False  # circled in red: the place to tap


@dataclass(frozen=True)
class Screen:
    """One phone: the app bar text, its rows and the caption under the phone."""

    header: str
    rows: tuple[Row, ...]
    caption: str
    colour: tuple[int, int, int] = ACCENT
    address: str = ""  # shown as a browser address bar when set


@dataclass(frozen=True)
class Picture:
    """A titled row of numbered screens."""

    title: str
    screens: tuple[Screen, ...]
    footer: str = field(default="Hình minh hoạ, không phải ảnh chụp ứng dụng thật. Màn hình thật có thể khác.")


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def draw_row(draw: ImageDraw.ImageDraw, row: Row, box: tuple[int, int, int, int], colour: tuple[int, int, int]) -> int:
    """Draw one row inside ``box`` (x0, y, x1, _) and return the next free y."""
    x0, y, x1, _ = box
    if row.kind == "title":
        lines = wrap(draw, row.text, font(17, True), x1 - x0)
        for line in lines:
            draw.text((x0, y), line, font=font(17, True), fill=INK)
            y += 24
        return y + 6
    if row.kind == "note":
        lines = wrap(draw, row.text, font(14), x1 - x0)
        for line in lines:
            draw.text((x0, y), line, font=font(14), fill=MUTED)
            y += 20
        return y + 6
    face = font(16, row.kind == "button")
    lines = wrap(draw, row.text, face, x1 - x0 - 44)
    height = 18 + 22 * len(lines)
    rect = (x0, y, x1, y + height)
    if row.kind == "button":
        draw.rounded_rectangle(rect, radius=12, fill=colour)
        for i, line in enumerate(lines):
            w = draw.textlength(line, font=face)
            draw.text(((x0 + x1 - w) / 2, y + 8 + 22 * i), line, font=face, fill=WHITE)
    elif row.kind == "field":
        draw.rounded_rectangle(rect, radius=8, fill=WHITE, outline=LINE, width=2)
        for i, line in enumerate(lines):
            draw.text((x0 + 12, y + 8 + 22 * i), line, font=face, fill=MUTED)
    else:
        draw.rounded_rectangle(rect, radius=10, fill=WHITE, outline=LINE, width=1)
        cy = y + height // 2
        draw.ellipse((x0 + 10, cy - 11, x0 + 32, cy + 11), fill=colour)
        for i, line in enumerate(lines):
            draw.text((x0 + 42, y + 8 + 22 * i), line, font=face, fill=INK)
    if row.tap:
        draw.rounded_rectangle((x0 - 6, y - 5, x1 + 6, y + height + 5), radius=14, outline=TAP, width=4)
        draw.ellipse((x1 - 26, y + height - 14, x1 + 2, y + height + 14), fill=TAP)
        draw.ellipse((x1 - 18, y + height - 6, x1 - 6, y + height + 6), fill=WHITE)
    return y + height + 10


def draw_phone(image: Image.Image, screen: Screen, number: int, left: int, width: int) -> None:
    """One numbered phone with its screen and caption, ``width`` px wide from ``left``."""
    draw = ImageDraw.Draw(image)
    top, bottom = 96, 560
    draw.rounded_rectangle((left, top, left + width, bottom), radius=28, fill=INK)
    sx0, sy0, sx1, sy1 = left + 12, top + 26, left + width - 12, bottom - 26
    draw.rounded_rectangle((sx0, sy0, sx1, sy1), radius=12, fill=BACKGROUND)
    draw.rounded_rectangle((left + width // 2 - 30, top + 9, left + width // 2 + 30, top + 15), radius=3, fill=MUTED)
    y = sy0
    if screen.address:
        draw.rectangle((sx0, y, sx1, y + 34), fill=(233, 236, 239))
        draw.rounded_rectangle((sx0 + 8, y + 6, sx1 - 8, y + 28), radius=10, fill=WHITE)
        draw.text((sx0 + 16, y + 8), screen.address, font=font(13), fill=INK)
        y += 34
    draw.rectangle((sx0, y, sx1, y + 44), fill=screen.colour)
    draw.text((sx0 + 14, y + 10), screen.header, font=font(17, True), fill=WHITE)
    y += 56
    for row in screen.rows:
        y = draw_row(draw, row, (sx0 + 12, y, sx1 - 12, sy1), screen.colour)
    cx = left + width // 2
    draw.ellipse((cx - 22, bottom + 12, cx + 22, bottom + 56), fill=ACCENT)
    label = str(number)
    w = draw.textlength(label, font=font(24, True))
    draw.text((cx - w / 2, bottom + 16), label, font=font(24, True), fill=WHITE)
    for i, line in enumerate(wrap(draw, screen.caption, font(17), width + 30)[:3]):
        w = draw.textlength(line, font=font(17))
        draw.text((cx - w / 2, bottom + 62 + 22 * i), line, font=font(17), fill=INK)


def render(picture: Picture, path: Path) -> Path:
    """Draw ``picture`` and save it as PNG at ``path``."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((40, 26), picture.title, font=font(30, True), fill=INK)
    count = len(picture.screens)
    gap = 40
    width = min(270, (WIDTH - 80 - gap * (count - 1)) // count)
    total = count * width + (count - 1) * gap
    left = (WIDTH - total) // 2
    for i, screen in enumerate(picture.screens):
        x = left + i * (width + gap)
        draw_phone(image, screen, i + 1, x, width)
        if i < count - 1:
            ay = 330
            draw.polygon([(x + width + 8, ay - 12), (x + width + gap - 8, ay), (x + width + 8, ay + 12)], fill=MUTED)
    draw.text((40, HEIGHT - 28), picture.footer, font=font(13), fill=MUTED)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path


@dataclass(frozen=True)
class Box:
    """A labelled card of a diagram: a bold heading and short lines."""

    heading: str
    lines: tuple[str, ...]
    colour: tuple[int, int, int] = ACCENT


def render_cards(title: str, boxes: tuple[Box, ...], path: Path, subtitle: str = "", columns: int = 4) -> Path:
    """A diagram of cards in a grid (e.g. the four parts of 4T), saved as PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((40, 26), title, font=font(30, True), fill=INK)
    if subtitle:
        draw.text((40, 72), subtitle, font=font(18), fill=MUTED)
    rows = (len(boxes) + columns - 1) // columns
    gap = 24
    width = (WIDTH - 80 - gap * (columns - 1)) // columns
    height = (HEIGHT - 150 - gap * (rows - 1)) // rows
    for i, box in enumerate(boxes):
        x = 40 + (i % columns) * (width + gap)
        y = 120 + (i // columns) * (height + gap)
        heading = wrap(draw, box.heading, font(22, True), width - 28)[:2]
        band = 24 + 28 * len(heading)
        draw.rounded_rectangle((x, y, x + width, y + height), radius=18, fill=WHITE, outline=box.colour, width=3)
        draw.rounded_rectangle((x, y, x + width, y + band), radius=18, fill=box.colour)
        draw.rectangle((x, y + band - 20, x + width, y + band), fill=box.colour)
        ty = y + 12
        for line in heading:
            draw.text((x + 14, ty), line, font=font(22, True), fill=WHITE)
            ty += 28
        ty = y + band + 16
        size = 20 if rows == 1 else 18
        for text in box.lines:
            for j, line in enumerate(wrap(draw, text, font(size), width - 44)):
                if j == 0:
                    draw.ellipse((x + 16, ty + 9, x + 24, ty + 17), fill=box.colour)
                draw.text((x + 32, ty), line, font=font(size), fill=INK)
                ty += size + 8
            ty += 10
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path
