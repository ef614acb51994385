"""Answer cues: what lets a learner answer a question without knowing.

Pure functions over one :class:`~hocvuso.model.Question` (and a few over a
group of questions).  :mod:`hocvuso.checks.items` turns them into
diagnostics; ``hocvuso items`` turns them into course figures.  The rules
and thresholds follow Haladyna, Downing & Rodriguez (2002), "A review of
multiple-choice item-writing guidelines for classroom assessment" (Applied
Measurement in Education 15(3), 309–333); docs/items.md gives the guideline
behind each and why each threshold is where it is.

Words are compared as Vietnamese syllables (a run of letters and digits,
case-folded, NFC): a syllable is the unit a learner sees repeated.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape
from typing import TYPE_CHECKING

from hocvuso.model import QuestionType

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from hocvuso.model import Choice, Course, Question

CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.DROPDOWN, QuestionType.MULTIPLE)
ONE_KEY_TYPES = (QuestionType.SINGLE, QuestionType.DROPDOWN)

# --- thresholds (docs/items.md) ------------------------------------------------
# A key twice as long as the longest distractor is a cue on its own, seen at a
# glance (guideline: keep choices about equal in length).  Milder length cues
# are a matter of proportion and are checked over the course (MAX_LONGEST_SHARE).
CONSPICUOUS_RATIO = 2.0
CONSPICUOUS_MIN_CHARS = 12
# A course (all its single-choice items) or a bank file may have at most this
# share of items whose key is the uniquely longest choice.  With 3–4 options of
# random length the share is 25–33 %; 35 % leaves room for chance, not for a habit.
MAX_LONGEST_SHARE = 0.35
# ... and at least this share: a key that is almost never the longest is the reverse
# cue ("rule the longest out" lifts a blind guess from 1/4 to 1/3).
MIN_LONGEST_SHARE = 0.15
# At most this share of single-choice keys at one position (a, b, c, …) in a
# course; with 3–4 options the fair share is 25–33 %.
MAX_POSITION_SHARE = 0.40
# Course shares are judged from this many items on: below it a share says little.
COURSE_MIN_ITEMS = 10
# A bank section (one competency in one bank file) with at least this many
# single-choice items may have at most this share at one position.
SECTION_MIN_ITEMS = 6
MAX_SECTION_POSITION_SHARE = 0.50
# A lesson whose single-choice items (at least this many) all have the key at
# the same position: the chance of that with 3 options is 1 in 9, with 4 in 16.
LESSON_MIN_ITEMS = 3
# Two options this similar (difflib ratio on their text) read as one option.
NEAR_DUPLICATE_RATIO = 0.85
NEAR_DUPLICATE_MIN_WORDS = 4
# A hint, a stem or a wrong-choice feedback "gives the answer away" when it holds
# at least this share of the key's distinctive words (and at least two, or the one).
REVEAL_SHARE = 0.5
# The stem repeats the key's distinctive words (clang association) from this many
# syllables on (about two Vietnamese words; one shared word is often unavoidable).
CLANG_MIN_WORDS = 4
# A matching item is solvable by copying words when this share of its pairs share a
# word with their own answer and with no other answer.
MATCHING_SHARE = 0.5
# Item exposure: the share of forms an item of a bank cell (competency × level) is on,
# quota / cell size.  At 100 % every form asks that cell's items; under 50 % needs a cell
# twice the draw.  A competency with every cell at 100 % is warned about (HV714);
# `hocvuso items` counts the items on every form.

# Function words that carry no answer (Vietnamese first, then English).
_STOPWORD_TEXT = """
và là của có không các những một cho để với trong khi thì bạn người được bị này đó kia rồi ra vào lên
xuống theo từ ở hay hoặc nếu mà vì nên cũng đã đang sẽ làm gì nào ai ấy đây đều rất chỉ thêm như
sau trước trên dưới lại nữa mình họ ta tôi chúng em anh chị ông bà cô chú cái việc điều khác
the a an of to and or in on for is are be it this that with by as at not no your you
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Stems that ask for the negative option: "Việc nào KHÔNG nên làm?", "… ngoại trừ …",
# "Which is NOT …" (not "Vì sao không nên …", which asks for a reason).
NEGATIVE_STEM = re.compile(r"\b(?:nào|gì)\s+(?:sau đây\s+)?(?:là\s+|thì\s+)?(không|chưa|sai)\b|\b(ngoại trừ)\b"
                           r"|\b(not|except)\b", re.IGNORECASE)
ALL_NONE = re.compile(
    r"\b(tất cả|cả ba|cả bốn|cả hai|cả [a-d] và [a-d]|không có)\s+(các\s+)?(ý|đáp án|lựa chọn|phương án|câu)\b"
    r"|\b(các|những)\s+(ý|đáp án|lựa chọn|phương án)\s+trên\b|\b[a-d] và [a-d] đều\b"
    r"|\b(all|none|both) of the above\b", re.IGNORECASE)
ORDINAL = re.compile(r"^\s*(\d+[.)]|bước\s+\d+|(đầu tiên|trước tiên|trước hết|sau đó|tiếp theo|cuối cùng|"
                     r"first|then|next|finally|lastly)\b)", re.IGNORECASE)
QUOTED = re.compile(r"[\"“'‘«]([^\"”'’»]{2,})[\"”'’»]")
EMPHASIS = re.compile(r"<(strong|em|b|mark)>(.*?)</\1>", re.IGNORECASE | re.DOTALL)


def words(text: str) -> list[str]:
    """The syllables of ``text``, case-folded and NFC."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def content_words(text: str) -> set[str]:
    """Syllables that can carry meaning: not function words, not single letters."""
    return {w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())}


def keys(q: Question) -> tuple[Choice, ...]:
    return tuple(c for c in q.choices if c.correct)


def distractors(q: Question) -> tuple[Choice, ...]:
    return tuple(c for c in q.choices if not c.correct)


def key_length_ratio(q: Question) -> float:
    """Length of the key over that of the longest distractor (single and dropdown)."""
    if q.type not in ONE_KEY_TYPES or not distractors(q):
        return 0.0
    longest = max(len(c.text) for c in distractors(q))
    return len(keys(q)[0].text) / max(longest, 1)


def key_longest(q: Question) -> bool:
    """The right answer is the uniquely longest option.

    Multiple choice: every right option is longer than every wrong one, so
    "tick the long ones" scores full marks.
    """
    good, bad = keys(q), distractors(q)
    if q.type not in CHOICE_TYPES or not good or not bad:
        return False
    return min(len(c.text) for c in good) > max(len(c.text) for c in bad)


def conspicuously_longest(q: Question) -> bool:
    """The key is the longest by a margin a learner sees at a glance."""
    if q.type not in ONE_KEY_TYPES or not key_longest(q):
        return False
    key = keys(q)[0].text
    longest = max(len(c.text) for c in distractors(q))
    return len(key) >= CONSPICUOUS_RATIO * longest and len(key) - longest >= CONSPICUOUS_MIN_CHARS


def key_position(q: Question) -> int | None:
    """0 for a, 1 for b, …: where the single key is written (None for other types)."""
    if q.type not in ONE_KEY_TYPES:
        return None
    return next(i for i, c in enumerate(q.choices) if c.correct)


def distinctive_words(q: Question) -> set[str]:
    """Words of the right answer(s) that no wrong option uses: what a cue would repeat."""
    if q.type in CHOICE_TYPES:
        wrong = set().union(*(content_words(c.text) for c in distractors(q)))
        return set().union(*(content_words(c.text) for c in keys(q))) - wrong
    if q.type is QuestionType.TEXT:
        return set().union(*(content_words(a) for a in q.answers))
    return set()


def _reveals(text: str, q: Question) -> bool:
    """``text`` holds enough of the answer's distinctive words to give it away."""
    if q.type is QuestionType.TEXT:
        return _text_answer_in(text, q.answers)
    distinct = distinctive_words(q)
    if not distinct:
        return False
    found = distinct & content_words(text)
    # one syllable of a two-syllable word is often a different word ("công cụ", "công thức")
    return len(found) >= max(min(2, len(distinct)), math.ceil(REVEAL_SHARE * len(distinct)))


def _text_answer_in(text: str, answers: Sequence[str]) -> bool:
    """A short-text answer (or a quoted piece of it) written in the hint."""
    folded = " ".join(words(text))
    for answer in answers:
        target = " ".join(words(answer))
        if target and re.search(rf"\b{re.escape(target)}\b", folded):
            return True
        squashed = "".join(words(answer))
        for piece in QUOTED.findall(text):
            bit = "".join(words(piece))
            if len(bit) >= 2 and bit in squashed:
                return True
    return False


def plain(html: str) -> str:
    """The text of an inline HTML fragment."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


def revealing_hint(q: Question) -> int | None:
    """The index of the first hint that gives the answer away."""
    return next((i for i, hint in enumerate(q.hints) if _reveals(plain(hint), q)), None)


def revealing_feedback(q: Question) -> Choice | None:
    """A wrong choice whose feedback names the right answer.

    With two attempts, such feedback after the first makes the second free.
    """
    if q.type not in ONE_KEY_TYPES:
        return None
    return next((c for c in distractors(q) if c.feedback_html and _reveals(plain(c.feedback_html), q)), None)


def stem_clang(q: Question) -> set[str]:
    """Distinctive words of the key that the stem repeats (empty when fewer than the threshold)."""
    if q.type not in ONE_KEY_TYPES:
        return set()
    shared = distinctive_words(q) & content_words(q.stem_text)
    return shared if len(shared) >= CLANG_MIN_WORDS else set()


def near_duplicate(q: Question) -> tuple[Choice, Choice] | None:
    """Two options so alike in wording that they read as one.

    Options are compared word by word and only from four words on: short
    look-alikes ('dichvucong.gov.vn' and 'dichvucong.gov.vn.xyz', a file name,
    a search query) are what such an item asks the learner to tell apart.
    """
    for i, a in enumerate(q.choices):
        for b in q.choices[i + 1:]:
            wa, wb = words(a.text), words(b.text)
            if min(len(wa), len(wb)) >= NEAR_DUPLICATE_MIN_WORDS and \
                    SequenceMatcher(None, wa, wb).ratio() >= NEAR_DUPLICATE_RATIO:
                return a, b
    return None


def all_or_none(q: Question) -> Choice | None:
    """An "all of the above" / "none of the above" option."""
    return next((c for c in q.choices if ALL_NONE.search(c.text)), None)


def unemphasised_negative(q: Question) -> str | None:
    """The negative word of a negative stem when it is neither in capitals nor bold."""
    if q.type not in (*CHOICE_TYPES, QuestionType.MATCHING):
        return None
    match = NEGATIVE_STEM.search(q.stem_text)
    if match is None:
        return None
    word = next(g for g in match.groups() if g)
    emphasised = " ".join(m.group(2) for m in EMPHASIS.finditer(q.stem_html)).casefold()
    if (word.isupper() and len(word) > 1) or word.casefold() in emphasised:
        return None
    return word


def too_few_options(q: Question) -> bool:
    """A single-choice item with two options: half the guessers are right."""
    return q.type in ONE_KEY_TYPES and len(q.choices) < 3


def word_matched_pairs(q: Question) -> int:
    """How many pairs of a matching item share a word with their own answer and no other."""
    if q.type is not QuestionType.MATCHING:
        return 0
    rights = [content_words(p.right_text) for p in q.pairs]
    count = 0
    for pair in q.matches:
        own = content_words(pair.right_text)
        others = set().union(*(r for r in rights if r is not own and r != own))
        if (content_words(pair.left_text) & own) - others:
            count += 1
    return count


def copyable_matching(q: Question) -> bool:
    matches = len(q.matches)
    return matches > 0 and word_matched_pairs(q) >= max(2, math.ceil(MATCHING_SHARE * matches))


def numbered_ordering(q: Question) -> bool:
    """Ordering items that carry their own order ("Bước 1", "Đầu tiên", "Cuối cùng")."""
    return q.type is QuestionType.ORDERING and sum(bool(ORDINAL.match(i.text)) for i in q.items) >= 2


# --- groups of questions ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PositionSpread:
    """Where the keys of a group of single-choice items sit."""

    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def top(self) -> int:
        """The most used position (0 = a)."""
        return max(range(len(self.counts)), key=lambda i: self.counts[i]) if self.counts else 0

    @property
    def share(self) -> float:
        return self.counts[self.top] / self.total if self.total else 0.0


def position_spread(questions: Iterable[Question]) -> PositionSpread:
    counts: list[int] = []
    for q in questions:
        pos = key_position(q)
        if pos is None:
            continue
        counts.extend([0] * (pos + 1 - len(counts)))
        counts[pos] += 1
    return PositionSpread(tuple(counts))


def letter(position: int) -> str:
    return chr(ord("a") + position)


def cell_quotas(sizes: dict[str, int], total: int) -> dict[str, int]:
    """How many of ``total`` items a form draws from each level cell: proportional, largest remainder.

    The same allocation as the certification block's draw (ties to the larger cell).
    """
    whole = sum(sizes.values())
    if not whole:
        return {}
    want = min(total, whole)
    exact = {level: want * n / whole for level, n in sizes.items()}
    quota = {level: int(share) for level, share in exact.items()}
    order = sorted(sizes, key=lambda lv: (-(exact[lv] - quota[lv]), -sizes[lv], lv))
    for level in order[: want - sum(quota.values())]:
        quota[level] += 1
    return quota


def guess_scores(q: Question) -> tuple[float, float, float]:
    """Expected score of a single-choice item for three blind strategies.

    (always the first option, always the longest option, a random option);
    ties for the longest are broken at random.
    """
    if q.type not in ONE_KEY_TYPES or not q.choices:
        return 0.0, 0.0, 0.0
    first = 1.0 if q.choices[0].correct else 0.0
    top = max(len(c.text) for c in q.choices)
    longest = [c for c in q.choices if len(c.text) == top]
    return first, sum(c.correct for c in longest) / len(longest), 1 / len(q.choices)


def bank_cells(course: Course, code: str) -> dict[str, list[Question]]:
    """The bank items of one competency, by level, levels in bank order."""
    cells: dict[str, list[Question]] = {}
    for q in course.bank:
        if q.competency == code:
            cells.setdefault(q.level, []).append(q)
    return cells


def cell_exposure(cells: dict[str, list[Question]], draw: int) -> dict[str, float]:
    """Per level cell, the share of forms each of its items is on (quota / size)."""
    quotas = cell_quotas({level: len(qs) for level, qs in cells.items()}, draw)
    return {level: quotas[level] / len(qs) for level, qs in cells.items() if qs}
