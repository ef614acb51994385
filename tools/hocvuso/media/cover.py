"""A course card image drawn from the course title and learner group (the OLX course image)."""

from __future__ import annotations

from hocvuso.media.slides import png_bytes, render_cover
from hocvuso.media.theme import GROUP_COLOURS

SIZE = (1280, 720)

__all__ = ["GROUP_COLOURS", "SIZE", "cover_png"]


def cover_png(title: str, subtitle: str, group: str) -> bytes:
    """A 1280×720 PNG: the title large, the learner group below, on the group's colour."""
    return png_bytes(render_cover(title, subtitle, group))
