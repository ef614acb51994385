"""axe-core finds no serious or critical problem on any page of a package; phone-sized screenshots.

Screenshots (360×740, a phone) are kept in build/test-artifacts/scorm/ for people to look at.
"""

from __future__ import annotations

from scorm_browser import ROOT, open_sco
from scorm_course import answer

AXE = ROOT / "node_modules/axe-core/axe.min.js"
ARTIFACTS = ROOT / "build/test-artifacts/scorm"
PAGES = ("hocvuso-home", "bai-mot", "bai-hai", "hocvuso-results")


def serious(sco) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations on what the SCO shows now."""
    if not sco.evaluate("typeof axe !== 'undefined'"):
        sco.add_script_tag(path=str(AXE))
    found = sco.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    return list(found)


def test_every_page_has_no_serious_accessibility_problem(page, server) -> None:  # type: ignore[no-untyped-def]
    sco = open_sco(page, server.url, "2004")
    problems: dict[str, list[str]] = {}
    for page_id in PAGES:
        sco.evaluate(f"document.querySelector('[data-go=\"{page_id}\"]').click()")
        sco.locator(f"#p-{page_id}").wait_for()
        problems[page_id] = serious(sco)
    sco.click("#hv-menu")
    problems["menu open"] = serious(sco)
    sco.click("#hv-menu")
    sco.evaluate("document.querySelector('[data-go=\"bai-mot\"]').click()")
    for qid, right in (("chon-mot", False), ("chon-nhieu", True), ("viet-tat", False), ("sap-xep", False)):
        answer(sco, qid, right)
    sco.click("#q-chon-mot .hint-btn") if sco.is_visible("#q-chon-mot .hint-btn") else None
    problems["answered, with feedback"] = serious(sco)
    assert {k: v for k, v in problems.items() if v} == {}


def test_phone_screenshots_of_a_lesson_and_a_quiz(page, server) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    sco = open_sco(page, server.url, "12")
    sco.get_by_role("button", name="Bắt đầu học").click()
    sco.locator("#p-bai-mot img").scroll_into_view_if_needed()
    sco.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "lesson-360x740.png"))
    answer(sco, "chon-mot", False)
    sco.locator("#q-chon-mot").scroll_into_view_if_needed()
    sco.evaluate("document.getElementById('q-chon-mot').scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / "quiz-360x740.png"))
    width = sco.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the page scrolls sideways on a 360 px phone"
    assert (ARTIFACTS / "lesson-360x740.png").stat().st_size > 5000
    assert (ARTIFACTS / "quiz-360x740.png").stat().st_size > 5000
