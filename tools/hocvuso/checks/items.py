"""Item-quality checks: each answer cue of :mod:`hocvuso.checks.cues` as a diagnostic.

Per item: a conspicuously long key, a hint or a wrong choice's feedback that
gives the answer away, a stem whose words only the key repeats, copyable
matching pairs, self-numbered ordering items, near-duplicate options, two
options, "all/none of the above", an unemphasised negative stem.  Per group:
the share of longest keys and of one key position in a course, key positions
in a lesson and in a bank section, and bank cells too small for the draw.
Thresholds and their reasons are in :mod:`hocvuso.checks.cues` and docs/items.md.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from hocvuso.checks import cues
from hocvuso.diagnostics import Location, codes

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course, Lesson, Question


def check_items(course: Course, diags: Diagnostics) -> None:
    """Every item-quality check of one course."""
    for question in course.questions:
        check_question(question, diags, practice=True)
    for question in course.bank:
        check_question(question, diags, practice=False)
    check_course_shares(course, diags)
    for lesson in course.lessons:
        check_lesson_positions(lesson, diags)
    check_bank_sections(course, diags)
    check_bank_cells(course, diags)


def _pct(share: float) -> str:
    return f"{share:.0%}"


def _choice_loc(question: Question, index: int) -> Location:
    return question.choices[index].loc or question.loc


def check_question(q: Question, diags: Diagnostics, practice: bool) -> None:
    """The cues one item carries on its own."""
    if cues.conspicuously_longest(q):
        position = cues.key_position(q) or 0
        diags.add(codes.ITEM_KEY_LONGEST, _choice_loc(q, position), ratio=f"{cues.key_length_ratio(q):.1f}")
    _check_hints(q, diags)
    if practice and (wrong := cues.revealing_feedback(q)) is not None:
        shown = cues.distinctive_words(q) & cues.content_words(cues.plain(wrong.feedback_html))
        diags.add(codes.ITEM_FEEDBACK_REVEALS, wrong.loc or q.loc, words=" ".join(sorted(shown)))
    if clang := cues.stem_clang(q):
        diags.add(codes.ITEM_STEM_CLANG, q.loc, words=" ".join(sorted(clang)))
    if cues.copyable_matching(q):
        diags.add(codes.ITEM_MATCHING_COPYABLE, q.loc, count=cues.word_matched_pairs(q), total=len(q.matches))
    if cues.numbered_ordering(q):
        first = next(i.text for i in q.items if cues.ORDINAL.match(i.text))
        diags.add(codes.ITEM_ORDERING_NUMBERED, q.loc, text=first[:40])
    if (pair := cues.near_duplicate(q)) is not None:
        diags.add(codes.ITEM_NEAR_DUPLICATE, pair[1].loc or q.loc, other=pair[0].text[:60])
    if cues.too_few_options(q):
        diags.add(codes.ITEM_TWO_OPTIONS, q.loc)
    if (choice := cues.all_or_none(q)) is not None:
        diags.add(codes.ITEM_ALL_NONE, choice.loc or q.loc)
    if (word := cues.unemphasised_negative(q)) is not None:
        diags.add(codes.ITEM_NEGATIVE_STEM, q.loc, word=word)


def _check_hints(q: Question, diags: Diagnostics) -> None:
    for number, hint in enumerate(q.hints, start=1):
        text = cues.plain(hint)
        exact = next((a for a in q.answers if cues.words(a) == cues.words(text)), None)
        if exact is not None:
            diags.add(codes.ITEM_HINT_IS_ANSWER, q.loc, number=number, answer=exact)
        elif cues.revealing_hint(q) == number - 1:
            shown = cues.distinctive_words(q) & cues.content_words(text) or set(cues.QUOTED.findall(text))
            diags.add(codes.ITEM_HINT_REVEALS, q.loc, number=number, words=" ".join(sorted(shown)))


def check_course_shares(course: Course, diags: Diagnostics) -> None:
    """Longest keys and key positions over the whole course (lessons and bank)."""
    items = (*course.questions, *course.bank)
    where = Location(course.root / "course.yaml", 1, 1)
    name = f"'{course.group}'"
    choice = [q for q in items if q.type in cues.CHOICE_TYPES]
    longest = sum(cues.key_longest(q) for q in choice)
    if len(choice) >= cues.COURSE_MIN_ITEMS and longest / len(choice) > cues.MAX_LONGEST_SHARE:
        diags.add(codes.ITEM_LONGEST_SHARE, where, where=name, group=course.group, count=longest, total=len(choice),
                  share=_pct(longest / len(choice)), limit=_pct(cues.MAX_LONGEST_SHARE))
    if len(choice) >= cues.COURSE_MIN_ITEMS and longest / len(choice) < cues.MIN_LONGEST_SHARE:
        diags.add(codes.ITEM_LONGEST_RARE, where, where=name, group=course.group, count=longest, total=len(choice),
                  share=_pct(longest / len(choice)), limit=_pct(cues.MIN_LONGEST_SHARE))
    spread = cues.position_spread(items)
    if spread.total >= cues.COURSE_MIN_ITEMS and spread.share > cues.MAX_POSITION_SHARE:
        diags.add(codes.ITEM_POSITION_COURSE, where, where=name, count=spread.counts[spread.top], total=spread.total,
                  letter=cues.letter(spread.top), share=_pct(spread.share), limit=_pct(cues.MAX_POSITION_SHARE))


def check_lesson_positions(lesson: Lesson, diags: Diagnostics) -> None:
    """A lesson whose single-choice keys all sit at one position."""
    spread = cues.position_spread(lesson.questions)
    if spread.total >= cues.LESSON_MIN_ITEMS and spread.share == 1.0:
        first = next(q for q in lesson.questions if cues.key_position(q) is not None)
        diags.add(codes.ITEM_POSITION_LESSON, first.loc, total=spread.total, letter=cues.letter(spread.top))


def check_bank_sections(course: Course, diags: Diagnostics) -> None:
    """Key positions within each competency of each bank file."""
    sections: dict[tuple[str, str], list[Question]] = defaultdict(list)
    for q in course.bank:
        sections[(str(q.loc.path), q.competency)].append(q)
    for (_, code), questions in sections.items():
        spread = cues.position_spread(questions)
        if spread.total >= cues.SECTION_MIN_ITEMS and spread.share > cues.MAX_SECTION_POSITION_SHARE:
            diags.add(codes.ITEM_POSITION_SECTION, questions[0].loc, code=code, count=spread.counts[spread.top],
                      total=spread.total, letter=cues.letter(spread.top), share=_pct(spread.share),
                      limit=_pct(cues.MAX_SECTION_POSITION_SHARE))


def check_bank_cells(course: Course, diags: Diagnostics) -> None:
    """A competency whose every level cell is used up by the draw: every form asks the same items.

    Smaller exposure problems (one cell on every form while the others vary) are
    counted by ``hocvuso items`` ("items on every form"), not warned about.
    """
    for code in course.profile.codes:
        cells = cues.bank_cells(course, code)
        exposure = cues.cell_exposure(cells, course.certification.pass_rule.min_items_per_competency)
        if cells and all(share >= 1.0 for share in exposure.values()):
            level, questions = next(iter(cells.items()))
            quota = cues.cell_quotas({lv: len(qs) for lv, qs in cells.items()},
                                     course.certification.pass_rule.min_items_per_competency)[level]
            diags.add(codes.ITEM_BANK_CELL, questions[0].loc, code=code, level=level, count=len(questions),
                      quota=quota, needed=quota + 1)
