"""The report as spreadsheets: one CSV per table (UTF-8 with BOM, so Excel shows Vietnamese) and one XLSX workbook."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from hocvuso.reports.present import headers, ordered, table_rows, title

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.reports.compute import Report

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
            writer.writerows(table_rows(table, report, lang))
        out.append(path)
    return out


def write_xlsx(report: Report, path: Path, lang: str) -> Path:
    """One sheet per table, headers in ``lang``, shares formatted as percentages (openpyxl's streaming writer)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
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
