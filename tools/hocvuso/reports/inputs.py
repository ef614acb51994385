"""Read the roster and every results file into the four normalised tables, as Parquet in a private folder.

The folder is a temporary one (never under build/): the roster holds personal
data and must not be copied next to the report.  Parquet inputs already in
hocvuso's layout are passed to the engine as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes, terms
from hocvuso.diagnostics.terms import did_you_mean
from hocvuso.reports import offline, results
from hocvuso.reports.roster import read_roster
from hocvuso.reports.sheet import Sheet, fold, read_table
from hocvuso.reports.tables import Tables, check_parquet

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from pathlib import Path

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.catalog import CourseIndex
    from hocvuso.reports.plans import Plan

UNKNOWN_UNIT = "(chưa rõ đơn vị)"
_PREFIXES = ("tinh ", "thanh pho ", "xa ", "phuong ", "dac khu ", "thi tran ")


@dataclass(slots=True)
class ReadSummary:
    """What was read, for the report's data-quality table (counts only)."""

    roster_rows: int = 0
    learners: int = 0
    left_out: int = 0
    result_files: int = 0
    attempts: int = 0
    responses: int = 0
    files: dict[str, list[Path]] = field(default_factory=dict)


def place(name: str) -> str:
    """A place name folded for comparison, without 'Tỉnh', 'Xã', 'Phường' …"""
    folded = fold(name)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


def read_inputs(roster_path: Path, result_paths: list[Path], plan: Plan, index: CourseIndex, as_of: dt.date,
                workdir: Path, diags: Diagnostics, progress: Callable[[str, int, int], None] | None = None,
                external: bool = False) -> ReadSummary:
    """Fill the tables from the files; write them to ``workdir``; problems go to ``diags``.

    ``external``: results also come from the engine's own tables (Aspects), so no file is not an omission.
    """
    summary = ReadSummary()
    tables = Tables()
    parquet: dict[str, list[Path]] = {}
    if roster_path.suffix.lower() == ".parquet":
        parquet["roster"] = [roster_path] if _layout_ok(roster_path, "roster", diags) else []
    else:
        _read_roster(roster_path, tables, plan, as_of, diags, summary, progress)
    learners = dict(zip(tables.roster.columns["learner_id"], tables.roster.columns["grp"], strict=True))
    state = results.ReadState(learners, index, as_of)
    for path in _expand(result_paths):
        summary.result_files += 1
        if path.suffix.lower() == ".parquet":
            name = _parquet_table(path)
            if name is None or not _layout_ok(path, name, diags):
                continue
            parquet.setdefault(name, []).append(path)
        elif offline.is_result_file(path):
            offline.read_result_file(path, tables, state, diags)
        else:
            _read_results(path, tables, state, diags, progress)
    results.finish(state, diags)
    if not result_paths and not external:
        diags.add(codes.REPORT_NO_RESULTS, Location(roster_path))
    without = set(learners) - set(tables.attempts.columns["learner_id"]) - set(tables.responses.columns["learner_id"])
    if learners and without and not external and not any(k != "roster" for k in parquet):
        diags.add(codes.REPORT_LEARNERS_WITHOUT_RESULT, Location(roster_path), count=len(without))
    summary.attempts, summary.responses = len(tables.attempts), len(tables.responses)
    written = tables.write(workdir)
    for name, own in written.items():
        given = parquet.get(name, [])
        read_here = len(getattr(tables, name)) > 0 or not given
        summary.files[name] = given + (own if read_here and not (name == "roster" and given) else [])
    return summary


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the result files in it (a mentor's collection)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in (".json", ".csv", ".txt", ".xlsx", ".parquet")))
        else:
            out.append(path)
    return out


def _parquet_table(path: Path) -> str | None:
    for name in ("roster", "attempts", "competencies", "responses"):
        if path.stem.startswith(name):
            return name
    return None


def _layout_ok(path: Path, name: str, diags: Diagnostics) -> bool:
    if not path.is_file():
        diags.add(codes.REPORT_FILE_NOT_FOUND, Location(path), path=str(path), option="--results")
        return False
    missing = check_parquet(path, name)
    for column in missing:
        diags.add(codes.REPORT_MISSING_COLUMN, Location(path), kind=name, column=column, accepted=column, found="Parquet")
    return not missing


def _read_roster(path: Path, tables: Tables, plan: Plan, as_of: dt.date, diags: Diagnostics, summary: ReadSummary,
                 progress: Callable[[str, int, int], None] | None) -> None:
    sheet = read_table(path, "--roster", diags, _bar(progress, path))
    if sheet is None:
        return
    summary.roster_rows = len(sheet.rows)
    rows, cols = read_roster(sheet, tables.roster, diags, as_of)
    _check_area(tables, plan, sheet, rows, cols, diags)
    summary.learners = len(tables.roster)
    summary.left_out = summary.roster_rows - summary.learners


def _check_area(tables: Tables, plan: Plan, sheet: Sheet, rows: list[int], found: dict[str, int], diags: Diagnostics) -> None:
    """Leave out learners outside the plan's area; put misspelt or missing units in a named bucket."""
    cols = tables.roster.columns

    def at(i: int, key: str) -> Location:
        return sheet.loc(rows[i], found.get(key, 0) + 1)

    keep = []
    unit_col = plan.unit_level
    known = {place(u): u for u in plan.units}
    for i in range(len(tables.roster)):
        province, commune = cols["province"][i] or "", cols["commune"][i] or ""
        if plan.unit_level == "commune" and province and place(province) != place(plan.province):
            diags.add(codes.REPORT_OUTSIDE_AREA, at(i, "province"), value=province, area=plan.area)
            continue
        if plan.unit_level == "village" and commune and place(commune) != place(plan.area):
            diags.add(codes.REPORT_OUTSIDE_AREA, at(i, "commune"), value=commune, area=plan.area)
            continue
        unit = cols[unit_col][i] or ""
        if not unit:
            cols[unit_col][i] = UNKNOWN_UNIT
        elif known:
            match = known.get(place(unit))
            if match is None:
                diags.add(codes.REPORT_UNKNOWN_UNIT, at(i, unit_col), value=unit, plan=plan.id, bucket=terms.UNLISTED_UNIT,
                          suggestion=did_you_mean(unit, list(plan.units)), plan_file=str(plan.path))
                cols[unit_col][i] = UNKNOWN_UNIT
            else:
                cols[unit_col][i] = match
        keep.append(i)
    if len(keep) < len(tables.roster):
        for key, column in cols.items():
            cols[key] = [column[i] for i in keep]


def _read_results(path: Path, tables: Tables, state: results.ReadState, diags: Diagnostics,
                  progress: Callable[[str, int, int], None] | None) -> None:
    sheet = read_table(path, "--results", diags, _bar(progress, path))
    if sheet is None:
        return
    kind = results.kind_of(sheet)
    if kind == "problem_responses":
        results.read_problem_responses(sheet, tables, state, diags)
    elif kind == "grade_report":
        results.read_grade_report(sheet, tables, state, diags)
    elif kind == "moodle_interactions":
        results.read_moodle(sheet, tables, state, diags)
    else:
        diags.add(codes.REPORT_UNKNOWN_FORMAT, sheet.loc(sheet.header_row, 1), path=str(path), found=", ".join(sheet.header[:6]))


def _bar(progress: Callable[[str, int, int], None] | None, path: Path) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(path.name, done, total)
