"""The SCORM player's "export my results" button, without an LMS, in Chromium: the file it saves reads back in
``hocvuso report`` with a valid checksum, and an edit to it is caught.

The file also carries the final check's and pre-test's items, kept in the browser as each form is submitted.  The
package here is the sample course (tests/olx/sample, citizens): its bank is nh-otp-1 (4.2) and nh-ung-dung-1 (0.2),
one point each, both single choice; the citizens rule is 0.6 per competency and 0.7 overall, and a form draws up to
5 items per competency, so every form holds both items.  All right: 100 % on both → passed → reached.  All wrong:
0 % → an attempt, not reached.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.model import QuestionType
from hocvuso.project import Project, load
from hocvuso.reports.compute import ALL
from tests.conftest import build_courses

from .conftest import Runner, found, row

BANK = ["nh-otp-1", "nh-ung-dung-1"]
AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def package_dir(courses_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scorm-out")
    diags = build_courses(courses_dir, out, ["scorm"])
    assert not diags.has_errors()
    dest = tmp_path_factory.mktemp("pkg")
    with zipfile.ZipFile(out / "scorm12" / "citizens.zip") as z:
        z.extractall(dest)
    return dest


@pytest.fixture(scope="module")
def bank(courses_dir: Path) -> dict:  # type: ignore[type-arg]
    """The sample course's bank items by id, from the model (the right answers never come from the page)."""
    diags = Diagnostics()
    _, courses = load(Project(courses_dir), [], diags)
    assert not diags.has_errors()
    return {q.id: q for c in courses if c.group == "citizens" for q in c.bank}


def offline_page(chromium, package_dir: Path):  # type: ignore[no-untyped-def]
    """The package opened from its files (no LMS) on a 360-px phone that accepts downloads; (context, page)."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    page = context.new_page()
    page.goto((package_dir / "index.html").as_uri())
    return context, page


def collected(runner: Runner) -> Path:
    """The folder a mentor collects the learners' files in."""
    folder = runner.root / "collected"
    folder.mkdir()
    return folder


def export(chromium, package_dir: Path, learner: str, target: Path) -> dict:  # type: ignore[no-untyped-def]
    context, page = offline_page(chromium, package_dir)
    data = answer_and_save(page, learner, target)
    context.close()
    return data


def answer_and_save(page, learner: str, target: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """Answer the first practice question (any choice), then save the result file from the results page."""
    answer(page)
    return save(page, learner, target)


def answer(page) -> str:  # type: ignore[no-untyped-def]
    """Answer the first practice question (any choice); its id."""
    first = page.locator(".q").first
    qid = first.get_attribute("data-q")
    page.evaluate(f"""() => {{
        const q = document.querySelector('.q[data-q="{qid}"]');
        const input = q.querySelector('input[type=radio], input[type=checkbox]');
        input.checked = true;
        q.querySelector('form').requestSubmit();
    }}""")
    return qid  # type: ignore[no-any-return]


def save(page, learner: str, target: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """Save the result file from the results page."""
    page.evaluate("document.querySelector('[data-go=\"hocvuso-results\"]').click()")
    assert page.locator("#hv-export").is_visible()  # no LMS here: the player offers the file
    page.fill("#hv-export-id", learner)
    with page.expect_download() as info:
        page.evaluate("document.getElementById('hv-export-save').click()")
    info.value.save_as(str(target))
    status = page.locator("#hv-status").text_content() or ""
    assert target.name in status or "ketqua-" in status
    return json.loads(target.read_text(encoding="utf-8"))


def take(page, kind: str, bank: dict, right: bool) -> list[str]:  # type: ignore[no-untyped-def,type-arg]
    """Open the pre-test or the final check (``kind``: 'pre', 'final'), answer every drawn item all right or all
    wrong, submit; the drawn item ids, in the order shown."""
    page.evaluate(f"document.querySelector('[data-go=hocvuso-{'pretest' if kind == 'pre' else 'final'}]').click()")
    page.click(f"#hv-{kind}-start")
    drawn = page.evaluate(f"[...document.querySelectorAll('#hv-{kind}-items .q')].map((b) => b.getAttribute('data-q'))")
    for qid in drawn:
        q = bank[qid]
        assert q.type is QuestionType.SINGLE  # the sample bank: single choice only
        page.check(f"#q-{qid}-{next(c.key for c in q.choices if c.correct is right)}")
    page.click(f"#hv-{kind}-submit")
    return drawn  # type: ignore[no-any-return]


def checks(data: dict, prefix: str) -> list[list[object]]:  # type: ignore[type-arg]
    return [i for i in data["items"] if i[0].startswith(prefix)]


def test_the_exported_file_is_signed_and_reads_back_in_the_report(chromium, package_dir: Path, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    folder = collected(runner)
    data = export(chromium, package_dir, "c01", folder / "ketqua-c01.json")
    assert data["learner"] == "c01" and len(data["items"]) == 1 and len(data["sig"]) == 64
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert found(diags, "HV813") == []
    quality = dict(report.tables["quality"].rows)
    assert (quality["q_attempts"], quality["q_responses"]) == (0, 1)  # a practice answer: no attempt, one response


def test_an_exported_file_edited_by_hand_is_refused(chromium, package_dir: Path, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    folder = collected(runner)
    path = folder / "ketqua-c02.json"
    data = export(chromium, package_dir, "c02", path)
    data["items"][0][1] = 1 - data["items"][0][1]
    path.write_text(json.dumps(data), encoding="utf-8")
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is None and found(diags, "HV813") == ["ketqua-c02.json:0:0"]


def test_a_passed_final_check_travels_in_the_file_and_makes_the_learner_reached(chromium, package_dir: Path, bank: dict,  # type: ignore[no-untyped-def,type-arg]
                                                                                 runner: Runner) -> None:
    folder = collected(runner)
    context, page = offline_page(chromium, package_dir)
    drawn = take(page, "final", bank, right=True)
    assert sorted(drawn) == BANK
    assert "Đạt" in (page.locator("#hv-final-result").text_content() or "")
    data = answer_and_save(page, "c01", folder / "ketqua-c01.json")
    context.close()
    # one practice answer, then one row per drawn item: right, no response
    assert [i for i in data["items"] if not i[0].startswith(("f", "pre-"))] and len(data["items"]) == 1 + len(BANK)
    assert checks(data, "f1-") == [[f"f1-{qid}", 1, ""] for qid in drawn]
    assert checks(data, "pre-") == [] and checks(data, "f2-") == []
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert found(diags, "HV813") == []
    quality = dict(report.tables["quality"].rows)
    assert (quality["q_attempts"], quality["q_responses"]) == (1, 1)  # the final check's try; the practice answer
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 1


def test_a_failed_final_check_is_an_attempt_but_not_reached(chromium, package_dir: Path, bank: dict,  # type: ignore[no-untyped-def,type-arg]
                                                            runner: Runner) -> None:
    folder = collected(runner)
    context, page = offline_page(chromium, package_dir)
    drawn = take(page, "final", bank, right=False)
    data = answer_and_save(page, "c02", folder / "ketqua-c02.json")
    context.close()
    assert checks(data, "f1-") == [[f"f1-{qid}", 0, ""] for qid in drawn]
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert dict(report.tables["quality"].rows)["q_attempts"] == 1
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 0


def test_the_checks_kept_in_the_browser_survive_a_reload_and_give_the_change(chromium, package_dir: Path, bank: dict,  # type: ignore[no-untyped-def,type-arg]
                                                                            runner: Runner) -> None:
    """Pre-test all wrong (0 on both competencies), reload, final check all right (1.0 on both), reload, save."""
    folder = collected(runner)
    context, page = offline_page(chromium, package_dir)
    pre = take(page, "pre", bank, right=False)
    page.reload()
    final = take(page, "final", bank, right=True)
    page.reload()
    data = answer_and_save(page, "c03", folder / "ketqua-c03.json")
    context.close()
    assert checks(data, "pre-") == [[f"pre-{qid}", 0, ""] for qid in pre]
    assert checks(data, "f1-") == [[f"f1-{qid}", 1, ""] for qid in final]
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 1
    for code in ("4.2", "0.2"):
        got = row(report, "change", group="citizens", code=code)
        assert (got["learners"], got["before"], got["after"], got["change"]) == (1, 0.0, 1.0, 1.0)


def stored(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))")  # type: ignore[no-any-return]


def learner_a(page, bank: dict, target: Path) -> tuple[str, dict, str]:  # type: ignore[no-untyped-def,type-arg]
    """On a fresh page: larger text and high contrast, the final check passed, a practice answer, A's file saved;
    the practice question's id, the file, and the final check's tries as a new learner sees them."""
    page.click("#hv-larger")
    page.click("#hv-contrast")  # the text size and contrast belong to the phone, not to a learner
    fresh_tries = page.locator("#hv-final-tries").text_content()
    drawn = take(page, "final", bank, right=True)
    assert "Đạt" in (page.locator("#hv-final-result").text_content() or "")
    qid = answer(page)
    a = save(page, "c01", target)
    assert len(checks(a, "f1-")) == len(drawn)
    return qid, a, fresh_tries


def test_cancelling_next_learner_keeps_everything(chromium, package_dir: Path, bank: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def,type-arg]
    context, page = offline_page(chromium, package_dir)
    _, a, _ = learner_a(page, bank, tmp_path / "ketqua-c01.json")
    before = stored(page)
    messages: list[str] = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    page.click("#hv-export-next")
    assert messages and "Hãy lưu tệp kết quả trước" in messages[0]
    assert stored(page) == before
    again = save(page, "c01", tmp_path / "again" / "ketqua-c01.json")
    context.close()
    assert again["items"] == a["items"]


def test_the_next_learner_on_one_phone_starts_blank_and_each_file_holds_its_own_learner(  # type: ignore[no-untyped-def,type-arg]
        chromium, package_dir: Path, bank: dict, runner: Runner) -> None:
    """A mentor takes two learners through one package on one phone: A passes the final check and saves, then
    "Người học tiếp theo" (confirmed) clears A's answers, tries, kept checks and seed, and B starts blank."""
    folder = collected(runner)
    context, page = offline_page(chromium, package_dir)
    qid, _, fresh_tries = learner_a(page, bank, folder / "ketqua-c01.json")
    before = stored(page)
    assert page.locator("#hv-export-next").text_content() == "Người học tiếp theo"
    assert page.locator("#hv-export-next").bounding_box()["height"] >= 44  # type: ignore[index]
    page.add_script_tag(path=str(AXE))  # the export box shows only without an LMS: tests/scorm's axe run misses it
    assert page.evaluate("""async () => (await axe.run('#hv-export', {resultTypes: ['violations']})).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)""") == []

    page.once("dialog", lambda d: d.accept())
    with page.expect_navigation():  # OK: the page reloads blank for learner B
        page.click("#hv-export-next")
    after = stored(page)
    key = next(k for k in before if k.endswith(":checks"))
    assert key not in after
    assert after["hocvuso:learner"] != before["hocvuso:learner"]  # a new seed: new shuffles and forms
    assert after["hocvuso:comfort"] == before["hocvuso:comfort"]
    assert page.evaluate("document.documentElement.classList.contains('hc')")
    assert page.evaluate(f"document.querySelector('#q-{qid} .result').textContent") == ""
    assert page.locator(f"#q-{qid} input:checked").count() == 0
    page.evaluate("document.querySelector('[data-go=hocvuso-final]').click()")
    assert page.locator("#hv-final-tries").text_content() == fresh_tries
    assert page.locator("#hv-final-start").is_visible()
    assert page.locator("#hv-final-result").text_content() == ""

    b = answer_and_save(page, "c02", folder / "ketqua-c02.json")
    context.close()
    assert b["learner"] == "c02" and [i[0] for i in b["items"]] == [qid]
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert found(diags, "HV813") == []
    quality = dict(report.tables["quality"].rows)
    assert (quality["q_attempts"], quality["q_responses"]) == (1, 2)  # A's final check; A's and B's practice answers
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 1
