"""The report's SQL, written once in DuckDB's dialect; ClickHouse gets it through SQLGlot.

Placeholders (filled by :func:`render` from checked values only): ``{unit}`` is
``commune`` or ``village``; ``{as_of}`` an ISO date; ``{elder_year}`` the last
birth year of people aged 60 or over at ``as_of``; ``{min_mentees}`` a whole
number.  Queries keep to what both engines mean the same way: no ``*`` in
joined selects, no NULL ordering (rows are sorted in Python), counts with
``COUNT(CASE … THEN 1 END)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

# One row per learner in the roster with their dates of reaching the profile, of a credential, and whether
# they took part.  Materialised once per run as the table ``learners`` (every KPI query reads it).
LEARNERS = """
WITH a AS (
    SELECT learner_id,
           MIN(CASE WHEN passed = 1 AND mode <> 'placement' THEN submitted END) AS reached_on,
           MIN(CASE WHEN credential = 1 THEN submitted END) AS confirmed_on,
           MIN(submitted) AS first_on
    FROM attempts
    WHERE submitted <= DATE '{as_of}'
    GROUP BY learner_id
),
act AS (SELECT DISTINCT learner_id FROM first_responses)
SELECT r.learner_id AS learner_id, r.grp AS grp, r.{unit} AS unit, r.birth_year AS birth_year,
       r.disabled AS disabled, r.household AS household, r.mentor AS mentor,
       a.reached_on AS reached_on, a.confirmed_on AS confirmed_on,
       CASE WHEN a.first_on IS NOT NULL OR act.learner_id IS NOT NULL THEN 1 ELSE 0 END AS active
FROM roster AS r
LEFT JOIN a ON a.learner_id = r.learner_id
LEFT JOIN act ON act.learner_id = r.learner_id
"""

STATUS = """
SELECT grp, unit,
       COUNT(*) AS learners,
       COUNT(reached_on) AS reached,
       COUNT(confirmed_on) AS confirmed,
       SUM(active) AS active_learners,
       COUNT(CASE WHEN birth_year <= {elder_year} THEN 1 END) AS elderly_learners,
       COUNT(CASE WHEN birth_year <= {elder_year} AND active = 1 THEN 1 END) AS elderly_active,
       COUNT(CASE WHEN disabled = 1 THEN 1 END) AS disabled_learners,
       COUNT(CASE WHEN disabled = 1 AND active = 1 THEN 1 END) AS disabled_active
FROM learners AS s
GROUP BY grp, unit
"""

# Learners who first reached the profile (or got a credential) in each month, per group and unit.
BY_MONTH = """
SELECT grp, unit, CAST(EXTRACT(YEAR FROM reached_on) * 100 + EXTRACT(MONTH FROM reached_on) AS INTEGER) AS ym,
       COUNT(*) AS reached
FROM learners AS s
WHERE reached_on IS NOT NULL
GROUP BY grp, unit, ym
"""

CONFIRMED_BY_MONTH = """
SELECT grp, unit, CAST(EXTRACT(YEAR FROM confirmed_on) * 100 + EXTRACT(MONTH FROM confirmed_on) AS INTEGER) AS ym,
       COUNT(*) AS confirmed
FROM learners AS s
WHERE confirmed_on IS NOT NULL
GROUP BY grp, unit, ym
"""

MENTORS = """
SELECT unit, COUNT(*) AS mentors,
       COUNT(CASE WHEN mentees >= {min_mentees} THEN 1 END) AS mentors_enough,
       SUM(mentees) AS mentees_total, SUM(mentees_active) AS mentees_active_total
FROM (
    SELECT unit, mentor, COUNT(*) AS mentees, SUM(active) AS mentees_active
    FROM learners AS s
    WHERE mentor IS NOT NULL AND mentor <> ''
    GROUP BY unit, mentor
) AS m
GROUP BY unit
"""

# The same over the whole area: a mentor with mentees in two units is one mentor.
MENTORS_TOTAL = """
SELECT COUNT(*) AS mentors,
       COUNT(CASE WHEN mentees >= {min_mentees} THEN 1 END) AS mentors_enough,
       SUM(mentees) AS mentees_total, SUM(mentees_active) AS mentees_active_total
FROM (
    SELECT mentor, COUNT(*) AS mentees, SUM(active) AS mentees_active
    FROM learners AS s
    WHERE mentor IS NOT NULL AND mentor <> ''
    GROUP BY mentor
) AS m
"""

HOUSEHOLDS = """
SELECT unit, COUNT(*) AS households, COUNT(CASE WHEN members_active > 0 THEN 1 END) AS households_learning
FROM (
    SELECT unit, household, SUM(active) AS members_active
    FROM learners AS s
    WHERE household IS NOT NULL AND household <> ''
    GROUP BY unit, household
) AS h
GROUP BY unit
"""

# Each learner's first pre-test share and latest assessment share per competency: materialised once as ``shares``.
SHARES = """
SELECT learner_id, code, pre, CASE WHEN pre = 1 THEN first_share ELSE last_share END AS share
FROM (
    SELECT learner_id, code, CASE WHEN mode = 'placement' THEN 1 ELSE 0 END AS pre,
           ARG_MIN(share, (submitted, attempt)) AS first_share, ARG_MAX(share, (submitted, attempt)) AS last_share
    FROM competencies
    WHERE submitted <= DATE '{as_of}'
    GROUP BY learner_id, code, CASE WHEN mode = 'placement' THEN 1 ELSE 0 END
) AS g
"""

_SHARES = """
WITH pre AS (SELECT learner_id, code, share FROM shares WHERE pre = 1),
post AS (SELECT learner_id, code, share FROM shares WHERE pre = 0)
"""

# Pre-test (first placement) against the latest assessment, per group and competency, for learners with both.
CHANGE = _SHARES + """
SELECT r.grp AS grp, pre.code AS code, COUNT(*) AS learners, AVG(pre.share) AS before, AVG(post.share) AS after
FROM pre
JOIN post ON post.learner_id = pre.learner_id AND post.code = pre.code
JOIN roster AS r ON r.learner_id = pre.learner_id
GROUP BY r.grp, pre.code
"""

# The latest share per competency, per unit: the heat map.
HEATMAP = _SHARES + """
SELECT r.{unit} AS unit, post.code AS code, COUNT(*) AS learners, AVG(post.share) AS share
FROM post
JOIN roster AS r ON r.learner_id = post.learner_id
GROUP BY r.{unit}, post.code
"""

# Each learner's first response to each item (of learners in the roster): materialised first, as ``first_responses``.
FIRST_RESPONSES = """
SELECT learner_id, item, ARG_MIN(correct, attempt) AS correct, ARG_MIN(response, attempt) AS response
FROM responses
WHERE learner_id IN (SELECT learner_id FROM roster)
GROUP BY learner_id, item
"""

# Per item: learners, difficulty p (share right at the first try), point-biserial r against the rest score.
ITEMS = """
WITH tot AS (SELECT learner_id, SUM(correct) AS total FROM first_responses GROUP BY learner_id)
SELECT f.item AS item, COUNT(*) AS learners, AVG(CAST(f.correct AS DOUBLE)) AS p,
       CORR(CAST(f.correct AS DOUBLE), CAST(tot.total - f.correct AS DOUBLE)) AS r
FROM first_responses AS f
JOIN tot ON tot.learner_id = f.learner_id
GROUP BY f.item
"""

DISTRACTORS = """
SELECT item, response, COUNT(*) AS learners
FROM first_responses
GROUP BY item, response
"""

# Rows whose learner is not in the roster (Parquet inputs are not checked row by row in Python).
ORPHANS = """
SELECT COUNT(*) FROM attempts AS a LEFT JOIN roster AS r ON r.learner_id = a.learner_id WHERE r.learner_id IS NULL
"""


def render(sql: str, unit: str, as_of: dt.date, min_mentees: int = 5) -> str:
    """Fill the placeholders of one query (values are checked here, never taken from input text)."""
    if unit not in ("commune", "village"):
        raise ValueError(unit)
    return sql.format(unit=unit, as_of=as_of.isoformat(), elder_year=as_of.year - 60, min_mentees=int(min_mentees))


# Open edX Aspects: course-level grades as attempts (ClickHouse only; aspects-dbt models/grading/grading_events.sql).
# actor_id is the learner's external id (event-routing-backends' default), so the roster must hold that id.
# Written in ClickHouse's dialect on purpose: it reads a ClickHouse table and never runs on DuckDB.
ASPECTS_ATTEMPTS = """
SELECT DISTINCT actor_id AS learner_id, 'course_grade' AS mode, toInt32(1) AS attempt,
       toDate32(emission_time) AS submitted, toFloat64OrZero(toString(scaled_score)) AS overall,
       toInt8(approving_state = 'passed') AS passed, toInt8(0) AS credential, 'aspects' AS source
FROM {database}.grading_events
WHERE object_id LIKE '%/course/%' AND approving_state IN ('passed', 'failed')
"""
