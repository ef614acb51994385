"""One form, one grade: many requests carrying the same form at once, in threads, against the workbench runtime."""

from __future__ import annotations

import threading

import pytest

from tests.xblock.harness import Harness, answers_for

pytestmark = pytest.mark.usefixtures("django_workbench", "xblock_settings")


def at_once(h: Harness, payloads: list[dict]) -> list[tuple[int, dict]]:
    """POST every payload to ``submit`` from its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(payloads))
    results: list[tuple[int, dict] | None] = [None] * len(payloads)

    def send(n: int) -> None:
        from django.db import connection

        barrier.wait()
        try:
            results[n] = h.call("submit", payloads[n])
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r for r in results if r is not None]


def test_fifty_concurrent_submits_of_one_form_grade_it_once(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy)
    h.call("start")
    form_id = h.block.form["form_id"]
    payload = {"form_id": form_id, "answers": answers_for(h, bank, wrong={"4.2"})}
    results = at_once(h, [payload] * 50)
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * 49
    assert h.grades() == [{"value": round(6 / 9, 6), "max_value": 1.0}]
    block = h.block
    assert len(block.attempt_log) == 1
    assert block.attempts == 1
    assert block.attempt_log[0]["form_id"] == form_id
    assert block.form == {}
    assert block.passed is False
    assert not block.credential_record
    # The state the learner sees agrees with the log: one failed attempt, a retake offered.
    page = h.view()
    assert "Bạn chưa đạt" in page and "Chúc mừng" not in page
    assert "Làm lại bài đánh giá" in page


def test_a_passing_and_a_failing_answer_set_at_once_grade_one_of_them(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy)
    h.call("start")
    form_id = h.block.form["form_id"]
    passing = {"form_id": form_id, "answers": answers_for(h, bank)}
    failing = {"form_id": form_id, "answers": answers_for(h, bank, wrong={"1.1"})}
    results = at_once(h, [passing, failing])
    winners = [body for status, body in results if status == 200]
    assert len(winners) == 1 and sorted(s for s, _ in results) == [200, 409]
    won = winners[0]
    block = h.block
    assert len(block.attempt_log) == 1
    assert block.passed is won["passed"]
    assert h.grades() == [{"value": round(won["share"], 6), "max_value": 1.0}]
    assert bool(block.credential_record) is won["passed"]
    page = h.view()
    assert ("Chúc mừng" in page) is won["passed"]
    assert ("Bạn chưa đạt" in page) is not won["passed"]


def test_the_refused_request_changes_nothing_and_can_not_be_replayed_later(tmp_path, bank_policy):
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy)
    h.call("start")
    payload = {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank)}
    assert h.call("submit", payload)[0] == 200
    before = h.state()
    status, body = h.call("submit", payload)
    assert status == 409 and "đã được nộp" in body["error"]
    assert h.state() == before
    assert len(h.grades()) == 1
