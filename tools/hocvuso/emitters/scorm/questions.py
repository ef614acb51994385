"""Questions → accessible HTML forms that the player's quiz engine grades.

Everything a learner sees is written here as plain HTML (so it is readable
and checkable without running JavaScript): the stem, the inputs, per-option
feedback, hints, right/wrong feedback and the explanation, hidden until the
engine reveals them.  The answer keys go to the data block (:mod:`.data`).
Matching targets and ordering items use single-character keys because SCORM
1.2 response formats only allow single characters (``1.a,2.c``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from hocvuso.model import QuestionType, with_assets

if TYPE_CHECKING:
    from hocvuso.model import Framework, Question

ASSETS = "assets/"
KEYS = "abcdefghijklmnopqrstuvwxyz0123456789"
SOURCE_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
PLACEHOLDER = "— Chọn —"


def h(fragment: str) -> str:
    """An HTML fragment from the model with asset URLs pointing into the package."""
    return with_assets(fragment, ASSETS)


def dom_id(question: Question) -> str:
    return f"q-{question.id}"


def targets(q: Question) -> list[str]:
    """A matching question's distinct answers in the order shown (sorted, so not the answer order)."""
    return sorted(dict.fromkeys(q.targets), key=str.casefold)


def scrambled_items(q: Question) -> list[int]:
    """Positions of an ordering question's items as shown: sorted by text, rotated if that is the answer."""
    order = sorted(range(len(q.items)), key=lambda i: q.items[i].text.casefold())
    if order == list(range(len(q.items))):
        order = order[1:] + order[:1]
    return order


def question_html(q: Question, number: int, framework: Framework) -> str:
    """The form of one question, numbered ``number`` in its lesson."""
    qid = dom_id(q)
    competency = framework.competencies.get(q.competency)
    name = f" · {escape(competency.name)}" if competency else ""
    parts = [
        f'<div class="q" id="{qid}" data-q="{escape(q.id)}">',
        f'<form class="q-form" novalidate><fieldset aria-describedby="{qid}-stem">',
        f'<legend class="q-no">Câu {number}</legend>',
        f'<p class="q-comp">Năng lực {escape(q.competency)}{name}</p>',
        f'<div class="stem" id="{qid}-stem">{h(q.stem_html)}</div>',
        INPUTS[q.type](q, qid),
        "</fieldset>",
        _actions(q, qid),
        _feedback(q, qid),
        "</form></div>",
    ]
    return "\n".join(parts)


def _choice_feedback(key: str, html: str) -> str:
    return f'<p class="fb" data-key="{key}" hidden>{h(html)}</p>' if html else ""


def _choices(q: Question, qid: str, kind: str) -> str:
    rows = []
    for c in q.choices:
        cid = f"{qid}-{c.key}"
        rows.append(f'<li><input type="{kind}" id="{cid}" name="{qid}" value="{c.key}">'
                    f'<label for="{cid}">{h(c.html)}</label>{_choice_feedback(c.key, c.feedback_html)}</li>')
    return f'<ul class="choices">{"".join(rows)}</ul>'


def _single(q: Question, qid: str) -> str:
    return _choices(q, qid, "radio")


def _multiple(q: Question, qid: str) -> str:
    return '<p class="q-help">Chọn tất cả các đáp án đúng.</p>' + _choices(q, qid, "checkbox")


def _dropdown(q: Question, qid: str) -> str:
    options = "".join(f'<option value="{c.key}">{escape(c.text)}</option>' for c in q.choices)
    feedback = "".join(_choice_feedback(c.key, c.feedback_html) for c in q.choices)
    return (f'<p class="field"><label for="{qid}-in">Chọn đáp án</label>'
            f'<select id="{qid}-in" name="{qid}"><option value="">{PLACEHOLDER}</option>{options}</select></p>{feedback}')


def _numeric(q: Question, qid: str) -> str:
    return (f'<p class="field"><label for="{qid}-in">Nhập một số</label>'
            f'<input type="text" inputmode="decimal" id="{qid}-in" name="{qid}" autocomplete="off" size="12"></p>')


def _text(q: Question, qid: str) -> str:
    return (f'<p class="field"><label for="{qid}-in">Câu trả lời của bạn</label>'
            f'<input type="text" id="{qid}-in" name="{qid}" autocomplete="off" autocapitalize="off" '
            'spellcheck="false" maxlength="200"></p>')


def _matching(q: Question, qid: str) -> str:
    options = "".join(f'<option value="{KEYS[i]}">{escape(t)}</option>' for i, t in enumerate(targets(q)))
    rows = []
    for i, pair in enumerate(q.matches):
        sid = f"{qid}-m{i + 1}"
        rows.append(f'<li class="match"><label for="{sid}">{h(pair.left_html)}</label>'
                    f'<select id="{sid}" data-src="{SOURCE_KEYS[i]}"><option value="">{PLACEHOLDER}</option>{options}</select></li>')
    return f'<p class="q-help">Chọn đáp án phù hợp cho mỗi dòng.</p><ul class="matches">{"".join(rows)}</ul>'


def _ordering(q: Question, qid: str) -> str:
    rows = []
    for i in scrambled_items(q):
        item = q.items[i]
        label = escape(item.text[:80], quote=True)
        rows.append(f'<li data-key="{KEYS[i]}"><span class="txt">{h(item.html)}</span><span class="mv">'
                    f'<button type="button" class="up" aria-label="Chuyển lên: {label}">▲</button>'
                    f'<button type="button" class="dn" aria-label="Chuyển xuống: {label}">▼</button></span></li>')
    return ('<p class="q-help">Dùng các nút ▲ ▼ để xếp theo đúng thứ tự, từ trên xuống.</p>'
            f'<ol class="order">{"".join(rows)}</ol><p class="vh" aria-live="polite" data-live></p>')


INPUTS = {
    QuestionType.SINGLE: _single, QuestionType.MULTIPLE: _multiple, QuestionType.DROPDOWN: _dropdown,
    QuestionType.NUMERIC: _numeric, QuestionType.TEXT: _text, QuestionType.MATCHING: _matching,
    QuestionType.ORDERING: _ordering,
}


def _actions(q: Question, qid: str) -> str:
    hint = (f'<button type="button" class="hint-btn" aria-controls="{qid}-hints">Gợi ý</button>' if q.hints else "")
    return (f'<p class="q-actions"><button type="submit" class="check">Kiểm tra</button>{hint}'
            '<button type="button" class="retry" hidden>Làm lại</button></p>')


def _feedback(q: Question, qid: str) -> str:
    hints = "".join(f'<p class="hint" hidden><strong>Gợi ý {i + 1}:</strong> {h(text)}</p>' for i, text in enumerate(q.hints))
    parts = [f'<div class="hints" id="{qid}-hints">{hints}</div>' if hints else "",
             '<p class="result" role="status"></p>']
    if q.correct_html:
        parts.append(f'<p class="fb" data-key="ok" hidden>{h(q.correct_html)}</p>')
    if q.incorrect_html:
        parts.append(f'<p class="fb" data-key="bad" hidden>{h(q.incorrect_html)}</p>')
    if q.explanation_html:
        parts.append(f'<div class="why" hidden><p><strong>Giải thích:</strong> {h(q.explanation_html)}</p></div>')
    return "".join(parts)
