"""Drawing fair forms and reading answers: pure functions of grading.py, no runtime."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from hocvuso_xblocks import grading

LEVELS = [{"code": "CB1", "step": 1}, {"code": "CB2", "step": 2}, {"code": "TC1", "step": 3}]


def bank_of(shape: dict[str, dict[str, int]]) -> dict:
    """A bank with ``shape[competency][level]`` single-choice questions (ids like '4.2-CB1-0')."""
    questions = [{"id": f"{code}-{level}-{n}", "type": "single", "competency": code, "level": level, "points": 1,
                  "choices": [{"text": "a", "correct": True}, {"text": "b"}]}
                 for code, levels in shape.items() for level, count in levels.items() for n in range(count)]
    return {"levels": LEVELS, "competencies": [{"code": code, "level": "CB2"} for code in shape], "questions": questions}


# The built courses' banks have 7 items per competency: 2 below, 3 at and 2 above the target level.
COURSE_SHAPE = {"4.2": {"CB1": 2, "CB2": 3, "TC1": 2}, "1.1": {"CB1": 2, "CB2": 3, "TC1": 2}}


@pytest.mark.parametrize(("total", "expected"), [
    # 7 items as 2:3:2; exact shares total*2/7, total*3/7, total*2/7, then largest remainder, ties to the target level.
    (3, {"CB1": 1, "CB2": 1, "TC1": 1}),   # 0.86, 1.29, 0.86 → 0,1,0 + the two 0.86 remainders
    (4, {"CB1": 1, "CB2": 2, "TC1": 1}),   # 1.14, 1.71, 1.14 → 1,1,1 + CB2 (0.71)
    (5, {"CB1": 2, "CB2": 2, "TC1": 1}),   # 1.43, 2.14, 1.43 → 1,2,1 + a 0.43 tie between CB1 and TC1,
                                           # both one step from CB2: the lower level wins
    (7, {"CB1": 2, "CB2": 3, "TC1": 2}),
    (20, {"CB1": 2, "CB2": 3, "TC1": 2}),  # never more than the bank has
])
def test_allocation_by_level(total, expected):
    steps = {lv["code"]: lv["step"] for lv in LEVELS}
    got = grading.allocation({"CB1": 2, "CB2": 3, "TC1": 2}, total, "CB2", steps)
    assert got == expected
    assert sum(got.values()) == min(total, 7)


def test_every_form_has_the_same_number_of_items_per_competency_and_level():
    bank = bank_of(COURSE_SHAPE)
    rng = random.Random(7)
    shapes = set()
    for _ in range(200):
        form = grading.draw_form(bank, 4, rng)
        level = {q["id"]: (q["competency"], q["level"]) for q in bank["questions"]}
        shapes.add(tuple(sorted(Counter(level[item["id"]] for item in form["items"]).items())))
    assert shapes == {((("1.1", "CB1"), 1), (("1.1", "CB2"), 2), (("1.1", "TC1"), 1),
                       (("4.2", "CB1"), 1), (("4.2", "CB2"), 2), (("4.2", "TC1"), 1))}


def test_a_retake_shows_unseen_items_first():
    bank = bank_of({"4.2": {"CB2": 6}})
    rng = random.Random(3)
    first = grading.draw_form(bank, 3, rng)
    seen = Counter(item["id"] for item in first["items"])
    second = grading.draw_form(bank, 3, rng, seen)
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    seen.update(item["id"] for item in second["items"])
    third = grading.draw_form(bank, 3, rng, seen)  # all six seen once: any three, at random
    assert len({i["id"] for i in third["items"]}) == 3


def test_every_item_is_drawn_about_equally_often():
    bank = bank_of({"4.2": {"CB1": 2, "CB2": 3, "TC1": 2}})
    rng = random.Random(11)
    counts = Counter(item["id"] for _ in range(3000) for item in grading.draw_form(bank, 4, rng)["items"])
    # Within a level every item has the same chance: CB1 and TC1 items 1 of 2 (1500), CB2 items 2 of 3 (2000).
    for qid, n in counts.items():
        expected = 2000 if "-CB2-" in qid else 1500
        assert abs(n - expected) < 150, (qid, n)


def test_drawn_items_carry_a_version_that_changes_with_the_key():
    bank = bank_of({"4.2": {"CB2": 1}})
    q = bank["questions"][0]
    before = grading.item_version(q)
    q["choices"][0]["correct"], q["choices"][1]["correct"] = False, True
    assert grading.item_version(q) != before
    assert grading.draw_form(bank, 1, random.Random(1))["items"][0]["version"] == grading.item_version(q)


@pytest.mark.parametrize("typed", ["ｍã ｈồ ｓơ", "MÃ HỒ SƠ", "ma\u0303 ho\u0302\u0300 so\u031b", "  mã   hồ sơ "])
def test_text_answers_are_compared_after_nfkc(typed):
    q = {"type": "text", "answers": ["mã hồ sơ"]}
    assert grading.is_correct(q, [], typed)
