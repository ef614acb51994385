"""A learner takes the assessment in headless Chromium against the real workbench server.

Fails once, passes, downloads the certificate (PNG) and the credential (.jwt)
and checks the credential with ``hocvuso verify``.  Screenshots of the
competency profile are kept under build/test-artifacts/xblock/.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts" / "xblock"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

SETTINGS = """
from workbench.settings import *  # noqa: F403
import json, os
ROOT_URLCONF = "hocvuso_wb_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.abspath("var/workbench.db")}}
XBLOCK_SETTINGS = {"hocvuso_assessment": json.loads(os.environ["HOCVUSO_TEST_XBLOCK_SETTINGS"])}
"""
URLS = """
from django.db import connection
from workbench.urls import urlpatterns  # noqa: F401
from workbench_scenarios import only_hocvuso
if "workbench_xblockstate" in connection.introspection.table_names():  # not while migrating
    only_hocvuso()
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, bank_policy, issuer_key):
    """The workbench (``django runserver``) on 127.0.0.1 with the fixture bank and the operator's key."""
    bank, policy = bank_policy
    yield from workbench_server(tmp_path_factory.mktemp("server"), bank, policy, issuer_key)


def workbench_server(folder: Path, bank: dict, policy: dict, issuer_key: dict[str, Path]):
    """Run the workbench with ``bank`` and ``policy`` (3 attempts, 20 minutes) in ``folder``; yield its URL."""
    (folder / "var").mkdir()
    (folder / "hocvuso_wb_settings.py").write_text(textwrap.dedent(SETTINGS), encoding="utf-8")
    (folder / "hocvuso_wb_urls.py").write_text(textwrap.dedent(URLS), encoding="utf-8")
    (folder / "bank.json").write_text(json.dumps(bank, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(folder), str(Path(__file__).parent)]),
           "DJANGO_SETTINGS_MODULE": "hocvuso_wb_settings",
           "HOCVUSO_WORKBENCH_BANK": str(folder / "bank.json"),
           "HOCVUSO_WORKBENCH_POLICY": json.dumps({**policy, "max_attempts": 3, "time_limit_minutes": 20}),
           "HOCVUSO_TEST_XBLOCK_SETTINGS": json.dumps({
               "PRIVATE_KEY_PATH": str(issuer_key["private"]), "ISSUER_ID": "https://hocvuso.example.vn/issuer",
               "ISSUER_NAME": "Sở Giáo dục và Đào tạo (thử nghiệm)"})}
    subprocess.run([sys.executable, "-m", "django", "migrate", "--verbosity=0"], cwd=folder, env=env, check=True)
    port = _free_port()
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
                            cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError("the workbench did not start:\n" + (folder / "server.log").read_text())
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def answer(page, bank: dict, wrong: set[str]) -> None:
    """Fill in the form as a learner who knows the answers, getting ``wrong`` competencies wrong."""
    questions = {q["id"]: q for q in bank["questions"]}
    for fieldset in page.locator("fieldset.hv-question").all():
        q = questions[fieldset.get_attribute("data-qid")]
        FILL[q["type"]](fieldset, q, q["competency"] in wrong)


def _choices(fieldset, q: dict, bad: bool) -> None:
    for choice in fieldset.locator(".hv-choice").all():
        text = _text(choice.locator("label").inner_html())
        correct = next(c["correct"] for c in q["choices"] if _text(c["html"]) == text)
        if correct != bad:
            choice.locator("input").check()
            if bad:
                return


def _dropdown(fieldset, q: dict, bad: bool) -> None:
    fieldset.locator("select").select_option(label=next(c["text"] for c in q["choices"] if c["correct"] != bad))


def _numeric(fieldset, q: dict, bad: bool) -> None:
    fieldset.locator("input").fill("-1" if bad else f"{q['numeric']['value']:.12g}".replace(".", ","))


def _short_text(fieldset, q: dict, bad: bool) -> None:
    fieldset.locator("input").fill("sai" if bad else q["answers"][0])


def _matching(fieldset, q: dict, bad: bool) -> None:
    rights = {_text(m["left_html"]): m["right"] for m in q["matches"]}
    for row in fieldset.locator(".hv-row").all():
        right = rights[_text(row.locator("label").inner_html())]
        if bad:
            right = next(t for t in q["targets"] if t != right)
        row.locator("select").select_option(label=right)


def _ordering(fieldset, q: dict, bad: bool) -> None:
    order = [_text(i["html"]) for i in q["items"]]
    for row in fieldset.locator(".hv-row").all():
        step = order.index(_text(row.locator("label").inner_html())) + 1
        row.locator("select").select_option(label=f"Bước {len(order) + 1 - step if bad else step}")


FILL = {"single": _choices, "multiple": _choices, "dropdown": _dropdown, "numeric": _numeric, "text": _short_text,
        "matching": _matching, "ordering": _ordering}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document.querySelector('.hocvuso-assessment'),
                                {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                           .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    return result


def test_learner_fails_once_passes_and_verifies_the_certificate(server, bank_policy, issuer_key, chromium):
    bank, _ = bank_policy
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN", accept_downloads=True)
    try:
        page = context.new_page()
        page.on("dialog", lambda d: d.accept())
        page.goto(f"{server}/scenario/hocvuso_assessment.0/?student=hoc-vien-1")
        page.get_by_role("button", name="Bắt đầu làm bài").click()
        page.wait_for_selector("form.hv-form")
        assert page.evaluate("document.activeElement.classList.contains('hv-title')")  # focus moved to the new heading
        assert page.locator("fieldset.hv-question").count() == 9
        assert page.locator(".hv-clock").inner_text() != "--:--"
        assert axe_violations(page) == []

        # First attempt: competency 4.2 all wrong.
        answer(page, bank, wrong={"4.2"})
        page.get_by_role("button", name="Nộp bài").click()
        page.wait_for_selector("ol.hv-profile")
        assert "Bạn chưa đạt" in page.inner_text(".hv-summary")
        row = page.locator("li.hv-card.hv-not-reached")
        assert row.count() == 1 and "4.2" in row.inner_text()
        assert row.get_by_role("link", name="Bảo vệ mã OTP").count() == 1
        assert axe_violations(page) == []
        page.locator(".hocvuso-assessment").screenshot(path=str(ARTIFACTS / "competency-profile-failed.png"))

        # Second attempt: everything right.
        page.get_by_role("button", name="Làm lại bài đánh giá").click()
        page.wait_for_selector("form.hv-form")
        answer(page, bank, wrong=set())
        page.get_by_role("button", name="Nộp bài").click()
        page.wait_for_selector(".hv-certificate")
        assert "Chúc mừng" in page.inner_text(".hv-summary")
        assert page.locator("li.hv-card.hv-reached").count() == 3
        page.locator(".hocvuso-assessment").screenshot(path=str(ARTIFACTS / "competency-profile.png"))

        with page.expect_download() as png_download:
            page.get_by_role("link", name=re.compile("Tải giấy chứng nhận")).click()
        png_download.value.save_as(ARTIFACTS / "certificate.png")
        with page.expect_download() as jwt_download:
            page.get_by_role("link", name=re.compile("Tải chứng nhận số")).click()
        jwt_download.value.save_as(ARTIFACTS / "credential.jwt")
        assert jwt_download.value.suggested_filename == "chung-nhan-bdhvs-kns-test-2026-1.jwt"

        # A reload shows the stored result, and no new attempt can start.
        page.reload()
        assert "Bạn đã đạt" in page.inner_text(".hocvuso-assessment")
        assert page.get_by_role("button", name=re.compile("Làm lại|Bắt đầu")).count() == 0
    finally:
        context.close()

    assert Image.open(ARTIFACTS / "certificate.png").size == (1600, 1131)
    done = subprocess.run([sys.executable, "-m", "hocvuso", "verify", str(ARTIFACTS / "credential.jwt"),
                           "--key", str(issuer_key["public"])], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("HỢP LỆ")
