"""`hocvuso coverage` flags every profile competency a course leaves uncovered."""

from __future__ import annotations

from hocvuso.commands.coverage import MIN_ITEMS, coverage
from hocvuso.diagnostics import Diagnostics
from hocvuso.project import load

from .test_cli import hocvuso

LESSON = """
::: quiz competency=4.2
Id: otp-1
1. Có nên đọc mã OTP cho người lạ không?
a) Có
*b) Không

Id: otp-2
2. OTP là gì?
*a) Mật khẩu dùng một lần
b) Mã bưu điện
:::
"""


def test_a_course_teaching_one_competency_has_gaps_in_every_other_profile_competency(fixture_course):
    fixture_course.lesson(LESSON)
    _, courses = load(fixture_course.project, [], Diagnostics())
    table = coverage(courses[0])
    profile = set(courses[0].profile.codes)
    assert set(table.gaps) == profile | {"rubric"}
    assert table.gaps["4.2"] == [f"ngân hàng 0 < {MIN_ITEMS}"]
    row = next(r for r in table.rows if r.code == "4.2")
    assert (row.lessons, row.practice, row.items, row.criteria) == (("bai-thu",), 2, 0, 0)


def test_coverage_command_prints_the_table_and_fails_on_gaps(fixture_course):
    fixture_course.lesson(LESSON)
    result = hocvuso("coverage", cwd=fixture_course.courses.parent)
    assert result.returncode == 1
    line_42 = next(line for line in result.stdout.splitlines() if line.startswith("4.2 "))
    assert "✗ ngân hàng 0 < 6" in line_42
    assert "chỗ thiếu" in result.stdout


def test_real_courses_have_no_coverage_gap(repo_root):
    result = hocvuso("coverage", cwd=repo_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("0 chỗ thiếu.")
