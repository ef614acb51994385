"""``hocvuso report`` at national scale: synthetic learners as Parquet, the whole report against floors.

    .venv/bin/python benchmarks/report_scale.py                 # 1 M learners, 3 runs
    .venv/bin/python benchmarks/report_scale.py 1 10 --runs 1   # 1 M and 10 M
    .venv/bin/python benchmarks/report_scale.py 1 --data /tmp/hv --tools /tmp/old/tools   # another checkout's code

For each size it writes the four normalised tables as Parquet, a million
learners at a time (1.23 attempts, 4.9 competency shares and 7.1 item responses
per learner: 8 distinct questions for those who took part, a fifth of them
retrying two), then runs, ``--runs`` times in turn and each in its own process
(so peak memory is measured alone):

* the **floor** of issue 12: one DuckDB ``GROUP BY grp, commune`` of the roster
  joined with the passed attempts, over the same files (1 M + 1.2 M rows read);
* the **scan floor**: that query plus one ``GROUP BY`` of each item-level table
  at its grain (responses by learner × item, competency shares by learner ×
  competency, then per item / competency).  The report's pre/post change and
  item analysis cannot do less than read and group those 12 M rows once, which
  the issue's floor never touches, so this is the fair lower bound for them;
* the **whole report**: imports, plan, course index (kept from an earlier run,
  as ``build/.cache`` keeps it; the first, cold load is printed apart as
  ``index_cold_s``), every KPI query, pre/post, item analysis, HTML, XLSX and
  CSV (``build_report`` + ``write_report``, DuckDB).

It prints medians of wall seconds and CPU seconds (all threads; steadier than
wall time on a shared machine), the ratios to both floors, the report's phases,
peak memory (RSS), the load average, and the growth per learner between sizes.
Timing is never asserted: it is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hocvuso.reports.catalog import CourseIndex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

CHILD_FLOOR = """
import duckdb, json, sys, time
folder = sys.argv[1]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
FLOOR = f'''
    SELECT r.grp, r.commune, COUNT(*) AS learners, COUNT(a.learner_id) AS reached
    FROM read_parquet('{folder}/roster.parquet') AS r
    LEFT JOIN (SELECT DISTINCT learner_id FROM read_parquet('{folder}/attempts.parquet') WHERE passed = 1) AS a
    ON a.learner_id = r.learner_id
    GROUP BY r.grp, r.commune'''
ITEM_GRAIN = [f'''
    SELECT item, COUNT(*) AS learners, AVG(correct) AS p FROM (
        SELECT learner_id, item, MIN(correct) AS correct
        FROM read_parquet('{folder}/responses.parquet') GROUP BY learner_id, item) AS f
    GROUP BY item''', f'''
    SELECT code, COUNT(*) AS learners, AVG(share) AS share FROM (
        SELECT learner_id, code, MAX(share) AS share
        FROM read_parquet('{folder}/competencies.parquet') GROUP BY learner_id, code) AS c
    GROUP BY code''']
out = {}
for name, queries in (("floor", [FLOOR]), ("scan_floor", [FLOOR, *ITEM_GRAIN])):
    t, c = time.perf_counter(), time.process_time()
    for sql in queries:
        con.execute(sql).fetchall()
    out[name + "_s"], out[name + "_cpu_s"] = time.perf_counter() - t, time.process_time() - c
print(json.dumps(out))
"""

CHILD_REPORT = """
import datetime as dt, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
t0 = time.perf_counter()
from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.catalog import load_index
from hocvuso.reports.run import Request, build_report, write_report
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
t1 = time.perf_counter()
diags = Diagnostics()
try:  # the index kept by an earlier run, as build/.cache keeps it (older checkouts, --tools, had no cache)
    index = load_index(Path(sys.argv[4]), diags, cache=Path(sys.argv[5]))
except TypeError:
    index = load_index(Path(sys.argv[4]), diags)
t2 = time.perf_counter()
req = Request(plan="nghe-an", roster=folder / "roster.parquet",
              results=tuple(folder / f"{n}.parquet" for n in ("attempts", "competencies", "responses")),
              as_of=dt.date(2026, 12, 31), courses=Path(sys.argv[4]), out=out)
c2 = time.process_time()
report = build_report(req, diags, index=index)
assert report is not None, [diags.render(d, "en") for d in diags]
t3, c3 = time.perf_counter(), time.process_time()
write_report(report, out, "vi")
t4 = time.perf_counter()
print(json.dumps({"report_s": t4 - t0, "report_cpu_s": time.process_time(), "imports_s": t1 - t0,
                  "course_index_s": t2 - t1, "queries_s": t3 - t2, "queries_cpu_s": c3 - c2, "outputs_s": t4 - t3}))
"""

CHILD_INDEX = """
import json, shutil, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.catalog import load_index
shutil.rmtree(sys.argv[3], ignore_errors=True)
t = time.perf_counter()
try:  # the first run: loads the courses and keeps the index
    load_index(Path(sys.argv[2]), Diagnostics(), cache=Path(sys.argv[3]))
except TypeError:
    load_index(Path(sys.argv[2]), Diagnostics())
print(json.dumps({"index_cold_s": time.perf_counter() - t}))
"""


def generate(n: int, folder: Path, chunk: int = 1_000_000) -> dict[str, int]:
    """Write roster/attempts/competencies/responses.parquet for ``n`` learners, ``chunk`` learners at a time
    (numpy, vectorised; memory stays that of one chunk, so 10 M fits on a shared machine)."""
    import numpy as np
    import pyarrow.parquet as pq

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.catalog import load_index
    from hocvuso.reports.tables import SCHEMAS

    rng = np.random.default_rng(2026)
    index = load_index(ROOT / "courses", Diagnostics())
    counts = dict.fromkeys(SCHEMAS, 0)
    writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}
    try:
        for first in range(0, n, chunk):
            got = _chunk(first, min(chunk, n - first), rng, index, writers)
            counts = {k: counts[k] + got[k] for k in counts}
    finally:
        for writer in writers.values():
            writer.close()
    return counts


def _chunk(first: int, n: int, rng: Any, index: CourseIndex, out: dict[str, Any]) -> dict[str, int]:
    """Learners ``first`` … ``first + n − 1`` and their results, appended to the open Parquet writers."""
    import numpy as np
    import pyarrow as pa

    groups = np.array(["citizens", "officials", "students", "workers"])
    grp = groups[rng.choice(4, size=n, p=[0.55, 0.15, 0.2, 0.1])]
    number = np.arange(first, first + n)
    ids = np.char.add("L", number.astype(str))
    communes = np.char.add("Xã Mẫu ", rng.integers(1, 461, size=n).astype(str))  # Nghệ An has about 460 communes
    roster = pa.table({
        "learner_id": ids, "grp": grp, "province": np.full(n, "Nghệ An"), "commune": communes,
        "village": np.char.add("Thôn ", rng.integers(1, 20, size=n).astype(str)),
        "birth_year": rng.integers(1940, 2012, size=n).astype(np.int32), "sex": rng.choice(["M", "F"], size=n),
        "ethnic": np.full(n, "Kinh"), "disabled": (rng.random(n) < 0.03).astype(np.int8),
        "household": np.char.add("H", (number // 3).astype(str)),
        "mentor": np.char.add("M", (number // 6).astype(str)),
    })
    out["roster"].write_table(roster.cast(out["roster"].schema))
    # Attempts: 85 % took the assessment; a third of them a second attempt; 10 % a placement pre-test.
    takers = np.flatnonzero(rng.random(n) < 0.85)
    second = takers[rng.random(takers.size) < 0.33]
    placed = np.flatnonzero(rng.random(n) < 0.10)
    who = np.concatenate([takers, second, placed])
    mode = np.concatenate([np.full(takers.size + second.size, "certification"), np.full(placed.size, "placement")])
    attempt = np.concatenate([np.ones(takers.size), np.full(second.size, 2), np.ones(placed.size)]).astype(np.int32)
    day0 = np.datetime64("2026-01-01")
    submitted = day0 + rng.integers(0, 360, size=who.size).astype("timedelta64[D]")
    passed = ((rng.random(who.size) < 0.6) & (mode == "certification")).astype(np.int8)
    attempts = pa.table({
        "learner_id": ids[who], "mode": mode, "attempt": attempt, "submitted": submitted.astype("datetime64[D]"),
        "overall": rng.random(who.size), "passed": passed, "credential": passed, "source": np.full(who.size, "bench"),
    })
    out["attempts"].write_table(attempts.cast(out["attempts"].schema))
    # Competencies: 4 shares per attempt.
    codes = np.array(["1.1", "2.3", "4.2", "6.2"])
    rep = np.repeat(np.arange(who.size), 4)
    comps = pa.table({
        "learner_id": ids[who][rep], "mode": mode[rep], "attempt": attempt[rep], "submitted": submitted[rep].astype("datetime64[D]"),
        "code": np.tile(codes, who.size), "share": rng.random(rep.size),
    })
    out["competencies"].write_table(comps.cast(out["competencies"].schema))
    # Responses: each learner who took part answers 8 distinct questions of their course (a run of consecutive
    # practice questions, as in a lesson), and a fifth of them tries 2 of those again (attempt 2), so the first-try
    # rule has work to do.  A learner's ability makes right answers go together (a real point-biserial).
    per, retried = 8, 2
    learners = takers
    pools = {g: _pool(index, str(g)) for g in groups}
    item_ids = np.empty(learners.size * per, dtype=object)
    keys = np.empty(learners.size * per, dtype=object)
    for g in groups:
        pool = pools[g]
        rows = np.flatnonzero(np.repeat(grp[learners] == g, per))
        start = np.repeat(rng.integers(0, len(pool), size=rows.size // per), per)
        pick = (start + np.tile(np.arange(per), rows.size // per)) % len(pool)
        item_ids[rows] = np.array([i for i, _ in pool], dtype=object)[pick]
        keys[rows] = np.array([k for _, k in pool], dtype=object)[pick]
    ability = np.repeat(rng.random(learners.size), per)
    correct = (rng.random(learners.size * per) < 0.35 + 0.55 * ability).astype(np.int8)
    again = np.flatnonzero(np.repeat(rng.random(learners.size) < 0.2, per) & (np.arange(learners.size * per) % per < retried))
    who_r = np.concatenate([np.repeat(learners, per), np.repeat(learners, per)[again]])
    item_r = np.concatenate([item_ids, item_ids[again]]).astype(str)
    key_r = np.concatenate([keys, keys[again]]).astype(str)
    correct_r = np.concatenate([correct, (rng.random(again.size) < 0.8).astype(np.int8)])
    attempt_r = np.concatenate([np.ones(correct.size, np.int32), np.full(again.size, 2, np.int32)])
    responses = pa.table({
        "learner_id": ids[who_r], "item": item_r, "attempt": attempt_r, "correct": correct_r,
        "response": np.where(correct_r == 1, key_r, "x"), "source": np.full(who_r.size, "bench"),
        "course": grp[who_r].astype(str),  # each group's own course (the course folder is named after the group)
    })
    out["responses"].write_table(responses.cast(out["responses"].schema))
    return {"roster": n, "attempts": who.size, "competencies": rep.size, "responses": who_r.size}


def _pool(index: CourseIndex, group: str) -> list[tuple[str, str]]:
    """(question id, key) of the questions a group's learners answer: its course's practice questions, else its bank."""
    chosen = index.practice(group) or index.bank(group)
    return sorted((i.id, i.correct_keys or "a") for i in chosen) or [("x", "a")]


def child(code: str, *args: str, cwd: Path) -> tuple[dict[str, float], float]:
    """Run ``code`` in a fresh Python; → (the JSON object it printed last, its peak RSS in MB)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True, cwd=cwd)  # cwd: where DuckDB spills, inside the run's temporary folder
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return figures, int(out.stderr.strip().splitlines()[-1]) / 1024


def measure(n: int, folder: Path, tools: Path, runs: int) -> dict[str, Any]:
    """Floors and whole report ``runs`` times in turn on the data in ``folder``; → medians and ratios."""
    samples: list[dict[str, float]] = []
    cache = folder.parent / "index-cache"
    cold = child(CHILD_INDEX, str(tools), str(ROOT / "courses"), str(cache), cwd=folder.parent)[0]["index_cold_s"]
    load = [os.getloadavg()[0]]
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="hv-bench-run-") as tmp:
            floors, floor_mb = child(CHILD_FLOOR, str(folder), cwd=Path(tmp))
            whole, whole_mb = child(CHILD_REPORT, str(folder), str(Path(tmp) / "out"), str(tools), str(ROOT / "courses"),
                                    str(cache), cwd=Path(tmp))
        samples.append({**floors, **whole, "floor_peak_mb": floor_mb, "report_peak_mb": whole_mb})
        load.append(os.getloadavg()[0])
    med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
    row: dict[str, Any] = {"learners": n, **{k: round(v, 2) for k, v in med.items()}, "index_cold_s": round(cold, 2)}
    for part in ("report", "queries"):
        for floor in ("floor", "scan_floor"):
            row[f"{part}/{floor}"] = round(statistics.median(s[f"{part}_s"] / s[f"{floor}_s"] for s in samples), 2)
    row["report_cpu/scan_floor_cpu"] = round(statistics.median(s["report_cpu_s"] / s["scan_floor_cpu_s"] for s in samples), 2)
    row["report_s_each_run"] = [round(s["report_s"], 2) for s in samples]
    row["floor_s_each_run"] = [round(s["floor_s"], 2) for s in samples]
    row["load_average_1min"] = [round(x, 1) for x in load]
    row["peak_mb"] = round(max(s["report_peak_mb"] for s in samples))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("millions", nargs="*", type=float, default=[1.0], help="sizes in millions of learners (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="floors and report this many times each, medians (default 3)")
    parser.add_argument("--tools", type=Path, default=ROOT / "tools", help="the hocvuso code to time (default: this checkout)")
    parser.add_argument("--data", type=Path, help="keep the generated Parquet here and reuse it (default: a temporary folder)")
    args = parser.parse_args()
    rows = []
    for n in (int(m * 1_000_000) for m in args.millions):
        with tempfile.TemporaryDirectory(prefix="hv-bench-") as tmp:
            folder = (args.data or Path(tmp)) / f"learners-{n}"
            if not (folder / "responses.parquet").is_file():
                folder.mkdir(parents=True, exist_ok=True)
                t = time.perf_counter()
                counts = generate(n, folder)
                print(json.dumps({"learners": n, **counts, "generate_s": round(time.perf_counter() - t, 1)}), flush=True)
            size_mb = sum(p.stat().st_size for p in folder.glob("*.parquet")) / 1e6
            rows.append({**measure(n, folder, args.tools, args.runs), "parquet_mb": round(size_mb, 1)})
            print(json.dumps(rows[-1]), flush=True)
            if args.data is None:
                shutil.rmtree(folder)
    for a, b in itertools.pairwise(rows):
        for what in ("report_s", "queries_s", "scan_floor_s"):
            growth = (b[what] / b["learners"]) / (a[what] / a["learners"])
            print(f"{what} per learner at {b['learners']:,} / at {a['learners']:,}: {growth:.2f} (1.00 = linear)")
    print(f"run on {dt.date.today()}, {os.cpu_count()} CPUs; goal: report/floor <= 2, peak <= 4096 MB, linear growth")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
