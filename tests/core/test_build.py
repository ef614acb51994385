"""The build as a user sees it: reproducible, all-or-nothing, and skipping unchanged courses."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.options import BuildOptions

LESSON = """
Mã OTP là mật khẩu dùng một lần.

::: quiz competency=4.2
Id: otp-1
1. Có nên đọc mã OTP cho người gọi điện không?
a) Có
*b) Không
:::
"""


def run(fixture_course, out: Path, force: bool = False, ignore: tuple[str, ...] = ()):
    diags = Diagnostics(ignore)
    report = Builder(fixture_course.project, out, ["olx", "case"], BuildOptions(video=False), force, log=lambda m: None).run([], diags)
    return report, diags


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_rebuilding_unchanged_sources_gives_byte_identical_archives(fixture_course, tmp_path: Path):
    fixture_course.lesson(LESSON)
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(fixture_course, first)[0].ok
    assert run(fixture_course, second)[0].ok
    assert digests(first) == digests(second)
    assert "olx/citizens.tar.gz" in digests(first)


def test_a_failed_build_leaves_the_previous_outputs_untouched(fixture_course, tmp_path: Path):
    fixture_course.lesson(LESSON)
    out = tmp_path / "build"
    assert run(fixture_course, out)[0].ok
    before = digests(out)
    fixture_course.lesson(LESSON.replace("*b) Không", "b) Không"))  # no correct answer now
    report, diags = run(fixture_course, out)
    assert not report.ok and diags.codes()["HV302"] == 1
    assert digests(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_a_build_with_errors_writes_nothing_at_all(fixture_course, tmp_path: Path):
    fixture_course.lesson(LESSON.replace("competency=4.2", "competency=9.9"))
    out = tmp_path / "build"
    report, _ = run(fixture_course, out)
    assert not report.ok
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


def test_unchanged_course_is_not_rebuilt_and_a_changed_one_is(fixture_course, tmp_path: Path):
    fixture_course.lesson(LESSON)
    out = tmp_path / "build"
    assert run(fixture_course, out)[0].built == ["citizens"]
    again = run(fixture_course, out)[0]
    assert again.built == [] and again.unchanged == ["citizens"]
    fixture_course.lesson(LESSON.replace("mật khẩu dùng một lần", "mật khẩu một lần"))
    assert run(fixture_course, out)[0].built == ["citizens"]


def test_a_deleted_output_is_rebuilt_even_if_sources_did_not_change(fixture_course, tmp_path: Path):
    fixture_course.lesson(LESSON)
    out = tmp_path / "build"
    run(fixture_course, out)
    (out / "olx" / "citizens.tar.gz").unlink()
    assert run(fixture_course, out)[0].built == ["citizens"]
    assert (out / "olx" / "citizens.tar.gz").is_file()


def test_ignored_unsafe_html_still_never_reaches_the_output(fixture_course, tmp_path: Path):
    fixture_course.lesson('Đoạn văn <b onclick="steal()">đậm</b>.\n\n<script>alert(1)</script>\n')
    out = tmp_path / "build"
    report, _ = run(fixture_course, out, ignore=("HV204",))
    assert report.ok
    import tarfile

    with tarfile.open(out / "olx" / "citizens.tar.gz") as tar:
        html = "".join(tar.extractfile(m).read().decode() for m in tar.getmembers() if m.name.endswith(".html"))
    assert "đậm" in html
    assert "<script" not in html and "onclick" not in html and "steal" not in html


def test_an_unknown_course_name_fails_without_building_the_others(fixture_course, tmp_path: Path):
    fixture_course.lesson(LESSON)
    diags = Diagnostics()
    report = Builder(fixture_course.project, tmp_path / "build", ["olx"], BuildOptions(video=False), log=lambda m: None).run(
        ["citizens", "farmers"], diags)
    assert not report.ok
    assert diags.codes()["HV500"] == 1
    assert not (tmp_path / "build" / "olx").exists()
