"""The course's pass mark in Open edX, set so that the final assessment decides.

A course grade is ``practice_weight × practice + final_weight × final``.  With
a pass mark equal to the certification threshold T, full practice marks
would carry a learner over it with a final under T (0.3 + 0.7 × 0.57 = 0.70).
So the pass mark is raised to what full practice marks plus a final of T
give, ``practice_weight + final_weight × T``, and then to the next whole
percent above Open edX's rounding: the LMS rounds a course grade g to
``round_away_from_zero(100·g + 0.05) / 100`` (lms/djangoapps/grades/course_grade.py,
``CourseGrade._compute_percent``), so a whole-percent cutoff k/100 is reached
from ``100·g ≥ k − 0.55``.  The mark is the smallest k with
``(k − 0.55) / 100 ≥ practice_weight + final_weight × T``: a learner with full
practice marks still needs at least T on the final (docs/items.md works it out).
"""

from __future__ import annotations

import math

# Open edX's rounding of a course grade: +0.05 % then half away from zero to a whole percent.
ROUNDING_SLACK = 0.55


def pass_cutoff(practice_weight: float, final_weight: float, threshold: float) -> float:
    """The GRADE_CUTOFFS "Pass" value: full practice and a final under ``threshold`` stay under it."""
    decisive = practice_weight + final_weight * threshold
    return math.ceil(round(100 * decisive + ROUNDING_SLACK, 9)) / 100


def needed_on_final(cutoff: float, practice_weight: float, final_weight: float, practice: float = 1.0) -> float:
    """The lowest final share that passes with ``practice`` (0–1), after Open edX's rounding."""
    return (cutoff - ROUNDING_SLACK / 100 - practice_weight * practice) / final_weight
