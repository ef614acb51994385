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
    """One sheet per table, headers in ``lang``, shares formatted as percentages."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in ordered(report):
        name = _sheet_name(title(table, lang), used)
        sheet = book.create_sheet(name)
        sheet.append(headers(table, lang))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table_rows(table, report, lang):
            sheet.append(row)
        for i, column in enumerate(table.columns, start=1):
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = max(10, min(60, len(headers(table, lang)[i - 1]) + 4))
            if column in _SHARE_COLUMNS:
                for cell in sheet[letter][1:]:
                    if isinstance(cell.value, float):
                        cell.number_format = "0.0%"
        sheet.freeze_panes = "A2"
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
