"""What the learner's pages contain, and what they must never contain."""

from __future__ import annotations

import gzip
import re
import zipfile
from typing import TYPE_CHECKING

import pytest
from lxml import html
from scorm_browser import ROOT, Server, open_sco, state, unzip
from scorm_course import build_scorm, write_course

from hocvuso.emitters.scorm.package import PLAYER

if TYPE_CHECKING:
    from pathlib import Path

JS_LIMIT = 30_000  # the budget for the run-time and quiz engine together, minified


def package_text(build: Path, version: str) -> dict[str, str]:
    with zipfile.ZipFile(build / f"scorm{version}/citizens.zip") as zf:
        return {n: zf.read(n).decode("utf-8", "replace") for n in zf.namelist()}


@pytest.mark.parametrize("version", ["12", "2004"])
def test_teacher_notes_never_reach_learners(scorm_build: Path, version: str) -> None:
    assert not [name for name, text in package_text(scorm_build, version).items() if "GHI-CHU-GIAO-VIEN" in text]


def test_pages_are_vietnamese_phone_ready_and_offline(scorm_build: Path) -> None:
    page = html.fromstring(package_text(scorm_build, "12")["index.html"])
    assert page.get("lang") == "vi"
    assert page.xpath('//meta[@name="viewport"]')
    for attr in ("src", "href", "poster", "data-poster"):
        for node in page.xpath(f"//*[@{attr}]"):
            url = node.get(attr)
            if node.tag == "a" and url.startswith("https://"):
                continue  # a plain link the learner may follow (YouTube); nothing loads by itself
            assert not re.match(r"^(https?:)?//", url), f"<{node.tag} {attr}={url}> would need the network"
    assert page.xpath('//a[starts-with(@href, "https://www.youtube.com/")]')


def test_every_question_type_has_its_own_accessible_form(scorm_build: Path) -> None:
    page = html.fromstring(package_text(scorm_build, "2004")["index.html"])

    def one(xpath: str) -> int:
        return len(page.xpath(xpath))

    assert one('//*[@id="q-chon-mot"]//input[@type="radio"]') == 3
    assert one('//*[@id="q-chon-nhieu"]//input[@type="checkbox"]') == 3
    assert one('//*[@id="q-tha-xuong"]//select/option') == 3
    assert one('//*[@id="q-so-otp"]//input[@inputmode="decimal"]') == 1
    assert one('//*[@id="q-viet-tat"]//input[@type="text"]') == 1
    assert one('//*[@id="q-ghep-noi"]//select') == 2
    assert one('//*[@id="q-sap-xep"]//ol[@class="order"]/li//button') == 6
    for control in page.xpath('//input[@type="text"] | //select | //input[@type="radio"] | //input[@type="checkbox"]'):
        assert page.xpath(f'//label[@for="{control.get("id")}"]'), f"{control.get('id')} has no label"
    feedback = page.xpath('//*[@id="q-chon-mot"]//p[@class="fb"][@data-key="a"]')[0]
    assert feedback.text_content() == "Đây đúng là điều kẻ gian muốn."
    assert page.xpath('//*[@id="q-chon-mot"]//p[@class="hint"]')
    assert "Ngân hàng không yêu cầu" in page.xpath('//*[@id="q-chon-mot"]//div[@class="why"]')[0].text_content()


def test_rubric_tasks_are_shown_with_their_rubric(scorm_build: Path) -> None:
    text = html.fromstring(package_text(scorm_build, "12")["index.html"]).text_content()
    assert "Bài thực hành: Tìm tin nhắn lừa đảo" in text
    assert "2 điểm – Đạt: Chỉ ra được hai dấu hiệu." in text


def test_only_files_the_pages_use_are_packaged(scorm_build: Path) -> None:
    names = set(package_text(scorm_build, "12"))
    page = package_text(scorm_build, "12")["index.html"]
    for name in (n for n in names if n.startswith(("assets/", "player/"))):
        assert f'"{name}"' in page, f"{name} is packaged but unused"


def test_the_script_stays_within_its_size_budget() -> None:
    """Runtime and quiz engine are one hand-written file, already under the minified budget unminified."""
    js = (PLAYER / "hocvuso.js").read_bytes()
    assert len(js) < JS_LIMIT
    assert len(gzip.compress(js)) < 10_000


def test_scorm12_suspend_data_stays_within_4096_characters(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """60 long typed answers would need ~12,000 characters: the player keeps what fits, scores first."""
    courses = write_course(tmp_path)
    questions = "\n".join(f"Id: viet-{n}\n{n}. Gõ câu trả lời số {n}.\n* đúng\n" for n in range(1, 61))
    lesson = courses / "citizens/lessons/02-hai.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + f"\n::: quiz competency=4.2\n{questions}:::\n", encoding="utf-8")
    build = build_scorm(courses, tmp_path / "build")
    server = Server({"/node_modules": ROOT / "node_modules", "/harness.html": ROOT / "tests/scorm/harness.html",
                     "/pkg12": unzip(build / "scorm12/citizens.zip", tmp_path / "pkg")})
    page = browser.new_page()
    try:
        sco = open_sco(page, server.url, "12")
        sco.evaluate("""() => {
            for (let n = 1; n <= 60; n++) {
                const box = document.getElementById('q-viet-' + n);
                box.querySelector('input').value = (n % 2 ? 'đúng ' : 'sai ') + 'x'.repeat(190);
                box.querySelector('button.check').click();
            }
        }""")
        cmi = state(page)["cmi"]
        assert page.evaluate("window.hvErrors") == []
        assert 0 < len(cmi["suspend_data"]) <= 4096
        assert len(cmi["interactions"]) == 60
    finally:
        page.close()
        server.close()
