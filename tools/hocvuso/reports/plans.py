"""Plans as data: ``courses/plans/<plan>.yaml`` — targets per group and deadline, reporting cadence.

Read with the same located-YAML reader as the courses, so a mistake in a plan
is reported at its ``file:line:col``.  Every target and reporting duty cites the
plan text it comes from (``seed`` file and the sentence), so an official can
check each number against the signed document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes
from hocvuso.diagnostics.terms import Term
from hocvuso.loader.yamlsource import (
    Field,
    Schema,
    YMap,
    YScalar,
    field_loc,
    get_date,
    get_int,
    get_number,
    get_seq,
    get_str,
    get_str_list,
    parse_yaml,
)

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.diagnostics import Diagnostics

KPIS = ("reached", "confirmed", "attended", "mentors", "households", "not_measured")
GROUPS = ("officials", "students", "workers", "citizens", "all")
SEGMENTS = ("all", "elderly", "disabled")
COMPARISONS = ("at_least", "more_than")
PERIODS = ("month", "quarter", "half", "year")
LEVELS = ("commune", "village")

PLAN = Schema(Term("a plan", "một kế hoạch"), (
    Field("id", "the plan's short name, e.g. nghe-an", "tên ngắn của kế hoạch, ví dụ nghe-an", required=True),
    Field("title", "the plan's title as printed", "tên kế hoạch như bản in", required=True),
    Field("issuer", "who issued it, e.g. UBND tỉnh Nghệ An", "cơ quan ban hành, ví dụ UBND tỉnh Nghệ An", required=True),
    Field("issued", "when, as printed (e.g. 2025-05)", "thời điểm ban hành (ví dụ 2025-05)"),
    Field("seed", "the plan's text file the citations come from", "tệp văn bản kế hoạch mà các trích dẫn lấy từ đó", required=True),
    Field("area", "the province or commune the plan covers", "tỉnh hoặc xã, phường kế hoạch áp dụng", required=True),
    Field("province", "the province a commune's plan lies in", "tỉnh của xã, phường (với kế hoạch cấp xã)"),
    Field("unit_level", "what a unit is in the report: commune or village", "đơn vị báo cáo: commune (xã) hoặc village (thôn, tổ)",
          required=True),
    Field("units", "the units, to catch misspelt names", "danh sách đơn vị, để phát hiện tên viết sai"),
    Field("targets", "the targets", "các chỉ tiêu", required=True),
    Field("reporting", "the reporting duties", "chế độ báo cáo"),
    Field("notes", "anything a reader must know", "ghi chú cho người đọc"),
))
TARGET = Schema(Term("a target", "một chỉ tiêu"), (
    Field("kpi", "what is counted: " + ", ".join(KPIS), "chỉ số được đếm: " + ", ".join(KPIS), required=True),
    Field("group", "the learner group: " + ", ".join(GROUPS), "nhóm đối tượng: " + ", ".join(GROUPS), required=True),
    Field("segment", "all, elderly (60 and over) or disabled", "all, elderly (từ 60 tuổi) hoặc disabled (khuyết tật)"),
    Field("share", "the target share, 0–1", "tỉ lệ chỉ tiêu, 0–1", required=True),
    Field("comparison", "at_least (80%) or more_than (trên 80%)", "at_least (80%) hoặc more_than (trên 80%)"),
    Field("min_mentees", "for kpi mentors: mentees per mentor", "với mentors: số người học mỗi người hướng dẫn"),
    Field("deadline", "the date the target is due, YYYY-MM-DD", "hạn hoàn thành, YYYY-MM-DD", required=True),
    Field("label", "the target in a few words", "chỉ tiêu tóm tắt", required=True),
    Field("cite", "the plan's sentence, as printed", "câu trong kế hoạch, như bản in", required=True),
    Field("note", "how the report measures it", "cách báo cáo đo chỉ tiêu này"),
))
REPORTING = Schema(Term("a reporting duty", "một kỳ báo cáo"), (
    Field("every", "month, quarter, half or year", "month, quarter, half hoặc year", required=True),
    Field("due_day", "the day of the month the report is due by", "hạn nộp: trước ngày này của tháng"),
    Field("due_month", "'last' (last month of the period) or 1–12", "'last' (tháng cuối kỳ) hoặc 1–12"),
    Field("to", "who receives it", "nơi nhận"),
    Field("cite", "the plan's sentence, as printed", "câu trong kế hoạch, như bản in", required=True),
))


@dataclass(frozen=True, slots=True)
class Target:
    """One target of a plan."""

    kpi: str
    group: str
    segment: str
    share: float
    comparison: str
    deadline: dt.date
    label: str
    cite: str
    loc: Location
    min_mentees: int = 5
    note: str = ""

    def needed(self, population: int) -> int:
        """How many people the target asks for out of ``population`` ('trên 60%' needs strictly more)."""
        exact = self.share * population
        whole = int(exact + 1e-9)
        if self.comparison == "more_than":
            return min(population, whole + 1)
        return whole if abs(exact - whole) < 1e-9 else whole + 1

    def met(self, count: int, population: int) -> bool:
        return population > 0 and count >= self.needed(population)


@dataclass(frozen=True, slots=True)
class Duty:
    """A reporting duty: how often, by which day, to whom."""

    every: str
    due_day: int | None
    due_month: str
    to: str
    cite: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan of the movement as the report reads it."""

    id: str
    title: str
    issuer: str
    issued: str
    seed: str
    area: str
    province: str
    unit_level: str
    units: tuple[str, ...]
    targets: tuple[Target, ...]
    reporting: tuple[Duty, ...]
    notes: str
    path: Path

    def targets_for(self, kpi: str, as_of: dt.date) -> list[Target]:
        """The targets of one kind that apply at ``as_of``: the nearest deadline on or after it, per group and segment."""
        chosen: dict[tuple[str, str], Target] = {}
        for t in sorted((t for t in self.targets if t.kpi == kpi), key=lambda t: t.deadline):
            key = (t.group, t.segment)
            if key not in chosen and t.deadline >= as_of:
                chosen[key] = t
        for t in sorted((t for t in self.targets if t.kpi == kpi), key=lambda t: t.deadline, reverse=True):
            chosen.setdefault((t.group, t.segment), t)  # past every deadline: the last one still applies
        return list(chosen.values())


def plan_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def load_plan(folder: Path, name: str, diags: Diagnostics) -> Plan | None:
    """Read ``folder/<name>.yaml`` (or a path to a plan file); None after reporting why not."""
    path = folder / f"{name}.yaml"
    if name.endswith((".yaml", ".yml")):
        from pathlib import Path as _Path

        path = _Path(name)
    if not path.is_file():
        diags.add(codes.REPORT_PLAN_NOT_FOUND, Location(path), plan=name, folder=str(folder),
                  known=", ".join(p.stem for p in plan_files(folder)))
        return None
    text = path.read_text(encoding="utf-8")
    diags.remember_source(path, text)
    before = diags.count_errors()
    root = PLAN.read(parse_yaml(text, path, diags), Location(path, 1, 1), diags)
    if root is None:
        return None
    targets = tuple(t for node in get_seq(root, "targets", diags) if (t := _target(node, diags)) is not None)
    duties = tuple(d for node in get_seq(root, "reporting", diags) if (d := _duty(node, diags)) is not None)
    level = _one_of(root, "unit_level", LEVELS, diags, "commune")
    plan = Plan(
        id=get_str(root, "id", diags) or path.stem, title=get_str(root, "title", diags) or "",
        issuer=get_str(root, "issuer", diags) or "", issued=get_str(root, "issued", diags) or "",
        seed=get_str(root, "seed", diags) or "", area=get_str(root, "area", diags) or "",
        province=get_str(root, "province", diags) or get_str(root, "area", diags) or "", unit_level=level,
        units=tuple(u for u, _ in get_str_list(root, "units", diags)), targets=targets, reporting=duties,
        notes=get_str(root, "notes", diags) or "", path=path,
    )
    return None if diags.count_errors() > before else plan


def _one_of(m: YMap, name: str, allowed: tuple[str, ...], diags: Diagnostics, default: str) -> str:
    value = get_str(m, name, diags)
    if value is None:
        return default
    if value not in allowed:
        diags.add(codes.REPORT_PLAN_VALUE, field_loc(m, name), value=value, field=name, expected=" | ".join(allowed))
        return default
    return value


def _target(node: object, diags: Diagnostics) -> Target | None:
    m = TARGET.read(node if isinstance(node, YMap | YScalar) else None, getattr(node, "loc", Location(_nowhere())), diags)
    if m is None:
        return None
    share = get_number(m, "share", diags)
    if share is not None and not 0 < share <= 1:
        diags.add(codes.REPORT_PLAN_VALUE, field_loc(m, "share"), value=share, field="share", expected="a share from 0 to 1, e.g. 0.8")
        share = None
    deadline = get_date(m, "deadline", diags)
    if share is None or deadline is None:
        return None
    return Target(
        kpi=_one_of(m, "kpi", KPIS, diags, "reached"), group=_one_of(m, "group", GROUPS, diags, "all"),
        segment=_one_of(m, "segment", SEGMENTS, diags, "all"), share=share,
        comparison=_one_of(m, "comparison", COMPARISONS, diags, "at_least"), deadline=deadline,
        label=get_str(m, "label", diags) or "", cite=" ".join((get_str(m, "cite", diags) or "").split()), loc=m.loc,
        min_mentees=get_int(m, "min_mentees", diags, 5) or 5, note=get_str(m, "note", diags) or "",
    )


def _duty(node: object, diags: Diagnostics) -> Duty | None:
    m = REPORTING.read(node if isinstance(node, YMap | YScalar) else None, getattr(node, "loc", Location(_nowhere())), diags)
    if m is None:
        return None
    due_month = get_str(m, "due_month", diags) or "last"
    if due_month != "last" and not (due_month.isdigit() and 1 <= int(due_month) <= 12):
        diags.add(codes.REPORT_PLAN_VALUE, field_loc(m, "due_month"), value=due_month, field="due_month", expected="last | 1–12")
    return Duty(every=_one_of(m, "every", PERIODS, diags, "year"), due_day=get_int(m, "due_day", diags),
                due_month=due_month, to=get_str(m, "to", diags) or "", cite=" ".join((get_str(m, "cite", diags) or "").split()))


def _nowhere() -> Path:
    from pathlib import Path as _Path

    return _Path("plan")


# --- periods -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: its label, first and last day, and when its report is due."""

    label: str
    start: dt.date
    end: dt.date
    due: dt.date | None


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def periods(duty: Duty, year: int) -> list[Period]:
    """The periods of one year for a reporting duty, with their due dates."""
    size = {"month": 1, "quarter": 3, "half": 6, "year": 12}[duty.every]
    out = []
    for i, first in enumerate(range(1, 13, size), start=1):
        last = first + size - 1
        label = {"month": f"{year}-{first:02d}", "quarter": f"Q{i}/{year}", "half": f"H{i}/{year}", "year": f"{year}"}[duty.every]
        due = None
        if duty.due_day:
            month = last if duty.due_month == "last" else int(duty.due_month)
            due = dt.date(year, month, min(duty.due_day, _month_end(year, month).day))
        out.append(Period(label, dt.date(year, first, 1), _month_end(year, last), due))
    return out


def next_due(plan: Plan, as_of: dt.date) -> list[tuple[Duty, Period]]:
    """For each duty, the first period whose report is due on or after ``as_of`` (this year or next)."""
    out = []
    for duty in plan.reporting:
        for period in periods(duty, as_of.year) + periods(duty, as_of.year + 1):
            if period.due is not None and period.due >= as_of:
                out.append((duty, period))
                break
    return out
