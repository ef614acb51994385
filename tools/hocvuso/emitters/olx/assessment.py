"""The course's final certification assessment in OLX.

Each certification engine adds the final chapter its own way.  ``capa``
(always available) turns the item bank into standard problems; ``xblock``
(the default) places the hocvuso assessment XBlock inline, with the item
bank (:mod:`hocvuso.emitters.olx.itembank`) and the policy as its fields; the
LMS needs the ``hocvuso-xblocks`` package installed.  A course asking for an
engine this compiler does not have gets ``capa``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from hocvuso.emitters.olx import tags
from hocvuso.emitters.olx.capa import ProblemPolicy, problem_element
from hocvuso.emitters.olx.itembank import item_bank, policy_fields
from hocvuso.emitters.olx.xmlutil import el

if TYPE_CHECKING:
    from hocvuso.emitters.olx.sink import OlxFiles
    from hocvuso.model import Course

FINAL_FORMAT = "Đánh giá cuối khoá"
# Generated ids start with "hocvuso-", which authors' ids may not (see loader.ids).
FINAL_CHAPTER = "hocvuso-danh-gia"
FINAL_SEQUENTIAL = "hocvuso-danh-gia-bai"
FINAL_TITLE = "Đánh giá cuối khoá"

Engine = Callable[["Course", "OlxFiles"], None]


def capa_assessment(course: Course, files: OlxFiles) -> None:
    """Every bank item as a standard problem in one graded subsection, grouped by competency."""
    policy = ProblemPolicy(max_attempts=course.certification.max_attempts or None, showanswer="finished")
    verticals = []
    for code in course.profile.codes:
        items = [q for q in course.bank if q.competency == code]
        if not items:
            continue
        url_name = f"{FINAL_CHAPTER}-{code.replace('.', '-')}"
        name = course.framework.competencies[code].name
        files.vertical(url_name, f"{code} {name}",
                       [files.problem(q.id, problem_element(q, policy, course.language), q.competency, q.level) for q in items])
        verticals.append(url_name)
    files.sequential(FINAL_SEQUENTIAL, FINAL_TITLE, verticals, FINAL_FORMAT)


XBLOCK_TAG = "hocvuso_assessment"
XBLOCK_URL_NAME = "hocvuso-danh-gia-khoi"


def xblock_assessment(course: Course, files: OlxFiles) -> None:
    """One vertical holding the hocvuso assessment XBlock inline, its item bank and policy as fields.

    Inline (not a pointer) because pure XBlocks export that way; every
    attribute is a declared field of the block (tests/xblock check this).
    """
    attrs: dict[str, object] = {"url_name": XBLOCK_URL_NAME, "xblock-family": "xblock.v1", "display_name": FINAL_TITLE,
                                **policy_fields(course),
                                "item_bank": json.dumps(item_bank(course), ensure_ascii=False, sort_keys=True)}
    node = el(XBLOCK_TAG, attrs)
    files.vertical(FINAL_SEQUENTIAL + "-khoi", FINAL_TITLE, [node])
    files.sequential(FINAL_SEQUENTIAL, FINAL_TITLE, [FINAL_SEQUENTIAL + "-khoi"], FINAL_FORMAT)
    levels = tuple(dict.fromkeys(q.level for q in course.bank if q.level))
    files.tag(tags.TagRow(FINAL_TITLE, XBLOCK_TAG, XBLOCK_URL_NAME, course.profile.codes, levels))


ENGINES: dict[str, Engine] = {"capa": capa_assessment, "xblock": xblock_assessment}
MODULES: dict[str, frozenset[str]] = {"capa": frozenset(), "xblock": frozenset({XBLOCK_TAG})}


def engine_of(course: Course) -> str:
    return course.certification.engine if course.certification.engine in ENGINES else "capa"


def final_assessment(course: Course, files: OlxFiles) -> str | None:
    """Write the final chapter and return its url_name (None without an item bank)."""
    if not course.bank:
        return None
    ENGINES[engine_of(course)](course, files)
    return files.chapter(FINAL_CHAPTER, FINAL_TITLE, [FINAL_SEQUENTIAL])


def advanced_modules(course: Course) -> set[str]:
    """XBlock types the final assessment needs in Studio's advanced_modules."""
    return set(MODULES.get(engine_of(course), frozenset())) if course.bank else set()
