"""The report as spreadsheets: one CSV per table (UTF-8 with BOM, so Excel shows Vietnamese) and one XLSX workbook.

Some text in the tables comes from the inputs (a roster's commune or village names, a response as exported), and a
spreadsheet program runs a cell that starts with ``=`` (in a CSV also ``+ - @``, a tab or a carriage return) as a
formula: ``=HYPERLINK(…)`` in a roster would become a link, or worse, in the province's workbook.  So every text
cell is written as text: in the XLSX as a string cell, in the CSV with a leading ``'`` before such a character
(OWASP's advice for CSV injection).  Numbers are written as numbers.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from hocvuso.reports.present import headers, ordered, table_rows, title

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.reports.compute import Report

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHARE_COLUMNS = {"share", "target", "active_share", "reached_share", "confirmed_share", "elderly_share", "disabled_share",
                  "before", "after", "change"}


def write_csvs(report: Report, folder: Path, lang: str) -> list[Path]:
    """``<table>.csv`` for every table; → the files written."""
    out = []
    for table in ordered(report):
        path = folder / f"{table.id}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(headers(table, lang))
            writer.writerows([csv_text(v) for v in row] for row in table_rows(table, report, lang))
        out.append(path)
    return out


def csv_text(value: Any) -> Any:
    """A CSV cell that no spreadsheet program runs as a formula (text only; numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_xlsx(report: Report, path: Path, lang: str) -> Path:
    """One sheet per table, headers in ``lang``, shares formatted as percentages (openpyxl's streaming writer)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for table in ordered(report):
        sheet = book.create_sheet(_sheet_name(title(table, lang), used))
        names = headers(table, lang)
        for i, name in enumerate(names, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(10, min(60, len(name) + 4))
        sheet.freeze_panes = "A2"
        head = []
        for name in names:
            c = WriteOnlyCell(sheet, value=name)
            c.font = bold
            head.append(c)
        sheet.append(head)
        shares = [column in _SHARE_COLUMNS for column in table.columns]
        for values in table_rows(table, report, lang):
            row = []
            for value, is_share in zip(values, shares, strict=True):
                if is_share and isinstance(value, float):
                    c = WriteOnlyCell(sheet, value=value)
                    c.number_format = "0.0%"
                    row.append(c)
                elif isinstance(value, str):
                    text = ILLEGAL_CHARACTERS_RE.sub("", value)  # e.g. an offline file's response; no cell holds them
                    if text.startswith("="):
                        c = WriteOnlyCell(sheet, value=text)
                        c.data_type = "s"  # openpyxl would store it as a formula
                        row.append(c)
                    else:
                        row.append(text)
                else:
                    row.append(value)
            sheet.append(row)
    book.properties.creator = "hocvuso"
    book.save(path)
    return path


def _sheet_name(text: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the book."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in text)[:31].strip()
    name, n = clean, 2
    while name in used:
        suffix = f" ({n})"
        name = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name
