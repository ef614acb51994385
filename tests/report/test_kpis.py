"""KPI numbers on the hand-made town (see conftest.py); every expected number is worked out here by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from hocvuso.reports.compute import ALL, SUPPRESSED

from .conftest import Runner, cert_row, found, row, town_results, town_roster


def test_reached_share_gap_and_target_per_unit_worked_by_hand(runner: Runner) -> None:
    report, diags = runner.run(runner.roster(), [runner.results()], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    # Citizens: 18 on the roster, 8 passed (c01–c07, c13). 'more than 60 %' of 18 = more than 10.8 → 11 people.
    whole = row(report, "targets", kpi="reached", group="citizens", unit=ALL)
    assert (whole["population"], whole["count"], whole["share"], whole["gap"], whole["met"]) == (18, 8, round(8 / 18, 4), 11 - 8, False)
    # Xã An: 12 citizens, 7 passed; more than 7.2 → 8 people.
    an = row(report, "targets", kpi="reached", group="citizens", unit="Xã An")
    assert (an["population"], an["count"], an["share"], an["gap"]) == (12, 7, round(7 / 12, 4), 1)
    # Xã Bình: 6 citizens, 1 passed; more than 3.6 → 4 people.
    binh = row(report, "targets", kpi="reached", group="citizens", unit="Xã Bình")
    assert (binh["population"], binh["count"], binh["gap"]) == (6, 1, 3)
    # Officials: 5, 4 passed; 'at least 80 %' of 5 = 4 exactly → met, no gap.
    officials = row(report, "targets", kpi="reached", group="officials", unit=ALL)
    assert (officials["population"], officials["count"], officials["gap"], officials["met"]) == (5, 4, 0, True)


def test_confirmed_elderly_mentors_and_households_worked_by_hand(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results()], min_cell=1)
    assert report is not None
    # Credentials: every pass but c07's → c01–c06 and c13 = 7 of 18; 40 % of 18 = 7.2 → 8 needed.
    confirmed = row(report, "targets", kpi="confirmed", unit=ALL)
    assert (confirmed["population"], confirmed["count"], confirmed["gap"]) == (18, 7, 1)
    # Elderly (born 1950): c01–c05 and c09; those with a result: c01–c05.
    elderly = row(report, "targets", kpi="attended", segment="elderly", unit=ALL)
    assert (elderly["population"], elderly["count"], elderly["gap"]) == (6, 5, 1)
    # Mentors: m1 guides c01–c06 (6 ≥ 5), m2 guides c07–c08 (2).
    mentors = row(report, "targets", kpi="mentors", unit=ALL)
    assert (mentors["population"], mentors["count"], mentors["share"]) == (2, 1, 0.5)
    # Households: h01–h09 (pairs of citizens) and k01–k05 (officials) = 14; with a learner who has a result:
    # h01–h04 (c01–c08), h07 (c13), k01–k04 (o01–o04) = 9.
    households = row(report, "targets", kpi="households", unit=ALL)
    assert (households["population"], households["count"], households["gap"]) == (14, 9, 5)
    disabled = row(report, "inclusion", unit=ALL)
    assert (disabled["disabled"], disabled["disabled_active"]) == (1, 1)  # c03


def test_small_cells_are_suppressed_with_the_shares_and_gaps_made_from_them(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results()])  # default minimum: 5
    binh = row(report, "targets", kpi="reached", group="citizens", unit="Xã Bình")
    assert binh["count"] == binh["share"] == binh["gap"] == binh["met"] == SUPPRESSED
    # Xã An (7) is hidden too: otherwise 8 (whole area) − 7 would give Xã Bình's 1 back.
    an = row(report, "targets", kpi="reached", group="citizens", unit="Xã An")
    assert an["count"] == an["share"] == SUPPRESSED
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 8


def test_no_name_or_learner_id_reaches_any_table(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results()], min_cell=1)
    cells = {str(v) for table in report.tables.values() for r in table.rows for v in r}
    people = {r[0] for r in town_roster()} | {r[9] for r in town_roster()} | {r[7] for r in town_roster()} | {"m1", "m2"}
    assert not cells & people


def test_results_after_the_as_of_date_do_not_count(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results()], min_cell=1, as_of=dt.date(2026, 4, 30))
    # c13 passed on 2 May: by 30 April only c01–c07.
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 7


def test_periods_follow_the_plans_quarterly_cadence(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results()], min_cell=1)
    q1 = row(report, "periods", period="Q1/2026", group="citizens")
    q2 = row(report, "periods", period="Q2/2026", group="citizens")
    assert (q1["reached"], q2["reached"]) == (7, 8)  # c01–c07 on 10 March, c13 on 2 May
    assert (q1["due"], q2["due"]) == ("2026-03-15", "2026-06-15")  # 'trước ngày 15 tháng cuối mỗi Quý'


def test_repeated_result_rows_count_once_and_repeated_learners_are_reported(runner: Runner) -> None:
    roster = town_roster()
    roster.insert(3, list(roster[0]))  # c01 again, as row 5 of the file (header is row 1)
    results = town_results()
    results.append(list(results[0]))  # c01's certification row again
    report, diags = runner.run(runner.roster(roster), [runner.results(results)], min_cell=1)
    assert found(diags, "HV806") == ["roster.csv:5:1"]
    assert found(diags, "HV820") == [f"responses.csv:{len(results) + 1}:1"]
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 8


def test_results_without_learners_and_learners_without_results_are_counted(runner: Runner) -> None:
    results = [*town_results(), cert_row("x99", True), cert_row("x98", True)]
    report, diags = runner.run(runner.roster(), [runner.results(results)], min_cell=1)
    assert report is not None
    first_orphan_row = len(town_results()) + 2
    assert found(diags, "HV810") == [f"responses.csv:{first_orphan_row}:1"]
    assert next(d for d in diags if d.code.id == "HV810").args["count"] == 2
    # 23 on the roster; with a result: c01–c08, c13, o01–o04 = 13 → 10 without.
    assert next(d for d in diags if d.code.id == "HV811").args["count"] == 10


def test_a_second_attempt_that_passes_dates_the_learner_at_that_attempt(runner: Runner) -> None:
    results = [cert_row("c09", False, day="2026-02-01"), cert_row("c09", True, day="2026-08-01", attempt=2)]
    report, _ = runner.run(runner.roster(), [runner.results(results)], min_cell=1, as_of=dt.date(2026, 6, 30))
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 0
    report, _ = runner.run(runner.roster(), [runner.results(results)], min_cell=1)
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 1


@pytest.mark.parametrize("engine", ["duckdb", "chdb"])
def test_change_takes_the_first_pre_test_and_the_latest_assessment_by_day_then_attempt(runner: Runner, engine: str) -> None:
    results = []
    for i in range(1, 6):  # c01–c05, all in Xã An
        results.append(cert_row(f"c{i:02d}", False, mode="placement", day="2026-01-09", attempt=1, shares={"4.2": 0.9}))
        results.append(cert_row(f"c{i:02d}", False, mode="placement", day="2026-01-05", attempt=2, shares={"4.2": 0.2}))
        results.append(cert_row(f"c{i:02d}", False, day="2026-03-05", attempt=2, shares={"4.2": 0.7}))
        results.append(cert_row(f"c{i:02d}", False, day="2026-03-05", attempt=1, shares={"4.2": 0.4}))
        results.append(cert_row(f"c{i:02d}", False, day="2026-02-01", attempt=3, shares={"4.2": 0.1}))
    report, diags = runner.run(runner.roster(), [runner.results(results)], min_cell=5, engine=engine)
    assert report is not None, [diags.render(d, "en") for d in diags]
    # Before: the pre-test of 5 January (an earlier day wins over a lower attempt number); after: 5 March, attempt 2.
    change = row(report, "change", group="citizens", code="4.2")
    assert (change["learners"], change["before"], change["after"], change["change"]) == (5, 0.2, 0.7, 0.5)
    assert row(report, "heatmap", unit="Xã An", code="4.2") == {"unit": "Xã An", "code": "4.2", "learners": 5, "share": 0.7}


def test_placement_rows_never_count_as_reached_and_give_the_before_of_the_change(runner: Runner) -> None:
    results = []
    for i in range(1, 6):
        results.append(cert_row(f"c{i:02d}", False, mode="placement", day="2026-01-05", shares={"4.2": 0.2 + 0.1 * i}))
        results.append(cert_row(f"c{i:02d}", True, day="2026-03-05", shares={"4.2": 0.9}))
    report, _ = runner.run(runner.roster(), [runner.results(results)], min_cell=5)
    change = row(report, "change", group="citizens", code="4.2")
    before = (0.3 + 0.4 + 0.5 + 0.6 + 0.7) / 5  # = 0.5
    assert (change["learners"], change["before"], change["after"]) == (5, round(before, 6), 0.9)
    assert change["change"] == round(0.9 - before, 4)
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 5
