"""The pre-test: a short placement check that opens the course.

The movement reports change, not attainment alone ("đo lường bằng sự thay
đổi"): post minus pre.  The pre-test is the hocvuso assessment XBlock in
``placement`` mode: drawn from the same bank and stratified like the final
(competency × level) but shorter, taken once, worth 0 points in the grade
book (the block's max score is 0 and its subsection is not graded) and kept
in the block's own attempt log, so the LMS's problem-responses report lists
it apart from the final.  Only the XBlock engine has it: stock CAPA problems
cannot draw a stratified form.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hocvuso.emitters.olx import tags
from hocvuso.emitters.olx.assessment import XBLOCK_TAG, engine_of
from hocvuso.emitters.olx.itembank import item_bank, policy_fields
from hocvuso.emitters.olx.xmlutil import el

if TYPE_CHECKING:
    from hocvuso.emitters.olx.sink import OlxFiles
    from hocvuso.model import Course

PLACEMENT_CHAPTER = "hocvuso-dau-vao"
PLACEMENT_SEQUENTIAL = "hocvuso-dau-vao-bai"
PLACEMENT_URL_NAME = "hocvuso-dau-vao-khoi"
PLACEMENT_TITLE = "Kiểm tra đầu vào (không tính điểm)"
# Two items per competency: 18–22 items, about 10 minutes for a profile of 9–11
# competencies; enough for a course-level pre/post difference, not for a
# per-competency diagnosis (the final's min_items_per_competency is for that).
PLACEMENT_ITEMS_PER_COMPETENCY = 2


def placement_check(course: Course, files: OlxFiles) -> str | None:
    """Write the placement chapter and return its url_name (None without a bank or the XBlock)."""
    if not course.bank or engine_of(course) != "xblock":
        return None
    fields = {**policy_fields(course), "min_items_per_competency": PLACEMENT_ITEMS_PER_COMPETENCY,
              "max_attempts": 1, "wait_hours": 0, "time_limit_minutes": 0}
    node = el(XBLOCK_TAG, {"url_name": PLACEMENT_URL_NAME, "xblock-family": "xblock.v1",
                           "display_name": PLACEMENT_TITLE, "mode": "placement", "weight": 0, **fields,
                           "item_bank": json.dumps(item_bank(course), ensure_ascii=False, sort_keys=True)})
    files.vertical(PLACEMENT_SEQUENTIAL + "-khoi", PLACEMENT_TITLE, [node])
    files.sequential(PLACEMENT_SEQUENTIAL, PLACEMENT_TITLE, [PLACEMENT_SEQUENTIAL + "-khoi"])
    files.chapter(PLACEMENT_CHAPTER, PLACEMENT_TITLE, [PLACEMENT_SEQUENTIAL])
    levels = tuple(dict.fromkeys(q.level for q in course.bank if q.level))
    files.tag(tags.TagRow(PLACEMENT_TITLE, XBLOCK_TAG, PLACEMENT_URL_NAME, course.profile.codes, levels))
    return PLACEMENT_CHAPTER
