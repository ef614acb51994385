"""The packages in a real SCORM run-time (scorm-again) in headless Chromium.

A learner answers every question of lesson 1, once all right and once all
wrong, then submits on the results page; the tests read back what the LMS
recorded: status, every interaction and every competency objective.  The
fixture course has no item bank, so it has no final check: practice is
reported as interactions and completion, never as a score or passed/failed
(tests/scorm/test_checks.py covers the final check of the real courses).
"""

from __future__ import annotations

import pytest
from scorm_browser import open_sco, state
from scorm_course import COMPETENCIES, LESSON_ONE_ANSWERS, answer, learn, response_2004

VERSIONS = ("12", "2004")


def interactions(cmi: dict) -> list[dict]:
    found = cmi["interactions"]
    return [found[str(i)] for i in range(len(found))]


def objectives(cmi: dict) -> dict[str, dict]:
    return {o["id"]: o for o in cmi["objectives"].values()}


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_scorm12_records_every_answer_against_its_competency(page, server, right: bool) -> None:  # type: ignore[no-untyped-def]
    result = learn(page, server.url, "12", right)
    cmi = result["cmi"]
    assert result["finished"]
    assert cmi["core"]["lesson_status"] == "completed"  # never passed/failed from practice
    assert cmi["core"]["score"]["raw"] == ""  # nor a score
    assert cmi["core"]["exit"] == ""  # everything done: the next launch may start a new attempt
    assert cmi["core"]["session_time"].count(":") == 2
    recorded = interactions(cmi)
    assert [i["id"] for i in recorded] == list(LESSON_ONE_ANSWERS)
    for got, (objective, kind, weight, good, bad) in zip(recorded, LESSON_ONE_ANSWERS.values(), strict=True):
        assert got["type"] == kind
        if kind == "sequencing" and not right:  # left in the order shown, which is shuffled per learner
            shown = got["student_response"].split(",")
            assert sorted(shown) == sorted(good.split(",")) and shown != good.split(",")  # never shown solved
        else:
            assert got["student_response"] == (good if right else bad)
        assert got["result"] == ("correct" if right else "wrong")
        assert got["objectives"]["0"]["id"] == objective
        assert got["weighting"] == weight
        assert not got["correct_responses"]  # the keys are not in the package (hashes only)
        assert len(got["time"].split(":")) == 3
    objs = objectives(cmi)
    assert list(objs) == list(COMPETENCIES)  # every competency of the course, created once
    for oid in ("nls-4-2", "nls-1-1"):
        assert objs[oid]["status"] == "completed"
        assert objs[oid]["score"]["raw"] == ""
    assert objs["nls-6-2"]["status"] == "not attempted"  # no practice question: nothing claimed
    assert len(cmi["suspend_data"]) <= 4096


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_scorm2004_records_every_answer_against_its_competency(page, server, right: bool) -> None:  # type: ignore[no-untyped-def]
    result = learn(page, server.url, "2004", right)
    cmi = result["cmi"]
    assert result["finished"]
    assert cmi["completion_status"] == "completed"
    assert cmi["success_status"] == "unknown"  # never passed/failed from practice
    assert cmi["score"]["scaled"] == "" and cmi["score"]["raw"] == ""
    assert cmi["exit"] == "normal"
    assert cmi["session_time"].startswith("PT")
    recorded = interactions(cmi)
    assert [i["id"] for i in recorded] == list(LESSON_ONE_ANSWERS)
    for got, (objective, kind, weight, good, bad) in zip(recorded, LESSON_ONE_ANSWERS.values(), strict=True):
        assert got["type"] == kind
        if kind == "sequencing" and not right:  # left in the order shown, which is shuffled per learner
            shown = got["learner_response"].split("[,]")
            assert sorted(shown) == sorted(good.split(",")) and shown != good.split(",")  # never shown solved
        else:
            assert got["learner_response"] == response_2004(good if right else bad, kind)
        assert got["result"] == ("correct" if right else "incorrect")
        assert got["objectives"]["0"]["id"] == objective
        assert got["weighting"] == weight
        assert got["timestamp"][:2] == "20"
        assert got["latency"].startswith("PT")
        assert got["description"]
    assert all(not got["correct_responses"] for got in recorded)
    objs = objectives(cmi)
    assert list(objs) == list(COMPETENCIES)
    for oid in ("nls-4-2", "nls-1-1"):
        assert objs[oid]["success_status"] == "unknown"
        assert objs[oid]["completion_status"] == "completed"
        assert objs[oid]["score"]["scaled"] == ""
    assert objs["nls-6-2"]["success_status"] == "unknown"
    assert objs["nls-4-2"]["description"].startswith("4.2 ")


def leave_midway(page, url: str, version: str) -> dict:  # type: ignore[no-untyped-def]
    """Answer two questions (one right, one wrong), move on to lesson 2, close the SCO; return the CMI."""
    sco = open_sco(page, url, version)
    sco.get_by_role("button", name="Bắt đầu học").click()
    answer(sco, "chon-mot", True)
    answer(sco, "chon-nhieu", False)
    sco.click("#hv-next")
    page.evaluate("document.getElementById('sco').remove()")  # the learner closes the window
    page.wait_for_function("window.hvFinished")
    return state(page)["cmi"]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_reload_resumes_at_the_bookmark_with_earlier_answers(browser, server, version: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740})
    first = leave_midway(context.new_page(), server.url, version)
    assert (first["core"]["exit"] if version == "12" else first["exit"]) == "suspend"
    assert (first["core"]["lesson_location"] if version == "12" else first["location"]) == "bai-hai"
    assert (first["core"]["lesson_status"] if version == "12" else first["completion_status"]) == "incomplete"
    saved = dict(first)  # what the LMS gives back on the next launch
    if version == "12":
        saved["core"] = {**first["core"], "entry": "resume"}
    else:
        saved["entry"] = "resume"
    page = context.new_page()
    sco = open_sco(page, server.url, version, preload=saved)
    assert sco.locator("#p-bai-hai").is_visible()
    assert "Tiếp tục" in sco.inner_text("#hv-status")
    assert sco.inner_text("#q-chon-mot .result") == "✓ Đúng rồi!"
    assert sco.inner_text("#q-chon-nhieu .result") == "✗ Chưa đúng."
    assert sco.is_checked("#q-chon-nhieu-b")
    sco.check("#q-goi-dien-b")  # a new answer goes after the earlier ones
    sco.locator("#q-goi-dien button.check").click()
    cmi = state(page)["cmi"]
    assert page.evaluate("window.hvErrors") == []
    assert [i["id"] for i in interactions(cmi)] == ["chon-mot", "chon-nhieu", "goi-dien"]
    assert list(objectives(cmi)) == list(COMPETENCIES)  # not created twice
    context.close()


def test_scorm2004_uses_objectives_the_lms_created_from_the_manifest(page, server) -> None:  # type: ignore[no-untyped-def]
    """An LMS pre-populates cmi.objectives from the manifest, in any order: the SCO must find them by id."""
    reversed_ids = {"objectives": {str(i): {"id": oid} for i, oid in enumerate(reversed(COMPETENCIES))}}
    cmi = learn(page, server.url, "2004", True, preload=reversed_ids)["cmi"]
    assert [o["id"] for o in cmi["objectives"].values()] == list(reversed(COMPETENCIES))
    assert objectives(cmi)["nls-4-2"]["completion_status"] == "completed"


@pytest.mark.parametrize("version", VERSIONS)
def test_without_any_lms_progress_stays_on_the_device(page, server, version: str) -> None:  # type: ignore[no-untyped-def]
    """Opened straight from a USB stick: no API, no error, answers kept in the browser for next time."""
    page.goto(f"{server.url}/pkg{version}/index.html")
    page.get_by_role("button", name="Bắt đầu học").click()
    answer(page, "chon-mot", True)
    assert "Không kết nối" in page.inner_text("#hv-status")
    page.reload()
    assert page.locator("#p-bai-mot").is_visible()
    assert page.inner_text("#q-chon-mot .result") == "✓ Đúng rồi!"
