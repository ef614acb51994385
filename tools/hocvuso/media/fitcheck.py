"""`hocvuso check` for slides: text that no slide can show whole at a readable size (HV220, HV221).

Slides never drop text (a long section continues on the next slide), but a
single point taller than a whole slide must be cut mid-sentence, and a very
long heading leaves little room under it: the author is told where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes
from hocvuso.diagnostics.terms import shown
from hocvuso.media import layout

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course


def check_slides(course: Course, diags: Diagnostics) -> None:
    """Report each section of ``course`` whose text cannot fit its slides at a readable size."""
    for lesson in course.lessons:
        for section in lesson.sections:
            if layout.title_too_long(section.title):
                diags.add(codes.SLIDE_TITLE_TOO_LONG, section.loc, title=shown(section.title),
                          lines=layout.MAX_TITLE_LINES, limit=60)
            for overflow in layout.overflows(section.title, section.points, bool(section.images)):
                diags.add(codes.SLIDE_SENTENCE_TOO_LONG, section.loc, title=shown(section.title),
                          chars=len(overflow.point), pages=overflow.pages, limit=layout.point_limit())
