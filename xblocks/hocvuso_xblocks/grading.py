"""Drawing forms and grading them: pure functions over the item-bank JSON.

Nothing here touches the XBlock runtime, so every rule (stratified draw,
answer checking, per-competency shares, levels, the pass rule) is tested
without Django.  The item-bank format is described in the package README.

A *form* is what one learner gets in one attempt: the ids of the drawn
questions and, per question, a display permutation (``perm``) so that
choices, matching rows and ordering steps appear in an order that says
nothing about the answer.  Learners answer in display positions; only the
server maps them back through ``perm``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random
    from collections.abc import Mapping

BANK_FORMAT = "hocvuso-itembank"
BANK_VERSION = 1
TYPES = ("single", "multiple", "dropdown", "numeric", "text", "matching", "ordering")
MAX_TEXT_ANSWER = 200
MAX_NUMBER_ANSWER = 40
EPSILON = 1e-9


class AnswerError(ValueError):
    """A submitted answer that cannot belong to the question (wrong type, out of range)."""


class BankError(ValueError):
    """An item bank that does not follow the format."""


@dataclass(frozen=True, slots=True)
class PassRule:
    """Shares of points right needed per competency and overall (0–1), and items per competency."""

    competency_threshold: float = 0.6
    overall_threshold: float = 0.7
    min_items_per_competency: int = 3


# --- the bank ----------------------------------------------------------------


def check_bank(bank: Any) -> list[str]:
    """Problems that stop ``bank`` from being used (empty when it is usable)."""
    if not isinstance(bank, dict) or not bank:
        return ["no item bank"]
    problems = []
    if bank.get("format") != BANK_FORMAT or bank.get("version") != BANK_VERSION:
        problems.append(f"format must be {BANK_FORMAT} version {BANK_VERSION}")
    competencies = bank.get("competencies")
    questions = bank.get("questions")
    if not isinstance(competencies, list) or not competencies:
        problems.append("no competencies")
        competencies = []
    if not isinstance(questions, list) or not questions:
        problems.append("no questions")
        questions = []
    codes = {c.get("code") for c in competencies if isinstance(c, dict)}
    seen: set[str] = set()
    for n, q in enumerate(questions, 1):
        where = f"question {n} ({q.get('id', '?') if isinstance(q, dict) else '?'})"
        if not isinstance(q, dict):
            problems.append(f"{where}: not an object")
            continue
        if not isinstance(q.get("id"), str) or q["id"] in seen:
            problems.append(f"{where}: missing or repeated id")
        seen.add(str(q.get("id")))
        if q.get("type") not in TYPES:
            problems.append(f"{where}: unknown type {q.get('type')!r}")
        elif (problem := _question_problem(q)) is not None:
            problems.append(f"{where}: {problem}")
        if q.get("competency") not in codes:
            problems.append(f"{where}: competency {q.get('competency')!r} is not in the profile")
    return problems


def _question_problem(q: dict[str, Any]) -> str | None:
    kind = q["type"]
    if kind in ("single", "multiple", "dropdown"):
        choices = q.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            return "needs at least two choices"
        if not any(isinstance(c, dict) and c.get("correct") for c in choices):
            return "has no correct choice"
    elif kind == "numeric":
        num = q.get("numeric")
        if not isinstance(num, dict) or not _is_number(num.get("value")) or not _is_number(num.get("tolerance", 0)):
            return "needs numeric.value and numeric.tolerance"
    elif kind == "text":
        if not q.get("answers") or not all(isinstance(a, str) for a in q["answers"]):
            return "needs accepted answers"
    elif kind == "matching":
        matches, targets = q.get("matches"), q.get("targets")
        if not isinstance(matches, list) or not matches or not isinstance(targets, list):
            return "needs matches and targets"
        if any(m.get("right") not in targets for m in matches):
            return "a match's right side is not among the targets"
    elif kind == "ordering" and (not isinstance(q.get("items"), list) or len(q["items"]) < 2):
        return "needs at least two items"
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def questions_by_id(bank: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in bank.get("questions", [])}


def bank_counts(bank: dict[str, Any]) -> dict[str, int]:
    """Number of bank questions per competency code, in profile order."""
    counts = {c["code"]: 0 for c in bank.get("competencies", [])}
    for q in bank.get("questions", []):
        if q.get("competency") in counts:
            counts[q["competency"]] += 1
    return counts


# --- drawing a form ------------------------------------------------------------


def draw_form(bank: dict[str, Any], min_items: int, rng: random.Random,
              seen: Mapping[str, int] | None = None) -> dict[str, Any]:
    """A random form: ``min_items`` questions of every profile competency, stratified by level.

    Every form has the same number of items of each (competency, level) stratum
    (:func:`allocation`), so forms differ only in which items of a stratum they
    hold, not in how hard they are by design.  Within a stratum the items this
    learner has seen least often (``seen``: item id → forms it was on) come
    first, ties broken at random: a retake shows new items while the bank has
    them, and over all learners every item of a stratum is drawn equally often.
    """
    items = []
    for comp in bank["competencies"]:
        strata = competency_strata(bank, comp["code"])
        quota = allocation({level: len(pool) for level, pool in strata.items()}, min_items,
                           comp.get("level", ""), level_steps(bank))
        for level, pool in strata.items():
            for q in least_seen(pool, quota[level], seen or {}, rng):
                items.append({"id": q["id"], "perm": _permutation(q, rng), "version": item_version(q)})
    return {"form_id": secrets.token_urlsafe(16), "items": items}


def level_steps(bank: dict[str, Any]) -> dict[str, int]:
    """Framework level code → its step (1 = lowest)."""
    return {lv["code"]: lv["step"] for lv in bank.get("levels", [])}


def competency_strata(bank: dict[str, Any], code: str) -> dict[str, list[dict[str, Any]]]:
    """The bank's questions of one competency grouped by level, levels in bank order of appearance."""
    strata: dict[str, list[dict[str, Any]]] = {}
    for q in bank["questions"]:
        if q["competency"] == code:
            strata.setdefault(str(q.get("level", "")), []).append(q)
    return strata


def allocation(sizes: dict[str, int], total: int, target: str, steps: dict[str, int]) -> dict[str, int]:
    """How many of ``total`` items each level stratum gets: proportional to its size, largest remainder.

    Ties go to the level nearest the target level (then the lower one), so the
    split is the same on every form.  A stratum never gets more than it has.
    """
    want = min(max(total, 1), sum(sizes.values()))
    whole = sum(sizes.values())
    exact = {level: want * n / whole for level, n in sizes.items()}
    quota = {level: int(share) for level, share in exact.items()}
    near = steps.get(target, 0)
    order = sorted(sizes, key=lambda lv: (-(exact[lv] - quota[lv]), abs(steps.get(lv, 0) - near), steps.get(lv, 0)))
    for level in order:
        if sum(quota.values()) >= want:
            break
        if quota[level] < sizes[level]:
            quota[level] += 1
    return quota


def least_seen(pool: list[dict[str, Any]], n: int, seen: Mapping[str, int], rng: random.Random) -> list[dict[str, Any]]:
    """``n`` questions of ``pool``, the least seen first, random among equals."""
    shuffled = rng.sample(pool, len(pool))
    return sorted(shuffled, key=lambda q: seen.get(q["id"], 0))[:n]


def item_version(q: dict[str, Any]) -> str:
    """A short hash of everything that decides how a question is graded and shown.

    Stored with each drawn item, so a later rescore can tell which items were
    corrected since the learner answered them.
    """
    text = json.dumps(q, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _permutation(q: dict[str, Any], rng: random.Random) -> list[int]:
    n = _display_count(q)
    perm = list(range(n))
    rng.shuffle(perm)
    if q["type"] == "ordering" and n > 1 and perm == sorted(perm):
        perm = perm[1:] + perm[:1]  # the written order is the answer: never show it as is
    return perm


def _display_count(q: dict[str, Any]) -> int:
    kind = q["type"]
    if kind in ("single", "multiple", "dropdown"):
        return len(q["choices"])
    if kind == "matching":
        return len(q["matches"])
    if kind == "ordering":
        return len(q["items"])
    return 0


def public_question(q: dict[str, Any], perm: list[int]) -> dict[str, Any]:
    """What the browser may see of a question: no correct flags, values, pairs or order."""
    view: dict[str, Any] = {"id": q["id"], "type": q["type"], "stem_html": q.get("stem_html", ""),
                            "competency": q["competency"]}
    kind = q["type"]
    if kind in ("single", "multiple"):
        view["choices"] = [q["choices"][i].get("html") or _esc(q["choices"][i].get("text", "")) for i in perm]
    elif kind == "dropdown":
        view["choices"] = [q["choices"][i].get("text", "") for i in perm]
    elif kind == "matching":
        view["rows"] = [q["matches"][i].get("left_html", "") for i in perm]
        view["options"] = match_options(q)
    elif kind == "ordering":
        view["items"] = [q["items"][i].get("html", "") for i in perm]
    return view


def match_options(q: dict[str, Any]) -> list[str]:
    """Right-hand answers of a matching question, deduplicated and sorted (an order that tells nothing)."""
    return sorted(dict.fromkeys(q["targets"]), key=str.casefold)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- answers ---------------------------------------------------------------------


def normalize_answer(q: dict[str, Any], perm: list[int], raw: Any) -> Any:
    """Check a submitted answer's shape for question ``q``; None means unanswered.

    Raises :class:`AnswerError` for anything a form could not have sent.
    """
    if raw is None:
        return None
    kind, n = q["type"], len(perm)
    if kind in ("single", "dropdown"):
        return _index(raw, n)
    if kind == "multiple":
        if not isinstance(raw, list) or len(raw) > n:
            raise AnswerError("expected a list of choice numbers")
        picked = [_index(v, n) for v in raw]
        if len(set(picked)) != len(picked):
            raise AnswerError("a choice is repeated")
        return sorted(picked)
    if kind == "numeric":
        if _is_number(raw):
            return repr(raw)
        return _string(raw, MAX_NUMBER_ANSWER)
    if kind == "text":
        return _string(raw, MAX_TEXT_ANSWER)
    if kind == "matching":
        return _slots(raw, n, len(match_options(q)), 0)
    return _slots(raw, n, n, 1)  # ordering: a step number 1..n per displayed item


def _index(value: Any, n: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < n:
        raise AnswerError(f"expected a choice number from 0 to {n - 1}")
    return value


def _string(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise AnswerError("expected text")
    if len(value) > limit:
        raise AnswerError(f"answer longer than {limit} characters")
    return value


def _slots(value: Any, rows: int, options: int, first: int) -> list[int | None]:
    if not isinstance(value, list) or len(value) != rows:
        raise AnswerError(f"expected a list of {rows} answers")
    out: list[int | None] = []
    for v in value:
        if v is None:
            out.append(None)
        elif isinstance(v, int) and not isinstance(v, bool) and first <= v < options + first:
            out.append(v)
        else:
            raise AnswerError(f"expected numbers from {first} to {options + first - 1}")
    return out


def is_correct(q: dict[str, Any], perm: list[int], answer: Any) -> bool:
    """Whether a normalised answer is right (unanswered is wrong)."""
    if answer is None:
        return False
    kind = q["type"]
    if kind in ("single", "dropdown"):
        return bool(q["choices"][perm[answer]].get("correct"))
    if kind == "multiple":
        right = {i for i, c in enumerate(q["choices"]) if c.get("correct")}
        return {perm[i] for i in answer} == right
    if kind == "numeric":
        value = parse_number(answer)
        num = q["numeric"]
        return value is not None and abs(value - float(num["value"])) <= float(num.get("tolerance", 0)) + EPSILON
    if kind == "text":
        return normalize_text(answer) in {normalize_text(a) for a in q["answers"]}
    if kind == "matching":
        options = match_options(q)
        return all(a is not None and options[a] == q["matches"][perm[i]]["right"] for i, a in enumerate(answer))
    return all(a == perm[i] + 1 for i, a in enumerate(answer))  # ordering


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: str) -> float | None:
    """A learner's number: '3,5' and '3.5' are 3.5; '1.000.000' and '1 000 000' are a million."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "").rstrip("%")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1 or s.count(".") > 1:
        s = s.replace(",", "").replace(".", "")
    if not _NUMBER.match(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def normalize_text(text: str) -> str:
    """Case-, width- and spacing-insensitive form of a short answer (Vietnamese accents kept).

    NFKC folds compatibility forms a phone keyboard may send (full-width
    letters and digits, ligatures, decomposed accents) into the plain ones.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# --- grading -----------------------------------------------------------------------


def grade(bank: dict[str, Any], form: dict[str, Any], answers: dict[str, Any], rule: PassRule) -> dict[str, Any]:
    """Grade normalised ``answers`` of ``form``: per-competency shares and levels, overall share, pass."""
    return score(bank, mark(bank, form["items"], answers), rule)


def mark(bank: dict[str, Any], items: list[dict[str, Any]], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Each drawn item with the learner's normalised answer and whether it is right (kept for rescoring)."""
    questions = questions_by_id(bank)
    return [{**item, "answer": answers.get(item["id"]),
             "right": is_correct(questions[item["id"]], item["perm"], answers.get(item["id"]))} for item in items]


def remark(bank: dict[str, Any], marked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark stored items again against the bank as it is now (instructor rescore after a key correction).

    An item whose question now shows a different number of choices, rows or
    steps keeps its verdict: the stored display positions no longer mean the
    same thing.  An item whose question left the bank is dropped from the
    score by :func:`score` (a withdrawn item counts for nobody).
    """
    questions = questions_by_id(bank)
    out = []
    for item in marked:
        q = questions.get(item["id"])
        if q is None or _display_count(q) != len(item["perm"]):
            out.append(item)
            continue
        try:
            right = is_correct(q, item["perm"], item.get("answer"))
        except (LookupError, TypeError, ValueError):
            right = bool(item.get("right"))
        out.append({**item, "right": right, "version": item_version(q)})
    return out


def score(bank: dict[str, Any], marked: list[dict[str, Any]], rule: PassRule) -> dict[str, Any]:
    """Per-competency shares and levels, overall share and pass from marked items."""
    questions = questions_by_id(bank)
    steps = level_steps(bank)
    records: dict[str, list[tuple[int, bool, float]]] = {c["code"]: [] for c in bank["competencies"]}
    for item in marked:
        q = questions.get(item["id"])
        if q is not None and q["competency"] in records:
            records[q["competency"]].append((steps.get(q.get("level", ""), 0), bool(item["right"]),
                                             float(q.get("points", 1))))
    competencies = []
    for comp in bank["competencies"]:
        recs = records[comp["code"]]
        earned, possible = _points(recs)
        share = earned / possible if possible else 0.0
        reached = bool(recs) and share + EPSILON >= rule.competency_threshold
        competencies.append({
            "code": comp["code"], "name": comp.get("name", ""), "level": comp.get("level", ""),
            "earned": earned, "possible": possible, "share": share,
            "right": sum(1 for r in recs if r[1]), "items": len(recs), "reached": reached,
            "level_reached": level_reached(recs, comp.get("level", ""), bank.get("levels", []), rule.competency_threshold),
        })
    earned = sum(c["earned"] for c in competencies)
    possible = sum(c["possible"] for c in competencies)
    share = earned / possible if possible else 0.0
    passed = all(c["reached"] for c in competencies) and share + EPSILON >= rule.overall_threshold
    return {"earned": earned, "possible": possible, "share": share, "passed": passed,
            "competencies": competencies}


def _points(records: list[tuple[int, bool, float]]) -> tuple[float, float]:
    return sum(p for _, right, p in records if right), sum(p for _, _, p in records)


def level_reached(records: list[tuple[int, bool, float]], target: str, levels: list[dict[str, Any]],
                  threshold: float) -> str | None:
    """The framework level a learner showed in one competency.

    The profile's target level when the competency's share reaches the
    threshold; otherwise the highest lower level whose items (that level and
    below) reach it on their own; None when not even that.
    """
    steps = {lv["code"]: lv["step"] for lv in levels}
    earned, possible = _points(records)
    if records and possible and earned / possible + EPSILON >= threshold:
        return target
    for lv in sorted(levels, key=lambda lv: -lv["step"]):
        if lv["step"] >= steps.get(target, 0):
            continue
        below = [r for r in records if r[0] <= lv["step"]]
        e, p = _points(below)
        if below and p and e / p + EPSILON >= threshold:
            return str(lv["code"])
    return None
