"""The player for older hands and eyes, at 360 px: whole answer rows and contents links as 44-px targets,
A− / A+ and high contrast remembered on the device, and a list of unanswered questions before the final submit."""

from __future__ import annotations

from pathlib import Path

from scorm_browser import open_sco
from scorm_course import answer

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "build" / "test-artifacts" / "scorm"
MIN_TARGET = 44


def test_a_tap_anywhere_on_an_answer_row_chooses_it(page, server) -> None:  # type: ignore[no-untyped-def]
    sco = open_sco(page, server.url, "12")
    sco.get_by_role("button", name="Bắt đầu học").click()
    row = sco.locator("#q-chon-mot .choices li", has=sco.locator("#q-chon-mot-b"))  # choices may be shuffled
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    assert box is not None and box["height"] >= MIN_TARGET
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] / 2)  # the row's far right, not the label text
    assert sco.is_checked("#q-chon-mot-b")
    for li in sco.locator(".page:not([hidden]) .choices li").all():
        assert li.bounding_box()["height"] >= MIN_TARGET
    sco.click("#hv-menu")
    for link in sco.locator("#hv-toc a").all():
        assert link.bounding_box()["height"] >= MIN_TARGET
    for button in sco.locator(".comfort button, .bar button").all():
        size = button.bounding_box()
        assert size["height"] >= MIN_TARGET and size["width"] >= MIN_TARGET


def test_text_size_and_contrast_are_kept_on_the_device(page, server) -> None:  # type: ignore[no-untyped-def]
    sco = open_sco(page, server.url, "12")
    sco.get_by_role("button", name="Chữ to hơn").click()
    sco.get_by_role("button", name="Chữ to hơn").click()
    sco.get_by_role("button", name="Tương phản cao (chữ trắng trên nền đen)").click()  # "Tương phản" + hidden words
    assert sco.evaluate("document.documentElement.style.fontSize") == "130%"
    sco = open_sco(page, server.url, "12")  # the next visit, same device
    assert sco.evaluate("document.documentElement.style.fontSize") == "130%"
    assert sco.evaluate("document.documentElement.classList.contains('hc')")
    assert sco.get_attribute("#hv-contrast", "aria-pressed") == "true"
    assert sco.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    sco.get_by_role("button", name="Bắt đầu học").click()
    sco.add_script_tag(path=str(AXE))
    violations = sco.evaluate("""async () => (await axe.run()).violations
        .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.nodes.length)""")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "player-360-large-contrast.png"), full_page=True)
    assert violations == []


def test_final_submit_lists_the_unanswered_questions_first(page, server) -> None:  # type: ignore[no-untyped-def]
    sco = open_sco(page, server.url, "2004")
    sco.get_by_role("button", name="Bắt đầu học").click()
    answer(sco, "chon-mot", True)
    total = sco.locator(".sec .q").count()
    sco.click("#hv-next")
    sco.click("#hv-next")  # lesson 2, then the results page
    sco.get_by_role("button", name="Nộp kết quả và kết thúc").click()
    dialog = sco.locator("dialog.confirm")
    assert dialog.is_visible()
    assert dialog.locator("li").count() == total - 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "player-360-confirm.png"))
    sco.get_by_role("button", name="Quay lại làm tiếp").click()
    assert not page.evaluate("window.hvFinished || false")
    assert sco.locator("#hv-finished").is_hidden()
    sco.get_by_role("button", name="Nộp kết quả và kết thúc").click()
    sco.get_by_role("button", name="Vẫn nộp kết quả").click()
    page.wait_for_function("window.hvFinished")
