"""Instructor tools in the workbench runtime: reset attempts, rescore after a key correction, score override,
per-learner extra attempts and time, the problem responses report, and the placement mode."""

from __future__ import annotations

import copy
import json
from types import SimpleNamespace

import pytest
from xblock.fields import Scope
from xblock.runtime import KeyValueStore
from xblock.scorable import Score

from hocvuso_xblocks.attempts import REPORT_KEYS
from hocvuso_xblocks.block import AssessmentBlock
from tests.xblock.harness import Harness, answers_for

pytestmark = pytest.mark.usefixtures("django_workbench", "xblock_settings")
NOW = 1_767_225_600.0  # 2026-01-01 00:00 UTC


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    class Clock:
        now = NOW

    monkeypatch.setattr(AssessmentBlock, "_now", staticmethod(lambda: Clock.now))
    return Clock


def make(tmp_path, bank_policy, **policy) -> tuple[Harness, dict]:
    bank, base = bank_policy
    return Harness(tmp_path, bank, {**base, **policy}), bank


def take(h: Harness, bank: dict, **kwargs) -> dict:
    assert h.call("start")[0] == 200
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank, **kwargs)})
    assert status == 200, body
    return body


def lms_writes(h: Harness, field: str, value: object, user_id: str = "1") -> None:
    """What the LMS does to a learner's stored state (StudentModule.state) outside the block."""
    from workbench.runtime import WORKBENCH_KVS  # needs Django set up (the django_workbench fixture)

    key = KeyValueStore.Key(scope=Scope.user_state, user_id=user_id, block_scope_id=h.usage_id, field_name=field)
    WORKBENCH_KVS.set(key, value)


def test_instructor_reset_gives_the_attempts_back_and_keeps_the_log(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy, max_attempts=2, wait_hours=24)
    take(h, bank, wrong={"4.2"})
    clock.now += 25 * 3600
    take(h, bank, wrong={"4.2"})
    assert h.call("start")[0] == 409  # both attempts used
    lms_writes(h, "attempts", 0)  # Instructor dashboard → "Reset learner's attempts"
    page = h.view()  # no TypeError: the block reads the integer the LMS wrote
    assert "Làm lại bài đánh giá" in page
    assert h.call("start")[0] == 200  # attempts back, and the 24 h wait lifted by the reset
    block = h.block
    assert len(block.attempt_log) == 2 and block.attempts == 0
    assert h.grades()[-1] == {"value": round(6 / 9, 6), "max_value": 1.0}


def test_a_state_from_before_the_rename_is_read_as_the_log(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy, max_attempts=3)
    old = {"number": 1, "form_id": "cu", "started": NOW, "submitted": NOW, "expired": False, "share": 0.5, "passed": False,
           "earned": 4.5, "possible": 9, "competencies": []}
    lms_writes(h, "attempts", [old, {**old, "number": 2, "form_id": "cu2"}])
    block = h.block
    assert [a["form_id"] for a in block.log] == ["cu", "cu2"]
    assert block._used() == 2  # what the limit counts
    take(h, bank)
    block = h.block
    assert [a["number"] for a in block.attempt_log] == [1, 2, 3]
    assert block.attempts == 3 and block.passed
    lms_writes(h, "attempts", 0)
    assert h.block.log == h.block.attempt_log  # the reset leaves the (migrated) log alone


def correct_key(bank: dict, item: dict) -> dict:
    """A corrected bank in which the learner's stored answer to ``item`` is the right one."""
    fixed = copy.deepcopy(bank)
    q = next(q for q in fixed["questions"] if q["id"] == item["id"])
    answer, perm = item["answer"], item["perm"]
    if q["type"] in ("single", "dropdown"):
        for n, choice in enumerate(q["choices"]):
            choice["correct"] = n == perm[answer]
    elif q["type"] == "multiple":
        for n, choice in enumerate(q["choices"]):
            choice["correct"] = n in {perm[i] for i in answer}
    elif q["type"] == "numeric":
        q["numeric"] = {"value": float(answer), "tolerance": 0}
    elif q["type"] == "text":
        q["answers"] = [answer]
    else:
        raise AssertionError(f"no key correction for {q['type']}")
    return fixed


def test_rescore_after_a_key_correction_recomputes_pass_and_grade(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    body = take(h, bank, wrong={"4.2"})
    assert body["passed"] is False and body["share"] == pytest.approx(6 / 9)
    attempt = h.block.attempt_log[0]
    wrong = [item for item in attempt["items"] if not item["right"]]
    assert len(wrong) == 3
    # Two of the three 4.2 keys were wrong in the bank: staff correct them and re-import.
    fixed = correct_key(correct_key(bank, wrong[0]), wrong[1])
    block = h.block
    block.item_bank = json.dumps(fixed, ensure_ascii=False)
    block.save()
    # Instructor dashboard → "Rescore learner's submission": the LMS calls rescore() and saves.
    block = h.block
    assert block.calculate_score() == Score(8 / 9, 1.0)
    block.rescore(only_if_higher=False)
    block.save()
    assert h.grades()[-1] == {"value": round(8 / 9, 6), "max_value": 1.0, "only_if_higher": False}
    block = h.block
    rescored = block.attempt_log[0]
    assert rescored["passed"] is True and rescored["share"] == pytest.approx(8 / 9)
    by_id = {item["id"]: item for item in rescored["items"]}
    assert by_id[wrong[0]["id"]]["right"] and by_id[wrong[1]["id"]]["right"] and not by_id[wrong[2]["id"]]["right"]
    assert by_id[wrong[0]["id"]]["version"] != wrong[0]["version"]  # the corrected item's version changed
    assert by_id[wrong[2]["id"]]["version"] == wrong[2]["version"]
    assert "rescored" in rescored
    assert block.passed
    assert h.download("credential").status_code == 200  # the credential follows the corrected result


def test_score_override_is_published(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    take(h, bank, wrong={"4.2"})
    block = h.block
    block.set_score(Score(raw_earned=0.5, raw_possible=1.0))  # what the LMS's override task does
    block.publish_grade()
    block.save()
    assert h.grades()[-1] == {"value": 0.5, "max_value": 1.0}
    assert h.block.get_score() == Score(0.5, 1.0)


def test_staff_give_one_learner_an_extra_attempt_and_extra_time(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy, max_attempts=1, time_limit_minutes=30)
    take(h, bank, wrong={"4.2"})
    assert h.call("start")[0] == 409
    before = h.state()
    status, _ = h.call("staff_override", {"user_id": "1", "extra_attempts": 1, "extra_minutes": 15})
    assert status == 403  # a learner cannot give themselves attempts
    assert h.state() == before
    assert 'class="hv-override"' not in h.view()  # learners never see the staff form
    h.as_staff()
    assert 'class="hv-override"' in h.view()
    status, body = h.call("staff_override", {"user_id": "1", "extra_attempts": 1, "extra_minutes": 15})
    assert status == 200 and body["extra_attempts"] == 1
    assert body["message"] == "Đã lưu: học viên 1 có thêm 1 lượt và 15 phút."
    assert "1: +1 lượt, +15 phút" in h.view()
    assert h.call("staff_override", {"user_id": "1", "extra_attempts": 500})[0] == 400
    h.as_staff(False)
    status, body = h.call("start")
    assert status == 200
    assert body["deadline"] == clock.now + 45 * 60
    h.as_user("2")  # another learner keeps the course's limit
    assert h.call("start")[1]["deadline"] == clock.now + 30 * 60


def test_problem_responses_report_has_one_row_per_attempt(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy)
    first = take(h, bank, wrong={"4.2"})
    clock.now += 90
    take(h, bank)
    block = h.block
    state = {name: field.read_from(block) for name, field in block.fields.items() if field.scope == Scope.user_state}
    states = [SimpleNamespace(username="hoc-vien-1", state=json.loads(json.dumps(state)))]  # the LMS's XBlockUserState
    rows = list(block.generate_report_data(iter(states)))
    assert [username for username, _ in rows] == ["hoc-vien-1", "hoc-vien-1"]
    one, two = (row for _, row in rows)
    assert tuple(one) == REPORT_KEYS == ("Mode", "Attempt", "Submitted", "Overall", "Passed", "Competencies",
                                         "Credential", "Form")
    assert (one["Mode"], one["Attempt"], one["Submitted"], one["Overall"], one["Passed"], one["Credential"]) == (
        "certification", 1, "2026-01-01T00:00:00Z", 0.6667, "false", "")
    assert json.loads(one["Competencies"]) == {"4.2": {"share": 0.0, "level": None},
                                               "1.1": {"share": 1.0, "level": "CB2"},
                                               "2.3": {"share": 1.0, "level": "CB2"}}
    assert " " not in one["Competencies"]  # compact JSON
    assert one["Form"] == block.attempt_log[0]["form_id"] and first["passed"] is False
    assert (two["Attempt"], two["Submitted"], two["Overall"], two["Passed"]) == (2, "2026-01-01T00:01:30Z", 1.0, "true")
    assert two["Credential"].startswith("urn:uuid:")
    assert len(list(block.generate_report_data(iter(states), limit_responses=1))) == 1


def test_placement_check_is_ungraded_once_and_issues_nothing(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy, mode="placement", max_attempts=3)
    assert "kiểm tra đầu vào" in h.view()
    body = take(h, bank)
    assert body["passed"] is True
    assert h.grades() == []  # never graded: 0 possible points, no grade event
    block = h.block
    assert block.max_score() == 0
    assert not block.credential_record
    assert "Tải giấy chứng nhận" not in body["html"]
    assert "không tính điểm" in body["html"]
    status, body = h.call("start")
    assert status == 409 and "đã làm bài kiểm tra đầu vào" in body["error"]
    assert h.download("credential").status_code != 200
    state = {name: field.read_from(block) for name, field in block.fields.items() if field.scope == Scope.user_state}
    (_, row), = block.generate_report_data(iter([SimpleNamespace(username="hv", state=state)]))
    assert (row["Mode"], row["Passed"], row["Credential"]) == ("placement", "true", "")
