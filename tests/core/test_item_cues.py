"""Item-quality checks: every deliberately cued item in tests/core/cued/ gets its code at its line.

Each fixture is a lesson with one cue and says what it expects in a comment,
``expect: HV705 11`` (code, line, optional column), as in the broken-input
corpus.  No other item-quality code may fire on it: each fixture shows one
cue, and a cue check must not drag others along.  Group checks (course
shares, bank sections, bank cells) are built here from items written out in
the test, with the expected counts worked out by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hocvuso.checks import cues
from hocvuso.diagnostics import Diagnostics
from hocvuso.project import load

from .test_broken_inputs import expectation

HERE = Path(__file__).parent
CUED = sorted((HERE / "cued").glob("*.md"))


def item_codes(diags: Diagnostics) -> list[tuple[str, str, int]]:
    return [(d.code.id, d.loc.path.name, d.loc.line) for d in diags if d.code.id.startswith("HV7")]


def check(fixture_course) -> Diagnostics:
    diags = Diagnostics()
    load(fixture_course.project, [], diags)
    return diags


def test_the_cued_corpus_covers_every_item_level_code():
    found = {expectation(path)[0] for path in CUED}
    assert found >= {"HV700", "HV703", "HV705", "HV706", "HV707", "HV708", "HV709", "HV710", "HV711", "HV712",
                     "HV713", "HV715", "HV716", "HV717"}


@pytest.mark.parametrize("case", CUED, ids=lambda p: p.stem)
def test_cued_item_reports_its_code_at_its_line_and_nothing_else(fixture_course, case: Path):
    target = fixture_course.dir / "lessons" / "bai.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, target)
    code, line, col = expectation(case)
    diags = check(fixture_course)
    hits = [d for d in diags if d.code.id == code and d.loc.path.resolve() == target.resolve()
            and d.loc.line == line and (col is None or d.loc.col == col)]
    assert hits, f"expected {code} at {line}:{col}; got {item_codes(diags)}"
    assert {c for c, _, _ in item_codes(diags)} == {code}, item_codes(diags)


GOOD_ITEMS = """
::: quiz competency=4.2
1. Một người gọi điện xưng là nhân viên ngân hàng và xin mã OTP. Bạn làm gì?
a) Đọc mã để được hỗ trợ nhanh
... Ngân hàng không bao giờ xin mã OTP qua điện thoại.
*b) Gác máy, gọi lại tổng đài trên thẻ
c) Nhắn mã qua Zalo cho người đó
... Gửi qua tin nhắn cũng nguy hiểm như đọc qua điện thoại.
? Mã OTP dùng để làm gì?
! OTP là mật khẩu dùng một lần: ai có nó có thể xác nhận giao dịch thay bạn.

2. Tin nhắn báo trúng thưởng, kèm đường link để nhận quà. Đây là dấu hiệu gì?
*a) Lừa đảo qua mạng
b) Quà tặng của nhà mạng
c) Khuyến mãi của ngân hàng
? Bạn có tham gia chương trình nào không?
! Trúng thưởng bất ngờ kèm link là cách kẻ gian hay dùng.

3. Ghép mỗi tình huống với cách xử lý đúng.
> Cuộc gọi xin mã OTP -> Gác máy
> Tin nhắn trúng thưởng kèm link -> Xoá, không bấm
> _ -> Chuyển tiền để nhận quà
! Không đưa mã, không bấm link lạ.

4. Sắp xếp các bước khi nghi bị lừa chuyển tiền.
~ Gọi tổng đài ngân hàng
~ Yêu cầu khoá tài khoản
~ Báo công an nơi gần nhất
! Gọi ngân hàng trước để chặn tiền.
:::
"""


def test_well_written_items_raise_no_item_warning(fixture_course):
    fixture_course.lesson(GOOD_ITEMS)
    assert item_codes(check(fixture_course)) == []


def single(stem: str, choices: list[str], key: int, qid: str) -> str:
    lines = [f"Id: {qid}", f"1. {stem}"]
    lines += [("*" if i == key else "") + f"{chr(97 + i)}) {text}" for i, text in enumerate(choices)]
    return "\n".join(lines) + "\n"


def bank_file(items: list[str], competency: str = "4.2") -> str:
    return f"::: quiz competency={competency}\n" + "\n".join(items) + ":::\n"


def test_course_over_the_longest_share_and_position_share_is_reported_at_course_yaml(fixture_course):
    # 10 single-choice bank items, key always b; in 4 of them b is the longest option
    # (by a few letters, so no item is conspicuous on its own): 4/10 = 40 % > 35 %,
    # and 10/10 keys at b = 100 % > 40 %.
    items = []
    for n in range(10):
        key_text = "Gác máy ngay lập tức" if n < 4 else "Gác máy"
        items.append(single(f"Câu hỏi số {n} về mã OTP?", ["Đọc mã ra", key_text, "Nhắn mã đi"], 1, f"b-{n}"))
    fixture_course.lesson("Nội dung.\n")
    fixture_course.write("bank/nh.md", bank_file(items))
    (fixture_course.dir / "course.yaml").write_text((fixture_course.dir / "course.yaml").read_text() +
                                                   "bank:\n  - bank/nh.md\n", encoding="utf-8")
    diags = check(fixture_course)
    found = {(c, f, ln) for c, f, ln in item_codes(diags)}
    assert ("HV701", "course.yaml", 1) in found
    assert ("HV702", "course.yaml", 1) in found
    shares = next(d for d in diags if d.code.id == "HV701")
    assert shares.args["count"] == 4 and shares.args["total"] == 10
    # the bank section (competency 4.2 in nh.md): 10/10 at b > 50 %, reported at its first item
    assert ("HV704", "nh.md", 3) in found


def test_a_competency_whose_bank_the_draw_uses_up_is_reported(fixture_course):
    # 4.2 has 3 items: 2 at CB2, 1 at TC1; a form wants 5 (the citizens profile's
    # min_items_per_competency), so it takes all 3: quotas CB2 3×2/3 = 2, TC1 3×1/3 = 1,
    # every item is on every form.
    # Reported once, at the first item of the first cell (line 3 of the bank file).
    assert cues.cell_quotas({"CB2": 2, "TC1": 1}, 3) == {"CB2": 2, "TC1": 1}
    assert cues.cell_quotas({"CB2": 5, "TC1": 1}, 3) == {"CB2": 3, "TC1": 0}  # 2.5/0.5: the larger cell
    items = [single(f"Câu {n}?", ["Một", "Hai", "Ba"], n % 3, f"c-{n}") for n in range(2)]
    items.append("Level: TC1\n" + single("Câu cuối?", ["Một", "Hai", "Ba"], 1, "c-2"))
    fixture_course.lesson("Nội dung.\n")
    fixture_course.write("bank/nh.md", bank_file(items).replace("competency=4.2", "competency=4.2 level=CB2"))
    (fixture_course.dir / "course.yaml").write_text((fixture_course.dir / "course.yaml").read_text() +
                                                   "bank:\n  - bank/nh.md\n", encoding="utf-8")
    cells = [d for d in check(fixture_course) if d.code.id == "HV714"]
    assert [(d.args["code"], d.args["level"], d.loc.line) for d in cells] == [("4.2", "CB2", 3)]


def test_multiple_choice_is_cued_when_every_right_option_is_longer_than_every_wrong_one(sample_model):
    from dataclasses import replace

    from hocvuso.model import Choice, QuestionType

    q = next(q for q in sample_model.questions if q.type is QuestionType.MULTIPLE)
    long_right = (Choice("a", "", "Bật khoá màn hình bằng mã số", True), Choice("b", "", "Cho mượn", False),
                  Choice("c", "", "Chỉ cài ứng dụng từ kho chính thức", True))
    mixed = (*long_right, Choice("d", "", "Đăng mật khẩu lên mạng xã hội cho nhớ", False))
    assert cues.key_longest(replace(q, choices=long_right))
    assert not cues.key_longest(replace(q, choices=mixed))


def test_blind_strategy_scores_are_worked_out_per_item(sample_model):
    from dataclasses import replace

    from hocvuso.model import Choice, QuestionType

    q = next(q for q in sample_model.questions if q.type is QuestionType.SINGLE)
    # key at a; options of 5, 5 and 3 letters: "always longest" ties a and b → 1/2; chance 1/3
    choices = (Choice("a", "", "aaaaa", True), Choice("b", "", "bbbbb", False), Choice("c", "", "ccc", False))
    assert cues.guess_scores(replace(q, choices=choices)) == (1.0, 0.5, 1 / 3)


def test_a_course_whose_key_is_almost_never_the_longest_is_reported(fixture_course):
    # 10 bank items, keys spread over a, b, c (4/3/3: 40 %, not over the limit), the key
    # always the shortest choice: 0 of 10 longest < 15 % — "rule the longest out" works.
    wrong = ["Mở khoá máy ngay", "Gửi mã đi luôn", "Gọi lại số lạ"]
    items = [single(f"Câu hỏi số {n}?", [*wrong[:n % 3], "Gác", *wrong[n % 3:]], n % 3, f"r-{n}") for n in range(10)]
    fixture_course.lesson("Nội dung.\n")
    fixture_course.write("bank/nh.md", bank_file(items))
    (fixture_course.dir / "course.yaml").write_text((fixture_course.dir / "course.yaml").read_text() +
                                                   "bank:\n  - bank/nh.md\n", encoding="utf-8")
    found = {(c, f, ln) for c, f, ln in item_codes(check(fixture_course))}
    assert ("HV718", "course.yaml", 1) in found
    assert not any(c in ("HV701", "HV702") for c, _, _ in found)
