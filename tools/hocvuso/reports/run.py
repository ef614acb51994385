"""One report run: plan → inputs → engine → tables → HTML, XLSX, CSV in ``build/report/<plan>-<date>/``.

Nothing is half-written: inputs with errors stop the run before any output,
and the outputs are written into a staging folder that replaces the final one
only when complete.  The normalised tables (with learner ids) live in a
temporary folder outside build/ that is deleted at the end.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, Severity, codes
from hocvuso.reports.catalog import load_index
from hocvuso.reports.compute import Report, Table, compute
from hocvuso.reports.engine import EngineError, open_engine
from hocvuso.reports.html import render_html
from hocvuso.reports.inputs import ReadSummary, read_inputs
from hocvuso.reports.items import item_analysis
from hocvuso.reports.plans import load_plan
from hocvuso.reports.sheets_out import write_csvs, write_xlsx

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.catalog import CourseIndex


# The name ``progress`` is given while the engine computes (a file's name is never empty).
COMPUTING = ""


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked for."""

    plan: str
    roster: Path
    results: tuple[Path, ...]
    as_of: dt.date
    courses: Path = Path("courses")
    out: Path = Path("build")
    engine: str = "duckdb"
    min_cell: int = 5
    lang: str = "vi"


def build_report(req: Request, diags: Diagnostics, progress: Callable[[str, int, int], None] | None = None,
                 index: CourseIndex | None = None) -> Report | None:
    """Read and compute; None after reporting why not (errors in the plan or the inputs).

    ``index`` (the courses' items) is loaded from ``req.courses`` unless given, through ``<out>/.cache``.
    ``progress(name, done, total)`` follows each long read (``name``: the file's) and then the engine's passes
    (``name``: COMPUTING).
    """
    plan = load_plan(req.courses / "plans", req.plan, diags)
    if plan is None:
        return None
    if index is None:
        index = load_index(req.courses, diags, cache=req.out / ".cache")
    aspects = [str(p).split(":", 1)[1] if ":" in str(p) else "xapi" for p in req.results if str(p).split(":")[0] == "aspects"]
    files = [p for p in req.results if str(p).split(":")[0] != "aspects"]
    with tempfile.TemporaryDirectory(prefix="hocvuso-report-") as tmp:
        summary = read_inputs(req.roster, files, plan, index, req.as_of, Path(tmp), diags, progress,
                              external=bool(aspects))
        if diags.has_errors():
            return None
        try:
            engine = open_engine(req.engine)
        except EngineError as err:
            diags.add(codes.REPORT_ENGINE, Location(Path(req.engine or "duckdb")), engine=req.engine, problem=str(err))
            return None
        try:
            for name, paths in summary.files.items():
                engine.register(name, paths)
            for database in aspects:
                engine.add_aspects(database)
            step = None if progress is None else lambda done, total: progress(COMPUTING, done, total)
            report = compute(engine, plan, req.as_of, index, req.min_cell, step)
            report.tables["items"] = item_analysis(engine, plan, req.as_of, index, req.min_cell, diags)
        except EngineError as err:
            diags.add(codes.REPORT_ENGINE, Location(Path(req.engine or "duckdb")), engine=req.engine, problem=str(err))
            return None
        finally:
            engine.close()
    report.tables["quality"] = _quality(summary, diags)
    return report


def _quality(summary: ReadSummary, diags: Diagnostics) -> Table:
    """Counts of what was read and of the problems found (never the rows themselves)."""
    return Table("quality", ("what", "value"), [
        ("q_roster_rows", summary.roster_rows), ("q_learners", summary.learners), ("q_left_out", summary.left_out),
        ("q_result_files", summary.result_files), ("q_attempts", summary.attempts), ("q_responses", summary.responses),
        ("q_errors", diags.count(Severity.ERROR)), ("q_warnings", diags.count(Severity.WARNING)),
    ])


def write_report(report: Report, out: Path, lang: str) -> Path:
    """Write every output into ``out/report/<plan>-<date>/`` (replacing an older run of the same day)."""
    final = out / "report" / f"{report.plan.id}-{report.as_of.isoformat()}"
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        (staging / "index.html").write_text(render_html(report, lang), encoding="utf-8")
        write_xlsx(report, staging / f"{final.name}.xlsx", lang)
        csv_dir = staging / "csv"
        csv_dir.mkdir()
        write_csvs(report, csv_dir, lang)
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return final
