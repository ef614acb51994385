"""The report's SQL, written once in DuckDB's dialect; ClickHouse gets it through SQLGlot.

Placeholders (filled by :func:`render` from checked values only): ``{unit}`` is
``commune`` or ``village``; ``{as_of}`` an ISO date; ``{elder_year}`` the last
birth year of people aged 60 or over at ``as_of``; ``{min_mentees}`` a whole
number.  Queries keep to what both engines mean the same way: no ``*`` in
joined selects, no NULL ordering (rows are sorted in Python), counts with
``COUNT(CASE … THEN 1 END)``.

Cost at national scale (``benchmarks/report_scale.py``): every input row is
read once and grouped once at its natural grain (learner × item, learner ×
competency, learner); everything after works on those results, and what goes
back to Python is already aggregated per unit, item or competency.  Three
tables are materialised once per run: ``first_responses``, ``learners`` and
``competency_cells``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

# One row per learner in the roster with their dates of reaching the profile, of a credential, whether they
# took part, and ``total``: their right first tries (NULL without a response), the base of the items' rest score.
# Materialised once per run as the table ``learners`` (every KPI query reads it), after ``first_responses``.
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
t AS (SELECT learner_id, SUM(correct) AS right_first FROM first_responses GROUP BY learner_id)
SELECT r.learner_id AS learner_id, r.grp AS grp, r.{unit} AS unit, r.birth_year AS birth_year,
       r.disabled AS disabled, r.household AS household, r.mentor AS mentor,
       a.reached_on AS reached_on, a.confirmed_on AS confirmed_on,
       CASE WHEN a.first_on IS NOT NULL OR t.learner_id IS NOT NULL THEN 1 ELSE 0 END AS active,
       t.right_first AS total
FROM roster AS r
LEFT JOIN a ON a.learner_id = r.learner_id
LEFT JOIN t ON t.learner_id = r.learner_id
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



def _per_month(date_column: str, count_as: str) -> str:
    """Learners per group and month (yyyymm) of ``date_column``: the whole area's periods and trend (per unit, the
    rows would be units × months, 22 000 for Nghệ An, only to be added up again)."""
    return f"""
SELECT grp, CAST(EXTRACT(YEAR FROM {date_column}) * 100 + EXTRACT(MONTH FROM {date_column}) AS INTEGER) AS ym,
       COUNT(*) AS {count_as}
FROM learners AS s
WHERE {date_column} IS NOT NULL
GROUP BY grp, ym
"""


# Learners who first reached the profile (or got a credential) in each month, per group.
BY_MONTH = _per_month("reached_on", "reached")
CONFIRMED_BY_MONTH = _per_month("confirmed_on", "confirmed")

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

# One pass over ``competencies``: per learner and competency, the first pre-test (placement) share and the latest
# assessment share, then summed per group × unit × competency (a few thousand rows), materialised as
# ``competency_cells``; CHANGE and HEATMAP read only that.  "First"/"latest" order by (submitted, attempt), packed
# into one number (days × 100 000 + attempt); placement rows are pushed after every other row for ARG_MIN and
# before them for ARG_MAX, so one GROUP BY gives both ends, and ``has_pre``/``has_post`` say whether each exists.
COMPETENCY_CELLS = """
SELECT l.grp AS grp, l.unit AS unit, s.code AS code,
       COUNT(CASE WHEN s.has_pre = 1 AND s.has_post = 1 THEN 1 END) AS both_n,
       SUM(CASE WHEN s.has_pre = 1 AND s.has_post = 1 THEN s.pre ELSE 0 END) AS pre_sum,
       SUM(CASE WHEN s.has_pre = 1 AND s.has_post = 1 THEN s.post ELSE 0 END) AS post_both_sum,
       COUNT(CASE WHEN s.has_post = 1 THEN 1 END) AS post_n,
       SUM(CASE WHEN s.has_post = 1 THEN s.post ELSE 0 END) AS post_sum
FROM (
    SELECT learner_id, code,
           MAX(CASE WHEN mode = 'placement' THEN 1 ELSE 0 END) AS has_pre,
           MAX(CASE WHEN mode = 'placement' THEN 0 ELSE 1 END) AS has_post,
           ARG_MIN(share, CASE WHEN mode = 'placement' THEN {order_key} ELSE {order_key} + {after_all} END) AS pre,
           ARG_MAX(share, CASE WHEN mode = 'placement' THEN {order_key} - {after_all} ELSE {order_key} END) AS post
    FROM competencies
    WHERE submitted <= DATE '{as_of}'
    GROUP BY learner_id, code
) AS s
JOIN learners AS l ON l.learner_id = s.learner_id
GROUP BY l.grp, l.unit, s.code
"""

# Pre-test (first placement) against the latest assessment, per group and competency, for learners with both.
CHANGE = """
SELECT grp, code, SUM(both_n) AS learners, SUM(pre_sum) / SUM(both_n) AS before, SUM(post_both_sum) / SUM(both_n) AS after
FROM competency_cells
GROUP BY grp, code
HAVING SUM(both_n) > 0
"""

# The latest share per competency, per unit: the heat map.
HEATMAP = """
SELECT unit, code, SUM(post_n) AS learners, SUM(post_sum) / SUM(post_n) AS share
FROM competency_cells
GROUP BY unit, code
HAVING SUM(post_n) > 0
"""

# Each learner's first response to each item of each course: materialised first, as ``first_responses`` (rows of learners not in
# the roster drop out at the join with ``learners`` in ITEMS).  Whether the first try was right comes from one MIN over
# ``try_key`` = attempt × 2 + (1 − correct): the lowest attempt and, at a tie within one attempt, the right answer.  A MIN
# over a number costs about half an ARG_MIN (1 M learners: 4.2 s → 2.5 s).  The key has its own name because ClickHouse
# would read ``correct`` inside the aggregate as the output alias.
FIRST_RESPONSES = """
SELECT learner_id, course, item, CAST(1 - MIN(try_key) % 2 AS TINYINT) AS correct, ARG_MIN(response, try_key) AS response
FROM (SELECT learner_id, course, item, response, attempt * 2 + 1 - correct AS try_key FROM responses) AS r
GROUP BY learner_id, course, item
"""

# Per course, item and response (a question id shared by a base course and its variant stays apart), the sums
# the item statistics are made of (Python adds up the responses of an item):
# answers n, right first tries Σx, and with T the learner's total right, ΣT, ΣT², Σx·T and Σx², so that
# difficulty p = Σx / n and the point-biserial r of x against the rest score T − x come out exact (integers only),
# and the same on every engine.
ITEMS = """
SELECT f.course AS course, f.item AS item, f.response AS response, COUNT(*) AS answers, SUM(f.correct) AS sx,
       SUM(l.total) AS st, SUM(l.total * l.total) AS stt, SUM(f.correct * l.total) AS sxt,
       SUM(f.correct * f.correct) AS sxx
FROM first_responses AS f
JOIN learners AS l ON l.learner_id = f.learner_id
GROUP BY f.course, f.item, f.response
"""

# Rows whose learner is not in the roster (Parquet inputs are not checked row by row in Python).
ORPHANS = """
SELECT COUNT(*) FROM attempts AS a LEFT JOIN roster AS r ON r.learner_id = a.learner_id WHERE r.learner_id IS NULL
"""


def render(sql: str, unit: str, as_of: dt.date, min_mentees: int = 5) -> str:
    """Fill the placeholders of one query (values are checked here, never taken from input text)."""
    if unit not in ("commune", "village"):
        raise ValueError(unit)
    return sql.format(unit=unit, as_of=as_of.isoformat(), elder_year=as_of.year - 60, min_mentees=int(min_mentees),
                      order_key=ORDER_KEY, after_all=AFTER_ALL)


# (submitted, attempt) as one number that sorts the same way: days since 1970 × 100 000 + attempt.
ORDER_KEY = "(DATE_DIFF('day', DATE '1970-01-01', submitted) * 100000 + attempt)"
AFTER_ALL = "10000000000000"  # more than any ORDER_KEY (year 9999 is 2.9 M days)


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
