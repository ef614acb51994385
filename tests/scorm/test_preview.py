"""``hocvuso preview``: the package plays in scorm-again and the side panel shows what it reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorm_course import answer

from hocvuso.commands.preview import PreviewSite, find_runtime, serve_in_background
from hocvuso.emitters.scorm import package_path

if TYPE_CHECKING:
    from pathlib import Path


def test_preview_shows_each_answer_against_its_competency(browser, scorm_build: Path) -> None:  # type: ignore[no-untyped-def]
    runtime = find_runtime(scorm_build, __import__("pathlib").Path(__file__).resolve().parent)
    assert runtime is not None
    site = PreviewSite("citizens", {v: scorm_build / package_path(v, "citizens") for v in ("12", "2004")}, runtime)
    server, url = serve_in_background(site)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        for version, result in (("12", "wrong"), ("2004", "incorrect")):
            page.goto(f"{url}?v={version}")
            sco = page.frame_locator("#sco")
            sco.get_by_role("button", name="Bắt đầu học").click()
            answer(page.frames[1], "chon-mot", False)
            row = page.locator("#panel tr", has_text="chon-mot")
            row.wait_for()
            assert "nls-4-2" in row.inner_text()
            assert result in row.inner_text()
            assert "Lỗi run-time" in page.inner_text("#panel")
            assert "không có" in page.inner_text("#panel")  # no run-time error
            page.reload()  # an LMS resumes: the answer is still there
            page.frame_locator("#sco").locator("#q-chon-mot .result").wait_for()
            assert page.frames[1].inner_text("#q-chon-mot .result") == "✗ Chưa đúng."
            page.click("#restart")
            page.frame_locator("#sco").locator("#p-hocvuso-home").wait_for()
            assert page.locator("#panel tr", has_text="chon-mot").count() == 0
    finally:
        page.close()
        server.shutdown()
        server.server_close()
