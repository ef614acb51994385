"""LMS exports → the normalised ``attempts``, ``competencies`` and ``responses`` tables.

Formats (each checked against the exporting system's source, see docs/reports.md):

* Open edX **problem responses** report (``instructor_task/tasks_helper/grades.py``,
  ``ProblemResponses``): columns ``username, title, location``, then every key a
  block's ``generate_report_data`` yielded (sorted unless an OrderedDict), then
  ``block_key, state`` (``block_id`` in old releases).  Rows of the certification
  block carry ``Mode, Attempt, Submitted, Overall, Passed, Competencies,
  Credential, Form``; capa rows carry ``Answer ID, Question, Answer[, Correct
  Answer]`` and the raw ``state`` JSON (``correct_map``, ``student_answers``).
* Open edX **grade report** (``CourseGradeReport``): ``Student ID, Email, Username,
  Grade, …, Certificate Eligible, Certificate Delivered, Certificate Type, Enrollment Status``.
* Moodle **SCORM interactions report** (``mod/scorm/report/interactions``): a
  tab-separated ``.txt``: ``Name``, identity fields, ``Attempt, Started on,
  Last accessed on, Score``, one column per SCO, then ``Question i, Response i,
  Right answer i, Result i`` from i = 0.  hocvuso's package records practice as
  ``<question id>``, its final check as ``f<try>-<item id>`` and its pre-test as
  ``pre-<item id>`` (player/assess.js); only ``Result`` is read (the package
  sends no ``correct_responses``).
* hocvuso's **offline result file** (the SCORM player's "export my results").

Columns are found by name, never by position; columns not named here are not read.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes, terms
from hocvuso.reports.catalog import FINAL_ID, PRE_PREFIX
from hocvuso.reports.sheet import Sheet, cell, find_columns, fold

if TYPE_CHECKING:

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.catalog import CourseIndex, ItemInfo, Rule
    from hocvuso.reports.tables import Tables

OPENEDX_BASE = ("username", "title", "location", "state")
CERT_COLUMNS = ("Mode", "Attempt", "Submitted", "Overall", "Passed", "Competencies", "Credential", "Form")
GRADE_REPORT = ("Student ID", "Username", "Grade", "Enrollment Status")
MOODLE_BASE = ("Attempt", "Started on", "Last accessed on", "Score")
MOODLE_IDS = ("ID number", "Username", "Email address", "Mã số", "Tên đăng nhập", "Tên truy cập", "Địa chỉ email")
MOODLE_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}


@dataclass(slots=True)
class ReadState:
    """What readers share: the roster's ids, the course index, and what they have seen."""

    learners: dict[str, str]  # learner id → group
    index: CourseIndex
    as_of: dt.date
    seen_attempts: set[tuple[str, str, int, dt.date]] = field(default_factory=set)
    seen_responses: set[tuple[str, str, str, int]] = field(default_factory=set)
    duplicates: int = 0
    first_duplicate: Location | None = None
    orphans: int = 0
    first_orphan: Location | None = None

    def duplicate(self, loc: Location) -> None:
        """Count a result row that repeats one already read."""
        self.duplicates += 1
        if self.first_duplicate is None:
            self.first_duplicate = loc

    def known(self, learner: str, loc: Location) -> bool:
        """Whether a result's learner is in the roster; counts the ones that are not."""
        if learner in self.learners:
            return True
        self.orphans += 1
        if self.first_orphan is None:
            self.first_orphan = loc
        return False


def kind_of(sheet: Sheet) -> str | None:
    """Which export a sheet is: 'problem_responses', 'grade_report', 'moodle_interactions' or None."""
    names = {fold(h) for h in sheet.header}
    if all(fold(c) in names for c in OPENEDX_BASE) and ({"block key", "block id"} & names):
        return "problem_responses"
    if all(fold(c) in names for c in GRADE_REPORT):
        return "grade_report"
    if all(fold(c) in names for c in MOODLE_BASE):
        return "moodle_interactions"
    return None


# --- Open edX problem responses ------------------------------------------------------------------


def read_problem_responses(sheet: Sheet, out: Tables, state: ReadState, diags: Diagnostics) -> None:
    """The certification block's rows (attempts, competencies) and capa rows (item responses)."""
    cols = find_columns(sheet, {c: (c,) for c in (*OPENEDX_BASE, *CERT_COLUMNS)} | {"block": ("block_key", "block_id")})
    has_cert = "Mode" in cols
    if has_cert:
        missing = [c for c in CERT_COLUMNS if c not in cols and c != "Form"]
        for name in missing:
            diags.add(codes.REPORT_MISSING_COLUMN, sheet.loc(sheet.header_row, 1), kind="Open edX problem responses",
                      column=name, accepted=name, found=", ".join(sheet.header))
        if missing:
            return
    capa_seen: set[tuple[str, str]] = set()
    for row, cells in sheet.rows:
        learner = cell(cells, cols["username"])
        if has_cert and cell(cells, cols["Mode"]):
            if state.known(learner, sheet.loc(row, cols["username"] + 1)):
                _cert_row(sheet, row, cells, cols, out, state, diags)
            continue
        block = cell(cells, cols.get("block"))
        if "type@problem+block@" in block and (learner, block) not in capa_seen:
            capa_seen.add((learner, block))
            if state.known(learner, sheet.loc(row, cols["username"] + 1)):
                _capa_row(sheet, row, cells, cols, block, out, state, diags)


def _cert_row(sheet: Sheet, row: int, cells: list[str], cols: dict[str, int], out: Tables, state: ReadState,
              diags: Diagnostics) -> None:
    learner = cell(cells, cols["username"])
    errors_before = diags.count_errors()
    mode = _choice(sheet, row, cols["Mode"], cells, ("certification", "placement"), diags)
    attempt = _int(sheet, row, cols["Attempt"], cells, diags)
    submitted = _iso_day(sheet, row, cols["Submitted"], cells, diags)
    overall = _share(sheet, row, cols["Overall"], cells, diags)
    passed = _choice(sheet, row, cols["Passed"], cells, ("true", "false"), diags)
    comps = _competencies(sheet, row, cols["Competencies"], cells, diags)
    if diags.count_errors() > errors_before or None in (mode, attempt, submitted, overall, passed, comps):
        return
    assert mode is not None and attempt is not None and submitted is not None and comps is not None
    key = (learner, mode, attempt, submitted)
    if key in state.seen_attempts:
        state.duplicate(sheet.loc(row, 1))
        return
    state.seen_attempts.add(key)
    credential = 1 if cell(cells, cols["Credential"]) else 0
    out.attempts.add(learner_id=learner, mode=mode, attempt=attempt, submitted=submitted, overall=overall,
                     passed=1 if passed == "true" else 0, credential=credential, source="openedx")
    for code, share in comps.items():
        out.competencies.add(learner_id=learner, mode=mode, attempt=attempt, submitted=submitted, code=code, share=share)


def _capa_row(sheet: Sheet, row: int, cells: list[str], cols: dict[str, int], block: str, out: Tables, state: ReadState,
              diags: Diagnostics) -> None:
    learner = cell(cells, cols["username"])
    raw = cell(cells, cols["state"])
    try:
        st = json.loads(raw) if raw else {}
    except json.JSONDecodeError as err:
        diags.add(codes.REPORT_BAD_JSON, sheet.loc(row, cols["state"] + 1), column="state", problem=err.msg)
        return
    correct_map = st.get("correct_map") or {}
    if not isinstance(correct_map, dict) or not correct_map:
        return  # opened, never answered
    item = block.rsplit("block@", 1)[1]
    correct = all(isinstance(v, dict) and v.get("correctness") == "correct" for v in correct_map.values())
    answers = st.get("student_answers") or {}
    response = "".join(_choice_keys(v) for v in answers.values()) if isinstance(answers, dict) else ""
    attempt = st.get("attempts") if isinstance(st.get("attempts"), int) else 1
    course_key = "course-v1:" + block.split("block-v1:", 1)[-1].split("+type@", 1)[0]
    course = state.index.course_for(state.learners[learner], (item,), course_key)
    _add_response(out, state, learner, course, item, attempt or 1, correct, response, "openedx")


def _choice_keys(value: object) -> str:
    """capa's 'choice_2' (or a list of them) as choice keys ('c'); other answers as ''."""
    values = value if isinstance(value, list) else [value]
    keys = [chr(ord("a") + int(v.split("_")[1])) for v in values if isinstance(v, str) and re.fullmatch(r"choice_\d+", v)]
    return "".join(sorted(keys))


def _add_response(out: Tables, state: ReadState, learner: str, course: str, item: str, attempt: int, correct: bool,
                  response: str, source: str) -> None:
    key = (learner, course, item, attempt)
    if key in state.seen_responses:
        return
    state.seen_responses.add(key)
    out.responses.add(learner_id=learner, course=course, item=item, attempt=attempt, correct=1 if correct else 0,
                      response=response, source=source)


# --- Open edX grade report -------------------------------------------------------------------------

_STAMP = re.compile(r"_grade_report_(\d{4}-\d{2}-\d{2})-\d{4}")


def read_grade_report(sheet: Sheet, out: Tables, state: ReadState, diags: Diagnostics) -> None:
    """One 'course_grade' attempt per enrolled learner, dated by the file name's time stamp (else --as-of)."""
    cols = find_columns(sheet, {c: (c,) for c in (*GRADE_REPORT, "Certificate Eligible")})
    match = _STAMP.search(sheet.path.name)
    when = dt.date.fromisoformat(match.group(1)) if match else state.as_of
    for row, cells in sheet.rows:
        learner = cell(cells, cols["Username"])
        if fold(cell(cells, cols["Enrollment Status"])) == "unenrolled":
            continue
        grade = _share(sheet, row, cols["Grade"], cells, diags)
        if grade is None or not state.known(learner, sheet.loc(row, cols["Username"] + 1)):
            continue
        key = (learner, "course_grade", 1, when)
        if key in state.seen_attempts:
            state.duplicate(sheet.loc(row, 1))
            continue
        state.seen_attempts.add(key)
        eligible = cell(cells, cols.get("Certificate Eligible")) == "Y"
        out.attempts.add(learner_id=learner, mode="course_grade", attempt=1, submitted=when, overall=grade,
                         passed=1 if eligible else 0, credential=0, source="openedx-grades")


# --- Moodle SCORM interactions ---------------------------------------------------------------------


def read_moodle(sheet: Sheet, out: Tables, state: ReadState, diags: Diagnostics) -> None:
    """(user, attempt) rows: the package's final check and pre-test from their interactions (``Result i``)."""
    cols = find_columns(sheet, {c: (c,) for c in MOODLE_BASE} | {"id": MOODLE_IDS})
    folded = [fold(h) for h in sheet.header]
    questions = {int(h.split()[1]): i for i, h in enumerate(folded) if re.fullmatch(r"question \d+", h)}
    results = {int(h.split()[1]): i for i, h in enumerate(folded) if re.fullmatch(r"result \d+", h)}
    replies = {int(h.split()[1]): i for i, h in enumerate(folded) if re.fullmatch(r"response \d+", h)}
    problems: list[tuple[str, object]] = []
    if "id" not in cols:
        problems.append(("ID number", ", ".join(MOODLE_IDS)))
    if not questions or not results:
        problems.append(("Question 0 / Result 0", terms.MOODLE_QUESTION_RESULT))
    for column, accepted in problems:
        diags.add(codes.REPORT_MISSING_COLUMN, sheet.loc(sheet.header_row, 1), kind="Moodle SCORM interactions",
                  column=column, accepted=accepted, found=", ".join(sheet.header))
    if problems:
        return
    for row, cells in sheet.rows:
        attempt_text = cell(cells, cols["Attempt"])
        if attempt_text in ("-", ""):
            continue  # listed in "all users" mode without an attempt
        learner = cell(cells, cols["id"])
        if not state.known(learner, sheet.loc(row, cols["id"] + 1)):
            continue
        attempt = _int(sheet, row, cols["Attempt"], cells, diags)
        submitted = _moodle_day(sheet, row, cols["Last accessed on"], cells, diags)
        if attempt is None or submitted is None:
            continue
        answers = []  # in the order the package recorded them (Moodle lists interactions by index)
        for i, qcol in sorted(questions.items()):
            item = cell(cells, qcol)
            if item and i in results:
                # 'correct', or 'wrong' (1.2) / 'incorrect' (2004); the LMS receives no correct_responses to check
                answers.append((item, fold(cell(cells, results[i])) == "correct", cell(cells, replies[i]) if i in replies else ""))
        scorm_attempt(learner, attempt, submitted, answers, out, state, sheet.loc(row, 1))


@dataclass(frozen=True, slots=True)
class Check:
    """One graded check of a SCORM package: overall share, whether it passed, shares per competency (all 0–1)."""

    overall: float
    passed: bool
    shares: dict[str, float]


@dataclass(frozen=True, slots=True)
class ScormGrade:
    """What a SCORM attempt's interactions say: the final check (best try) and the pre-test, each if taken."""

    final: Check | None
    pre: Check | None
    tries: int = 0


def scorm_attempt(learner: str, attempt: int, submitted: dt.date, answers: list[tuple[str, bool, str]], out: Tables,
                  state: ReadState, loc: Location, source: str = "moodle", package: str = "") -> None:
    """Add one SCORM attempt from its interactions (id, right, response), in the order they were recorded.

    The final check (``f<n>-<item>``) gives a 'scorm' attempt, the pre-test (``pre-<item>``) a 'placement'
    attempt; practice interactions (plain question ids) go to ``responses`` only, for the item analysis of
    practice questions (each question's first interaction in the attempt).  ``package``: the SCORM package id,
    when the source names it (the offline file).
    """
    key = (learner, "scorm", attempt, submitted)
    if key in state.seen_attempts:
        state.duplicate(loc)
        return
    state.seen_attempts.add(key)
    course = state.index.course_for(state.learners[learner], (a[0] for a in answers), package)
    graded = grade_scorm(state.index, course, answers)
    for mode, check in (("scorm", graded.final), ("placement", graded.pre)):
        if check is None:
            continue
        out.attempts.add(learner_id=learner, mode=mode, attempt=attempt, submitted=submitted, overall=check.overall,
                         passed=1 if check.passed and mode == "scorm" else 0, credential=0, source=source)
        for code, share in check.shares.items():
            out.competencies.add(learner_id=learner, mode=mode, attempt=attempt, submitted=submitted, code=code,
                                 share=share)
    for item, correct, response in answers:
        if not FINAL_ID.fullmatch(item) and not item.startswith(PRE_PREFIX):
            _add_response(out, state, learner, course, item, attempt, correct,
                          response.replace("[,]", "").replace(",", ""), source)


def grade_scorm(index: CourseIndex, course: str, answers: list[tuple[str, bool, str]]) -> ScormGrade:
    """Grade a SCORM attempt's final check and pre-test exactly as the package's player does (player/assess.js).

    A try of the final check is the set of interactions ``f<n>-<item>`` (one per drawn item, unanswered ones
    recorded as wrong): score = Σ points right / Σ points, in percent rounded to 2 decimals, and likewise per
    competency; a try passes when its score reaches the course's overall threshold and every competency its
    competency threshold.  Over the tries, as the player reports to the LMS: the best score, passed when any
    try passed, the best share per competency.  The pre-test (``pre-<item>``) is graded the same way and never
    passes.  Points and competencies come from the course's bank; an id the bank lacks is left out.  Practice
    answers never count here.
    """
    bank = {i.id: i for i in index.bank(course)}
    rule = index.courses[course].rule if course in index.courses else None
    tries: dict[int, dict[str, bool]] = {}
    pre: dict[str, bool] = {}
    for interaction, correct, _ in answers:
        final = FINAL_ID.fullmatch(interaction)
        if final:
            tries.setdefault(int(final.group(1)), {}).setdefault(final.group(2), correct)
        elif interaction.startswith(PRE_PREFIX):
            pre.setdefault(interaction.removeprefix(PRE_PREFIX), correct)
    graded = [c for c in (_check(bank, rule, marks) for marks in tries.values()) if c is not None]
    best = None
    if graded:
        codes_ = {code for c in graded for code in c.shares}
        best = Check(max(c.overall for c in graded), any(c.passed for c in graded),
                     {code: max(c.shares[code] for c in graded if code in c.shares) for code in sorted(codes_)})
    return ScormGrade(best, _check(bank, None, pre), len(graded))


def _check(bank: dict[str, ItemInfo], rule: Rule | None, marks: dict[str, bool]) -> Check | None:
    """One check as assess.js ``grade()``: percents rounded half up to 2 decimals, compared with a 1e-9 margin."""
    got: dict[str, float] = {}
    total: dict[str, float] = {}
    for item_id, correct in marks.items():
        item = bank.get(item_id)
        if item is None:
            continue
        total[item.competency] = total.get(item.competency, 0.0) + item.points
        got[item.competency] = got.get(item.competency, 0.0) + (item.points if correct else 0.0)
    all_points = sum(total.values())
    if not all_points:
        return None
    score = _percent(sum(got.values()), all_points)
    shares = {code: _percent(got[code], pts) for code, pts in total.items() if pts}
    passed = rule is not None and score + 1e-9 >= rule.overall * 100 and all(
        s + 1e-9 >= rule.competency * 100 for s in shares.values())
    return Check(score / 100, passed, {code: s / 100 for code, s in shares.items()})


def _percent(got: float, total: float) -> float:
    """JavaScript's Math.round(got / total * 10000) / 100 (half up, not Python's half to even)."""
    return math.floor(got / total * 10000 + 0.5) / 100


# --- cell readers: each reports its own problem and returns None ----------------------------------


def _choice(sheet: Sheet, row: int, col: int, cells: list[str], allowed: tuple[str, ...], diags: Diagnostics) -> str | None:
    value = cell(cells, col)
    if value.lower() in allowed:
        return value.lower()
    diags.add(codes.REPORT_BAD_VALUE, sheet.loc(row, col + 1), value=value, column=sheet.header[col], allowed=", ".join(allowed))
    return None


def _int(sheet: Sheet, row: int, col: int, cells: list[str], diags: Diagnostics) -> int | None:
    value = cell(cells, col)
    if value.isdigit() and int(value) >= 1:
        return int(value)
    diags.add(codes.REPORT_BAD_NUMBER, sheet.loc(row, col + 1), value=value, column=sheet.header[col],
              expected=terms.WHOLE_FROM_ONE, example="2")
    return None


def _share(sheet: Sheet, row: int, col: int, cells: list[str], diags: Diagnostics) -> float | None:
    value = cell(cells, col)
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if 0.0 <= share <= 1.0:
        return share
    diags.add(codes.REPORT_BAD_NUMBER, sheet.loc(row, col + 1), value=value, column=sheet.header[col],
              expected=terms.SHARE_0_1, example="0.75")
    return None


def _iso_day(sheet: Sheet, row: int, col: int, cells: list[str], diags: Diagnostics) -> dt.date | None:
    value = cell(cells, col)
    day = parse_day(value)
    if day is None:
        diags.add(codes.REPORT_BAD_DATE, sheet.loc(row, col + 1), value=value, column=sheet.header[col])
    return day


def parse_day(value: str) -> dt.date | None:
    """The UTC day of an ISO 8601 date or time ('2026-03-04', '2026-03-04T10:15:00Z'), or DD/MM/YYYY."""
    text = value.strip()
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:,? .*)?", text)
        if not match:
            return None
        try:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.date()


def _moodle_day(sheet: Sheet, row: int, col: int, cells: list[str], diags: Diagnostics) -> dt.date | None:
    """Moodle's ``userdate()`` text: English 'Thursday, 6 November 2014, 5:57 PM', or DD/MM/YYYY HH:MM, or ISO."""
    value = cell(cells, col)
    match = re.search(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", value)
    if match and match.group(2).lower() in MOODLE_MONTHS:
        try:
            return dt.date(int(match.group(3)), MOODLE_MONTHS[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            pass
    day = parse_day(value)
    if day is None:
        diags.add(codes.REPORT_BAD_DATE, sheet.loc(row, col + 1), value=value, column=sheet.header[col])
    return day


def _competencies(sheet: Sheet, row: int, col: int, cells: list[str], diags: Diagnostics) -> dict[str, float] | None:
    raw = cell(cells, col)
    try:
        data = json.loads(raw) if raw else {}
    except json.JSONDecodeError as err:
        diags.add(codes.REPORT_BAD_JSON, sheet.loc(row, col + 1), column=sheet.header[col], problem=err.msg)
        return None
    if not isinstance(data, dict) or not all(isinstance(v, dict) and isinstance(v.get("share"), int | float) for v in data.values()):
        diags.add(codes.REPORT_BAD_JSON, sheet.loc(row, col + 1), column=sheet.header[col],
                  problem='expected {"4.2": {"share": 0.75, "level": "CB2"}}')
        return None
    return {str(code): float(v["share"]) for code, v in data.items()}


def finish(state: ReadState, diags: Diagnostics) -> None:
    """Report what the readers counted: results without learners, repeated rows."""
    if state.orphans and state.first_orphan is not None:
        diags.add(codes.REPORT_RESULT_WITHOUT_LEARNER, state.first_orphan, count=state.orphans)
    if state.duplicates and state.first_duplicate is not None:
        diags.add(codes.REPORT_DUPLICATE_RESULT, state.first_duplicate, count=state.duplicates)
