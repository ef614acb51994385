"""The KPI computation: engine queries → the report's tables, with small cells suppressed.

Every table here holds aggregates only (counts, shares, means): no learner id,
name or household id leaves this module.  A count from 1 to ``min_cell - 1``
is suppressed (shown as '<5'), and so is every share or gap computed from it;
a row whose population is under ``min_cell`` is suppressed whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hocvuso.reports import queries
from hocvuso.reports.plans import periods

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from hocvuso.reports.catalog import CourseIndex
    from hocvuso.reports.engine import Engine
    from hocvuso.reports.plans import Plan, Target


class Suppressed:
    """A cell hidden because it counts fewer people than the minimum."""

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Suppressed)

    def __hash__(self) -> int:
        return 0


SUPPRESSED = Suppressed()
ALL = "*"  # the whole area, in a unit column
GROUP_ORDER = ("officials", "students", "workers", "citizens", "all")
ROUND = 6
# Learners per slice of the item-level work (compute.prepare): up to 2.5 M a report is one slice, at 10 M four.  At
# 10 M (benchmarks/report_scale.py): one slice 143 s, 260 CPU s, peak 3.6 GB; slices of 2.5 M 128 s, 243 CPU s, 3.1 GB;
# of 1 M, 266 CPU s (each slice reads the item-level files again, keeping only its learners).
SLICE_LEARNERS = 2_500_000


@dataclass(slots=True)
class Table:
    """One output table: a stable id, column keys (labels come from the strings catalogue) and rows."""

    id: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """Everything the outputs show."""

    plan: Plan
    as_of: dt.date
    min_cell: int
    engine: str
    tables: dict[str, Table] = field(default_factory=dict)
    months: list[int] = field(default_factory=list)


def _r(value: Any) -> Any:
    return round(float(value), ROUND) if isinstance(value, float) else value


def rows(engine: Engine, sql: str, plan: Plan, as_of: dt.date, min_mentees: int = 5) -> list[tuple[Any, ...]]:
    """One query's rows, rounded and sorted so that engines compare equal."""
    out = [tuple(_r(v) for v in row) for row in engine.query(queries.render(sql, plan.unit_level, as_of, min_mentees))]
    return sorted(out, key=lambda r: tuple("" if v is None else str(v) for v in r))


def count(value: int, k: int) -> int | Suppressed:
    """A count as it may be shown."""
    return SUPPRESSED if 0 < value < k else value


def share(part: int, whole: int, k: int) -> float | Suppressed | None:
    if whole == 0:
        return None
    if 0 < part < k or whole < k:
        return SUPPRESSED
    return round(part / whole, 4)


def slices_for(learners: int) -> int:
    """How many slices the item-level work is cut into: one per SLICE_LEARNERS learners."""
    return max(1, -(-learners // SLICE_LEARNERS))


def prepare(engine: Engine, plan: Plan, as_of: dt.date, step: Callable[[int, int], None] | None = None) -> None:
    """Materialise the tables every KPI query reads: the item-level work slice by slice, then ``learners``.

    Each slice is about SLICE_LEARNERS learners, so the big GROUP BYs (learner × item, learner × competency) keep
    the same size at 1 M learners as at 10 M and fit in memory instead of spilling: time grows with the rows read.
    ``step(done, total)`` is told after each of the 2 × slices + 1 passes (minutes each at 10 M learners).
    """
    learners = int(engine.query("SELECT COUNT(*) FROM roster")[0][0])
    slices = slices_for(learners)
    total = 2 * slices + 1

    def sql(text: str, s: int) -> str:
        return queries.render(text, plan.unit_level, as_of, hash_function=engine.hash_function, slices=slices, slice_no=s)

    def done(n: int) -> None:
        if step is not None:
            step(n, total)

    done(0)
    for s in range(slices):
        engine.materialize("first_responses", sql(queries.FIRST_RESPONSES, s))
        engine.materialize("slice_totals", sql(queries.SLICE_TOTALS, s))
        keep = engine.materialize if s == 0 else engine.append
        keep("response_learners", "SELECT learner_id, total FROM slice_totals")
        keep("item_cells", sql(queries.ITEM_CELLS, s))
        done(s + 1)
    engine.materialize("learners", sql(queries.LEARNERS, 0))
    done(slices + 1)
    for s in range(slices):
        (engine.materialize if s == 0 else engine.append)("competency_cells", sql(queries.COMPETENCY_CELLS, s))
        done(slices + 2 + s)


def compute(engine: Engine, plan: Plan, as_of: dt.date, index: CourseIndex, min_cell: int = 5,
            step: Callable[[int, int], None] | None = None) -> Report:
    """Run every query and build the report's tables (``step``: progress of the long passes, see :func:`prepare`)."""
    report = Report(plan, as_of, min_cell, engine.name)
    prepare(engine, plan, as_of, step)
    status = Status(rows(engine, queries.STATUS, plan, as_of))
    by_month = rows(engine, queries.BY_MONTH, plan, as_of)
    confirmed_by_month = rows(engine, queries.CONFIRMED_BY_MONTH, plan, as_of)
    mentees = min((t.min_mentees for t in plan.targets if t.kpi == "mentors"), default=5)
    mentors = rows(engine, queries.MENTORS, plan, as_of, mentees)
    total = rows(engine, queries.MENTORS_TOTAL, plan, as_of, mentees)
    if total and total[0][0]:
        mentors = [(ALL, *(v or 0 for v in total[0])), *mentors]
    households = rows(engine, queries.HOUSEHOLDS, plan, as_of)
    k = min_cell
    report.tables["targets"] = _targets(plan, as_of, status, mentors, households, k)
    report.tables["periods"] = _periods(plan, as_of, status, by_month, confirmed_by_month, k)
    report.tables["trend"], report.months = _trend(as_of, status, by_month, k)
    report.tables["groups"] = _groups(status, k)
    report.tables["inclusion"] = _inclusion(status, k)
    report.tables["mentors"] = Table("mentors", ("unit", "mentors", "mentors_enough", "share", "mentees", "mentees_active"), [
        (unit, count(m, k), count(ok, k), share(ok, m, k), count(n, k), count(na, k)) for unit, m, ok, n, na in mentors])
    report.tables["households"] = Table("households", ("unit", "households", "households_learning", "share"), [
        (unit, count(h, k), count(hl, k), share(hl, h, k)) for unit, h, hl in households])
    report.tables["change"] = Table("change", ("group", "code", "name", "learners", "before", "after", "change"), [
        (grp, code, index.names.get(code, ""), count(n, k), *( (b, a, round(a - b, 4)) if n >= k else (SUPPRESSED,) * 3))
        for grp, code, n, b, a in rows(engine, queries.CHANGE, plan, as_of)])
    report.tables["heatmap"] = Table("heatmap", ("unit", "code", "learners", "share"), [
        (unit, code, count(n, k), round(s, 4) if n >= k else SUPPRESSED)
        for unit, code, n, s in rows(engine, queries.HEATMAP, plan, as_of)])
    return report


class Status:
    """The STATUS rows (group, unit, counts…), indexed by (group or 'all', unit or None): units × groups lookups stay linear."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows
        self.by: dict[tuple[str, str | None], list[tuple[Any, ...]]] = {}
        for r in rows:
            for key in ((r[0], r[1]), (r[0], None), ("all", r[1]), ("all", None)):
                self.by.setdefault(key, []).append(r)
        self.units = sorted({str(r[1]) for r in rows})
        self.groups = [g for g in GROUP_ORDER if any(r[0] == g for r in rows)]

    def chosen(self, group: str, unit: str | None = None) -> list[tuple[Any, ...]]:
        return self.by.get((group, unit), [])

    def sum(self, column: int, group: str, unit: str | None = None) -> int:
        return sum(r[column] for r in self.chosen(group, unit))


def _pop(status: Status, group: str, unit: str | None = None) -> tuple[int, int, int, int]:
    """(learners, reached, confirmed, active) of a group ('all' for every group) in a unit (None: every unit)."""
    return status.sum(2, group, unit), status.sum(3, group, unit), status.sum(4, group, unit), status.sum(5, group, unit)


def _gap(target: Target, part: int, whole: int, k: int) -> int | Suppressed | None:
    if whole == 0:
        return None
    if 0 < part < k or whole < k:
        return SUPPRESSED
    return max(0, target.needed(whole) - part)


def _met(target: Target, part: int, whole: int, k: int) -> bool | Suppressed | None:
    if whole == 0:
        return None
    if 0 < part < k or whole < k:
        return SUPPRESSED
    return target.met(part, whole)


def _target_row(t: Target, unit: str, part: int, whole: int, k: int) -> tuple[Any, ...]:
    return (t.label, t.kpi, t.group, t.segment, unit, count(whole, k), count(part, k), share(part, whole, k), t.share,
            t.comparison, t.deadline.isoformat(), _gap(t, part, whole, k), _met(t, part, whole, k))


def _targets(plan: Plan, as_of: dt.date, status: Status, mentors: list[tuple[Any, ...]],
             households: list[tuple[Any, ...]], k: int) -> Table:
    """Each applicable target, for the whole area and for each unit: population, reached, share, gap in people."""
    cols = ("label", "kpi", "group", "segment", "unit", "population", "count", "share", "target", "comparison", "deadline",
            "gap", "met")
    table = Table("targets", cols)
    units = status.units
    for kpi in ("reached", "confirmed", "attended", "mentors", "households"):
        for t in sorted(plan.targets_for(kpi, as_of), key=lambda t: (GROUP_ORDER.index(t.group), t.segment)):
            block = []
            for unit in [ALL, *units]:
                u = None if unit == ALL else unit
                whole, part = _kpi_counts(t, status, mentors, households, u)
                if whole or unit == ALL:
                    block.append(_target_row(t, unit, part, whole, k))
            table.rows.extend(secondary(block, count_col=6, hide=(6, 7, 11, 12)))
    return table


def secondary(block: list[tuple[Any, ...]], count_col: int, hide: tuple[int, ...]) -> list[tuple[Any, ...]]:
    """Secondary suppression: when one unit's count is hidden, hide the next smallest too.

    Otherwise the whole area's total minus the other units would give the hidden count back.
    The first row of ``block`` is the whole area and is never hidden here.
    """
    units = block[1:]
    hidden = [i for i, row in enumerate(units) if isinstance(row[count_col], Suppressed)]
    shown_counts = [(row[count_col], i) for i, row in enumerate(units) if isinstance(row[count_col], int) and row[count_col] > 0]
    if len(hidden) != 1 or not shown_counts:
        return block
    _, victim = min(shown_counts)
    row = list(units[victim])
    for col in hide:
        row[col] = SUPPRESSED
    units[victim] = tuple(row)
    return [block[0], *units]


def _kpi_counts(t: Target, status: Status, mentors: list[tuple[Any, ...]], households: list[tuple[Any, ...]],
                unit: str | None) -> tuple[int, int]:
    """(population, count) of one target in one unit (None: the whole area)."""
    if t.kpi in ("reached", "confirmed"):
        learners, reached, confirmed, _ = _pop(status, t.group, unit)
        return learners, reached if t.kpi == "reached" else confirmed
    if t.kpi == "attended":
        chosen = status.chosen(t.group, unit)
        if t.segment == "elderly":
            return sum(r[6] for r in chosen), sum(r[7] for r in chosen)
        if t.segment == "disabled":
            return sum(r[8] for r in chosen), sum(r[9] for r in chosen)
        return sum(r[2] for r in chosen), sum(r[5] for r in chosen)
    if t.kpi == "mentors":
        chosen = [r for r in mentors if r[0] == (ALL if unit is None else unit)]
        return sum(r[1] for r in chosen), sum(r[2] for r in chosen)
    chosen = [r for r in households if unit is None or r[0] == unit]
    return sum(r[1] for r in chosen), sum(r[2] for r in chosen)


def _cumulative(by_month: list[tuple[Any, ...]], group: str, upto: int) -> int:
    return sum(r[2] for r in by_month if (group == "all" or r[0] == group) and r[1] <= upto)


def _periods(plan: Plan, as_of: dt.date, status: Status, by_month: list[tuple[Any, ...]],
             confirmed: list[tuple[Any, ...]], k: int) -> Table:
    """Reached (and confirmed) by the end of each reporting period of the year, per group, for the whole area."""
    table = Table("periods", ("period", "end", "due", "group", "learners", "reached", "share", "confirmed", "confirmed_share"))
    duties = sorted(plan.reporting, key=lambda d: ("month", "quarter", "half", "year").index(d.every))
    if not duties:
        return table
    groups = status.groups
    for p in periods(duties[0], as_of.year):
        if p.start > as_of:
            break
        ym = p.end.year * 100 + p.end.month
        for g in groups:
            learners = _pop(status, g)[0]
            got = _cumulative(by_month, g, ym)
            conf = _cumulative(confirmed, g, ym)
            table.rows.append((p.label, p.end.isoformat(), p.due.isoformat() if p.due else "", g, count(learners, k),
                               count(got, k), share(got, learners, k), count(conf, k), share(conf, learners, k)))
    return table


def _trend(as_of: dt.date, status: Status, by_month: list[tuple[Any, ...]], k: int) -> tuple[Table, list[int]]:
    """Per month from the first result: newly reached and cumulative share, per group."""
    table = Table("trend", ("month", "group", "new", "cumulative", "share"))
    if not by_month:
        return table, []
    first = min(r[1] for r in by_month)
    months = []
    y, m = divmod(first, 100)
    while y * 100 + m <= as_of.year * 100 + as_of.month:
        months.append(y * 100 + m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    groups = status.groups
    for ym in months:
        for g in groups:
            learners = _pop(status, g)[0]
            new = sum(r[2] for r in by_month if r[0] == g and r[1] == ym)
            total = _cumulative(by_month, g, ym)
            table.rows.append((f"{ym // 100}-{ym % 100:02d}", g, count(new, k), count(total, k), share(total, learners, k)))
    return table, months


def _groups(status: Status, k: int) -> Table:
    """Per group and unit: learners, active, reached, confirmed."""
    table = Table("groups", ("group", "unit", "learners", "active", "active_share", "reached", "reached_share", "confirmed"))
    for g in GROUP_ORDER[:-1]:
        block = []
        for unit in [ALL, *status.units]:
            learners, reached, confirmed, active = _pop(status, g, None if unit == ALL else unit)
            if learners:
                block.append((g, unit, count(learners, k), count(active, k), share(active, learners, k),
                              count(reached, k), share(reached, learners, k), count(confirmed, k)))
        if block:
            block = secondary(block, count_col=5, hide=(5, 6))
            table.rows.extend(secondary(block, count_col=3, hide=(3, 4)))
    return table


def _inclusion(status: Status, k: int) -> Table:
    """Elderly (60+) and disabled learners who took part, per unit."""
    table = Table("inclusion", ("unit", "elderly", "elderly_active", "elderly_share", "disabled", "disabled_active",
                                "disabled_share"))
    for unit in [ALL, *status.units]:
        chosen = status.chosen("all", None if unit == ALL else unit)
        e, ea, d, da = (sum(r[i] for r in chosen) for i in (6, 7, 8, 9))
        table.rows.append((unit, count(e, k), count(ea, k), share(ea, e, k), count(d, k), count(da, k), share(da, d, k)))
    return table
