"""The assessment block in the XBlock SDK workbench runtime: drawing, grading, grades, limits."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from hocvuso_xblocks.block import GRACE_SECONDS, AssessmentBlock
from tests.xblock.harness import Harness, answers_for

pytestmark = pytest.mark.usefixtures("django_workbench", "xblock_settings")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """The block's clock, moved by tests: clock.now = …"""

    class Clock:
        now = 1_767_225_600.0  # 2026-01-01 00:00 UTC

    monkeypatch.setattr(AssessmentBlock, "_now", staticmethod(lambda: Clock.now))
    return Clock


def make(tmp_path, bank_policy, **policy) -> tuple[Harness, dict]:
    bank, base = bank_policy
    return Harness(tmp_path, bank, {**base, **policy}), bank


def submit(h: Harness, bank: dict, **kwargs) -> tuple[int, dict]:
    return h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank, **kwargs)})


def test_start_draws_min_items_of_every_profile_competency(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    status, body = h.call("start")
    assert status == 200
    competency = {q["id"]: q["competency"] for q in bank["questions"]}
    drawn = Counter(competency[item["id"]] for item in h.block.form["items"])
    assert drawn == {"4.2": 3, "1.1": 3, "2.3": 3}
    assert body["html"].count('class="hv-question"') == 9
    assert body["form_id"] == h.block.form["form_id"]
    again = h.call("start")[1]  # a reload gives back the same form, not a new draw
    assert again["form_id"] == body["form_id"]
    assert len(h.block.attempt_log) == 0


def test_learners_get_different_forms(tmp_path, bank_policy):
    h, _ = make(tmp_path, bank_policy)
    forms = set()
    for user in map(str, range(2, 8)):
        h.as_user(user).call("start")
        forms.add(tuple((i["id"], tuple(i["perm"])) for i in h.block.form["items"]))
    assert len(forms) > 1


def test_right_answers_pass_publish_the_grade_and_issue_the_credential(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy)
    h.call("start")
    status, body = submit(h, bank)
    assert status == 200
    assert body["passed"] is True
    assert body["share"] == 1.0
    assert [c["reached"] for c in body["competencies"]] == [True, True, True]
    assert {c["level_reached"] for c in body["competencies"]} == {"CB2"}
    assert h.grades() == [{"value": 1.0, "max_value": 1.0}]
    block = h.block
    assert block.passed
    assert block.credential_record["id"].startswith("urn:uuid:") and len(block.credential_record["sha256"]) == 64
    assert "Chúc mừng" in body["html"]
    assert "Tải giấy chứng nhận" in body["html"]


def test_one_competency_wrong_fails_with_lessons_to_revisit(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    h.call("start")
    status, body = submit(h, bank, wrong={"4.2"})
    assert status == 200
    assert body["passed"] is False
    result = {c["code"]: c for c in body["competencies"]}
    assert result["4.2"]["reached"] is False
    assert result["4.2"]["share"] == 0
    assert result["4.2"]["level_reached"] is None
    assert result["1.1"]["reached"] and result["2.3"]["reached"]
    assert h.grades() == [{"value": round(6 / 9, 6), "max_value": 1.0}]
    # The profile names the lesson of the missed competency and only that one.
    assert "/jump_to_id/bao-ve-otp" in body["html"]
    assert "/jump_to_id/tim-kiem" not in body["html"]
    assert "Chưa đạt" in body["html"]
    assert not h.block.credential_record


def test_every_competency_reached_but_overall_below_threshold_fails(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    h.call("start")
    status, body = submit(h, bank, wrong_n={"4.2": 1, "1.1": 1, "2.3": 1})
    assert status == 200
    assert all(c["reached"] for c in body["competencies"])  # 2/3 ≥ 60 % each …
    assert body["share"] == pytest.approx(6 / 9, abs=1e-4)  # … but 67 % < 70 % overall
    assert body["passed"] is False


def test_best_grade_is_kept_and_a_later_pass_counts(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    h.call("start")
    submit(h, bank, wrong={"4.2", "1.1"})
    h.call("start")
    submit(h, bank, wrong={"4.2"})
    h.call("start")
    assert submit(h, bank)[1]["passed"]
    assert [g["value"] for g in h.grades()] == [round(3 / 9, 6), round(6 / 9, 6), 1.0]
    assert [a["passed"] for a in h.block.attempt_log] == [False, False, True]


def test_attempt_limit(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy, max_attempts=2)
    for _ in range(2):
        assert h.call("start")[0] == 200
        submit(h, bank, wrong={"2.3"})
    before = h.state()
    status, body = h.call("start")
    assert status == 409
    assert "hết số lần" in body["error"]
    assert h.state() == before
    assert "hết số lần" in h.view()


def test_a_passed_learner_cannot_start_again(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    h.call("start")
    submit(h, bank)
    status, body = h.call("start")
    assert status == 409
    assert "đã đạt" in body["error"]


def test_waiting_time_between_attempts(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy, wait_hours=24)
    h.call("start")
    submit(h, bank, wrong={"1.1"})
    clock.now += 23 * 3600
    before = h.state()
    status, body = h.call("start")
    assert status == 409
    assert "làm lại sau" in body["error"]
    assert h.state() == before
    clock.now += 3600 + 1
    assert h.call("start")[0] == 200


def test_time_limit(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy, time_limit_minutes=30)
    status, body = h.call("start")
    assert body["deadline"] == clock.now + 30 * 60
    assert 'class="hv-timer"' in body["html"]
    answers = answers_for(h, bank)
    clock.now += 30 * 60 + GRACE_SECONDS + 1
    before = h.state()
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers})
    assert status == 403
    assert "hết thời gian" in body["error"]
    assert h.state() == before
    assert h.grades() == []
    # The next visit closes the expired form as an attempt with nothing right.
    page = h.view()
    assert "hết giờ" in page
    attempts = h.block.attempt_log
    assert len(attempts) == 1
    assert attempts[0]["expired"] and attempts[0]["share"] == 0
    assert not h.block.form


def test_submit_within_the_time_limit_is_graded(tmp_path, bank_policy, clock):
    h, bank = make(tmp_path, bank_policy, time_limit_minutes=30)
    h.call("start")
    clock.now += 29 * 60
    assert submit(h, bank)[1]["passed"]


def test_unanswered_questions_count_as_wrong(tmp_path, bank_policy):
    h, bank = make(tmp_path, bank_policy)
    h.call("start")
    answers = answers_for(h, bank)
    first = next(iter(answers))
    answers[first] = None
    del answers[list(answers)[1]]
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers})
    assert status == 200
    assert body["share"] == pytest.approx(7 / 9, abs=1e-4)


def test_studio_view_and_save(tmp_path, bank_policy):
    h, _ = make(tmp_path, bank_policy)
    h.as_staff()
    editor = h.view("studio_view")
    for name in ("time_limit_minutes", "max_attempts", "wait_hours", "competency_threshold", "overall_threshold",
                 "min_items_per_competency"):
        assert f'name="{name}"' in editor
        assert f'<label class="label setting-label" for="hv-set-{name}">' in editor
    assert "15 câu" in editor
    assert "EdDSA" in editor
    assert '<select class="input setting-input" id="hv-set-mode" name="mode">' in editor
    assert 'data-percent value="60"' in editor  # shares are edited in percent
    status, _ = h.call("studio_submit", {"display_name": "Bài cuối", "max_attempts": 5, "competency_threshold": 0.8,
                                            "wait_hours": 12, "min_items_per_competency": 2, "mode": "placement"})
    assert status == 200
    block = h.block
    assert (block.display_name, block.max_attempts, block.competency_threshold, block.wait_hours,
            block.min_items_per_competency, block.mode) == ("Bài cuối", 5, 0.8, 12.0, 2, "placement")


@pytest.mark.parametrize("payload", [
    {"competency_threshold": 1.5},
    {"max_attempts": "ba"},
    {"max_attempts": 2.5},
    {"time_limit_minutes": -1},
    {"display_name": ""},
    {"item_bank": "{}"},
    {"max_attempts": 5, "overall_threshold": True},
    {"mode": "exam"},
    {"weight": float("nan")},
])
def test_studio_rejects_bad_values_and_saves_nothing(tmp_path, bank_policy, payload):
    h, _ = make(tmp_path, bank_policy)
    h.as_staff()
    status, body = h.call("studio_submit", payload)
    assert status == 400
    assert body["error"]
    block = h.block
    assert (block.max_attempts, block.competency_threshold, block.display_name) == (3, 0.6, "Đánh giá cuối khoá")
    assert block.item_bank.startswith("{")


def test_min_items_per_competency_from_studio_changes_the_draw(tmp_path, bank_policy):
    h, _ = make(tmp_path, bank_policy, min_items_per_competency=5)
    h.call("start")
    assert len(h.block.form["items"]) == 15


def test_short_bank_draws_what_it_has(tmp_path, bank_policy):
    bank, policy = bank_policy
    small = copy.deepcopy(bank)
    small["questions"] = [q for q in small["questions"] if q["competency"] != "2.3" or q["id"] == "dvc-ma"]
    h = Harness(tmp_path, small, {**policy, "min_items_per_competency": 3})
    h.call("start")
    assert len(h.block.form["items"]) == 7

