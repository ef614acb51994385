"""Issue 16 behaviours that are not one code at one line (those are in the broken-input corpus)."""

from __future__ import annotations

import os
from pathlib import Path

from hocvuso.build import Builder
from hocvuso.cli import main
from hocvuso.diagnostics import Diagnostics, Severity, codes
from hocvuso.options import BuildOptions
from hocvuso.project import load


def loaded(fixture_course):
    diags = Diagnostics()
    _, courses = load(fixture_course.project, [], diags)
    return diags, (courses[0] if courses else None)


def section_ids(fixture_course, body: str) -> dict[str, str]:
    fixture_course.lesson(body)
    diags, course = loaded(fixture_course)
    assert not diags.has_errors(), [diags.render(d, "en") for d in diags]
    return {s.title: s.uid for s in course.lessons[0].sections}


def test_inserting_a_section_keeps_the_ids_of_the_others(fixture_course):
    before = section_ids(fixture_course, "## Mật khẩu\n\nMột.\n\n## Mã OTP\n\nHai.\n")
    after = section_ids(fixture_course, "## Mục mới\n\nMới.\n\n## Mật khẩu\n\nMột.\n\n## Mã OTP\n\nHai.\n")
    assert before == {"Mật khẩu": "bai-thu_mat-khau", "Mã OTP": "bai-thu_ma-otp"}
    assert {k: after[k] for k in before} == before


def test_an_author_id_survives_a_new_heading_text(fixture_course):
    old = section_ids(fixture_course, "## Mật khẩu {#mat-khau}\n\nMột.\n")
    new = section_ids(fixture_course, "## Đặt mật khẩu mạnh {#mat-khau}\n\nMột.\n")
    assert old == {"Mật khẩu": "bai-thu_mat-khau"} and new == {"Đặt mật khẩu mạnh": "bai-thu_mat-khau"}


def test_repeated_headings_and_slide_breaks_get_numbered_ids(fixture_course):
    fixture_course.lesson("Mở đầu.\n\n## Ví dụ\n\nMột.\n\n---\n\nHai.\n\n## Ví dụ\n\nBa.\n")
    _, course = loaded(fixture_course)
    assert [s.id for s in course.lessons[0].sections] == ["intro", "vi-du", "vi-du-2", "vi-du-3"]


def test_stale_staging_folders_of_dead_builds_are_removed(fixture_course, tmp_path):
    fixture_course.lesson("Nội dung.\n")
    out = tmp_path / "build"
    dead, old, alive = out / ".staging-999999999-ab", out / ".staging-xyz", out / f".staging-{os.getppid()}-cd"
    for folder in (dead, old, alive):
        (folder / "olx").mkdir(parents=True)
    report = Builder(fixture_course.project, out, ["case"], BuildOptions(video=False), log=lambda m: None).run(
        [], Diagnostics())
    assert report.ok
    assert not dead.exists() and not old.exists()
    assert alive.exists()  # a build still running into the same folder keeps its own


def test_english_messages_have_english_suggestions(fixture_course):
    fixture_course.lesson("Nội dung.\n", front="titel: Bài\n")
    diags, _ = loaded(fixture_course)
    unknown = next(d for d in diags if d.code is codes.YAML_UNKNOWN_FIELD)
    english = diags.render(unknown, "en")
    assert "Did you mean 'title'?" in english and "Có phải" not in english
    assert "the lesson's front matter" in english
    assert "Có phải là 'title'?" in diags.render(unknown, "vi") and "phần đầu YAML của bài học" in diags.render(unknown, "vi")


def test_unclosed_front_matter_is_one_error_without_a_not_listed_warning(fixture_course):
    fixture_course.write("lessons/bai.md", "---\nid: bai-thu\ntitle: Bài\n\nNội dung.\n")
    diags, _ = loaded(fixture_course)
    assert [d.code.id for d in diags] == ["HV218"]


def test_a_listed_file_that_fails_to_load_is_not_also_unlisted(fixture_course):
    (fixture_course.dir / "lessons").mkdir(parents=True)
    (fixture_course.dir / "lessons" / "bai.md").write_bytes("---\nid: bài\n".encode("cp1258", "replace") + b"\xff\xfe")
    diags, _ = loaded(fixture_course)
    assert "HV101" in diags.codes() and "HV503" not in diags.codes()


def test_a_quoted_competency_is_the_code_itself(fixture_course):
    fixture_course.lesson('::: quiz\nId: cau-mot\nCompetency: "4.2"\n1. Câu hỏi?\n*a) Có\nb) Không\nc) Chưa rõ\n:::\n')
    diags, course = loaded(fixture_course)
    assert not diags.has_errors()
    assert course.lessons[0].questions[0].competency == "4.2"


def test_a_path_written_from_the_course_folder_gets_the_lesson_relative_fix(fixture_course):
    fixture_course.image("images/anh.png")
    fixture_course.lesson("![Ảnh minh hoạ](images/anh.png)\n")
    diags, _ = loaded(fixture_course)
    missing = next(d for d in diags if d.code is codes.MEDIA_NOT_FOUND)
    assert "Did you mean '../images/anh.png'?" in missing.fix("en")
    assert "relative to the file that names them (citizens/lessons/)" in missing.message("en")


def test_a_question_without_id_is_noted_as_position_dependent(fixture_course):
    fixture_course.lesson("::: quiz competency=4.2\n1. Câu hỏi?\n*a) Có\nb) Không\nc) Chưa rõ\n:::\n")
    diags, _ = loaded(fixture_course)
    notes = [d for d in diags if d.code is codes.QUIZ_NO_ID]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO and notes[0].args["id"] == "bai-thu-q1"


def test_a_competency_outside_the_profile_fails_only_with_strict(fixture_course, capsys):
    fixture_course.lesson("Nội dung.\n", front="")
    (fixture_course.dir / "lessons" / "bai.md").write_text(
        (fixture_course.dir / "lessons" / "bai.md").read_text(encoding="utf-8").replace("[4.2]", "[4.2, 3.1]"),
        encoding="utf-8")
    courses = str(fixture_course.courses)
    assert main(["check", "--courses", courses, "--lang", "en"]) == 0
    assert main(["check", "--courses", courses, "--lang", "en", "--strict"]) == 1
    assert "[HV511 course.outside_profile]" in capsys.readouterr().err


def test_an_item_bank_says_it_holds_only_quiz_blocks(fixture_course):
    fixture_course.lesson("Nội dung.\n")
    fixture_course.write("course.yaml", (fixture_course.dir / "course.yaml").read_text(encoding="utf-8")
                         + "bank: [bank/ngan-hang.md]\n")
    fixture_course.write("bank/ngan-hang.md", "::: teacher\nGhi chú.\n:::\n")
    diags, _ = loaded(fixture_course)
    wrong = next(d for d in diags if d.code is codes.FENCE_UNKNOWN)
    assert "Item-bank files hold only '::: quiz' blocks." in wrong.fix("en")
    assert wrong.loc.path == Path(fixture_course.dir / "bank" / "ngan-hang.md") and wrong.loc.line == 1
