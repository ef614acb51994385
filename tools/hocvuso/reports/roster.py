"""The roster: who is in scope, in which group and unit (see docs/reports.md, "Roster columns").

Column names are matched without diacritics or case, so 'Mã người học',
'MA NGUOI HOC' and 'learner_id' are the same column.  Columns not listed here
are ignored (they may hold names or phone numbers: those are never read).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes, terms
from hocvuso.reports.sheet import Sheet, cell, find_columns, fold

if TYPE_CHECKING:
    import datetime as dt

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.tables import Table

COLUMNS: dict[str, tuple[str, ...]] = {
    "learner_id": ("learner_id", "mã người học", "mã học viên", "mã định danh", "username", "tên đăng nhập", "id"),
    "group": ("group", "nhóm", "nhóm đối tượng", "đối tượng"),
    "province": ("province", "tỉnh", "tỉnh/thành phố", "tỉnh, thành phố"),
    "commune": ("commune", "ward", "xã/phường", "xã, phường", "xã", "phường", "đơn vị", "đặc khu"),
    "village": ("village", "thôn/tổ dân phố", "thôn, tổ dân phố", "thôn", "tổ dân phố", "ấp", "bản", "khu dân cư"),
    "birth_year": ("birth_year", "năm sinh"),
    "sex": ("sex", "giới tính"),
    "ethnic": ("ethnic_group", "ethnic", "dân tộc"),
    "disability": ("disability", "khuyết tật", "người khuyết tật"),
    "household": ("household_id", "household", "mã hộ", "mã hộ gia đình", "hộ gia đình"),
    "mentor": ("mentor_id", "mentor", "mã người hướng dẫn", "người hướng dẫn", "đại sứ số"),
}
REQUIRED = ("learner_id", "group", "commune")

GROUPS: dict[str, tuple[str, ...]] = {
    "officials": ("officials", "cán bộ, công chức, viên chức", "cán bộ công chức viên chức", "cbccvc", "cán bộ", "công chức",
                  "viên chức"),
    "students": ("students", "học sinh, sinh viên", "học sinh sinh viên", "hssv", "học sinh", "sinh viên"),
    "workers": ("workers", "người lao động", "lao động", "người lao động trong doanh nghiệp", "lao động doanh nghiệp"),
    "citizens": ("citizens", "người dân", "dân cư", "người dân trưởng thành"),
}
_GROUP_OF = {fold(alias): group for group, aliases in GROUPS.items() for alias in aliases}
_YES = {"x", "co", "1", "true", "yes", "y", "khuyet tat", "co khuyet tat"}
_NO = {"", "0", "khong", "no", "n", "false", "binh thuong"}


def group_of(value: str) -> str | None:
    """The course group a roster's group cell names, or None."""
    return _GROUP_OF.get(fold(value))


def read_roster(sheet: Sheet, table: Table, diags: Diagnostics, today: dt.date) -> tuple[list[int], dict[str, int]]:
    """Add the sheet's learners to ``table``; → the sheet row of each learner taken, and the columns found."""
    cols = find_columns(sheet, COLUMNS)
    missing = [key for key in REQUIRED if key not in cols]
    for key in missing:
        diags.add(codes.REPORT_MISSING_COLUMN, sheet.loc(sheet.header_row, 1), kind=terms.ROSTER, column=key,
                  accepted=", ".join(COLUMNS[key]), found=", ".join(sheet.header))
    if missing:
        return [], cols
    seen: dict[str, int] = {}
    taken: list[int] = []
    for row, cells in sheet.rows:
        learner = cell(cells, cols["learner_id"])
        if not learner:
            diags.add(codes.REPORT_BAD_VALUE, sheet.loc(row, cols["learner_id"] + 1), value="", column=sheet.header[cols["learner_id"]],
                      allowed=terms.A_LEARNER_ID)
            continue
        if learner in seen:
            diags.add(codes.REPORT_DUPLICATE_LEARNER, sheet.loc(row, cols["learner_id"] + 1), id=learner, first=seen[learner])
            continue
        seen[learner] = row
        group_cell = cell(cells, cols["group"])
        group = group_of(group_cell)
        if group is None:
            diags.add(codes.REPORT_UNKNOWN_GROUP, sheet.loc(row, cols["group"] + 1), value=group_cell,
                      allowed=", ".join(f"{g} ({a[1]})" for g, a in GROUPS.items()))
            continue
        table.add(learner_id=learner, grp=group, province=cell(cells, cols.get("province")),
                  commune=cell(cells, cols["commune"]), village=cell(cells, cols.get("village")),
                  birth_year=_birth_year(sheet, row, cols.get("birth_year"), cells, diags, today),
                  sex=_sex(cell(cells, cols.get("sex"))), ethnic=cell(cells, cols.get("ethnic")),
                  disabled=_flag(sheet, row, cols.get("disability"), cells, diags),
                  household=cell(cells, cols.get("household")) or None, mentor=cell(cells, cols.get("mentor")) or None)
        taken.append(row)
    return taken, cols


def _birth_year(sheet: Sheet, row: int, index: int | None, cells: list[str], diags: Diagnostics, today: dt.date) -> int | None:
    text = cell(cells, index)
    if not text:
        return None
    year = text[-4:] if len(text) >= 4 and text[-4:].isdigit() else text  # '15/03/1958' and '1958' both give 1958
    if year.isdigit() and today.year - 120 <= int(year) <= today.year:
        return int(year)
    assert index is not None
    diags.add(codes.REPORT_BIRTH_YEAR, sheet.loc(row, index + 1), value=text)
    return None


def _sex(text: str) -> str:
    folded = fold(text)
    if folded in ("nam", "male", "m"):
        return "M"
    if folded in ("nu", "female", "f"):
        return "F"
    return ""


def _flag(sheet: Sheet, row: int, index: int | None, cells: list[str], diags: Diagnostics) -> int | None:
    if index is None:
        return None
    folded = fold(cell(cells, index))
    if folded in _YES:
        return 1
    if folded in _NO:
        return 0
    diags.add(codes.REPORT_BAD_VALUE, sheet.loc(row, index + 1), value=cell(cells, index), column=sheet.header[index],
              allowed=terms.DISABILITY_VALUES)
    return None
