"""The learner's attempt log and what is derived from it: pure functions, no runtime.

The log (field ``attempt_log``) is the only record of graded attempts; whether
the learner passed, the best share (the published grade) and the report rows
are computed from it, so they can never disagree with it.

``attempts`` is the Open edX name for "attempts used": the instructor
dashboard's *Reset learner's attempts* writes ``state["attempts"] = 0``
(``lms/djangoapps/instructor/enrollment.py``).  The block keeps that counter an
integer so a reset gives the learner their attempts back (the log stays, for
the grade and the audit).  Before version 0.2 the log itself was stored under
``attempts`` (a list); such a state is read as the log, with that many used.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, OrderedDict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

CERTIFICATION = "certification"
PLACEMENT = "placement"
REPORT_KEYS = ("Mode", "Attempt", "Submitted", "Overall", "Passed", "Competencies", "Credential", "Form")


def log_of(attempt_log: Any, attempts: Any) -> list[dict[str, Any]]:
    """The attempt log, reading a pre-0.2 state whose log was the ``attempts`` list."""
    if isinstance(attempt_log, list) and attempt_log:
        return attempt_log
    if isinstance(attempts, list):
        return [a for a in attempts if isinstance(a, dict)]
    return attempt_log if isinstance(attempt_log, list) else []


def used(attempt_log: Any, attempts: Any) -> int:
    """Attempts counted against the limit: the counter (0 after an instructor reset)."""
    if isinstance(attempts, bool):
        return 0
    if isinstance(attempts, int):
        return max(attempts, 0)
    return len(log_of(attempt_log, attempts))


def passed(log: list[dict[str, Any]]) -> bool:
    return any(a.get("passed") for a in log)


def best_share(log: list[dict[str, Any]]) -> float:
    """The best overall share of the log: the grade Open edX shows (the maximum, never the last)."""
    return max((float(a.get("share", 0.0)) for a in log), default=0.0)


def passing(log: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first passing attempt (the one a credential is issued for)."""
    return next((a for a in log if a.get("passed")), None)


def seen_items(log: list[dict[str, Any]]) -> Counter[str]:
    """Item id → number of this learner's forms it was on (for drawing the next form)."""
    return Counter(item["id"] for a in log for item in a.get("items", []) if "id" in item)


def new_attempt(log: list[dict[str, Any]], form: dict[str, Any], result: dict[str, Any], marked: list[dict[str, Any]],
                now: float, mode: str, expired: bool = False) -> dict[str, Any]:
    """The log entry of a graded form: its number, times, items with answers and verdicts, and the result."""
    return {"number": len(log) + 1, "form_id": form.get("form_id", ""), "mode": mode,
            "started": form.get("started", now), "submitted": now, "expired": expired, "items": marked, **result}


def iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def report_row(attempt: dict[str, Any], mode: str, credential_id: str) -> OrderedDict[str, Any]:
    """One row of Open edX's problem responses report for one attempt (keys: :data:`REPORT_KEYS`).

    An OrderedDict: the report keeps an OrderedDict's column order and sorts a plain dict's
    (``lms/djangoapps/instructor_task/tasks_helper/grades.py``, ProblemResponses).
    """
    competencies = {c["code"]: {"share": round(float(c.get("share", 0.0)), 4), "level": c.get("level_reached")}
                    for c in attempt.get("competencies", [])}
    return OrderedDict([
        ("Mode", attempt.get("mode") or mode),
        ("Attempt", int(attempt.get("number", 0))),
        ("Submitted", iso(float(attempt.get("submitted", 0)))),
        ("Overall", round(float(attempt.get("share", 0.0)), 4)),
        ("Passed", "true" if attempt.get("passed") else "false"),
        ("Competencies", json.dumps(competencies, ensure_ascii=False, separators=(",", ":"))),
        ("Credential", credential_id),
        ("Form", attempt.get("form_id", "")),
    ])


def report_rows(states: Iterable[Any], mode: str, credential_of: Any,
                limit: int | None = None) -> Iterator[tuple[str, OrderedDict[str, Any]]]:
    """``(username, row)`` per learner per attempt from the LMS's user-state iterator.

    ``states`` yields objects with ``username`` and ``state`` (the learner's
    stored fields, XBlockUserState); ``credential_of(state)`` gives the id of a
    learner's credential ('' when none).  Stops after ``limit`` rows.
    """
    count = 0
    for user_state in states:
        state = user_state.state or {}
        log = log_of(state.get("attempt_log"), state.get("attempts"))
        first_pass = passing(log)
        credential_id = credential_of(state) if first_pass else ""
        for attempt in log:
            if limit is not None and count >= limit:
                return
            count += 1
            yield user_state.username, report_row(attempt, mode, credential_id if attempt is first_pass else "")
