"""The HTML report in headless Chromium from file://: axe-core finds nothing serious, it fits a 360 px phone, it prints.

Screenshots (360 px phone and 1280 px desktop) are kept in build/test-artifacts/report/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hocvuso.reports.run import write_report

from .conftest import Runner, town_results
from .test_engines import mixed_results

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules/axe-core/axe.min.js"
ARTIFACTS = ROOT / "build/test-artifacts/report"


@pytest.fixture
def page_path(runner: Runner) -> Path:
    report, _ = runner.run(runner.roster(), mixed_results(runner), min_cell=1)  # type: ignore[arg-type]
    assert report is not None
    return write_report(report, runner.root / "build", "vi") / "index.html"


def serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.add_script_tag(path=str(AXE))
    return list(page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }"""))


def test_the_report_has_no_serious_accessibility_problem(chromium, page_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(page_path.as_uri())
    assert serious(page) == []
    context.close()


def test_the_report_opens_offline_and_fits_a_phone(chromium, page_path: Path) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    for width, height, name in ((360, 740, "report-360x740.png"), (1280, 1000, "report-1280.png")):
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        page.screenshot(path=str(ARTIFACTS / name))
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways on a phone"
            page.locator("#h-trend").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "report-360-trend.png"))
        assert page.locator("svg[role=img]").count() >= 2  # progress bars, trend (inline SVG)
        context.close()
    assert all(url.startswith("file://") for url in requests), "the report loads something from the network"
    assert (ARTIFACTS / "report-360x740.png").stat().st_size > 5000


def test_the_report_prints_on_a4(chromium, page_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context()
    page = context.new_page()
    page.goto(page_path.as_uri())
    pdf = page.pdf(format="A4")
    context.close()
    assert pdf[:4] == b"%PDF" and len(pdf) > 10000


def test_autoescape_keeps_a_unit_name_as_text(runner: Runner) -> None:
    from .conftest import town_roster

    rows = town_roster()
    for r in rows[:6]:
        r[3] = "<script>alert(1)</script>"
    report, _ = runner.run(runner.roster(rows), [runner.results(town_results())], min_cell=1)
    html = (write_report(report, runner.root / "build", "vi") / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
