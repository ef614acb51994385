"""``hocvuso report`` at national scale: synthetic learners as Parquet, the whole report against a floor.

    .venv/bin/python benchmarks/report_scale.py            # 1 M learners
    .venv/bin/python benchmarks/report_scale.py 1 10       # 1 M and 10 M

For each size it writes the four normalised tables as Parquet (about 1.3
attempts, 5 competency shares and 8 item responses per learner), then runs,
each in its own process so peak memory is measured alone:

* the floor: one DuckDB ``GROUP BY grp, commune`` of the roster joined with the
  passed attempts (the core KPI in a single query) over the same files;
* the whole report: plan, course index, every KPI query, item analysis, HTML,
  XLSX and CSV (``build_report`` + ``write_report``, DuckDB engine).

It prints seconds, the ratio to the floor, peak memory (RSS) and the growth
per learner between sizes.  Timing is never asserted: it is printed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

CHILD_FLOOR = """
import duckdb, sys, time
folder = sys.argv[1]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
con.execute(f'''
    SELECT r.grp, r.commune, COUNT(*) AS learners, COUNT(a.learner_id) AS reached
    FROM read_parquet('{folder}/roster.parquet') AS r
    LEFT JOIN (SELECT DISTINCT learner_id FROM read_parquet('{folder}/attempts.parquet') WHERE passed = 1) AS a
    ON a.learner_id = r.learner_id
    GROUP BY r.grp, r.commune''').fetchall()
print(time.perf_counter() - t)
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
index = load_index(Path(sys.argv[4]), diags)
t2 = time.perf_counter()
req = Request(plan="nghe-an", roster=folder / "roster.parquet",
              results=tuple(folder / f"{n}.parquet" for n in ("attempts", "competencies", "responses")),
              as_of=dt.date(2026, 12, 31), courses=Path(sys.argv[4]), out=out)
report = build_report(req, diags, index=index)
assert report is not None, [diags.render(d, "en") for d in diags]
t3 = time.perf_counter()
write_report(report, out, "vi")
t4 = time.perf_counter()
print(json.dumps({"imports_s": t1 - t0, "course_index_s": t2 - t1, "queries_s": t3 - t2, "outputs_s": t4 - t3}))
print(t4 - t0)
"""


def generate(n: int, folder: Path) -> dict[str, int]:
    """Write roster/attempts/competencies/responses.parquet for ``n`` learners (numpy, vectorised)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.catalog import load_index

    rng = np.random.default_rng(2026)
    index = load_index(ROOT / "courses", Diagnostics())
    groups = np.array(["citizens", "officials", "students", "workers"])
    grp = groups[rng.choice(4, size=n, p=[0.55, 0.15, 0.2, 0.1])]
    ids = np.char.add("L", np.arange(n).astype(str))
    communes = np.char.add("Xã Mẫu ", rng.integers(1, 461, size=n).astype(str))  # Nghệ An has about 460 communes
    roster = pa.table({
        "learner_id": ids, "grp": grp, "province": np.full(n, "Nghệ An"), "commune": communes,
        "village": np.char.add("Thôn ", rng.integers(1, 20, size=n).astype(str)),
        "birth_year": rng.integers(1940, 2012, size=n).astype(np.int32), "sex": rng.choice(["M", "F"], size=n),
        "ethnic": np.full(n, "Kinh"), "disabled": (rng.random(n) < 0.03).astype(np.int8),
        "household": np.char.add("H", (np.arange(n) // 3).astype(str)),
        "mentor": np.char.add("M", (np.arange(n) // 6).astype(str)),
    })
    pq.write_table(roster, folder / "roster.parquet")
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
    pq.write_table(attempts, folder / "attempts.parquet")
    # Competencies: 4 shares per attempt.
    codes = np.array(["1.1", "2.3", "4.2", "6.2"])
    rep = np.repeat(np.arange(who.size), 4)
    comps = pa.table({
        "learner_id": ids[who][rep], "mode": mode[rep], "attempt": attempt[rep], "submitted": submitted[rep].astype("datetime64[D]"),
        "code": np.tile(codes, who.size), "share": rng.random(rep.size),
    })
    pq.write_table(comps, folder / "competencies.parquet")
    # Responses: 8 practice items per learner who took part, of the learner's own course.
    items = {g: np.array([i.id for i in index.practice(g)][:8] or ["x"]) for g in groups}
    per = 8
    learners = takers
    item_ids = np.empty(learners.size * per, dtype=object)
    for g in groups:
        mask = np.repeat(grp[learners] == g, per)
        chosen = items[g][rng.integers(0, items[g].size, size=mask.sum())]
        item_ids[mask] = chosen
    correct = (rng.random(learners.size * per) < 0.7).astype(np.int8)
    responses = pa.table({
        "learner_id": np.repeat(ids[learners], per), "item": item_ids.astype(str), "attempt": np.ones(learners.size * per, np.int32),
        "correct": correct, "response": np.where(correct == 1, "b", "a"), "source": np.full(learners.size * per, "bench"),
    })
    pq.write_table(responses, folder / "responses.parquet")
    return {"roster": n, "attempts": who.size, "competencies": rep.size, "responses": learners.size * per}


def child(code: str, *args: str) -> tuple[float, float, dict[str, float]]:
    """Run ``code`` in a fresh Python; → (seconds it printed last, its peak RSS in MB, phases it printed before)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True)
    lines = out.stdout.strip().splitlines()
    phase_line = next((line for line in lines if line.startswith("{")), "{}")
    phases = {k: round(v, 2) for k, v in json.loads(phase_line).items()}
    peak_kb = int(out.stderr.strip().splitlines()[-1])
    return float(lines[-1]), peak_kb / 1024, phases


def main() -> int:
    sizes = [int(float(a) * 1_000_000) for a in (sys.argv[1:] or ["1"])]
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="hv-bench-") as tmp:
            folder, out = Path(tmp) / "data", Path(tmp) / "out"
            folder.mkdir()
            t = time.perf_counter()
            counts = generate(n, folder)
            gen = time.perf_counter() - t
            size_mb = sum(p.stat().st_size for p in folder.glob("*.parquet")) / 1e6
            floor, floor_mb, _ = child(CHILD_FLOOR, str(folder))
            whole, whole_mb, phases = child(CHILD_REPORT, str(folder), str(out), str(ROOT / "tools"), str(ROOT / "courses"))
            rows.append({"learners": n, **counts, "parquet_mb": round(size_mb, 1), "generate_s": round(gen, 1),
                         "floor_s": round(floor, 2), "report_s": round(whole, 2), "ratio": round(whole / floor, 2),
                         "queries_ratio": round(phases.get("queries_s", 0) / floor, 2), **phases,
                         "floor_peak_mb": round(floor_mb), "report_peak_mb": round(whole_mb)})
            print(json.dumps(rows[-1]), flush=True)
    for a, b in itertools.pairwise(rows):
        growth = (b["report_s"] / b["learners"]) / (a["report_s"] / a["learners"])
        print(f"per-learner time at {b['learners']:,} / at {a['learners']:,}: {growth:.2f} (1.00 = linear)")
    print(f"run on {dt.date.today()}, goal: ratio <= 2, peak <= 4096 MB, linear growth")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
