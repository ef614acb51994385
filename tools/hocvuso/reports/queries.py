"""The report's SQL, written once in DuckDB's dialect; ClickHouse gets it through SQLGlot.

Placeholders (filled by :func:`render` from checked values only): ``{unit}`` is
``commune`` or ``village``; ``{as_of}`` an ISO date; ``{elder_year}`` the last
birth year of people aged 60 or over at ``as_of``; ``{min_mentees}`` a whole
number; ``{in_slice}`` the condition that a row's learner is in the slice being
computed (the engine names its hash function).  Queries keep to what both
engines mean the same way: no ``*`` in joined selects, no NULL ordering (rows are sorted in Python), counts with
``COUNT(CASE … THEN 1 END)``.

Cost at national scale (``benchmarks/report_scale.py``): every input row is
grouped once at its natural grain (learner × item, learner × competency,
learner); everything after works on those results, and what goes back to
Python is already aggregated per unit, item or competency.  The item-level
work runs per **slice** of learners (``{in_slice}``: a hash of the learner id
modulo the number of slices; one slice up to 2.5 M learners), so its hash
tables stay the size of one slice however many learners there are: each slice
reads the item-level files and keeps its own learners' rows, every learner's
rows fall in one slice, and what each slice leaves (``response_learners``,
``item_cells``, ``competency_cells``) is added up after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

# One row per learner in the roster with their dates of reaching the profile, of a credential, and whether they took
# part (an attempt, or a response: ``response_learners``, made slice by slice before).  Materialised once per run as
# the table ``learners``: every KPI query reads it.
LEARNERS = """
WITH a AS (
    SELECT learner_id,
           MIN(CASE WHEN passed = 1 AND mode <> 'placement' THEN submitted END) AS reached_on,
           MIN(CASE WHEN credential = 1 THEN submitted END) AS confirmed_on,
           MIN(submitted) AS first_on
    FROM attempts
    WHERE submitted <= DATE '{as_of}'
    GROUP BY learner_id
)
SELECT r.learner_id AS learner_id, r.grp AS grp, r.{unit} AS unit, r.birth_year AS birth_year,
       r.disabled AS disabled, r.household AS household, r.mentor AS mentor,
       a.reached_on AS reached_on, a.confirmed_on AS confirmed_on,
       CASE WHEN a.first_on IS NOT NULL OR t.learner_id IS NOT NULL THEN 1 ELSE 0 END AS active
FROM roster AS r
LEFT JOIN a ON a.learner_id = r.learner_id
LEFT JOIN response_learners AS t ON t.learner_id = r.learner_id
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

# Per slice, one pass over ``competencies``: per learner and competency, the latest assessment share and, for those
# who took one, the first pre-test (placement) share, then summed per group × unit × competency (a few thousand rows);
# the slices' rows are appended to ``competency_cells``, which CHANGE and HEATMAP add up.  "First"/"latest" order by
# (submitted, attempt), packed into one number (days × 100 000 + attempt).  The pre-tests are grouped apart (a tenth
# of the rows) rather than sorted before every other row inside one ARG_MIN: 1 M learners, 2.3 s → 1.9 s.
COMPETENCY_CELLS = """
SELECT l.grp AS grp, l.unit AS unit, s.code AS code,
       COUNT(p.learner_id) AS both_n,
       SUM(CASE WHEN p.learner_id IS NOT NULL THEN p.pre ELSE 0 END) AS pre_sum,
       SUM(CASE WHEN p.learner_id IS NOT NULL THEN s.post ELSE 0 END) AS post_both_sum,
       COUNT(*) AS post_n,
       SUM(s.post) AS post_sum
FROM (
    SELECT learner_id, code, ARG_MAX(share, {order_key}) AS post
    FROM competencies
    WHERE mode <> 'placement' AND submitted <= DATE '{as_of}' AND {in_slice}
    GROUP BY learner_id, code
) AS s
LEFT JOIN (
    SELECT learner_id, code, ARG_MIN(share, {order_key}) AS pre
    FROM competencies
    WHERE mode = 'placement' AND submitted <= DATE '{as_of}' AND {in_slice}
    GROUP BY learner_id, code
) AS p ON p.learner_id = s.learner_id AND p.code = s.code
JOIN (SELECT learner_id, grp, unit FROM learners WHERE {in_slice}) AS l ON l.learner_id = s.learner_id
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

# Per slice, each learner's first response to each item of each course (``first_responses``, replaced slice by slice).
# Whether the first try was right comes from one MIN over ``try_key`` = attempt × 2 + (1 − correct): the lowest attempt
# and, at a tie within one attempt, the right answer.  A MIN over a number costs about half an ARG_MIN (1 M learners:
# 4.2 s → 2.5 s).  The key has its own name because ClickHouse would read ``correct`` inside the aggregate as the
# output alias.
FIRST_RESPONSES = """
SELECT learner_id, course, item, CAST(1 - MIN(try_key) % 2 AS TINYINT) AS correct, ARG_MIN(response, try_key) AS response
FROM (SELECT learner_id, course, item, response, attempt * 2 + 1 - correct AS try_key FROM responses WHERE {in_slice}) AS r
GROUP BY learner_id, course, item
"""

# Per slice, the roster learners who answered and their right first tries T (the base of an item's rest score): kept
# as ``slice_totals`` for ITEM_CELLS and appended to ``response_learners`` for LEARNERS.  Answers of people not in the
# roster drop out here.
SLICE_TOTALS = """
SELECT f.learner_id AS learner_id, SUM(f.correct) AS total
FROM first_responses AS f
JOIN (SELECT learner_id FROM roster WHERE {in_slice}) AS r ON r.learner_id = f.learner_id
GROUP BY f.learner_id
"""

# Per slice, per course, item and response (a question id shared by a base course and its variant stays apart), the
# sums the item statistics are made of: answers n, right first tries Σx, and with T the learner's total right, ΣT,
# ΣT², Σx·T and Σx², so that difficulty p = Σx / n and the point-biserial r of x against the rest score T − x come out
# exact (integers only), and the same on every engine.  Appended to ``item_cells``; ITEMS adds the slices up (Python
# then adds up the responses of an item).
ITEM_CELLS = """
SELECT f.course AS course, f.item AS item, f.response AS response, COUNT(*) AS answers, SUM(f.correct) AS sx,
       SUM(t.total) AS st, SUM(t.total * t.total) AS stt, SUM(f.correct * t.total) AS sxt,
       SUM(f.correct * f.correct) AS sxx
FROM first_responses AS f
JOIN slice_totals AS t ON t.learner_id = f.learner_id
GROUP BY f.course, f.item, f.response
"""

ITEMS = """
SELECT course, item, response, SUM(answers) AS answers, SUM(sx) AS sx, SUM(st) AS st, SUM(stt) AS stt, SUM(sxt) AS sxt,
       SUM(sxx) AS sxx
FROM item_cells
GROUP BY course, item, response
"""

# Rows whose learner is not in the roster (Parquet inputs are not checked row by row in Python).
ORPHANS = """
SELECT COUNT(*) FROM attempts AS a LEFT JOIN roster AS r ON r.learner_id = a.learner_id WHERE r.learner_id IS NULL
"""


def render(sql: str, unit: str, as_of: dt.date, min_mentees: int = 5, hash_function: str = "hash", slices: int = 1,
           slice_no: int = 0) -> str:
    """Fill the placeholders of one query (values are checked here, never taken from input text).

    ``hash_function``: the engine's hash of a text to an unsigned whole number (DuckDB ``hash``, ClickHouse
    ``cityHash64``); with ``slices`` > 1, ``{in_slice}`` keeps the learners whose id hashes to ``slice_no``.
    """
    if unit not in ("commune", "village"):
        raise ValueError(unit)
    if hash_function not in ("hash", "cityHash64") or not 0 <= slice_no < slices:
        raise ValueError(hash_function)
    in_slice = "1 = 1" if slices == 1 else f"{hash_function}(learner_id) % {int(slices)} = {int(slice_no)}"
    return sql.format(unit=unit, as_of=as_of.isoformat(), elder_year=as_of.year - 60, min_mentees=int(min_mentees),
                      order_key=ORDER_KEY, in_slice=in_slice)


# (submitted, attempt) as one number that sorts the same way: days since 1970 × 100 000 + attempt.
ORDER_KEY = "(DATE_DIFF('day', DATE '1970-01-01', submitted) * 100000 + attempt)"


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
