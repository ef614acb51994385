"""Bad or hostile handler input: a clear 4xx JSON error and no state change, every time."""

from __future__ import annotations

import json

import pytest

from hocvuso_xblocks.block import MAX_BODY
from tests.xblock.harness import Harness, answers_for

pytestmark = pytest.mark.usefixtures("django_workbench", "xblock_settings")


@pytest.fixture
def started(tmp_path, bank_policy) -> tuple[Harness, dict]:
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy)
    assert h.call("start")[0] == 200
    return h, bank


def _by_type(h: Harness, bank: dict, kind: str) -> tuple[str, list[int]]:
    """(question id, perm) of the drawn question of ``kind`` (forms here hold the whole bank)."""
    types = {q["id"]: q["type"] for q in bank["questions"]}
    for item in h.block.form["items"]:
        if types[item["id"]] == kind:
            return item["id"], item["perm"]
    raise AssertionError(f"no {kind} question drawn")


BAD_BODIES = [
    (b"not json at all", 400, "JSON"),
    (b"\xff\xfe\x00", 400, "JSON"),
    (b"[1, 2, 3]", 400, "đối tượng"),
    (b'"a string"', 400, "đối tượng"),
    (b"{" * 10, 400, "JSON"),
    (b"[" * 10_000 + b"]" * 10_000, 400, "JSON"),  # nested past Python's recursion limit: RecursionError, not 500
    (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, 400, "JSON"),
]


@pytest.mark.parametrize(("raw", "status", "words"), BAD_BODIES)
def test_malformed_bodies(started, raw, status, words):
    h, _ = started
    before = h.state()
    got, body = h.call("submit", raw=raw)
    assert (got, words in body["error"]) == (status, True)
    assert h.state() == before


def test_oversized_body_is_refused_before_parsing(started):
    h, bank = started
    before = h.state()
    payload = {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank), "padding": "x" * MAX_BODY}
    status, body = h.call("submit", payload)
    assert status == 413
    assert "quá lớn" in body["error"]
    assert h.state() == before


def test_get_is_refused(started):
    h, _ = started
    before = h.state()
    status, body = h.call("submit", method="GET")
    assert status == 405
    assert body["error"]
    assert h.state() == before


@pytest.mark.parametrize(("answers", "words"), [
    ("all right", "answers"),
    ([1, 2], "answers"),
    (None, "answers"),
    ({"khong-co-cau-nay": 0}, "không có trong bài"),
    ({"otp-goi-dien" * 50: 0}, "không có trong bài"),
])
def test_wrong_answer_containers_and_unknown_ids(started, answers, words):
    h, _ = started
    before = h.state()
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers})
    assert status == 400
    assert words in body["error"]
    assert h.state() == before


def test_a_question_of_the_bank_that_is_not_in_my_form_is_unknown(started):
    h, bank = started
    drawn = {i["id"] for i in h.block.form["items"]}
    other = next(q["id"] for q in bank["questions"] if q["id"] not in drawn)
    before = h.state()
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": {other: 0}})
    assert status == 400
    assert other in body["error"]
    assert h.state() == before


WRONG_TYPES = {
    "single": ["0", True, 1.5, -1, 99, [0], {"a": 1}],
    "dropdown": ["1", False, 17],
    "multiple": [0, [0, 0], ["0"], [True], list(range(20))],
    "numeric": [["1"], {"v": 1}, "9" * 41, True],
    "text": [12, ["x"], "x" * 201],
    "matching": ["0", [0], [0, 1, 2, 3, 4], ["a", "b"], [True, False], [7, 7]],
    "ordering": [[1], [0, 0, 0, 0], [9, 9, 9, 9], "1234", [1.5, 2, 3, 4]],
}


@pytest.mark.parametrize(("kind", "value"), [(k, v) for k, vs in WRONG_TYPES.items() for v in vs])
def test_answers_of_the_wrong_type_or_range(tmp_path, bank_policy, kind, value):
    bank, policy = bank_policy
    # Draw every bank question so each type is on the form.
    h = Harness(tmp_path, bank, {**policy, "min_items_per_competency": 5})
    h.call("start")
    before = h.state()
    qid, _ = _by_type(h, bank, kind)
    answers = answers_for(h, bank)
    answers[qid] = value
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers})
    assert status == 400, (kind, value, body)
    assert qid in body["error"] or "answers" in body["error"]
    assert h.state() == before


def test_submit_without_a_drawn_form(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy)
    before = h.state()
    status, body = h.call("submit", {"form_id": "made-up", "answers": {}})
    assert status == 409
    assert "chưa bắt đầu" in body["error"]
    assert h.state() == before
    assert h.grades() == []


def test_wrong_form_id(started):
    h, bank = started
    before = h.state()
    status, body = h.call("submit", {"form_id": "someone-elses", "answers": answers_for(h, bank)})
    assert status == 409
    assert "không khớp" in body["error"]
    assert h.state() == before


def test_replayed_submission(started):
    h, bank = started
    payload = {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank, wrong={"4.2"})}
    assert h.call("submit", payload)[0] == 200
    before = h.state()
    grades = len(h.grades())
    status, body = h.call("submit", payload)
    assert status == 409
    assert "đã được nộp" in body["error"]
    assert h.state() == before
    assert len(h.grades()) == grades
    # Replayed while a newer form is open: still refused, the new form untouched.
    h.call("start")
    before = h.state()
    status, body = h.call("submit", payload)
    assert status == 409
    assert "đã được nộp" in body["error"]
    assert h.state() == before


def test_another_learners_form_id_does_not_work(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy, user_id="11")
    h.call("start")
    theirs = h.block.form["form_id"]
    h.as_user("12").call("start")
    before = h.state()
    status, _ = h.call("submit", {"form_id": theirs, "answers": {}})
    assert status == 409
    assert h.state() == before


def test_certificate_and_credential_before_passing(started):
    h, _ = started
    before = h.state()
    for handler in ("certificate_png", "credential"):
        response = h.download(handler)
        assert response.status_code == 404
        assert "chưa đạt" in json.loads(response.body)["error"]
    assert h.state() == before


def test_studio_save_refuses_unknown_fields_and_user_state(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy).as_staff()
    for payload in ({"passed": True}, {"attempts": []}, {"attempt_log": []}, {"__class__": 1}, {"credential_jwt": "x"}):
        status, body = h.call("studio_submit", payload)
        assert status == 400
        assert "Không có thiết lập" in body["error"]
    assert h.block.passed is False


def test_studio_save_is_refused_to_learners(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy)
    before = (h.block.max_attempts, h.block.competency_threshold)
    status, body = h.call("studio_submit", {"max_attempts": 100, "competency_threshold": 0.01})
    assert status == 403
    assert "nhân viên" in body["error"]
    assert (h.block.max_attempts, h.block.competency_threshold) == before


def test_validate_reports_settings_out_of_range_and_a_short_bank(tmp_path, bank_policy):
    from xblock.validation import Validation, ValidationMessage

    bank, policy = bank_policy
    h = Harness(tmp_path, bank, {**policy, "competency_threshold": 1.5, "min_items_per_competency": 9})
    result = h.block.validate()
    assert isinstance(result, Validation)
    kinds = sorted((m.type, m.text.split(":")[0]) for m in result.messages)
    assert kinds == [(ValidationMessage.ERROR, "Giá trị 'Ngưỡng đạt mỗi năng lực (%)' không hợp lệ"),
                     (ValidationMessage.WARNING, "Dành cho nhân viên khoá học")]
    (tmp_path / "ok").mkdir()
    assert Harness(tmp_path / "ok", bank, policy).block.validate().empty


def test_a_missing_key_tells_learners_nothing_about_the_server_and_staff_why(tmp_path, bank_policy):
    from django.test import override_settings

    from hocvuso_xblocks import credential

    bank, policy = bank_policy
    conf = {"PRIVATE_KEY_PATH": str(tmp_path / "khong-co-khoa.pem"), "ISSUER_ID": "https://hocvuso.example.vn/issuer",
            "ISSUER_NAME": "Thử"}
    reason = credential.load_signer(conf)[1]
    assert "khong-co-khoa.pem" in reason
    with override_settings(XBLOCK_SETTINGS={"hocvuso_assessment": conf}):
        h = Harness(tmp_path, bank, policy)
        h.call("start")
        assert h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank)})[1]["passed"]
        learner = h.download("credential")
        assert learner.status_code == 409
        message = json.loads(learner.body)["error"]
        assert "khong-co-khoa" not in message and "kết quả của bạn đã được lưu" in message.casefold()
        assert "khong-co-khoa" not in h.view()
        staff = h.as_staff().download("credential")
        assert staff.status_code == 409
        assert reason in json.loads(staff.body)["error"]
