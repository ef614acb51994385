"""Practice that teaches without inflating grades; the final decides; a pre-test opens the course.

The grading test reads grading_policy.json as Studio would and computes the
course grade by hand with Open edX's own rule: the weighted sum of the
graders' shares, rounded with ``round_away_from_zero(100·g + 0.05) / 100``
(lms/djangoapps/grades/course_grade.py), passed when it reaches the cutoff.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from lxml import etree

from tests.conftest import build_courses, extract_olx

QUIZ = """
## Luyện tập

::: quiz competency=4.2
Id: xao-tron
Fixed: d
1. Mã OTP nên được đưa cho ai?
a) Nhân viên ngân hàng
*b) Không đưa cho ai
c) Người thân trong nhà
d) Tôi không biết

Id: giu-thu-tu
Shuffle: no
2. Bước nào làm trước khi nghi bị lừa chuyển tiền?
*a) Gọi tổng đài ngân hàng
b) Đăng lên mạng xã hội
c) Chờ vài ngày
:::
"""
BANK = """
::: quiz competency=4.2 level=CB2
Id: nh-1
1. OTP là gì?
*a) Mật khẩu dùng một lần
b) Mã bưu điện
c) Số tài khoản
:::
"""


def edx_percent(grade: float) -> float:
    """CourseGrade._compute_percent: +0.05 %, then half away from zero to a whole percent."""
    scaled = grade * 100 + 0.05
    return math.floor(scaled + 0.5) / 100 if scaled >= 0 else -math.floor(-scaled + 0.5) / 100


def build(fixture_course, tmp_path: Path) -> Path:
    fixture_course.lesson(QUIZ)
    fixture_course.write("bank/nh.md", BANK)
    yaml_path = fixture_course.dir / "course.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "bank:\n  - bank/nh.md\n", encoding="utf-8")
    out = tmp_path / "build"
    build_courses(fixture_course.courses, out, ["olx"])
    return extract_olx(out / "olx" / "citizens.tar.gz", tmp_path / "olx")


def test_practice_problems_allow_two_attempts_and_show_the_answer_when_finished(fixture_course, tmp_path):
    olx = build(fixture_course, tmp_path)
    for name in ("xao-tron", "giu-thu-tu"):
        problem = etree.parse(str(olx / "problem" / f"{name}.xml")).getroot()
        assert problem.get("max_attempts") == "2"
        assert problem.get("showanswer") == "finished"  # after the last attempt, or once correct


def test_single_choice_is_shuffled_per_learner_with_fixed_options_and_an_author_opt_out(fixture_course, tmp_path):
    olx = build(fixture_course, tmp_path)
    shuffled = etree.parse(str(olx / "problem" / "xao-tron.xml")).getroot()
    assert shuffled.get("rerandomize") == "per_student"  # "never" seeds every learner's shuffle with 1
    group = shuffled.find(".//choicegroup")
    assert group.get("shuffle") == "true"
    assert [c.get("fixed") for c in group.findall("choice")] == [None, None, None, "true"]
    kept = etree.parse(str(olx / "problem" / "giu-thu-tu.xml")).getroot()
    assert kept.get("rerandomize") == "never"
    assert kept.find(".//choicegroup").get("shuffle") is None


def test_full_practice_and_a_final_just_under_the_threshold_fails_the_course(fixture_course, tmp_path):
    olx = build(fixture_course, tmp_path)
    policy = json.loads((olx / "policies" / "2026-1" / "grading_policy.json").read_text(encoding="utf-8"))
    weights = {g["type"]: g["weight"] for g in policy["GRADER"]}
    cutoff = policy["GRADE_CUTOFFS"]["Pass"]
    # By hand: weights 0.1 practice + 0.9 final; threshold 0.7.  Full practice and a final
    # of 0.7 give 0.1 + 0.63 = 0.73; Open edX reaches a cutoff k % from 100·g ≥ k − 0.55,
    # so the smallest whole percent that 0.73 cannot reach from below is 74 %.
    assert weights == {"Luyện tập": 0.1, "Đánh giá cuối khoá": 0.9}
    assert cutoff == 0.74

    def passes(practice: float, final: float) -> bool:
        grade = weights["Luyện tập"] * practice + weights["Đánh giá cuối khoá"] * final
        return edx_percent(grade) >= cutoff

    assert not passes(1.0, 0.69)   # 0.721 → 72 %
    assert not passes(1.0, 0.699)  # 0.7291 → 73 %
    assert passes(1.0, 0.71)       # 0.739 → 74 %
    assert not passes(0.0, 0.80)   # 0.72 → 72 %: without practice the final must be higher
    assert passes(0.5, 0.80)       # 0.77 → 77 %


def test_the_course_opens_with_an_ungraded_placement_check_from_the_bank(fixture_course, tmp_path):
    olx = build(fixture_course, tmp_path)
    run = etree.parse(str(olx / "course" / "2026-1.xml")).getroot()
    chapters = [c.get("url_name") for c in run]
    assert chapters[0] == "hocvuso-dau-vao" and "hocvuso-danh-gia" in chapters
    sequential = etree.parse(str(olx / "sequential" / "hocvuso-dau-vao-bai.xml")).getroot()
    assert sequential.get("graded") is None and sequential.get("format") is None
    block = etree.parse(str(olx / "vertical" / "hocvuso-dau-vao-bai-khoi.xml")).getroot()[0]
    assert block.tag == "hocvuso_assessment"
    assert (block.get("mode"), block.get("weight"), block.get("max_attempts")) == ("placement", "0", "1")
    final = etree.parse(str(olx / "vertical" / "hocvuso-danh-gia-bai-khoi.xml")).getroot()[0]
    assert final.get("mode") in (None, "certification")
    assert json.loads(block.get("item_bank")) == json.loads(final.get("item_bank"))
