"""Item analysis: difficulty, point-biserial against the rest score, distractor use, flags with the source file:line."""

from __future__ import annotations

import json
import statistics

import pytest

from hocvuso.reports.items import point_biserial

from .conftest import Runner, found, row

# Six learners (c01–c06) answer three items of the sample course at their first try: 1 = right.
ANSWERS = {  # learner: (mot-lua-chon, nhieu-lua-chon, tha-xuong)
    "c01": (1, 1, 0), "c02": (1, 1, 0), "c03": (1, 0, 0), "c04": (0, 1, 0), "c05": (1, 0, 0), "c06": (0, 0, 1),
}
CHOSEN = {"mot-lua-chon": ("b", "c"), "nhieu-lua-chon": ("ac", "a"), "tha-xuong": ("b", "a")}  # (right, wrong) response


def capa_rows(extra: list[list[str]] | None = None) -> list[list[str]]:
    rows = []
    for learner, marks in ANSWERS.items():
        for item, ok in zip(CHOSEN, marks, strict=True):
            keys = CHOSEN[item][0 if ok else 1]
            answer = [f"choice_{ord(k) - 97}" for k in keys]
            state = {"attempts": 1, "correct_map": {f"{item}_2_1": {"correctness": "correct" if ok else "incorrect"}},
                     "student_answers": {f"{item}_2_1": answer if len(answer) > 1 else answer[0]}}
            rows.append([learner, item, "Khoá > Bài", "", "", "", "", "", "", "", "",
                         f"block-v1:BDHVS+KNS-ND+2026-1+type@problem+block@{item}", json.dumps(state)])
    return rows + (extra or [])


def test_difficulty_and_point_biserial_worked_by_hand(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results(capa_rows())], min_cell=5)
    got = row(report, "items", item="mot-lua-chon")
    marks = [m[0] for m in ANSWERS.values()]
    rest = [m[1] + m[2] for m in ANSWERS.values()]  # the other two items
    assert got["learners"] == 6
    assert got["p"] == round(4 / 6, 4)
    assert got["r"] == round(statistics.correlation(marks, rest), 4)
    assert got["source"] == "courses/citizens/lessons/moi-loai-cau-hoi.md:21"
    assert got["responses"] == "✓b 67% · c 33%"


def test_an_item_nobody_gets_right_but_one_is_flagged_too_hard_with_its_line(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results(capa_rows())], min_cell=5)
    got = row(report, "items", item="tha-xuong")  # 1 of 6 right: p = 0.17 < 0.2; 'a' (5) chosen over the key 'b' (1)
    assert got["p"] == round(1 / 6, 4)
    assert set(str(got["flags"]).split()) >= {"too_hard", "distractor_above_key"}
    assert got["source"] == "courses/citizens/lessons/moi-loai-cau-hoi.md:38"
    assert report.tables["items"].rows[0][9]  # flagged items come first


def test_items_answered_by_fewer_than_the_minimum_are_not_analysed(runner: Runner) -> None:
    report, _ = runner.run(runner.roster(), [runner.results(capa_rows())], min_cell=7)
    got = row(report, "items", item="mot-lua-chon")
    assert str(got["p"]) == "SUPPRESSED" and got["responses"] == ""


def test_responses_to_an_item_no_course_has_are_reported(runner: Runner) -> None:
    state = {"attempts": 1, "correct_map": {"x_2_1": {"correctness": "correct"}}, "student_answers": {"x_2_1": "choice_0"}}
    extra = [["c01", "old", "Khoá", "", "", "", "", "", "", "", "", "block-v1:X+Y+Z+type@problem+block@cau-cu",
              json.dumps(state)]]
    report, diags = runner.run(runner.roster(), [runner.results(capa_rows(extra))], min_cell=5)
    assert report is not None and found(diags, "HV815")
    assert next(d for d in diags if d.code.id == "HV815").args["item"] == "cau-cu"


@pytest.mark.parametrize("answers", [
    [(1, 2), (0, 1), (1, 3), (0, 0), (1, 1), (0, 2)],  # (right at the first try, right on the other items)
    [(1, 0), (1, 4), (0, 4), (0, 1)],
])
def test_point_biserial_from_sums_equals_the_correlation_of_the_marks(answers: list[tuple[int, int]]) -> None:
    marks, rest = [x for x, _ in answers], [y for _, y in answers]
    totals = [x + y for x, y in answers]  # T, what the query sums
    got = point_biserial(len(answers), sum(marks), sum(totals), sum(t * t for t in totals),
                         sum(x * t for x, t in zip(marks, totals, strict=True)), sum(x * x for x in marks))
    assert got == pytest.approx(statistics.correlation(marks, rest))


def test_point_biserial_is_empty_when_everyone_gets_the_item_right() -> None:
    assert point_biserial(3, 3, 6, 14, 6, 3) is None  # totals 1, 2, 3: the marks do not vary
