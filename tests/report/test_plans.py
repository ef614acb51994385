"""The five plans as data: they load cleanly, word their comparisons as printed, and give the reporting dates."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.plans import load_plan, next_due, periods

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "courses" / "plans"
SEEDS = ROOT.parent / "shared" / "seeds"  # the plans' texts, where this checkout has them
NAMES = ("nghe-an", "an-bien", "bac-ninh", "tra-vinh", "son-kim-1")


def load(name: str):  # type: ignore[no-untyped-def]
    diags = Diagnostics()
    plan = load_plan(PLANS, name, diags)
    assert plan is not None and len(diags) == 0, [diags.render(d, "en") for d in diags]
    return plan


@pytest.mark.parametrize("name", NAMES)
def test_each_plan_loads_and_every_target_cites_its_sentence(name: str) -> None:
    plan = load(name)
    assert plan.targets and all(t.cite and t.label for t in plan.targets)
    if SEEDS.is_dir():  # the cited sentence is in the plan's text, word for word (line breaks aside)
        text = " ".join(unicodedata.normalize("NFC", (SEEDS / plan.seed).read_text(encoding="utf-8")).split())
        assert [t.cite for t in plan.targets if t.cite not in text] == []
        assert [d.cite for d in plan.reporting if d.cite not in text] == []


@pytest.mark.parametrize("name", NAMES)
def test_targets_worded_over_are_strict_and_the_others_are_not(name: str) -> None:
    for t in load(name).targets:
        strict = "trên " + f"{t.share * 100:.0f}%" in t.cite.lower()
        assert (t.comparison == "more_than") == strict, t.cite


def test_needed_people_for_at_least_and_more_than_worked_by_hand() -> None:
    plan = load("bac-ninh")
    over_60 = next(t for t in plan.targets if t.kpi == "confirmed" and t.deadline.year == 2025)  # 'Có trên 60%'
    assert (over_60.needed(10), over_60.needed(11), over_60.needed(100)) == (7, 7, 61)  # > 6, > 6.6, > 60
    at_least_80 = next(t for t in plan.targets if t.kpi == "reached" and t.group == "workers" and t.deadline.year == 2025)
    assert (at_least_80.needed(10), at_least_80.needed(11)) == (8, 9)  # ≥ 8, ≥ 8.8


def test_the_target_in_force_is_the_next_deadline_then_the_last() -> None:
    plan = load("nghe-an")
    officials = [t for t in plan.targets_for("reached", dt.date(2025, 9, 30)) if t.group == "officials"]
    assert [t.share for t in officials] == [0.8]
    officials = [t for t in plan.targets_for("reached", dt.date(2027, 3, 31)) if t.group == "officials"]
    assert [t.share for t in officials] == [1.0]


def test_bac_ninh_reports_monthly_before_the_20th_and_yearly_before_20_december() -> None:
    plan = load("bac-ninh")
    monthly = next(d for d in plan.reporting if d.every == "month")
    assert [p.due for p in periods(monthly, 2026)][:2] == [dt.date(2026, 1, 20), dt.date(2026, 2, 20)]
    half = next(d for d in plan.reporting if d.every == "half")
    assert periods(half, 2026)[0].due == dt.date(2026, 6, 20)  # 'trước ngày 20 của tháng cuối quý II'
    due = {d.every: p.due for d, p in next_due(plan, dt.date(2026, 11, 25))}
    assert due == {"month": dt.date(2026, 12, 20), "quarter": dt.date(2026, 12, 20), "half": dt.date(2027, 6, 20),
                   "year": dt.date(2026, 12, 20)}


def test_tra_vinh_reports_yearly_before_15_october_and_nghe_an_quarterly_before_the_15th() -> None:
    assert {d.every: p.due for d, p in next_due(load("tra-vinh"), dt.date(2026, 10, 16))} == {"year": dt.date(2027, 10, 15)}
    assert {d.every: p.due for d, p in next_due(load("nghe-an"), dt.date(2026, 4, 1))} == {"quarter": dt.date(2026, 6, 15)}


def test_a_mistake_in_a_plan_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "id: x\ntitle: X\nissuer: Y\nseed: s.txt\narea: Z\nunit_level: commune\ntargets:\n"
        "  - {kpi: reached, group: citizens, share: 80, deadline: 2026-12-31, label: L, cite: C}\n", encoding="utf-8")
    diags = Diagnostics()
    assert load_plan(tmp_path, "x", diags) is None
    assert [(d.code.id, d.loc.line) for d in diags] == [("HV817", 8)]


def test_an_unknown_plan_lists_the_known_ones(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert load_plan(PLANS, "ha-noi", diags) is None
    assert [d.code.id for d in diags] == ["HV816"] and "nghe-an" in next(iter(diags)).fix("en")
