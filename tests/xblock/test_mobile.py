"""The assessment on a 360 px phone in headless Chromium: nothing wider than the screen, lessons to revisit
visible, axe-core clean, and a form sent once however often it is submitted.

Screenshots (build/test-artifacts/xblock/mobile-*.png): the form, a failed and a passed result.
The bank here has a dropdown choice far longer than a phone is wide.
"""

from __future__ import annotations

import copy

import pytest

from tests.xblock.test_browser import ARTIFACTS, answer, axe_violations, workbench_server

WIDTH = 360
LONG_CHOICE = ("Không bấm vào đường link, không trả lời tin nhắn, xoá tin nhắn đi và báo cho nhà mạng "
               "qua tổng đài chính thức in trên thẻ SIM của mình")


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory, bank_policy, issuer_key):
    bank, policy = bank_policy
    long_bank = copy.deepcopy(bank)
    question = next(q for q in long_bank["questions"] if q["id"] == "otp-tin-nhan")
    choice = next(c for c in question["choices"] if c["correct"])
    choice["text"] = choice["html"] = LONG_CHOICE
    # Every question of the bank on the form (5 per competency), so the long dropdown is always there.
    for url in workbench_server(tmp_path_factory.mktemp("phone"), long_bank, {**policy, "min_items_per_competency": 5},
                                issuer_key):
        yield url, long_bank


def overflow(page) -> int:
    """How many CSS pixels the block or anything in it reaches past the screen's right edge (0 = none).

    Measured on the block, not the page: the workbench prints the scenario's XML (the whole bank
    on one line) under it.
    """
    right = page.evaluate("""() => Math.max(...[...document.querySelectorAll('.hocvuso-assessment, .hocvuso-assessment *')]
                                     .map(e => e.getBoundingClientRect().right))""")
    return int(right) - WIDTH


def shoot(page, name: str) -> None:
    """Screenshot the block; the workbench's fixed header is made static first so it covers nothing."""
    page.evaluate("""() => { for (const e of document.querySelectorAll('body *')) {
        if (!e.closest('.hocvuso-assessment') && ['fixed', 'sticky'].includes(getComputedStyle(e).position)) {
            e.style.position = 'static'; } } }""")
    page.locator(".hocvuso-assessment").screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_the_assessment_on_a_360_px_phone(phone_server, chromium):
    url, bank = phone_server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # A 360 px layout viewport (the LMS page declares width=device-width; the workbench page declares none,
    # so is_mobile would lay it out 980 px wide).
    context = chromium.new_context(viewport={"width": WIDTH, "height": 740}, device_scale_factor=2, has_touch=True,
                                   locale="vi-VN")
    submits: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: d.accept())
        page.on("request", lambda r: submits.append(r.url) if r.method == "POST" and "/submit" in r.url else None)
        page.goto(f"{url}/scenario/hocvuso_assessment.0/?student=dien-thoai")
        page.get_by_role("button", name="Bắt đầu làm bài").click()
        page.wait_for_selector("form.hv-form")
        assert page.locator("fieldset.hv-question").count() == 15
        assert page.get_by_role("option", name=LONG_CHOICE).count() == 1
        assert overflow(page) <= 0
        assert axe_violations(page) == []
        shoot(page, "mobile-form")

        # Failed: 4.2 wrong.  Sent three times at once (double tap + Enter): one request, one attempt.
        answer(page, bank, wrong={"4.2"})
        page.evaluate("() => { const f = document.querySelector('form.hv-form');"
                      " f.requestSubmit(); f.requestSubmit(); f.requestSubmit(); }")
        page.wait_for_selector("ol.hv-profile")
        assert len(submits) == 1
        assert "Lần làm bài thứ 1." in page.inner_text(".hocvuso-assessment")
        card = page.locator("li.hv-card.hv-not-reached")
        assert card.count() == 1 and "4.2" in card.inner_text()
        lesson = card.get_by_role("link", name="Bảo vệ mã OTP")
        assert lesson.is_visible()
        box = lesson.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
        assert overflow(page) <= 0
        assert axe_violations(page) == []
        shoot(page, "mobile-result-failed")

        # Passed.
        page.get_by_role("button", name="Làm lại bài đánh giá").click()
        page.wait_for_selector("form.hv-form")
        answer(page, bank, wrong=set())
        page.get_by_role("button", name="Nộp bài").click()
        page.wait_for_selector(".hv-certificate")
        assert len(submits) == 2
        assert page.locator("li.hv-card.hv-reached").count() == 3
        assert overflow(page) <= 0
        assert axe_violations(page) == []
        shoot(page, "mobile-result-passed")
    finally:
        context.close()
