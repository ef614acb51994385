"""The same SQL on DuckDB and on ClickHouse (chdb, embedded): identical tables on the test data."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.reports import compute, queries
from hocvuso.reports.engine import to_clickhouse
from hocvuso.reports.run import COMPUTING, Request, build_report

from .conftest import Runner, cert_row, town_results, town_roster


def mixed_results(runner: Runner) -> list[object]:
    """Certification, placement and capa rows: every table the queries read has data."""
    rows = town_results()
    for i in range(1, 9):
        rows.append(cert_row(f"c{i:02d}", False, mode="placement", day="2026-01-04", shares={"4.2": 0.1 * i, "0.2": 0.5}))
    capa = []
    for i in range(1, 13):
        for item, ok in (("mot-lua-chon", i % 3 != 0), ("nhieu-lua-chon", i % 2 == 0), ("tha-xuong", i > 4)):
            state = {"attempts": 1, "correct_map": {f"{item}_2_1": {"correctness": "correct" if ok else "incorrect"}},
                     "student_answers": {f"{item}_2_1": "choice_1" if ok else "choice_2"}}
            capa.append([f"c{i:02d}", item, "Khoá > Bài", "", "", "", "", "", "", "", "",
                         f"block-v1:BDHVS+KNS-ND+2026-1+type@problem+block@{item}", json.dumps(state)])
    return [runner.results(rows), runner.results(capa, name="capa.csv")]


@pytest.mark.parametrize("min_cell", [1, 5])
def test_duckdb_and_chdb_give_identical_tables(runner: Runner, min_cell: int) -> None:
    results = mixed_results(runner)
    duck, d1 = runner.run(runner.roster(), results, min_cell=min_cell, engine="duckdb")  # type: ignore[arg-type]
    click, d2 = runner.run(runner.roster(), results, min_cell=min_cell, engine="chdb")  # type: ignore[arg-type]
    assert duck is not None and click is not None, [d.message("en") for d in [*d1, *d2]]
    assert duck.tables.keys() == click.tables.keys()
    for name in duck.tables:
        assert duck.tables[name].rows == click.tables[name].rows, name
    assert duck.tables["items"].rows and duck.tables["change"].rows and duck.tables["heatmap"].rows


@pytest.mark.parametrize("name", ["FIRST_RESPONSES", "SLICE_TOTALS", "ITEM_CELLS", "LEARNERS", "COMPETENCY_CELLS", "STATUS", "BY_MONTH",
                                  "CONFIRMED_BY_MONTH", "MENTORS", "MENTORS_TOTAL", "HOUSEHOLDS", "CHANGE", "HEATMAP", "ITEMS",
                                  "ORPHANS"])
def test_every_query_is_written_once_and_transpiles_for_clickhouse(name: str) -> None:
    sql = queries.render(getattr(queries, name), "commune", dt.date(2026, 12, 31))
    clickhouse = to_clickhouse(sql)
    assert "2026-12-31" in clickhouse or "DATE" not in sql
    assert "read_parquet" not in clickhouse


@pytest.mark.parametrize("engine", ["duckdb", "chdb"])
def test_cutting_the_learners_into_slices_changes_no_number(runner: Runner, engine: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """National runs cut the item-level work into slices of learners; every table must come out as in one piece."""
    results = mixed_results(runner)
    whole, d1 = runner.run(runner.roster(), results, min_cell=1, engine=engine)  # type: ignore[arg-type]
    monkeypatch.setattr(compute, "SLICE_LEARNERS", 2)
    learners = len(town_roster())
    assert compute.slices_for(learners) == -(-learners // 2) >= 4
    sliced, d2 = runner.run(runner.roster(), results, min_cell=1, engine=engine)  # type: ignore[arg-type]
    assert whole is not None and sliced is not None, [d.message("en") for d in [*d1, *d2]]
    for name in whole.tables:
        assert sliced.tables[name].rows == whole.tables[name].rows, name
    assert whole.tables["items"].rows and whole.tables["change"].rows


def test_the_engine_passes_are_followed_to_the_end(runner: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar follows each slice: 23 learners in slices of 5 are 5 slices, so 2 × 5 + 1 passes."""
    monkeypatch.setattr(compute, "SLICE_LEARNERS", 5)
    seen: list[tuple[str, int, int]] = []
    req = Request(plan="thu", roster=runner.roster(), results=tuple(mixed_results(runner)),  # type: ignore[arg-type]
                  as_of=dt.date(2026, 12, 31), courses=runner.courses, out=runner.root / "build")
    report = build_report(req, Diagnostics(), lambda name, done, total: seen.append((name, done, total)))
    assert report is not None
    passes = [(done, total) for name, done, total in seen if name == COMPUTING]
    assert passes == [(n, 11) for n in range(12)]
