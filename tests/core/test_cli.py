"""The hocvuso command: exit codes, messages a non-programmer can act on, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hocvuso.diagnostics.catalogue import catalogue_markdown
from hocvuso.diagnostics.codes import CODES

ROOT = Path(__file__).resolve().parents[2]


def hocvuso(*args: str, cwd: Path, lang: str = "vi") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOCVUSO_LANG": lang}
    env.pop("HOCVUSO_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "hocvuso", *args], cwd=cwd, env=env, text=True, capture_output=True, check=False)


def test_check_of_a_clean_course_exits_zero(fixture_course):
    fixture_course.lesson("Nội dung.\n")
    result = hocvuso("check", cwd=fixture_course.courses.parent)
    assert result.returncode == 0, result.stderr
    assert "Không có lỗi." in result.stdout


def test_check_reports_every_problem_at_once_with_file_line_and_fix(fixture_course):
    fixture_course.lesson("""
        ![](../images/khong-co.png)

        ::: quiz competency=4.2
        1. Câu hỏi không có đáp án đúng.
        a) Một
        b) Hai
        :::
    """)
    result = hocvuso("check", cwd=fixture_course.courses.parent, lang="en")
    assert result.returncode == 1
    err = result.stderr
    assert "courses/citizens/lessons/bai.md:10:" in err and "[HV201 image.missing_alt]" in err
    assert "[HV202 media.not_found]" in err
    assert "courses/citizens/lessons/bai.md:13:4: error: The question has no correct answer. [HV302 quiz.no_correct]" in err
    assert err.count("fix: ") == 3
    assert "Traceback" not in err


def test_messages_are_in_vietnamese_by_default(fixture_course):
    fixture_course.lesson("![](../images/khong-co.png)\n")
    result = hocvuso("check", cwd=fixture_course.courses.parent)
    assert "thiếu mô tả thay thế" in result.stderr and "cách sửa:" in result.stderr


def test_warnings_fail_only_with_strict(fixture_course):
    fixture_course.lesson("Nội dung.\n")
    fixture_course.write("lessons/quen.md", "---\nid: quen\n---\n")
    assert hocvuso("check", cwd=fixture_course.courses.parent).returncode == 0
    assert hocvuso("check", "--strict", cwd=fixture_course.courses.parent).returncode == 1


def test_a_missing_courses_folder_is_a_message_not_a_traceback(tmp_path: Path):
    result = hocvuso("check", cwd=tmp_path, lang="en")
    assert result.returncode == 1
    assert "framework.yaml" in result.stderr and "Traceback" not in result.stderr


def test_build_with_errors_exits_one_and_says_build_is_unchanged(fixture_course):
    fixture_course.lesson("::: quiz\n1. Không gắn năng lực.\n*a) Một\nb) Hai\n:::\n")
    result = hocvuso("build", cwd=fixture_course.courses.parent, lang="en")
    assert result.returncode == 1
    assert "[HV307 quiz.no_competency]" in result.stderr and "build/ was left unchanged" in result.stderr
    assert not (fixture_course.courses.parent / "build" / "olx").exists()


def test_unknown_emitter_is_refused(fixture_course):
    result = hocvuso("build", "--only", "pdf", cwd=fixture_course.courses.parent)
    assert result.returncode == 2 and "unknown emitter" in result.stderr


def test_docs_errors_md_is_the_generated_catalogue():
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue_markdown()


def test_every_code_has_both_languages_and_a_unique_name():
    names = [c.name for c in CODES.values()]
    assert len(names) == len(set(names))
    for code in CODES.values():
        assert all(code.en) and all(code.vi), code.id


def test_readme_lists_the_courses_as_they_are(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    outline = hocvuso("outline", cwd=repo_root).stdout
    assert outline.startswith("<!-- courses:begin")
    assert outline in readme, "README's course list is stale: run `.venv/bin/hocvuso outline --update README.md`"
