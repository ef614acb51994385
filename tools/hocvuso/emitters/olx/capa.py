"""Questions → standard CAPA problems that a stock Open edX imports.

Single, multiple, dropdown, numeric and text questions map to their own
response types.  Open edX has no matching or ordering type, so both become a
problem of several dropdowns (one per left-hand item, or one position per
step), which every Open edX release grades.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.emitters import templating
from hocvuso.emitters.olx.xmlutil import append_html, el, inline_html, move_content
from hocvuso.emitters.presentation import STATIC, matching_targets, scrambled_order
from hocvuso.model import QuestionType, with_assets

if TYPE_CHECKING:
    from types import SimpleNamespace

    from lxml import etree

    from hocvuso.model import Question


@dataclass(frozen=True, slots=True)
class ProblemPolicy:
    """Attempts and answer display (docs/items.md: practice that teaches without inflating grades)."""

    max_attempts: int | None = None
    showanswer: str = "finished"


# Practice: a second try after the feedback, then the answer ("finished" = after the
# last attempt or once correct); unlimited attempts with the answer shown after the
# first made every practice mark 100 %.
PRACTICE = ProblemPolicy(max_attempts=2, showanswer="finished")


def _h(fragment: str) -> str:
    return with_assets(fragment, STATIC)


def problem_element(q: Question, policy: ProblemPolicy = PRACTICE, language: str = "vi") -> etree._Element:
    """The <problem> element of a question (its url_name is set by the caller), its own words in ``language``."""
    problem = el("problem", {
        "display_name": q.title or _display_name(q), "markdown": "null", "weight": q.points,
        "max_attempts": policy.max_attempts, "showanswer": policy.showanswer,
        # CAPA seeds its shuffle with 1 for everyone under rerandomize="never"; per_student
        # seeds it per learner and keeps it across attempts.
        "rerandomize": "per_student" if shuffled(q) else "never",
    })
    BUILDERS[q.type](problem, q, templating.strings("olx", language))
    if q.hints:
        demand = el("demandhint", parent=problem)
        for hint in q.hints:
            append_html(el("hint", parent=demand), _h(hint))
    return problem


def shuffled(q: Question) -> bool:
    """Single-choice problems shuffle their choices (CAPA shuffles no other response type)."""
    return q.shuffle and q.type is QuestionType.SINGLE


def _display_name(q: Question) -> str:
    words = q.stem_text.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def _stem(problem: etree._Element, response: etree._Element, q: Question) -> None:
    """Put the question text as the response's <label>, leading paragraphs before it."""
    holder = inline_html(_h(q.stem_html))
    blocks = list(holder)
    last = blocks[-1] if blocks else None
    label = el("label", parent=response)
    if last is not None and last.tag == "p" and not (last.tail or "").strip():
        for block in blocks[:-1]:
            problem.insert(list(problem).index(response), block)
        last.tail = None
        move_content(last, label)
    else:
        for block in blocks:
            problem.insert(list(problem).index(response), block)
        label.text = q.stem_text.split("\n")[-1]


# Types whose responses show the author's '+' / '-' feedback natively (choice hints,
# correcthint); for the others it is kept in the explanation so it is not lost.
NATIVE_RIGHT = {QuestionType.SINGLE, QuestionType.DROPDOWN, QuestionType.NUMERIC, QuestionType.TEXT}
NATIVE_WRONG = {QuestionType.SINGLE, QuestionType.DROPDOWN}


def _solution(response: etree._Element, q: Question, words: SimpleNamespace) -> None:
    parts = [(words.explanation, q.explanation_html)]
    if q.type not in NATIVE_RIGHT:
        parts.append((words.when_right, q.correct_html))
    if q.type not in NATIVE_WRONG:
        parts.append((words.when_wrong, q.incorrect_html))
    parts = [(title, body) for title, body in parts if body]
    if not parts:
        return
    div = el("div", {"class": "detailed-solution"}, parent=el("solution", parent=response))
    for title, body in parts:
        el("p", text=title, parent=div)
        append_html(div, _h(body) if body.startswith("<") else f"<p>{_h(body)}</p>")


def _choice_hint(q: Question, correct: bool, own: str) -> str:
    """A choice's feedback: its own, else the question's right/wrong feedback."""
    return own or (q.correct_html if correct else q.incorrect_html)


def _single(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    response = el("multiplechoiceresponse", parent=problem)
    _stem(problem, response, q)
    group = el("choicegroup", {"type": "MultipleChoice", "shuffle": True if shuffled(q) else None}, parent=response)
    for c in q.choices:
        choice = el("choice", {"correct": c.correct, "fixed": True if c.fixed and shuffled(q) else None}, parent=group)
        append_html(choice, _h(c.html))
        hint = _choice_hint(q, c.correct, c.feedback_html)
        if hint:
            append_html(el("choicehint", parent=choice), _h(hint))
    _solution(response, q, words)


def _multiple(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    response = el("choiceresponse", parent=problem)
    _stem(problem, response, q)
    group = el("checkboxgroup", parent=response)
    for c in q.choices:
        choice = el("choice", {"correct": c.correct}, parent=group)
        append_html(choice, _h(c.html))
        if c.feedback_html:
            append_html(el("choicehint", {"selected": True}, parent=choice), _h(c.feedback_html))
    _solution(response, q, words)


def _dropdown(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    response = el("optionresponse", parent=problem)
    _stem(problem, response, q)
    select = el("optioninput", parent=response)
    for c in q.choices:
        option = el("option", {"correct": "True" if c.correct else "False"}, text=c.text, parent=select)
        hint = _choice_hint(q, c.correct, c.feedback_html)
        if hint:
            append_html(el("optionhint", parent=option), _h(hint))
    _solution(response, q, words)


def _numeric(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    assert q.numeric is not None
    response = el("numericalresponse", {"answer": _number(q.numeric.value)}, parent=problem)
    _stem(problem, response, q)
    el("responseparam", {"type": "tolerance", "default": q.numeric.tolerance_text}, parent=response)
    el("formulaequationinput", parent=response)
    if q.correct_html:
        append_html(el("correcthint", parent=response), _h(q.correct_html))
    _solution(response, q, words)


def _number(value: float) -> str:
    return f"{value:.10g}"


def _text(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    first, *others = q.answers
    response = el("stringresponse", {"answer": first, "type": "ci"}, parent=problem)
    _stem(problem, response, q)
    for other in others:
        el("additional_answer", {"answer": other}, parent=response)
    if q.correct_html:
        append_html(el("correcthint", parent=response), _h(q.correct_html))
    el("textline", {"size": "40"}, parent=response)
    _solution(response, q, words)


def _dropdowns(problem: etree._Element, q: Question, rows: list[tuple[str, str]], options: list[str],
               words: SimpleNamespace) -> None:
    """One <optionresponse> per (label, right option), all sharing ``options``."""
    append_html(problem, _h(q.stem_html))
    last = None
    for label_html, right in rows:
        response = el("optionresponse", parent=problem)
        label = el("label", parent=response)
        append_html(label, _h(label_html))
        select = el("optioninput", parent=response)
        for option in options:
            el("option", {"correct": "True" if option == right else "False"}, text=option, parent=select)
        last = response
    if last is not None:
        _solution(last, q, words)


def _matching(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    _dropdowns(problem, q, [(p.left_html, p.right_text) for p in q.matches], matching_targets(q), words)


def _ordering(problem: etree._Element, q: Question, words: SimpleNamespace) -> None:
    positions = [words.step.format(number=n) for n in range(1, len(q.items) + 1)]
    rows = [(q.items[i].html, positions[i]) for i in scrambled_order(q.items)]
    _dropdowns(problem, q, rows, positions, words)


BUILDERS = {
    QuestionType.SINGLE: _single, QuestionType.MULTIPLE: _multiple, QuestionType.DROPDOWN: _dropdown,
    QuestionType.NUMERIC: _numeric, QuestionType.TEXT: _text, QuestionType.MATCHING: _matching,
    QuestionType.ORDERING: _ordering,
}
