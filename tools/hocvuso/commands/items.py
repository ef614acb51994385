"""``hocvuso items``: how much of a course can be answered without knowing.

Per course, for its practice questions, its certification bank and both
together: the share of choice items whose key is the longest option, the
spread of key positions, the expected score of three blind strategies
(always the first option, always the longest, at random), and the count of
items with each other cue of :mod:`hocvuso.checks.cues`.  docs/items.md
explains each figure and its limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.checks import cues

if TYPE_CHECKING:
    from collections.abc import Callable

    from hocvuso.model import Course, Question

COUNTED: dict[str, Callable[[Question], object]] = {
    "key ≥2× longest": cues.conspicuously_longest,
    "hint gives answer": lambda q: cues.revealing_hint(q) is not None,
    "feedback gives answer": lambda q: q.lesson is not None and cues.revealing_feedback(q) is not None,
    "stem echoed by key": cues.stem_clang,
    "matching by copying": cues.copyable_matching,
    "numbered ordering": cues.numbered_ordering,
    "near-duplicate options": lambda q: cues.near_duplicate(q) is not None,
    "two options": cues.too_few_options,
    "all/none of the above": lambda q: cues.all_or_none(q) is not None,
    "negative stem, no emphasis": lambda q: cues.unemphasised_negative(q) is not None,
}


@dataclass(frozen=True, slots=True)
class Figures:
    """Cue figures of one set of items."""

    label: str
    items: int
    choice: int
    longest: int
    positions: tuple[int, ...]
    first_score: float
    longest_score: float
    chance_score: float
    counts: dict[str, int]

    @property
    def longest_share(self) -> float:
        return self.longest / self.choice if self.choice else 0.0

    @property
    def position_share(self) -> float:
        return max(self.positions) / sum(self.positions) if sum(self.positions) else 0.0


def figures(label: str, questions: tuple[Question, ...]) -> Figures:
    """Measure one set of items."""
    choice = [q for q in questions if q.type in cues.CHOICE_TYPES]
    single = [q for q in questions if q.type in cues.ONE_KEY_TYPES]
    scores = [cues.guess_scores(q) for q in single]
    n = len(scores) or 1
    return Figures(
        label=label, items=len(questions), choice=len(choice), longest=sum(cues.key_longest(q) for q in choice),
        positions=cues.position_spread(single).counts,
        first_score=sum(s[0] for s in scores) / n, longest_score=sum(s[1] for s in scores) / n,
        chance_score=sum(s[2] for s in scores) / n,
        counts={name: sum(bool(test(q)) for q in questions) for name, test in COUNTED.items()},
    )


def course_figures(course: Course) -> list[Figures]:
    """Practice, bank and all items of one course."""
    return [figures("practice", course.questions), figures("bank", course.bank),
            figures("all", (*course.questions, *course.bank))]


def always_drawn(course: Course) -> int:
    """Bank items that every certification form asks (their level cell is used up by the draw)."""
    draw = course.certification.pass_rule.min_items_per_competency
    count = 0
    for code in course.profile.codes:
        cells = cues.bank_cells(course, code)
        exposure = cues.cell_exposure(cells, draw)
        count += sum(len(cells[level]) for level, share in exposure.items() if share >= 1.0)
    return count


def render(group: str, rows: list[Figures]) -> str:
    """A plain-text table: one row per item set, then the other cues."""
    limit_long, limit_pos = f"{cues.MAX_LONGEST_SHARE:.0%}", f"{cues.MAX_POSITION_SHARE:.0%}"
    head = (f"{'':9} {'items':>5} {'choice':>6} {'key longest':>12} {'key positions a/b/c/d…':>24} "
            f"{'top':>5} {'score: first':>12} {'longest':>8} {'chance':>7}")
    floor = f"{cues.MIN_LONGEST_SHARE:.0%}"
    lines = [f"== {group} == (limits: key longest {floor}–{limit_long}, one key position ≤ {limit_pos})", head]
    for f in rows:
        spread = "/".join(str(c) for c in f.positions) or "-"
        lines.append(f"{f.label:9} {f.items:>5} {f.choice:>6} {f.longest:>4} ({f.longest_share:4.0%}) {spread:>24} "
                     f"{f.position_share:>5.0%} {f.first_score:>12.0%} {f.longest_score:>8.0%} {f.chance_score:>7.0%}")
    total = rows[-1]
    lines.append("  " + "; ".join(f"{name}: {count}" for name, count in total.counts.items()))
    return "\n".join(lines)
