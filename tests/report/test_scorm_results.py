"""SCORM results graded from the package's final check, and a course variant's questions kept apart from its base's.

The courses here: the sample course (``citizens``, tests/olx/sample) and a variant ``citizens-thu`` that extends it
and adds four bank items.  Every question and bank item is worth 1 point; the citizens rule is 0.6 per competency
and 0.7 overall (courses/framework.yaml).

* ``citizens`` bank: nh-otp-1 (4.2), nh-ung-dung-1 (0.2).
* ``citizens-thu`` bank: those two, and nh-thu-1, nh-thu-2, nh-thu-3 (4.2), nh-thu-4 (0.2).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.catalog import CourseIndex, CourseItems, ItemInfo, Rule, load_index
from hocvuso.reports.compute import ALL
from hocvuso.reports.results import grade_scorm
from tests.conftest import ROOT, copy_sample

from .conftest import PLAN, Runner, row

PRACTICE = ["mot-lua-chon", "nhieu-lua-chon", "tha-xuong", "so", "chu", "ghep-noi", "sap-xep", "phan-tram"]
VARIANT = """\
extends: citizens
course: MAU-THU
title: Khoá mẫu - bản thử
bank:
  - bank/them.md
"""
EXTRA_BANK = """\
# Thêm câu hỏi

## 4.2

::: quiz competency=4.2 level=CB2
Id: nh-thu-1
1. Mã OTP nên gửi cho ai?
a) Người gọi tự xưng là ngân hàng
*b) Không ai cả
c) Người thân
:::

::: quiz competency=4.2 level=CB2
Id: nh-thu-2
1. Tin nhắn báo trúng thưởng kèm đường link lạ nên làm gì?
a) Bấm vào để nhận
*b) Xoá, không bấm
c) Gửi cho bạn bè
:::

::: quiz competency=4.2 level=CB2
Id: nh-thu-3
1. Mật khẩu nào mạnh hơn?
a) 123456
*b) Một câu dài dễ nhớ
c) Ngày sinh
:::

## 0.2

::: quiz competency=0.2 level=CB1
Id: nh-thu-4
1. Cập nhật ứng dụng để làm gì?
*a) Vá lỗi bảo mật
b) Để máy chậm hơn
c) Không để làm gì
:::
"""


@pytest.fixture(scope="module")
def variant_courses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    courses = copy_sample(tmp_path_factory.mktemp("report-variant"))
    (courses / "plans").mkdir()
    (courses / "plans" / "thu.yaml").write_text(PLAN.format(units=""), encoding="utf-8")
    (courses / "citizens-thu" / "bank").mkdir(parents=True)
    (courses / "citizens-thu" / "course.yaml").write_text(VARIANT, encoding="utf-8")
    (courses / "citizens-thu" / "bank" / "them.md").write_text(EXTRA_BANK, encoding="utf-8")
    return courses


@pytest.fixture
def vrunner(tmp_path: Path, variant_courses: Path) -> Runner:
    return Runner(tmp_path, variant_courses)


# --- the catalogue, per course ---------------------------------------------------------------------------------


def test_a_variant_keeps_its_own_questions_and_leaves_its_base_its_own(variant_courses: Path) -> None:
    diags = Diagnostics()
    index = load_index(variant_courses, diags)
    assert not diags.has_errors(), [d.message("en") for d in diags]
    assert sorted(i.id for i in index.practice("citizens")) == sorted(PRACTICE)
    assert sorted(i.id for i in index.practice("citizens-thu")) == sorted(PRACTICE)  # inherited lessons
    assert sorted(i.id for i in index.bank("citizens")) == ["nh-otp-1", "nh-ung-dung-1"]
    assert sorted(i.id for i in index.bank("citizens-thu")) == ["nh-otp-1", "nh-thu-1", "nh-thu-2", "nh-thu-3", "nh-thu-4",
                                                                 "nh-ung-dung-1"]
    base, variant = index.find("citizens", "mot-lua-chon"), index.find("citizens-thu", "mot-lua-chon")
    assert base is not None and variant is not None
    assert (base.group, variant.group) == ("citizens", "citizens-thu")
    # an inherited question is written once, in the base's file; the variant's own items in its own
    assert base.source == variant.source == "courses/citizens/lessons/moi-loai-cau-hoi.md:21"
    assert index.find("citizens-thu", "nh-thu-1").source.startswith("courses/citizens-thu/bank/them.md:")  # type: ignore[union-attr]
    assert index.find("citizens", "nh-thu-1") is None


def test_the_real_citizens_course_keeps_its_questions_beside_its_tra_vinh_variant() -> None:
    index = load_index(ROOT / "courses", Diagnostics())
    base = {i.id for i in index.practice("citizens")}
    variant = {i.id for i in index.practice("citizens-tra-vinh")}
    assert base and base < variant  # the variant adds a lesson; before the fix the base's list was empty
    assert {i.group for i in index.practice("citizens")} == {"citizens"}
    sources = [i.source for c in index.courses.values() for i in (*c.practice.values(), *c.bank.values())]
    assert all(s.startswith("courses/") and not Path(s).is_absolute() for s in sources)


# --- Moodle: the final check decides, practice never does ----------------------------------------------------


def moodle(runner: Runner, rows: dict[str, list[tuple[str, bool]]]) -> Path:
    """An interactions report: per learner, (interaction id, right) in the order the package recorded them."""
    width = max(len(r) for r in rows.values())
    header = ["Name", "ID number", "Attempt", "Started on", "Last accessed on", "Score", "Kỹ năng số"]
    for i in range(width):
        header += [f"Question {i}", f"Response {i}", f"Right answer {i}", f"Result {i}"]
    out = []
    for user, answers in rows.items():
        cells: list[str] = []
        for item, ok in answers:
            cells += [item, "b", "", "correct" if ok else "wrong"]  # 'Right answer' is empty: no correct_responses
        cells += [""] * (4 * (width - len(answers)))
        out.append([f"Người Thử {user}", user, "1", "Thursday, 5 March 2026, 8:02 AM", "Thursday, 5 March 2026, 9:15 AM",
                    "", "", *cells])
    return runner.file("interactions.txt", header, out, delimiter="\t")


def practice(ok: bool) -> list[tuple[str, bool]]:
    return [(item, ok) for item in PRACTICE]


ROWS = {
    # base course (only its bank ids answered):
    "c01": [*practice(False), ("f1-nh-otp-1", False), ("f1-nh-ung-dung-1", True),  # try 1: 1/2 = 50 % → not passed
            ("f2-nh-otp-1", True), ("f2-nh-ung-dung-1", True)],  # try 2: 100 % → passed (best try)
    "c02": practice(True),  # every practice question right, no final check → not reached
    "c03": [("pre-nh-otp-1", False), ("pre-nh-ung-dung-1", False),  # pre-test 0 %: never a pass
            ("f1-nh-otp-1", True), ("f1-nh-ung-dung-1", True)],  # 100 % → passed
    "c04": [("f1-nh-otp-1", True), ("f1-nh-ung-dung-1", False)],  # 50 %, 0.2 at 0 → not passed
    # the variant (nh-thu-* only it has): 4.2 has 4 items, 0.2 has 2
    "c05": [*practice(True), ("f1-nh-otp-1", True), ("f1-nh-thu-1", True), ("f1-nh-thu-2", True), ("f1-nh-thu-3", True),
            ("f1-nh-ung-dung-1", True), ("f1-nh-thu-4", False)],
    # overall 5/6 = 83.33 %, but 0.2 at 1/2 = 50 % < 60 % → not passed (graded by the base, 2/2 would pass)
    "c06": [*practice(True), ("f1-nh-otp-1", True), ("f1-nh-thu-1", False), ("f1-nh-thu-2", True), ("f1-nh-thu-3", True),
            ("f1-nh-ung-dung-1", True), ("f1-nh-thu-4", True)],
    # 4.2: 3/4 = 75 %, 0.2: 2/2, overall 5/6 = 83.33 % → passed
}


@pytest.mark.parametrize("engine", ["duckdb", "chdb"])
def test_moodle_learners_reach_the_profile_only_through_the_final_check(vrunner: Runner, engine: str) -> None:
    report, diags = vrunner.run(vrunner.roster(), [moodle(vrunner, ROWS)], min_cell=1, engine=engine)
    assert report is not None, [diags.render(d, "en") for d in diags]
    # reached: c01 (second try), c03, c06 = 3 of the 18 citizens
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 3
    assert row(report, "periods", period="Q1/2026", group="citizens")["reached"] == 3  # 5 March 2026


def test_the_pre_test_gives_the_change_and_the_best_try_the_after(vrunner: Runner) -> None:
    report, _ = vrunner.run(vrunner.roster(), [moodle(vrunner, ROWS)], min_cell=1)
    # Only c03 took the pre-test: 0 on both competencies before; after = its final check's shares, 1.0 on both.
    for code in ("4.2", "0.2"):
        got = row(report, "change", group="citizens", code=code)
        assert (got["learners"], got["before"], got["after"], got["change"]) == (1, 0.0, 1.0, 1.0)


def test_practice_answers_are_analysed_under_the_course_they_were_given_in(vrunner: Runner) -> None:
    report, _ = vrunner.run(vrunner.roster(), [moodle(vrunner, ROWS)], min_cell=1)
    base = row(report, "items", item="mot-lua-chon", group="citizens")  # c01 wrong, c02 right
    variant = row(report, "items", item="mot-lua-chon", group="citizens-thu")  # c05, c06 right
    assert (base["learners"], base["p"]) == (2, 0.5)
    assert (variant["learners"], variant["p"]) == (2, 1.0)
    assert base["source"] == variant["source"] == "courses/citizens/lessons/moi-loai-cau-hoi.md:21"
    items = {r[0] for r in report.tables["items"].rows}
    assert not any(i.startswith(("f1-", "f2-", "pre-", "nh-")) for i in items)  # the checks' items are not item-analysed


def test_open_edx_practice_rows_go_to_the_course_their_block_key_names(vrunner: Runner) -> None:
    rows = []
    for learner, key in (("c01", "BDHVS+MAU+2026-1"), ("c02", "BDHVS+MAU-THU+2026-1")):  # the base's key, the variant's
        state = {"attempts": 1, "correct_map": {"m_2_1": {"correctness": "correct"}}, "student_answers": {"m_2_1": "choice_1"}}
        rows.append([learner, "mot-lua-chon", "Khoá > Bài", "", "", "", "", "", "", "", "",
                     f"block-v1:{key}+type@problem+block@mot-lua-chon", json.dumps(state)])
    report, _ = vrunner.run(vrunner.roster(), [vrunner.results(rows)], min_cell=1)
    assert row(report, "items", item="mot-lua-chon", group="citizens")["learners"] == 1
    assert row(report, "items", item="mot-lua-chon", group="citizens-thu")["learners"] == 1


def test_a_try_is_scored_with_the_players_rounding_half_up() -> None:
    # 1 right of 32 one-point items: 1/32 = 3.125 %; the player's Math.round(312.5) / 100 gives 3.13 (Python's round
    # would give 3.12). A second try with 24 of 32 right, 75 %, passes 0.7 overall and 0.6 per competency.
    course = CourseItems("k", "citizens", Rule(0.6, 0.7), ("4.2",), ())
    for n in range(32):
        course.bank[f"b{n}"] = ItemInfo(f"b{n}", "k", "4.2", 1.0, "courses/k/bank.md:1", "bank")
    index = CourseIndex({"k": course})
    first = [(f"f1-b{n}", n == 0, "") for n in range(32)]
    graded = grade_scorm(index, "k", first)
    assert graded.final is not None and graded.final.overall == 0.0313 and not graded.final.passed
    second = [(f"f2-b{n}", n < 24, "") for n in range(32)]
    graded = grade_scorm(index, "k", [*first, *second, ("f2-not-in-the-bank", False, "")])  # an unknown id is left out
    assert graded.tries == 2 and graded.final is not None
    assert (graded.final.overall, graded.final.passed, graded.final.shares) == (0.75, True, {"4.2": 0.75})
