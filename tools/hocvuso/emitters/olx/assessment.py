"""The course's final certification assessment in OLX.

Each certification engine adds the final chapter its own way.  ``capa``
(always available) turns the item bank into standard problems; the hocvuso
assessment XBlock registers itself in :data:`ENGINES` as ``xblock``.  A
course asking for an engine this compiler does not have gets ``capa``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hocvuso.emitters.olx.capa import ProblemPolicy, problem_element

if TYPE_CHECKING:
    from hocvuso.emitters.olx.writer import CourseWriter
    from hocvuso.model import Course

FINAL_FORMAT = "Đánh giá cuối khoá"
# Generated ids start with "hocvuso-", which authors' ids may not (see loader.ids).
FINAL_CHAPTER = "hocvuso-danh-gia"
FINAL_SEQUENTIAL = "hocvuso-danh-gia-bai"
FINAL_TITLE = "Đánh giá cuối khoá"

Engine = Callable[["Course", "CourseWriter"], None]


def capa_assessment(course: Course, writer: CourseWriter) -> None:
    """Every bank item as a standard problem in one graded subsection, grouped by competency."""
    policy = ProblemPolicy(max_attempts=course.certification.max_attempts or None, showanswer="finished")
    verticals = []
    for code in course.profile.codes:
        items = [q for q in course.bank if q.competency == code]
        if not items:
            continue
        url_name = f"{FINAL_CHAPTER}-{code.replace('.', '-')}"
        name = course.framework.competencies[code].name
        writer.vertical(url_name, f"{code} {name}",
                        [writer.problem(q.id, problem_element(q, policy), q.competency, q.level) for q in items])
        verticals.append(url_name)
    writer.sequential(FINAL_SEQUENTIAL, FINAL_TITLE, verticals, FINAL_FORMAT)


ENGINES: dict[str, Engine] = {"capa": capa_assessment}
MODULES: dict[str, frozenset[str]] = {"capa": frozenset()}


def engine_of(course: Course) -> str:
    return course.certification.engine if course.certification.engine in ENGINES else "capa"


def final_assessment(course: Course, writer: CourseWriter) -> str | None:
    """Write the final chapter and return its url_name (None without an item bank)."""
    if not course.bank:
        return None
    ENGINES[engine_of(course)](course, writer)
    writer.chapter(FINAL_CHAPTER, FINAL_TITLE, [FINAL_SEQUENTIAL])
    return FINAL_CHAPTER


def advanced_modules(course: Course) -> set[str]:
    """XBlock types the final assessment needs in Studio's advanced_modules."""
    return set(MODULES.get(engine_of(course), frozenset())) if course.bank else set()
