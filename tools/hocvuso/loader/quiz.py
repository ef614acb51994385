"""The compact question syntax, modelled on text2qti's line-start tokens.

::

    Id: otp-ngan-hang
    Competency: 4.2
    Level: CB2
    1. Một người gọi điện xưng là nhân viên ngân hàng và xin mã OTP. Bạn làm gì?
    a) Đọc mã OTP để được hỗ trợ nhanh
    ... Ngân hàng không bao giờ hỏi mã OTP.
    *b) Từ chối, gác máy và gọi lại số tổng đài in trên thẻ
    ? Mã OTP dùng để làm gì?
    ! OTP là mật khẩu dùng một lần; ai có nó có thể rút tiền của bạn.

Tokens must start a line; a line indented at least to the text column of the
element above continues it (Markdown is allowed there).  The syntax is a table
of named patterns (:data:`TOKENS`), each dispatched to one ``_on_<name>``
method, as text2qti does; unlike text2qti, every error is collected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes, terms
from hocvuso.diagnostics.terms import did_you_mean, shown
from hocvuso.loader.framework import check_competency, check_level
from hocvuso.loader.ids import is_valid_id
from hocvuso.model import Choice, Item, NumericAnswer, Pair, Question, QuestionType

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.loader.blocks import Fence
    from hocvuso.loader.markdown import Renderer
    from hocvuso.model import Framework

TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("comment", r"%"),
    ("question", r"\d+[.)]\s+"),
    ("choice", r"\*?[a-zA-Z]\)\s+"),
    ("box", r"\[(?: |\*|x|X)?\]\s+"),
    ("number", r"=\s*"),
    ("answer", r"\*\s+"),
    ("pair", r">\s+"),
    ("item", r"~\s+"),
    ("feedback", r"\.\.\.\s+"),
    ("hint", r"\?\s+"),
    ("explanation", r"!\s+"),
    ("correct", r"\+\s+"),
    ("incorrect", r"-\s+"),
    ("field", r"[A-Za-zÀ-ỹđĐ][\wÀ-ỹđĐ ]{0,20}:\s*"),
))
FIELDS = {
    "id": "id", "mã": "id",
    "competency": "competency", "năng lực": "competency",
    "level": "level", "bậc": "level",
    "points": "points", "điểm": "points",
    "type": "type", "loại": "type",
    "title": "title", "tiêu đề": "title",
    "shuffle": "shuffle", "xáo trộn": "shuffle",
    "fixed": "fixed", "cố định": "fixed",
}
YES_NO = {"yes": True, "có": True, "true": True, "no": False, "không": False, "false": False}
ANSWER_KINDS = {"choice": "a)", "box": "[ ]", "number": "=", "answer": "*", "pair": ">", "item": "~"}
_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_EXACT = re.compile(rf"^({_NUMBER})$")
_TOLERANCE = re.compile(rf"^({_NUMBER})\s*(?:\+-|±|\+/-)\s*(\d+(?:\.\d+)?)(%?)$")
_RANGE = re.compile(rf"^\[\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\]$")
# Answer tokens that an indented line can only have meant as a new answer, not as more text.
_INDENTED_ANSWER = re.compile(r"^(?:\*?[a-zA-Z]\)|\[(?: |\*|x|X)?\])\s+")
# Fields whose value is a code or a number: quotes around it ('Competency: "1.1"') are not part of it.
_UNQUOTED = ("id", "competency", "level", "points", "type")
MAX_POINTS = 100.0


@dataclass(slots=True)
class Element:
    """One token and its text (first line plus indented continuation lines)."""

    kind: str
    marker: str
    lines: list[str]
    loc: Location
    col: int
    feedback: Element | None = None
    indented: list[tuple[str, Location]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass(slots=True)
class Draft:
    """A question being read, before it is checked and rendered."""

    fields: dict[str, tuple[str, Location]] = field(default_factory=dict)
    stem: Element | None = None
    answers: list[Element] = field(default_factory=list)
    extras: dict[str, list[Element]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QuestionMeta:
    """The fields above a question line, checked and with defaults filled in."""

    id: str
    competency: str
    competency_loc: Location
    level: str
    points: float
    title: str
    shuffle: bool
    explicit_id: bool


@dataclass(slots=True)
class Answers:
    """What a question type's builder reads from the answer lines (the rest stays empty)."""

    choices: tuple[Choice, ...] = ()
    numeric: NumericAnswer | None = None
    answers: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    items: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class QuizDefaults:
    """Values from the '::: quiz' line that questions inherit."""

    competency: str = ""
    level: str = ""
    points: str = "1"
    loc: Location | None = None  # the '::: quiz' line the defaults are written on


class QuizParser:
    """Reads the lines of one quiz block (or item-bank file) into questions."""

    def __init__(self, renderer: Renderer, diags: Diagnostics, defaults: QuizDefaults, id_prefix: str,
                 lesson: str | None) -> None:
        self.renderer = renderer
        self.diags = diags
        self.defaults = defaults
        self.id_prefix = id_prefix
        self.lesson = lesson
        self.drafts: list[Draft] = []
        self.pending: dict[str, tuple[str, Location]] = {}
        self.current: Element | None = None
        self.scope = ""  # '<lesson or bank>/<question id>': the translation context of the question being built

    # --- reading lines ------------------------------------------------------

    def read(self, lines: list[str], first_line: int) -> list[Draft]:
        """Split lines (the first being ``first_line`` of the file) into drafts."""
        path = self.renderer.path
        in_code = False
        for offset, raw in enumerate(lines):
            line = raw.expandtabs(4)
            indent = len(line) - len(line.lstrip())
            if self.current is not None and (not line.strip() or indent >= self.current.col or in_code):
                self.current.lines.append(line[self.current.col:] if line.strip() else "")
                if line.strip().startswith(("```", "~~~")):
                    in_code = not in_code
                elif not in_code and (found := _INDENTED_ANSWER.match(line.strip())):
                    self.current.indented.append((found.group(0).strip(), Location(path, first_line + offset, indent + 1)))
                continue
            if not line.strip():
                continue
            self._dispatch(line.strip(), Location(path, first_line + offset, indent + 1), indent)
        return self.drafts

    def _dispatch(self, line: str, loc: Location, indent: int) -> None:
        for name, pattern in TOKENS:
            match = pattern.match(line)
            if match is None:
                continue
            if name == "field" and match.group(0).split(":")[0].strip().lower() not in FIELDS and self.drafts:
                break  # an unknown 'Word:' line is more likely prose out of place
            rest = line[match.end():]
            element = Element(name, match.group(0).strip(), [rest], loc.shifted(col=indent + match.end() + 1),
                              indent + match.end())
            getattr(self, f"_on_{name}")(element, loc)
            return
        self.current = None
        self.diags.add(codes.QUIZ_SYNTAX, loc, text=shown(line, 60))

    def _draft(self, token: str, loc: Location) -> Draft | None:
        if not self.drafts:
            self.diags.add(codes.QUIZ_ORPHAN, loc, token=token)
            return None
        return self.drafts[-1]

    # --- one handler per token ----------------------------------------------

    def _on_comment(self, element: Element, loc: Location) -> None:
        self.current = None

    def _on_field(self, element: Element, loc: Location) -> None:
        self.current = None
        key = element.marker.rstrip(":").strip()
        name = FIELDS.get(key.lower())
        if name is None:
            names = ["Id", "Competency", "Level", "Points", "Type", "Title", "Shuffle", "Fixed"]
            self.diags.add(codes.QUIZ_UNKNOWN_FIELD, loc, field=shown(key), suggestion=did_you_mean(key, names))
            return
        self.pending[name] = (_unquoted(element.text) if name in _UNQUOTED else element.text, element.loc)

    def _on_question(self, element: Element, loc: Location) -> None:
        draft = Draft(fields=self.pending, stem=element)
        self.pending = {}
        self.drafts.append(draft)
        self.current = element

    def _on_answer_kind(self, element: Element, loc: Location) -> None:
        draft = self._draft(element.marker, loc)
        self.current = element
        if draft is not None:
            draft.answers.append(element)

    _on_choice = _on_box = _on_number = _on_answer = _on_pair = _on_item = _on_answer_kind

    def _on_feedback(self, element: Element, loc: Location) -> None:
        draft = self._draft("...", loc)
        self.current = element
        if draft is None:
            return
        last = draft.answers[-1] if draft.answers else None
        if last is None or last.kind not in ("choice", "box"):
            self.diags.add(codes.QUIZ_FEEDBACK_MISPLACED, loc)
        elif last.feedback is not None:
            self.diags.add(codes.QUIZ_DUPLICATE_FEEDBACK, loc, token="...", what=terms.CHOICE)
        else:
            last.feedback = element

    def _on_extra(self, element: Element, loc: Location) -> None:
        draft = self._draft(element.marker, loc)
        self.current = element
        if draft is None:
            return
        existing = draft.extras.setdefault(element.kind, [])
        if existing and element.kind != "hint":
            self.diags.add(codes.QUIZ_DUPLICATE_FEEDBACK, loc, token=element.marker, what=terms.QUESTION)
            return
        existing.append(element)

    _on_hint = _on_explanation = _on_correct = _on_incorrect = _on_extra

    # --- building questions -----------------------------------------------

    def build(self, lines: list[str], first_line: int, start_number: int) -> list[Question]:
        """Parse and check ``lines``; questions without ids are numbered from ``start_number``."""
        questions: list[Question] = []
        for number, draft in enumerate(self.read(lines, first_line), start=start_number):
            question = self._build_one(draft, number)
            if question is not None:
                questions.append(question)
        if self.pending:
            name, (_, loc) = next(iter(self.pending.items()))
            self.diags.add(codes.QUIZ_ORPHAN, loc, token=name)
        return questions

    def _build_one(self, draft: Draft, number: int) -> Question | None:
        assert draft.stem is not None
        loc = draft.stem.loc
        if self._indented_answers(draft):
            return None
        kind = self._kind(draft, loc)
        if not draft.stem.text:
            self.diags.add(codes.QUIZ_EMPTY, loc, token=draft.stem.marker)
        meta = self._meta(draft, number, loc)
        if kind is None or meta is None:
            return None
        self.scope = f"{self.id_prefix}/{meta.id}"  # the translation context of this question's parts
        stem = self.renderer.render_text(draft.stem.text, loc.line, context=f"{self.scope}/stem")
        body: Answers | None = getattr(self, f"_build_{kind.value}")(draft, loc)
        if body is None:
            return None
        extras = {k: [self._inline(e, f"{k}-{n}") for n, e in enumerate(v, start=1)] for k, v in draft.extras.items()}
        if not self._apply_fixed(draft, body):
            return None
        if not meta.explicit_id:
            self.diags.add(codes.QUIZ_NO_ID, loc, id=meta.id, example=f"{self.id_prefix}-{number}")
        return Question(
            id=meta.id, loc=loc, type=kind, competency=meta.competency, level=meta.level,
            points=meta.points, title=meta.title, lesson=self.lesson,
            stem_html=stem.html, stem_text=stem.text, hints=tuple(extras.get("hint", [])),
            explanation_html="".join(extras.get("explanation", [])), correct_html="".join(extras.get("correct", [])),
            incorrect_html="".join(extras.get("incorrect", [])), shuffle=meta.shuffle,
            choices=body.choices, numeric=body.numeric, answers=body.answers, pairs=body.pairs, items=body.items,
            competency_loc=meta.competency_loc,
        )

    def _indented_answers(self, draft: Draft) -> bool:
        """An answer token indented as far as the text above was read as text: say so, once."""
        assert draft.stem is not None
        for element in (draft.stem, *draft.answers):
            if element.indented:
                token, where = element.indented[0]
                self.diags.add(codes.QUIZ_INDENTED_TOKEN, where, token=token)
                return True
        return False

    def _apply_fixed(self, draft: Draft, body: Answers) -> bool:
        """'Fixed: d' keeps choice d at its place when the others are shuffled."""
        if "fixed" not in draft.fields:
            return True
        text, loc = draft.fields["fixed"]
        wanted = [k.strip().lower().rstrip(")") for k in text.split(",") if k.strip()]
        choices = body.choices
        known = {c.key for c in choices}
        unknown = [k for k in wanted if k not in known]
        if unknown or not wanted:
            self.diags.add(codes.ITEM_BAD_FIXED, loc, value=text, keys=", ".join(sorted(known)) or "-")
            return False
        body.choices = tuple(replace(c, fixed=c.key in wanted) for c in choices)
        return True

    def _kind(self, draft: Draft, loc: Location) -> QuestionType | None:
        kinds = list(dict.fromkeys(a.kind for a in draft.answers))
        wanted = draft.fields.get("type", ("", loc))
        if not kinds:
            self.diags.add(codes.QUIZ_NO_ANSWERS, loc)
            return None
        if len(kinds) > 1:
            self.diags.add(codes.QUIZ_MIXED, loc, kinds=", ".join(ANSWER_KINDS[k] for k in kinds))
            return None
        kind = {"choice": QuestionType.SINGLE, "box": QuestionType.MULTIPLE, "number": QuestionType.NUMERIC,
                "answer": QuestionType.TEXT, "pair": QuestionType.MATCHING, "item": QuestionType.ORDERING}[kinds[0]]
        requested = wanted[0].strip().lower()
        if requested in ("", kind.value) or (requested in ("single", "choice") and kind is QuestionType.SINGLE):
            return kind
        if requested == "dropdown" and kind is QuestionType.SINGLE:
            return QuestionType.DROPDOWN
        self.diags.add(codes.QUIZ_BAD_TYPE, wanted[1], value=shown(wanted[0]))
        return None

    def _meta(self, draft: Draft, number: int, loc: Location) -> QuestionMeta | None:
        f = draft.fields
        qid, id_loc = f.get("id", (f"{self.id_prefix}-q{number}", loc))
        ok = True
        if not is_valid_id(qid):
            self.diags.add(codes.ID_INVALID, id_loc, id=shown(qid))
            ok = False
        competency, competency_loc = f.get("competency", (self.defaults.competency, self.defaults.loc or loc))
        if not competency:
            self.diags.add(codes.QUIZ_NO_COMPETENCY, loc)
            ok = False
        level = f.get("level", (self.defaults.level, loc))[0]
        points_text, points_loc = f.get("points", (self.defaults.points, loc))
        points = _points(points_text)
        if points is None:
            self.diags.add(codes.QUIZ_BAD_POINTS, points_loc, value=shown(points_text))
            ok = False
        shuffle_text, shuffle_loc = f.get("shuffle", ("yes", loc))
        shuffle = YES_NO.get(shuffle_text.strip().lower())
        if shuffle is None:
            self.diags.add(codes.ITEM_BAD_SHUFFLE, shuffle_loc, value=shown(shuffle_text))
            ok = False
        if not ok or points is None or shuffle is None:
            return None
        return QuestionMeta(id=qid, competency=competency, competency_loc=competency_loc, level=level, points=points,
                            title=f.get("title", ("", loc))[0], shuffle=shuffle, explicit_id="id" in f)

    def _inline(self, element: Element, part: str) -> str:
        return self.renderer.render_text(element.text, element.loc.line, inline=True, context=f"{self.scope}/{part}").html

    # --- per type -----------------------------------------------------------

    def _choices(self, draft: Draft) -> tuple[Choice, ...] | None:
        choices: list[Choice] = []
        seen: set[str] = set()
        for index, el in enumerate(draft.answers):
            if not el.text:
                self.diags.add(codes.QUIZ_EMPTY, el.loc, token=el.marker)
                return None
            key = chr(ord("a") + index) if index < 26 else f"z{index}"
            rendered = self.renderer.render_text(el.text, el.loc.line, inline=True, context=f"{self.scope}/choice-{key}")
            if rendered.text in seen:
                self.diags.add(codes.QUIZ_DUPLICATE_CHOICE, el.loc, text=shown(rendered.text, 60))
            seen.add(rendered.text)
            correct = el.marker.startswith("*") or el.marker[1:2] in ("*", "x", "X")
            feedback = self._inline(el.feedback, f"choice-{key}/feedback") if el.feedback else ""
            choices.append(Choice(key, rendered.html,
                                  rendered.text, correct, feedback, loc=el.loc))
        if len(choices) > 26:
            self.diags.add(codes.QUIZ_TOO_MANY_CHOICES, draft.answers[26].loc, count=len(choices))
            return None
        return tuple(choices)

    def _build_single(self, draft: Draft, loc: Location) -> Answers | None:
        choices = self._choices(draft)
        if choices is None:
            return None
        correct = sum(c.correct for c in choices)
        if len(choices) < 2:
            self.diags.add(codes.QUIZ_FEW_CHOICES, loc, count=len(choices))
        elif correct == 0:
            self.diags.add(codes.QUIZ_NO_CORRECT, loc)
        elif correct > 1:
            self.diags.add(codes.QUIZ_MANY_CORRECT, loc, count=correct)
        else:
            return Answers(choices=choices)
        return None

    _build_dropdown = _build_single

    def _build_multiple(self, draft: Draft, loc: Location) -> Answers | None:
        choices = self._choices(draft)
        if choices is None:
            return None
        if len(choices) < 2:
            self.diags.add(codes.QUIZ_FEW_CHOICES, loc, count=len(choices))
        elif not any(c.correct for c in choices):
            self.diags.add(codes.QUIZ_NO_CORRECT, loc)
        else:
            return Answers(choices=choices)
        return None

    def _build_numeric(self, draft: Draft, loc: Location) -> Answers | None:
        if len(draft.answers) > 1:
            self.diags.add(codes.QUIZ_DUPLICATE_FEEDBACK, draft.answers[1].loc, token="=", what=terms.QUESTION)
            return None
        el = draft.answers[0]
        answer = parse_number(el.text)
        if answer is None:
            self.diags.add(codes.QUIZ_BAD_NUMBER, el.loc, text=shown(el.text))
            return None
        return Answers(numeric=answer)

    def _build_text(self, draft: Draft, loc: Location) -> Answers | None:
        answers = []
        for el in draft.answers:
            if not el.text:
                self.diags.add(codes.QUIZ_EMPTY, el.loc, token="*")
                return None
            answers.append(" ".join(el.text.split()))
        return Answers(answers=tuple(dict.fromkeys(answers)))

    def _build_matching(self, draft: Draft, loc: Location) -> Answers | None:
        pairs: list[Pair] = []
        lefts: set[str] = set()
        for number, el in enumerate(draft.answers, start=1):
            left, sep, right = el.text.partition("->")
            left, right = left.strip(), right.strip()
            if not sep or not right or not left:
                self.diags.add(codes.QUIZ_BAD_PAIR, el.loc, text=shown(el.text, 60))
                return None
            lhs = ("", "") if left == "_" else self._pair_side(left, el, f"pair-{number}/left")
            if lhs[1] and lhs[1] in lefts:
                self.diags.add(codes.QUIZ_DUPLICATE_LEFT, el.loc, text=shown(lhs[1], 60))
                return None
            lefts.add(lhs[1])
            rhs = self._pair_side(right, el, f"pair-{number}/right")
            pairs.append(Pair(lhs[0], lhs[1], rhs[0], rhs[1]))
        real = [p for p in pairs if p.left_text]
        if len(real) < 2:
            self.diags.add(codes.QUIZ_FEW_PAIRS, loc, count=len(real))
            return None
        return Answers(pairs=tuple(pairs))

    def _pair_side(self, text: str, el: Element, part: str) -> tuple[str, str]:
        rendered = self.renderer.render_text(text, el.loc.line, inline=True, context=f"{self.scope}/{part}")
        return rendered.html, rendered.text

    def _build_ordering(self, draft: Draft, loc: Location) -> Answers | None:
        items: list[Item] = []
        for number, el in enumerate(draft.answers, start=1):
            if not el.text:
                self.diags.add(codes.QUIZ_EMPTY, el.loc, token="~")
                return None
            rendered = self.renderer.render_text(el.text, el.loc.line, inline=True, context=f"{self.scope}/item-{number}")
            if any(item.text == rendered.text for item in items):
                self.diags.add(codes.QUIZ_DUPLICATE_ITEM, el.loc, text=shown(rendered.text, 60))
                return None
            items.append(Item(rendered.html, rendered.text))
        if len(items) < 2:
            self.diags.add(codes.QUIZ_FEW_ITEMS, loc, count=len(items))
            return None
        return Answers(items=tuple(items))


def parse_number(text: str) -> NumericAnswer | None:
    """'42', '3.5 +- 0.1', '200 +- 5%' or '[1, 5]' → a value with a tolerance (finite, or None)."""
    answer = _parse_number(text)
    if answer is None or not all(math.isfinite(x) for x in (answer.value, answer.tolerance, answer.low, answer.high)):
        return None
    return answer


def _points(text: str) -> float | None:
    """Question points: a finite number in (0, 100] (SCORM's JSON and Open edX weights need a real number)."""
    try:
        points = float(text)
    except ValueError:
        return None
    return points if 0 < points <= MAX_POINTS else None


def _unquoted(text: str) -> str:
    """'"1.1"' → '1.1': quotes around a code are the author's, not part of it."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


def _parse_number(text: str) -> NumericAnswer | None:
    text = text.strip().replace("_", "")
    if m := _EXACT.match(text):
        return NumericAnswer(float(m.group(1)), 0.0, "0")
    if m := _TOLERANCE.match(text):
        value, margin, percent = float(m.group(1)), float(m.group(2)), m.group(3)
        tolerance = abs(value) * margin / 100 if percent else margin
        return NumericAnswer(value, tolerance, m.group(2) + percent)
    if m := _RANGE.match(text):
        low, high = sorted((float(m.group(1)), float(m.group(2))))
        half = (high - low) / 2
        return NumericAnswer(low + half, half, _fmt(half))
    return None


def _fmt(value: float) -> str:
    return f"{value:.10g}"


def read_quiz(fence: Fence, renderer: Renderer, framework: Framework, diags: Diagnostics, level: str,
              id_prefix: str, lesson: str | None, start_number: int) -> tuple[list[Question], int]:
    """The questions of one '::: quiz' block (of a lesson or an item bank).

    Returns them with the number the next question without an ``Id:`` gets
    (questions are numbered across the blocks of one file).
    """
    options = fence.options
    defaults = QuizDefaults(options.get("competency", ""), options.get("level", level), options.get("points", "1"),
                            fence.loc)
    parser = QuizParser(renderer, diags, defaults, id_prefix, lesson)
    before = diags.count_errors()
    questions = parser.build(fence.content.split("\n"), fence.first, start_number)
    for q in questions:
        check_competency(q.competency, q.competency_loc or q.loc, framework, diags)
        check_level(q.level, q.loc, framework, diags)
    if not parser.drafts and diags.count_errors() == before:
        diags.add(codes.QUIZ_EMPTY_BLOCK, fence.loc)
    return questions, start_number + len(parser.drafts)
