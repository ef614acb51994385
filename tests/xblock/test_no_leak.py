"""No answer key reaches the browser: rendered views, handler JSON and the workbench page."""

from __future__ import annotations

import copy
import json
import random
import re

import pytest

from hocvuso_xblocks import grading
from tests.xblock.fixture_bank import SECRETS
from tests.xblock.harness import Harness, answers_for

pytestmark = pytest.mark.usefixtures("django_workbench", "xblock_settings")


def assert_no_key(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked"
    assert not re.search(r"correct|tolerance|\"answers\"|\"matches\"|\"perm\"", text, re.IGNORECASE)


def without_scenario_source(page: str) -> str:
    """The workbench page minus its developer panel that prints the scenario's XML source (not in the LMS)."""
    return re.sub(r"<pre>.*?</pre>", "", page, flags=re.DOTALL)


def displayed_items(html: str, qid: str) -> list[str]:
    block = html.split(f'data-qid="{qid}"', 1)[1].split("</fieldset>", 1)[0]
    return re.findall(r'<label for="hv-q\d+-r\d+">(.*?)</label>', block)


def test_intro_form_and_handler_json_carry_no_answers(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, {**policy, "min_items_per_competency": 5})  # the whole bank on one form
    assert_no_key(h.view())
    status, body = h.call("start")
    assert status == 200
    assert set(body) == {"html", "form_id", "deadline"}
    assert_no_key(json.dumps(body, ensure_ascii=False))
    page = h.view()
    assert_no_key(page)
    for q in bank["questions"]:
        assert f'data-qid="{q["id"]}"' in page
        if q["type"] == "ordering":  # shown in an order that is never the answer
            assert displayed_items(page, q["id"]) != [i["html"] for i in q["items"]]
        if q["type"] == "matching":
            options = re.findall(r"<option value=\"\d+\">(.*?)</option>", page.split(f'data-qid="{q["id"]}"', 1)[1].split("</fieldset>")[0])
            assert options[: len(q["targets"])] == sorted(set(q["targets"]), key=str.casefold)
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank, wrong={"1.1"})})
    assert status == 200
    assert_no_key(json.dumps(body, ensure_ascii=False))  # the result is a competency profile, not an answer sheet
    assert_no_key(h.view())


def test_the_public_view_does_not_depend_on_the_answers(bank_policy):
    """Flip every answer in the bank: what the browser gets for the same draw is byte for byte the same."""
    bank, _ = bank_policy
    flipped = copy.deepcopy(bank)
    for q in flipped["questions"]:
        for c in q.get("choices", []):
            c["correct"] = not c["correct"]
        if "numeric" in q:
            q["numeric"] = {"value": 42.0, "tolerance": 7.0}
        if "answers" in q:
            q["answers"] = ["khác hẳn"]
        if "matches" in q:
            rights = [m["right"] for m in q["matches"]]
            for m, right in zip(q["matches"], rights[1:] + rights[:1], strict=True):
                m["right"] = right
    for original, changed in zip(bank["questions"], flipped["questions"], strict=True):
        perm = grading._permutation(original, random.Random(7))
        assert grading.public_question(original, perm) == grading.public_question(changed, perm)


def test_workbench_page_and_handler_urls(django_workbench, tmp_path, monkeypatch):
    """The real workbench page (Django views and URLs) for the packaged sample scenario."""
    from django.test import Client

    from tests.xblock.workbench_scenarios import only_hocvuso

    monkeypatch.chdir(django_workbench)
    scenario = only_hocvuso()
    client = Client()
    page = without_scenario_source(client.get(f"/scenario/{scenario}/?student=leak").content.decode())
    assert "Bắt đầu làm bài" in page
    usage = re.search(r"data-usage='([^']*hocvuso_assessment[^']*)'", page).group(1)
    assert_no_key(page)
    started = client.post(f"/handler/{usage}/start/?student=leak", data="{}", content_type="application/json")
    assert started.status_code == 200
    assert_no_key(started.content.decode())
    page = without_scenario_source(client.get(f"/scenario/{scenario}/?student=leak").content.decode())
    assert 'class="hv-form"' in page
    assert_no_key(page)
    refused = client.post(f"/handler/{usage}/submit/?student=leak", data="[]", content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["error"]
