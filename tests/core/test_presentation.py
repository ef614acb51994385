"""The presentation rules OLX and SCORM share (emitters/presentation.py): both show the same order."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from hocvuso.diagnostics import Location
from hocvuso.emitters.olx.capa import problem_element
from hocvuso.emitters.presentation import matching_targets, scrambled_order
from hocvuso.emitters.scorm.questions import question_view
from hocvuso.model import Item, Media, Pair, Question, QuestionType

HERE = Location(Path("bai.md"), 1, 1)
NO_FRAMEWORK = SimpleNamespace(competencies={})  # question_view only looks the competency's name up


def matching() -> Question:
    pairs = (Pair("Tin nhắn lạ có link", "Tin nhắn lạ có link", "Không bấm link", "Không bấm link"),
             Pair("Cuộc gọi xin OTP", "Cuộc gọi xin OTP", "Gác máy", "Gác máy"),
             Pair("", "", "Chuyển tiền", "Chuyển tiền"))  # a distractor answer
    return Question("ghep", HERE, QuestionType.MATCHING, "4.2", "CB2", "<p>Ghép</p>", "Ghép", pairs=pairs)


def ordering(*texts: str) -> Question:
    items = tuple(Item(text, text) for text in texts)
    return Question("xep", HERE, QuestionType.ORDERING, "4.2", "CB2", "<p>Xếp</p>", "Xếp", items=items)


def test_matching_answers_are_shown_sorted_not_in_answer_order() -> None:
    # C < G < K, whatever order the author wrote them in
    assert matching_targets(matching()) == ["Chuyển tiền", "Gác máy", "Không bấm link"]


def test_ordering_items_are_shown_sorted_and_never_in_the_right_order() -> None:
    # Báo (2) < Gọi (0) < Khoá (1)
    assert scrambled_order(ordering("Gọi tổng đài", "Khoá tài khoản", "Báo công an").items) == [2, 0, 1]
    # sorted is already the answer: rotated by one
    assert scrambled_order(ordering("An", "Bình", "Cường").items) == [1, 2, 0]


def test_open_edx_and_scorm_show_matching_answers_in_the_same_order() -> None:
    q = matching()
    olx = [[o.text for o in response.iter("option")] for response in problem_element(q).iter("optionresponse")]
    scorm = [text for _, text in question_view(q, 1, NO_FRAMEWORK).targets]  # type: ignore[arg-type]
    assert olx == [scorm, scorm] == [["Chuyển tiền", "Gác máy", "Không bấm link"]] * 2


def test_open_edx_and_scorm_show_ordering_steps_in_the_same_order() -> None:
    q = ordering("Gọi tổng đài", "Khoá tài khoản", "Báo công an")
    olx = [label.text for label in problem_element(q).iter("label")]
    scorm = [item.text for _, item in question_view(q, 1, NO_FRAMEWORK).order]  # type: ignore[arg-type]
    assert olx == scorm == ["Báo công an", "Gọi tổng đài", "Khoá tài khoản"]


def test_youtube_ids_come_from_watch_and_short_links_only() -> None:
    def video(url: str) -> Media:
        return Media("video", "Video", HERE, url=url)

    assert video("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5").youtube_id == "dQw4w9WgXcQ"
    assert video("https://youtu.be/dQw4w9WgXcQ").youtube_id == "dQw4w9WgXcQ"
    assert video("https://example.org/bai.mp4").youtube_id == ""
