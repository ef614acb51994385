"""Spreadsheets as Vietnamese offices produce them: CSV in any of Excel's encodings, or XLSX.

A :class:`Sheet` is a header and rows of text cells, each row with the number
Excel would show for it, so every later problem can point at ``file:row:column``.
Text is decoded by byte-order mark first (UTF-8, UTF-16), then strict UTF-8,
then Windows-1258 (Excel's "CSV" on a Vietnamese Windows); Windows-1258 writes
tone marks as combining characters, so every cell is normalised to NFC.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics, Location, codes

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

ENCODINGS_TRIED = "UTF-8, UTF-8 BOM, UTF-16, Windows-1258"
# An .xlsx is a zip: past this many bytes unzipped it is refused before openpyxl builds it in memory (Excel's own
# 1,048,576 rows of a roster's 11 columns come to about 150 MB; a few kilobytes of zip can declare gigabytes).
MAX_XLSX_UNZIPPED = 256 * 2**20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DELIMITERS = ",;\t"


@dataclass(slots=True)
class Sheet:
    """A table read from a file: header cells and data rows (row number, cells)."""

    path: Path
    header: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = ""

    def loc(self, row: int, col: int) -> Location:
        """Where a cell is: ``file:row:column`` with columns counted from 1."""
        return Location(self.path, row, col)


def decode(data: bytes) -> tuple[str, str] | None:
    """The text of a CSV file and the encoding used, or None when no encoding fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) * 3 > len(sample):  # UTF-16 without a mark: every other byte is NUL
        return data.decode("utf-16-le" if sample[1] == 0 else "utf-16-be"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "windows-1258"
    except UnicodeDecodeError:
        return None


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _nfc(text: str) -> str:
    """A cell as compared and shown: NFC, trimmed, without control characters (a damaged export's bytes; no
    spreadsheet cell may hold them, and 'Xã\x01Bình' must not stand apart from 'Xã Bình' unseen)."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()


def read_csv(path: Path, kind: str, diags: Diagnostics, progress: Callable[[int, int], None] | None = None) -> Sheet | None:
    """Read a CSV (comma, semicolon or tab separated) into a :class:`Sheet`; None after reporting why not."""
    data = path.read_bytes()
    decoded = decode(data)
    if decoded is None:
        diags.add(codes.REPORT_ENCODING, Location(path), path=str(path), tried=ENCODINGS_TRIED)
        return None
    text, encoding = decoded
    if text.startswith("\ufeff"):
        text = text[1:]
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    raw: list[tuple[int, list[str]]] = []
    line = 1
    total = text.count("\n") + 1
    try:
        for i, cells in enumerate(reader):
            raw.append((line, [_nfc(c) for c in cells]))
            line = reader.line_num + 1
            if progress is not None and i % 20000 == 0:
                progress(min(line, total), total)
    except csv.Error as err:  # e.g. a cell over 128 KB: not a table an office wrote
        diags.add(codes.REPORT_UNREADABLE, Location(path, line), path=str(path), problem=str(err))
        return None
    if progress is not None:
        progress(total, total)
    return _to_sheet(path, raw, kind, encoding, diags)


def read_xlsx(path: Path, kind: str, diags: Diagnostics) -> Sheet | None:
    """Read the first worksheet of an .xlsx workbook; merged header cells are refused."""
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:  # the sizes its members declare bound what reading them can produce
            unzipped = sum(member.file_size for member in archive.infolist())
    except (OSError, zipfile.BadZipFile) as err:
        diags.add(codes.REPORT_UNREADABLE, Location(path), path=str(path), problem=str(err) or type(err).__name__)
        return None
    if unzipped > MAX_XLSX_UNZIPPED:
        diags.add(codes.REPORT_TOO_LARGE, Location(path), path=str(path), size=f"{unzipped / 2**20:.1f}",
                  limit=MAX_XLSX_UNZIPPED // 2**20)
        return None
    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        diags.add(codes.REPORT_UNREADABLE, Location(path), path=str(path), problem=str(err) or type(err).__name__)
        return None
    sheet = book.worksheets[0]
    raw = [(r, [_cell_text(v) for v in values]) for r, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    header_row = next((r for r, cells in raw if any(cells)), 0)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= header_row + 1 and merged.max_row >= header_row - 1 and header_row:
            width = max((len([c for c in cells if c]) for r, cells in raw if r > header_row), default=0)
            filled = len([c for c in raw[header_row - 1][1] if c])
            diags.add(codes.REPORT_MERGED_HEADER, Location(path, merged.min_row, merged.min_col),
                      row=merged.min_row, filled=filled, width=max(width, filled))
            return None
    return _to_sheet(path, raw, kind, "xlsx", diags)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _nfc(str(value))


def _to_sheet(path: Path, raw: list[tuple[int, list[str]]], kind: str, encoding: str, diags: Diagnostics) -> Sheet | None:
    """Find the header (the first non-empty row) and refuse one that spans several rows."""
    rows = [(r, cells) for r, cells in raw if any(cells)]
    if not rows:
        diags.add(codes.REPORT_EMPTY_FILE, Location(path), path=str(path))
        return None
    header_row, header = rows[0]
    data = rows[1:]
    width = max((max(i for i, c in enumerate(cells) if c) + 1 for _, cells in data), default=len(header))
    names = header + [""] * max(0, width - len(header))
    blank = [i for i, name in enumerate(names[:width]) if not name]
    if blank:
        diags.add(codes.REPORT_MERGED_HEADER, Location(path, header_row, blank[0] + 1),
                  row=header_row, filled=width - len(blank), width=width)
        return None
    if not data:
        diags.add(codes.REPORT_EMPTY_FILE, Location(path, header_row), path=str(path))
        return None
    del kind  # named in callers' messages; the reader itself is format-neutral
    return Sheet(path, list(names), header_row, data, encoding)


def read_table(path: Path, kind: str, diags: Diagnostics, progress: Callable[[int, int], None] | None = None) -> Sheet | None:
    """A CSV/TXT or XLSX file as a :class:`Sheet` (by extension)."""
    if not path.is_file():
        diags.add(codes.REPORT_FILE_NOT_FOUND, Location(path), path=str(path), option=kind)
        return None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, kind, diags)
    return read_csv(path, kind, diags, progress)


def fold(text: str) -> str:
    """A header or value folded for matching: no diacritics, lower case, words separated by one space."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def find_columns(sheet: Sheet, wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Column index (0-based) of each wanted field whose header matches one of its names."""
    folded = [fold(h) for h in sheet.header]
    found: dict[str, int] = {}
    for key, names in wanted.items():
        for name in names:
            if fold(name) in folded:
                found[key] = folded.index(fold(name))
                break
    return found


def cell(cells: list[str], index: int | None) -> str:
    """The cell at ``index`` or '' (rows may be shorter than the header)."""
    if index is None or index >= len(cells):
        return ""
    return cells[index]
