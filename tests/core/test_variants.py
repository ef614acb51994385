"""Courses that extend another: provincial variants and school-level tracks (``extends:``).

A variant starts from its base course and changes only what it says; it is
built under its own folder name and course key, and the base's outputs are
the same bytes with or without it.  Mistakes in a variant get their own
codes (HV980–HV985) at their line.
"""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load

from ..conftest import COURSES, LESSON_FRONT, FixtureCourse

LESSON = """
Mã OTP là mật khẩu dùng một lần.

::: quiz competency=4.2
Id: {id}-q
1. Có nên đọc mã OTP cho người gọi điện không?
a) Có
*b) Không
c) Chỉ khi người gọi xưng là công an
:::
"""
BASE = """
org: BDHVS
course: TEST
run: "2026-1"
title: Khoá thử
start: 2026-01-15
chapters:
  - id: chuong-1
    title: Chương 1
    lessons:
      - lessons/a.md
      - lessons/b.md
  - id: chuong-2
    title: Chương 2
    lessons:
      - lessons/c.md
"""


def write(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def lesson(folder: Path, name: str, lesson_id: str) -> None:
    front = LESSON_FRONT.format(extra="").replace("id: bai-thu", f"id: {lesson_id}")
    write(folder, f"lessons/{name}.md", front + LESSON.format(id=lesson_id))


@pytest.fixture
def base(tmp_path: Path) -> FixtureCourse:
    """A citizens course of three lessons in two chapters (a, b | c)."""
    course = FixtureCourse(tmp_path)
    course.write("course.yaml", BASE)
    for name in "abc":
        lesson(course.dir, name, f"bai-{name}")
    return course


def variant(base: FixtureCourse, yaml: str, name: str = "citizens-tinh") -> Path:
    folder = base.courses / name
    write(folder, "course.yaml", yaml)
    return folder


def loaded(base: FixtureCourse, groups: list[str] | None = None):
    diags = Diagnostics()
    _, courses = load(base.project, groups or [], diags)
    return {c.group: c for c in courses}, diags


def errors(diags: Diagnostics) -> list[tuple[str, str, int, int]]:
    return [(d.code.id, d.loc.path.name, d.loc.line, d.loc.col) for d in diags if d.severity.name == "ERROR"]


def test_a_variant_adds_hides_replaces_and_inserts_lessons_and_chapters(base):
    folder = variant(base, """
        extends: citizens
        course: TEST-T
        title: Khoá thử của tỉnh
        hide:
          lessons: [bai-b]
        replace:
          bai-c: lessons/c-tinh.md
        chapters:
          - id: chuong-1
            lessons: [lessons/them.md]
          - id: chuong-tinh
            title: Chương của tỉnh
            before: chuong-2
            lessons: [lessons/rieng.md]
    """)
    for name, lesson_id in (("c-tinh", "bai-c-tinh"), ("them", "bai-them"), ("rieng", "bai-rieng")):
        lesson(folder, name, lesson_id)
    courses, diags = loaded(base)
    assert errors(diags) == []
    course = courses["citizens-tinh"]
    assert [(c.id, [x.id for x in c.lessons]) for c in course.chapters] == [
        ("chuong-1", ["bai-a", "bai-them"]),
        ("chuong-tinh", ["bai-rieng"]),
        ("chuong-2", ["bai-c-tinh"]),
    ]
    assert (course.title, course.key, course.profile.group) == (
        "Khoá thử của tỉnh", "course-v1:BDHVS+TEST-T+2026-1", "citizens")
    national = courses["citizens"]
    assert [x.id for x in national.lessons] == ["bai-a", "bai-b", "bai-c"]  # the base is never changed
    assert national.title == "Khoá thử"


def test_a_track_takes_another_profile_and_keeps_only_bank_items_of_it(base):
    base.write("course.yaml", BASE + "bank:\n  - bank/cau-hoi.md\n")
    base.write("bank/cau-hoi.md", """
        ::: quiz competency=4.2
        Id: ngan-hang-42
        1. Có nên đọc mã OTP cho người gọi điện không?
        a) Có
        *b) Không
        c) Chỉ khi người gọi xưng là công an
        :::

        ::: quiz competency=0.1
        Id: ngan-hang-01
        1. Nút nào bật, tắt điện thoại?
        a) Nút âm lượng
        *b) Nút nguồn
        c) Nút chụp ảnh
        :::
    """)
    variant(base, """
        extends: citizens
        course: TEST-T
        group: students
    """, "citizens-track")
    courses, _ = loaded(base, ["citizens-track"])
    course = courses["citizens-track"]
    assert course.profile.group == "students"
    assert [q.id for q in course.bank] == ["ngan-hang-42"]  # 0.1 is not in the students profile
    assert course.certification.pass_rule == course.profile.pass_rule


def test_bank_levels_keeps_only_the_inherited_items_of_those_levels(base):
    base.write("course.yaml", BASE + "bank:\n  - bank/cau-hoi.md\n")
    items = "\n".join(f"Id: cau-{level.lower()}\nLevel: {level}\n{n}. Có nên đọc mã OTP cho người lạ không?\n"
                      f"a) Có\n*b) Không\nc) Chỉ khi người đó xưng là công an\n"
                      for n, level in enumerate(("CB1", "CB2", "TC1"), start=1))
    base.write("bank/cau-hoi.md", f"::: quiz competency=4.2\n{items}:::\n")
    variant(base, "extends: citizens\ncourse: TEST-T\nbank_levels: [CB1, CB2]\n")
    courses, diags = loaded(base, ["citizens-tinh"])
    assert errors(diags) == []
    assert [q.id for q in courses["citizens-tinh"].bank] == ["cau-cb1", "cau-cb2"]


@pytest.mark.parametrize(("yaml", "expected"), [
    ("extends: khong-co\ncourse: T2\n", ("HV980", 1, 10)),
    ("extends: citizens\ncourse: T2\nhide:\n  lessons: [bai-x]\n", ("HV982", 4, 13)),
    ("extends: citizens\ncourse: T2\nreplace:\n  bai-x: lessons/a.md\n", ("HV982", 4, 3)),
    ("extends: citizens\ncourse: T2\nhide:\n  bank: [bank/khong-co.md]\n", ("HV982", 4, 10)),
    ("extends: citizens\ncourse: T2\nchapters:\n  - id: chuong-moi\n    lessons: []\n", ("HV983", 4, 5)),
    ("extends: citizens\ncourse: T2\nchapters:\n  - id: chuong-x\n    title: X\n    before: chuong-9\n", ("HV982", 6, 13)),
    ("extends: citizens\ncourse: T2\nreplace: lessons/a.md\n", ("HV106", 3, 10)),
    ("extends: citizens\ncourse: T2\nchapters:\n  - id: Chuong Moi\n    title: X\n", ("HV110", 4, 9)),
    ("extends: citizens\ncourse: T2\ntranslations: {km: {}}\n", ("HV104", 3, 1)),
    ("extends: citizens\ncourse: T2\nbank_levels: [CB1, XX9]\n", ("HV107", 3, 20)),
    ("extends: citizens\ntitle: Bản của tỉnh\n", ("HV984", 1, 1)),
    ("title: Bản của tỉnh\nextends: citizens\nrun: \"2026-1\"\n", ("HV984", 2, 1)),
])
def test_a_mistake_in_a_variant_is_reported_at_its_line(base, yaml, expected):
    variant(base, yaml)
    _, diags = loaded(base)
    assert errors(diags) == [(expected[0], "course.yaml", expected[1], expected[2])], "\n".join(
        diags.render(d, "en") for d in diags)


def test_a_course_that_extends_itself_through_another_is_refused(base):
    variant(base, "extends: citizens-b\ncourse: A\n", "citizens-a")
    variant(base, "extends: citizens-a\ncourse: B\n", "citizens-b")
    _, diags = loaded(base, ["citizens-a"])
    assert ("HV981", "course.yaml", 1, 10) in errors(diags)


def test_two_folders_that_differ_only_in_capitals_are_refused(base):
    variant(base, "extends: citizens\ncourse: HOA\n", "Citizens")
    _, diags = loaded(base)
    assert [e[0] for e in errors(diags)] == ["HV985"]


def test_variant_errors_are_in_both_languages(base):
    variant(base, "extends: citizens\n")
    _, diags = loaded(base)
    (found,) = [d for d in diags if d.code.id == "HV984"]
    assert "course-v1:BDHVS+TEST+2026-1" in found.message("en") and "'citizens'" in found.message("en")
    assert "trùng với khoá 'citizens'" in found.message("vi")


def test_the_authors_guides_copy_with_group_builds_under_its_own_names(base, tmp_path):
    """docs/authoring.md once showed a copy with ``group: citizens``: it overwrote the national archive, then crashed."""
    copy = base.courses / "citizens-hanoi"
    shutil.copytree(base.dir, copy)
    (copy / "course.yaml").write_text(BASE.replace("course: TEST", "course: TEST-HN") + "group: citizens\n", encoding="utf-8")
    out = tmp_path / "build"
    diags = Diagnostics()
    report = Builder(base.project, out, ["olx"], BuildOptions(video=False), log=lambda m: None).run([], diags)
    assert report.ok and sorted(report.built) == ["citizens", "citizens-hanoi"], [diags.render(d, "en") for d in diags]
    assert (out / "olx/citizens-hanoi.tar.gz").is_file() and (out / "olx/citizens.tar.gz").is_file()


def test_building_only_the_variant_writes_nothing_of_the_base_and_a_base_change_rebuilds_it(base, tmp_path):
    variant(base, "extends: citizens\ncourse: TEST-T\n")
    out = tmp_path / "build"

    def build() -> list[str]:
        diags = Diagnostics()
        report = Builder(base.project, out, ["olx"], BuildOptions(video=False), log=lambda m: None).run(
            ["citizens-tinh"], diags)
        assert report.ok, [diags.render(d, "en") for d in diags]
        return report.built

    assert build() == ["citizens-tinh"]
    assert sorted(p.name for p in (out / "olx").glob("*.tar.gz")) == ["citizens-tinh.tar.gz"]
    assert build() == []
    lesson(base.dir, "a", "bai-a-moi")
    assert build() == ["citizens-tinh"]


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_national_outputs_are_byte_identical_with_or_without_the_tra_vinh_variant(tmp_path):
    """The issue's test: citizens and its Trà Vinh variant in one run, against citizens alone."""
    builds = {}
    for name, folders in (("alone", ["citizens"]), ("with-variant", ["citizens", "citizens-tra-vinh"])):
        courses = tmp_path / name / "courses"
        courses.mkdir(parents=True)
        shutil.copyfile(COURSES / "framework.yaml", courses / "framework.yaml")
        for folder in folders:
            shutil.copytree(COURSES / folder, courses / folder)
        out = tmp_path / name / "build"
        diags = Diagnostics()
        report = Builder(Project(courses), out, ["olx", "scorm", "case", "guide"], BuildOptions(video=False),
                         log=lambda m: None).run([], diags)
        assert report.ok, [diags.render(d, "en") for d in diags if d.severity.name == "ERROR"]
        builds[name] = digests(out)
    alone, both = builds["alone"], builds["with-variant"]
    national = [path for path in alone if "citizens" in path]
    assert {"olx/citizens.tar.gz", "scorm12/citizens.zip", "scorm2004/citizens.zip"} <= set(national)
    assert {path: both.get(path) for path in national} == {path: alone[path] for path in national}
    assert {"olx/citizens-tra-vinh.tar.gz", "scorm12/citizens-tra-vinh.zip"} <= set(both)
    assert both["olx/citizens-tra-vinh.tar.gz"] != both["olx/citizens.tar.gz"]


def test_a_competency_outside_a_tracks_profile_names_the_profile_not_the_folder(base):
    folder = variant(base, """
        extends: citizens
        course: TEST-T
        group: students
        chapters:
          - id: chuong-1
            lessons: [lessons/thiet-bi.md]
    """, "citizens-track")
    write(folder, "lessons/thiet-bi.md", LESSON_FRONT.format(extra="").replace("id: bai-thu", "id: bai-thiet-bi")
          .replace("[4.2]", "[0.1]") + LESSON.format(id="bai-thiet-bi").replace("competency=4.2", "competency=0.1"))
    _, diags = loaded(base, ["citizens-track"])
    outside = [d for d in diags if d.code.id == "HV511"]
    assert outside and all("'students'" in d.message("en") for d in outside)


def test_a_variant_takes_its_bases_colours_and_shares_its_slides_in_the_media_cache(base):
    from hocvuso.media.pipeline import plan_lesson
    from hocvuso.media.theme import theme_for

    variant(base, "extends: citizens\ncourse: TEST-T\n")
    courses, _ = loaded(base)
    national, local = courses["citizens"], courses["citizens-tinh"]
    options = BuildOptions(video=False)
    keys = [[s.key for s in plan_lesson(c, c.lessons[0], options, 1).slides] for c in (national, local)]
    assert keys[0] == keys[1] and keys[0]
    assert theme_for("students-primary") == theme_for("students")
    assert theme_for("tinh-moi").primary == (40, 40, 40)
