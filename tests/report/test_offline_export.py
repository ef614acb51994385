"""The SCORM player's "export my results" button, without an LMS, in Chromium: the file it saves reads back in
``hocvuso report`` with a valid checksum, and an edit to it is caught."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build_courses

from .conftest import Runner, found


@pytest.fixture(scope="module")
def package_dir(courses_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scorm-out")
    diags = build_courses(courses_dir, out, ["scorm"])
    assert not diags.has_errors()
    dest = tmp_path_factory.mktemp("pkg")
    with zipfile.ZipFile(out / "scorm12" / "citizens.zip") as z:
        z.extractall(dest)
    return dest


def export(chromium, package_dir: Path, learner: str, target: Path) -> dict:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    page = context.new_page()
    page.goto((package_dir / "index.html").as_uri())
    first = page.locator(".q").first
    qid = first.get_attribute("data-q")
    page.evaluate(f"""() => {{
        const q = document.querySelector('.q[data-q="{qid}"]');
        const input = q.querySelector('input[type=radio], input[type=checkbox]');
        input.checked = true;
        q.querySelector('form').requestSubmit();
    }}""")
    page.evaluate("document.querySelector('[data-go=\"hocvuso-results\"]').click()")
    assert page.locator("#hv-export").is_visible()  # no LMS here: the player offers the file
    page.fill("#hv-export-id", learner)
    with page.expect_download() as info:
        page.evaluate("document.getElementById('hv-export-save').click()")
    info.value.save_as(str(target))
    status = page.locator("#hv-status").text_content() or ""
    context.close()
    assert target.name in status or "ketqua-" in status
    return json.loads(target.read_text(encoding="utf-8"))


def test_the_exported_file_is_signed_and_reads_back_in_the_report(chromium, package_dir: Path, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    folder = runner.root / "collected"
    folder.mkdir()
    data = export(chromium, package_dir, "c01", folder / "ketqua-c01.json")
    assert data["learner"] == "c01" and len(data["items"]) == 1 and len(data["sig"]) == 64
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert found(diags, "HV813") == []
    quality = dict(report.tables["quality"].rows)
    assert (quality["q_attempts"], quality["q_responses"]) == (0, 1)  # a practice answer: no attempt, one response


def test_an_exported_file_edited_by_hand_is_refused(chromium, package_dir: Path, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    folder = runner.root / "collected"
    folder.mkdir()
    path = folder / "ketqua-c02.json"
    data = export(chromium, package_dir, "c02", path)
    data["items"][0][1] = 1 - data["items"][0][1]
    path.write_text(json.dumps(data), encoding="utf-8")
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is None and found(diags, "HV813") == ["ketqua-c02.json:0:0"]
