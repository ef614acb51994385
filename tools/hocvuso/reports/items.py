"""Item analysis for authors: difficulty, discrimination and distractor use, with each item's source ``file:line``.

* difficulty *p*: the share of learners right at their first try;
* discrimination: the point-biserial correlation between being right and the
  rest score (right answers on the other items), so an item does not correlate
  with itself;
* distractor use: for choice questions only, the share choosing each response
  (typed answers are never shown: a learner may have typed personal data).

An item is flagged when p < 0.2 (too hard), p > 0.95 (too easy), r < 0.2 (does
not separate stronger from weaker learners) or a wrong response is chosen
more often than the key (perhaps a wrong key).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from hocvuso.diagnostics import Location, codes
from hocvuso.reports import queries
from hocvuso.reports.compute import SUPPRESSED, Table, rows

if TYPE_CHECKING:
    import datetime as dt

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.catalog import CourseIndex
    from hocvuso.reports.engine import Engine
    from hocvuso.reports.plans import Plan

TOO_HARD, TOO_EASY, LOW_R = 0.2, 0.95, 0.2
FLAGS = ("too_hard", "too_easy", "low_discrimination", "distractor_above_key")


def item_analysis(engine: Engine, plan: Plan, as_of: dt.date, index: CourseIndex, min_cell: int, diags: Diagnostics) -> Table:
    """One row per item answered by at least ``min_cell`` learners (fewer: counts only).

    Reads ``item_cells``, made slice by slice by :func:`hocvuso.reports.compute.prepare`; one query
    gives per course, item and response the sums that p, r and the responses' shares are made of.  Each row is
    the item of the course the answers were given in (``group`` = its folder, ``source`` its line there), so a
    base course and its variant, which share question ids, each get their own rows.
    """
    sums: dict[tuple[str, str], list[int]] = {}
    uses: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for course, item, response, n, *parts in rows(engine, queries.ITEMS, plan, as_of):
        total = sums.setdefault((course or "", item), [0] * 6)
        for i, v in enumerate((n, *parts)):
            total[i] += int(v or 0)
        uses.setdefault((course or "", item), []).append((response or "", n))
    table = Table("items", ("item", "group", "competency", "kind", "source", "learners", "p", "r", "responses", "flags"))
    unknown: dict[str, int] = {}
    for course, item in sorted(sums):
        n, sx, st, stt, sxt, sxx = sums[course, item]
        p, r = sx / n, point_biserial(n, sx, st, stt, sxt, sxx)
        info = index.find(course, item)  # the course the answers were given in; '' (unknown): the first that has it
        if info is None:
            unknown[item] = unknown.get(item, 0) + n
            continue
        if n < min_cell:
            table.rows.append((item, info.group, info.competency, info.kind, info.source, SUPPRESSED, SUPPRESSED, SUPPRESSED, "",
                               ""))
            continue
        spread = _spread(uses.get((course, item), []), n) if info.correct_keys else []
        flags = _flags(p, r, spread, info.correct_keys)
        shown = " · ".join(f"{'✓' if resp == info.correct_keys else ''}{resp or '—'} {share:.0%}" for resp, share in spread)
        table.rows.append((item, info.group, info.competency, info.kind, info.source, n, round(p, 4),
                           None if r is None else round(r, 4), shown, " ".join(flags)))
    for item, n in sorted(unknown.items()):
        diags.add(codes.REPORT_UNKNOWN_ITEM, Location(plan.path), count=n, item=item)
    table.rows.sort(key=lambda row: (row[9] == "", row[1], row[0]))
    return table


def point_biserial(n: int, sx: int, st: int, stt: int, sxt: int, sxx: int) -> float | None:
    """Pearson's r of x (right at the first try) against the rest score y = T − x, from sums over the item's answers.

    Σy = ΣT − Σx, Σy² = ΣT² − 2Σx·T + Σx², Σx·y = Σx·T − Σx²; None when x or y does not vary (as SQL's CORR).
    """
    sy, syy, sxy = st - sx, stt - 2 * sxt + sxx, sxt - sxx
    var_x, var_y = n * sxx - sx * sx, n * syy - sy * sy
    if var_x <= 0 or var_y <= 0:
        return None
    return (n * sxy - sx * sy) / math.sqrt(var_x * var_y)


def _spread(uses: list[tuple[str, int]], n: int) -> list[tuple[str, float]]:
    return sorted(((resp, count / n) for resp, count in uses), key=lambda x: -x[1])


def _flags(p: float, r: float | None, spread: list[tuple[str, float]], key: str) -> list[str]:
    flags = []
    if p < TOO_HARD:
        flags.append("too_hard")
    if p > TOO_EASY:
        flags.append("too_easy")
    if r is None or r < LOW_R:
        flags.append("low_discrimination")
    key_share = next((s for resp, s in spread if resp == key), 0.0)
    if any(resp != key and s > key_share for resp, s in spread):
        flags.append("distractor_above_key")
    return flags


def flagged(table: Table) -> list[tuple[Any, ...]]:
    """The rows with at least one flag."""
    return [row for row in table.rows if row[9]]
