"""Open edX Aspects' course grades read on ClickHouse (chdb), with the column layout of aspects-dbt's grading_events."""

from __future__ import annotations

from pathlib import Path

from hocvuso.reports.compute import ALL

from .conftest import Runner, found, row

# aspects-dbt models/grading/grading_events.sql (v8): the columns the model selects.
TABLE = """CREATE TABLE xapi.grading_events (
    event_id UUID, emission_time DateTime, actor_id String, object_id String, course_key String, org String,
    verb_id String, scaled_score Float32, approving_state String) ENGINE = MergeTree ORDER BY (org, course_key, verb_id)"""
COURSE = "https://lms.example/course/course-v1:BDHVS+KNS-ND+2026-1"
SUBSECTION = "https://lms.example/xblock/block-v1:BDHVS+KNS-ND+2026-1+type@sequential+block@bai-1"
EARNED = "http://id.tincanapi.com/verb/earned"


def aspects_folder(tmp: Path) -> Path:
    """A chdb folder holding xapi.grading_events as Aspects fills it: course and subsection grades."""
    from chdb import session

    folder = tmp / "clickhouse"
    s = session.Session(str(folder))
    s.query("CREATE DATABASE IF NOT EXISTS xapi")
    s.query(TABLE)
    rows = [(f"c{i:02d}", COURSE, 0.85, "passed", "2026-04-0" + str(i)) for i in range(1, 7)]  # c01–c06 passed
    rows.append(("c07", COURSE, 0.4, "failed", "2026-04-08"))
    rows.append(("c08", SUBSECTION, 1.0, "", "2026-04-09"))  # a subsection grade: not a course result
    rows.append(("c01", COURSE, 0.85, "passed", "2026-04-01"))  # the same statement stored twice
    values = ", ".join(f"(generateUUIDv4(), '{day} 08:00:00', '{who}', '{obj}', 'course-v1:BDHVS+KNS-ND+2026-1', 'BDHVS', "
                       f"'{EARNED}', {score}, '{state}')" for who, obj, score, state, day in rows)
    s.query(f"INSERT INTO xapi.grading_events VALUES {values}")
    s.close()
    return folder


def test_aspects_course_grades_count_as_reached_on_clickhouse(runner: Runner) -> None:
    folder = aspects_folder(runner.root)
    report, diags = runner.run(runner.roster(), [Path("aspects")], min_cell=1, engine=f"chdb:{folder}")
    assert report is not None, [diags.render(d, "en") for d in diags]
    # Passed course grades: c01–c06 (c07 failed; c08's is a subsection's; c01's duplicate counts once).
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 6
    assert row(report, "periods", period="Q2/2026", group="citizens")["reached"] == 6


def test_aspects_on_duckdb_is_refused_with_a_reason(runner: Runner) -> None:
    report, diags = runner.run(runner.roster(), [Path("aspects")], min_cell=1)
    assert report is None and found(diags, "HV821")
