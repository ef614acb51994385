"""The course index kept in ``build/.cache``: read back equal, made again when a course text changes or the kept
file is damaged, never kept from courses with errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.catalog import load_index


@pytest.fixture
def courses(courses_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(courses_dir, tmp_path / "courses"))


def kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("report-index-*.json"))


def test_a_kept_index_reads_back_equal_to_a_fresh_load(courses: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_index(courses, Diagnostics(), cache=cache)
    assert len(kept(cache)) == 1
    again = load_index(courses, Diagnostics(), cache=cache)
    fresh = load_index(courses, Diagnostics())
    assert again == fresh == first
    assert again.bank("citizens") and again.practice("citizens")


def test_an_edited_question_is_seen_on_the_next_run(courses: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_index(courses, Diagnostics(), cache=cache)
    lesson = next(p for p in sorted((courses / "citizens" / "lessons").glob("*.md")) if "\nId: " in p.read_text("utf-8"))
    text = lesson.read_text(encoding="utf-8")
    first_id = text.split("\nId: ", 1)[1].split("\n", 1)[0].strip()
    lesson.write_text(text.replace(f"\nId: {first_id}\n", "\nId: doi-ten-moi\n", 1), encoding="utf-8")
    after = load_index(courses, Diagnostics(), cache=cache)
    assert before.find("citizens", first_id) is not None and before.find("citizens", "doi-ten-moi") is None
    assert after.find("citizens", "doi-ten-moi") is not None and after.find("citizens", first_id) is None
    assert len(kept(cache)) == 1  # the index of the old texts is removed


def test_a_damaged_kept_index_is_made_again(courses: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load_index(courses, Diagnostics(), cache=cache)
    kept(cache)[0].write_text('{"names": {}, "courses": [{"folder": 1}]', encoding="utf-8")
    assert load_index(courses, Diagnostics(), cache=cache) == fresh


def test_courses_with_errors_leave_no_index_behind(courses: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    course_yaml = courses / "citizens" / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8") + "\n  : [\n", encoding="utf-8")
    diags = Diagnostics()
    load_index(courses, diags, cache=cache)
    assert diags.has_errors()
    assert kept(cache) == []
