"""How well a course covers its learner group's profile of the framework.

For every competency the course touches: the lessons that teach it, its
practice questions, its certification items and its rubric criteria; every
profile competency below a minimum is a gap.  ``hocvuso coverage`` prints the
table and exits 1 when there is a gap, so CI catches a course that would
leave a competency untaught or uncertifiable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hocvuso.model import Course

# Minimums per profile competency (items: the content issue's bar for a bank that
# can draw varied forms; the assessment itself draws min_items_per_competency).
MIN_LESSONS = 1
MIN_PRACTICE = 2
MIN_ITEMS = 6


@dataclass(frozen=True, slots=True)
class Row:
    """Coverage of one competency."""

    code: str
    name: str
    in_profile: bool
    level: str
    lessons: tuple[str, ...]
    practice: int
    items: int
    criteria: int

    def gaps(self, min_items: int) -> list[str]:
        """What is missing (empty when covered, or when not in the profile)."""
        if not self.in_profile:
            return []
        missing = []
        if len(self.lessons) < MIN_LESSONS:
            missing.append("không có bài học / no lesson")
        if self.practice < MIN_PRACTICE:
            missing.append(f"luyện tập {self.practice} < {MIN_PRACTICE}")
        if self.items < min_items:
            missing.append(f"ngân hàng {self.items} < {min_items}")
        return missing


@dataclass(frozen=True, slots=True)
class Coverage:
    """The coverage table of one course."""

    group: str
    rows: tuple[Row, ...]
    min_items: int
    tasks: int

    @property
    def gaps(self) -> dict[str, list[str]]:
        found = {row.code: row.gaps(self.min_items) for row in self.rows}
        if self.tasks == 0:
            found["rubric"] = ["không có bài thực hành có thang chấm / no rubric task"]
        return {code: missing for code, missing in found.items() if missing}


def coverage(course: Course) -> Coverage:
    """Count lessons, practice questions, bank items and rubric criteria per competency."""
    fw = course.framework
    rows = []
    for code in course.competencies:
        rows.append(Row(
            code=code, name=fw.competencies[code].name, in_profile=code in course.profile.codes,
            level=course.profile.level_of(code) or "",
            lessons=tuple(lesson.id for lesson in course.lessons if code in lesson.competencies),
            practice=sum(1 for q in course.questions if q.competency == code),
            items=sum(1 for q in course.bank if q.competency == code),
            criteria=sum(1 for t in course.tasks for c in t.criteria if c.competency == code),
        ))
    min_items = max(MIN_ITEMS, course.certification.pass_rule.min_items_per_competency)
    return Coverage(course.group, tuple(rows), min_items, len(course.tasks))


def render(cov: Coverage) -> str:
    """A plain-text table, one row per competency, gaps marked with '✗'."""
    head = f"{'Mã':<5} {'Năng lực':<46} {'Hồ sơ':<6} {'Bài':>4} {'Luyện tập':>9} {'Ngân hàng':>9} {'Tiêu chí':>8}  Thiếu"
    lines = [f"== {cov.group} ==", head, "-" * len(head)]
    for row in cov.rows:
        missing = row.gaps(cov.min_items)
        name = row.name if len(row.name) <= 46 else row.name[:45] + "…"
        lines.append(f"{row.code:<5} {name:<46} {row.level or '-':<6} {len(row.lessons):>4} {row.practice:>9} "
                     f"{row.items:>9} {row.criteria:>8}  {'✗ ' + '; '.join(missing) if missing else ''}".rstrip())
    lines.append(f"Bài thực hành có thang chấm / rubric tasks: {cov.tasks}")
    return "\n".join(lines)
