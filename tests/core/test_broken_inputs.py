"""Every broken input in tests/core/broken*/ gets its stable code at its line.

Each fixture file says what it expects in a comment: ``expect: HV302 11:4``
(code, line, optional column).  Lessons are placed at lessons/bai.md of a
small valid course; course files replace its course.yaml.  Besides the
expected diagnostic, no error of another code may appear: one mistake
must not cascade into a screenful of unrelated messages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics, Severity
from hocvuso.project import load

HERE = Path(__file__).parent
LESSONS = sorted((HERE / "broken").glob("*.md"))
COURSES = sorted((HERE / "broken-courses").glob("*.yaml"))
EXPECT = re.compile(r"expect: (HV\d{3}) (\d+)(?::(\d+))?")


def expectation(path: Path) -> tuple[str, int, int | None]:
    match = EXPECT.search(path.read_bytes().decode("utf-8", "replace"))
    assert match, f"{path.name} has no 'expect:' comment"
    return match.group(1), int(match.group(2)), int(match.group(3)) if match.group(3) else None


def check(fixture_course) -> Diagnostics:
    diags = Diagnostics()
    load(fixture_course.project, [], diags)
    return diags


def assert_reported(diags: Diagnostics, code: str, path: Path, line: int, col: int | None) -> None:
    found = [d for d in diags if d.code.id == code]
    where = [(d.loc.path.name, d.loc.line, d.loc.col) for d in found]
    assert any(d.loc.path.resolve() == path.resolve() and d.loc.line == line and (col is None or d.loc.col == col)
               for d in found), f"expected {code} at {path.name}:{line}:{col}, got {where}\n" + "\n".join(
        diags.render(d, "en") for d in diags)
    others = [d for d in diags if d.severity >= Severity.ERROR and d.code.id != code]
    assert not others, "unexpected extra errors:\n" + "\n".join(diags.render(d, "en") for d in others)


def test_the_corpus_has_at_least_thirty_cases():
    assert len(LESSONS) + len(COURSES) >= 30


@pytest.mark.parametrize("case", LESSONS, ids=lambda p: p.stem)
def test_broken_lesson_reports_its_code_at_its_line(fixture_course, case: Path):
    fixture_course.image("images/anh.png")
    target = fixture_course.dir / "lessons" / "bai.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, target)
    code, line, col = expectation(case)
    assert_reported(check(fixture_course), code, target, line, col)


@pytest.mark.parametrize("case", COURSES, ids=lambda p: p.stem)
def test_broken_course_file_reports_its_code_at_its_line(fixture_course, case: Path):
    fixture_course.lesson("Nội dung bài học.\n")
    target = fixture_course.dir / "course.yaml"
    shutil.copyfile(case, target)
    code, line, col = expectation(case)
    assert_reported(check(fixture_course), code, target, line, col)
