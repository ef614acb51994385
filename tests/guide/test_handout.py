"""The learner handout: one large-print A4 page per lesson (steps, hotline numbers, QR to the video), as PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from hocvuso.diagnostics import Diagnostics
from hocvuso.emitters.handout import PHONE, handout_html, print_pdf
from hocvuso.project import Project, load
from tests.olx.conftest import build, copy_sample

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts" / "guide"
VIDEO_URL = "https://hoc.example.vn/video/{lesson}.mp4"
HOTLINE = "Nghi bị lừa, gọi ngay 113 hoặc tổng đài ngân hàng 1800 1234."


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    courses = copy_sample(tmp_path_factory.mktemp("handout-course"))
    course_yaml = courses / "citizens" / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8") + f'video_url: "{VIDEO_URL}"\n', encoding="utf-8")
    lesson = sorted((courses / "citizens" / "lessons").glob("*.md"))[0]
    lesson.write_text(lesson.read_text(encoding="utf-8") + f"\n## Số cần nhớ\n\n- {HOTLINE}\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("handout-build")
    build(courses, out, ["handout"])
    return out / "handout" / "citizens"


def pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_one_pdf_page_per_lesson_with_its_steps_numbers_and_video_qr(handout: Path, sample_model):
    lessons = sample_model.lessons
    assert pdf_pages(handout / "handouts.pdf") == len(lessons)
    page = html.fromstring((handout / "handouts.html").read_text(encoding="utf-8"))
    sections = page.xpath("//section[@class='page']")
    assert [s.get("id") for s in sections] == [lesson.id for lesson in lessons]
    first = sections[0].text_content()
    assert HOTLINE in first
    for lesson, section in zip(lessons, sections, strict=True):
        assert section.xpath(".//svg"), "a QR code to the lesson video"
        assert VIDEO_URL.replace("{lesson}", lesson.id) in section.text_content()
        for objective in lesson.objectives:
            assert objective in section.text_content()


def test_hotline_numbers_are_found_as_written_in_lessons():
    for text in ("Gọi 113 khi có trộm.", "Cấp cứu gọi 115.", "Tổng đài 18001091 hỗ trợ.", "Đường dây nóng 1900 1234 56."):
        assert PHONE.search(text), text
    for text in ("Luật 91/2025/QH15.", "Trước ngày 20/3.", "Có 1.115 người học.", "Năm 2025."):
        assert not PHONE.search(text), text


def test_each_page_fits_one_sheet_in_large_print(handout: Path, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.goto((handout / "handouts.html").as_uri())
        page.emulate_media(media="print")
        fits = page.evaluate("""() => Array.from(document.querySelectorAll('.page'), p =>
            [p.scrollHeight <= p.clientHeight, parseFloat(getComputedStyle(p).fontSize)])""")
        page.screenshot(path=str(ARTIFACTS / "handout.png"))
    finally:
        page.close()
    assert all(ok for ok, _ in fits)
    assert min(size for _, size in fits) >= 14 * 96 / 72  # never under 14 pt (18.7 CSS px)


def test_a_rebuild_prints_the_same_pdf(handout: Path, tmp_path: Path):
    again = tmp_path / "again.pdf"
    print_pdf(handout / "handouts.html", again)
    assert again.read_bytes() == (handout / "handouts.pdf").read_bytes()


def test_every_lesson_of_every_course_fits_its_page(chromium, tmp_path: Path):
    diags = Diagnostics()
    _, courses = load(Project(ROOT / "courses"), [], diags)
    page = chromium.new_page(viewport={"width": 794, "height": 1123})
    try:
        for course in courses:
            path = tmp_path / f"{course.group}.html"
            path.write_text(handout_html(course), encoding="utf-8")
            page.goto(path.as_uri())
            page.emulate_media(media="print")
            fits = page.evaluate("""() => Array.from(document.querySelectorAll('.page'), p =>
                [p.id, p.scrollHeight <= p.clientHeight, parseFloat(getComputedStyle(p).fontSize)])""")
            assert len(fits) == len(course.lessons)
            assert [lesson for lesson, ok, size in fits if not ok or size < 14 * 96 / 72] == [], course.group
    finally:
        page.close()
