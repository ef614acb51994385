"""``hocvuso report``: the KPI report a commune or province sends upward, from a roster and LMS exports.

    hocvuso report --plan nghe-an --roster roster.xlsx --results responses.csv --as-of 2026-12-31

Exit 0 with the report written, 1 when the plan or the inputs have errors
(every problem is listed with ``file:row:column``; nothing is written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

MESSAGES = {
    "vi": {"written": "Đã ghi báo cáo vào {path}", "failed": "Không tạo báo cáo; chưa ghi gì vào {out}.",
           "bad_date": "--as-of phải là ngày dạng YYYY-MM-DD, ví dụ 2026-12-31", "reading": "Đang đọc",
           "computing": "Đang tính số liệu"},
    "en": {"written": "Report written to {path}", "failed": "No report made; nothing was written to {out}.",
           "bad_date": "--as-of must be a date YYYY-MM-DD, e.g. 2026-12-31", "reading": "Reading",
           "computing": "Computing"},
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(MESSAGES["vi"]["bad_date"] + " / " + MESSAGES["en"]["bad_date"]) from err


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``report`` sub-command's options."""
    p = sub.add_parser("report", help="the KPI report of a plan from a roster and LMS results (build/report/)")
    p.add_argument("--plan", required=True, help="plan name in courses/plans/ (nghe-an, an-bien, bac-ninh, tra-vinh, son-kim-1) "
                                                  "or a path to a plan .yaml")
    p.add_argument("--roster", required=True, type=Path, help="the roster: .csv, .xlsx or .parquet")
    p.add_argument("--results", nargs="*", type=Path, default=[], metavar="FILE",
                   help="LMS exports: Open edX problem responses / grade report CSV, Moodle SCORM interactions .txt, "
                        "offline result .json files (or a folder of them), or Parquet")
    p.add_argument("--as-of", type=_date, default=dt.datetime.now(dt.UTC).date(), help="count results up to this day (default: today)")
    p.add_argument("--engine", default="duckdb", help="duckdb (default), chdb, or clickhouse://user:password@host:8123/db")
    p.add_argument("--min-cell", type=int, default=5, help="suppress counts below this (default 5)")
    p.add_argument("--courses", type=Path, default=Path("courses"), help="the courses folder (default: courses)")
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    p.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("HOCVUSO_LANG", "vi"), help="language")
    p.add_argument("--ignore", action="append", default=[], metavar="CODE", help="ignore a code (HV811, report.*)")


def progress_printer(lang: str) -> Callable[[str, int, int], None] | None:
    """A one-line progress bar on stderr for long reads and the engine's passes (only on a terminal)."""
    if not sys.stderr.isatty():
        return None
    from hocvuso.reports.run import COMPUTING

    def show(name: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(1, total))
        end = "\n" if done >= total else ""
        label = MESSAGES[lang]["computing"] if name == COMPUTING else f"{MESSAGES[lang]['reading']} {name}"
        print(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done * 100 // max(1, total):3d}%",
              end=end, file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    """Build the report; print problems like ``hocvuso check`` does."""
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.run import Request, build_report, write_report

    diags = Diagnostics(args.ignore)
    req = Request(plan=args.plan, roster=args.roster, results=tuple(args.results), as_of=args.as_of, courses=args.courses,
                  out=args.out, engine=args.engine, min_cell=max(1, args.min_cell), lang=args.lang)
    report = build_report(req, diags, progress_printer(args.lang))
    for diag in diags:
        print(diags.render(diag, args.lang), file=sys.stderr)
    if len(diags):
        print(diags.summary(args.lang), file=sys.stderr)
    if report is None:
        print(MESSAGES[args.lang]["failed"].format(out=args.out), file=sys.stderr)
        return 1
    path = write_report(report, args.out, args.lang)
    print(MESSAGES[args.lang]["written"].format(path=path))
    return 0
