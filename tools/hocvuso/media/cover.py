"""A course card image drawn from the course title and learner group."""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw

from hocvuso.media.fonts import font

# One calm, high-contrast colour per learner group (white text passes WCAG AA on each).
GROUP_COLOURS = {
    "citizens": (0, 105, 92),
    "officials": (21, 67, 130),
    "students": (106, 27, 154),
    "workers": (176, 58, 0),
}
SIZE = (1280, 720)


def cover_png(title: str, subtitle: str, group: str) -> bytes:
    """A 1280×720 PNG: the title large, the learner group below, on the group's colour."""
    image = Image.new("RGB", SIZE, GROUP_COLOURS.get(group, (40, 40, 40)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, SIZE[1] - 24, SIZE[0], SIZE[1]), fill=(255, 204, 0))
    y = 150
    for line in textwrap.wrap(title, width=24)[:4]:
        draw.text((90, y), line, font=font(76, "bold"), fill="white")
        y += 96
    draw.text((90, y + 40), subtitle, font=font(44), fill=(230, 240, 240))
    draw.text((90, 70), "BÌNH DÂN HỌC VỤ SỐ", font=font(34, "bold"), fill=(255, 204, 0))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
