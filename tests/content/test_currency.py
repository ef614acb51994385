"""Content that must agree with the plans and with current law, read from the source files.

- 4T is taught as the plans define it ("4T (Tiểu thương - Thương mại điện tử -
  Thanh toán không dùng tiền mặt - Tiết kiệm số)"), and that definition is
  read here from the plans themselves.
- Since 1 July 2025 local government has two levels, province and commune:
  "huyện" may only appear where a lesson says that level is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..conftest import COURSES

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FOUR_T = re.compile(r"4T \((Tiểu thương) - (Thương mại điện tử) - (Thanh toán không dùng tiền mặt) - (Tiết kiệm số)\)")
# "huyện" as a word (not inside "chuyện"), and the words that mark it as a level that no longer exists.
DISTRICT = re.compile(r"(?<!\w)[Hh]uyện(?!\w)")
GONE = re.compile(r"không còn|đã bỏ|bỏ cấp|trước (đây|ngày 1/7/2025)|sắp xếp lại|sáp nhập|kết thúc hoạt động", re.IGNORECASE)


def lesson_files() -> list[Path]:
    return sorted([*COURSES.glob("*/lessons/*.md"), *COURSES.glob("*/bank/*.md")])


def test_the_plans_define_4t_as_the_lesson_teaches_it() -> None:
    assert SEEDS.is_dir(), f"the plans are expected beside the checkout, in {SEEDS}"
    texts = [re.sub(r"\s+", " ", seed.read_text(encoding="utf-8")) for seed in SEEDS.glob("*.txt")]  # lines are wrapped
    definitions = {m.groups() for text in texts for m in FOUR_T.finditer(text)}
    assert definitions == {("Tiểu thương", "Thương mại điện tử", "Thanh toán không dùng tiền mặt", "Tiết kiệm số")}
    lesson = (COURSES / "citizens/lessons/10-ban-hang-tieu-thuong.md").read_text(encoding="utf-8")
    assert "Tiểu thương - Thương mại điện tử - Thanh toán không dùng tiền mặt - Tiết kiệm số" in lesson


def test_each_t_of_4t_has_its_own_part_of_the_lesson() -> None:
    lesson = (COURSES / "citizens/lessons/10-ban-hang-tieu-thuong.md").read_text(encoding="utf-8").lower()
    for part in ("tiểu thương", "thương mại điện tử", "thanh toán không dùng tiền mặt", "tiết kiệm số"):
        assert lesson.count(part) >= 2, f"'{part}' is named but not taught"


def test_no_lesson_names_the_district_as_a_current_level_of_government() -> None:
    current = []
    for path in lesson_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DISTRICT.search(line) and not GONE.search(line):
                current.append(f"{path.relative_to(COURSES)}:{number}: {line.strip()}")
    assert not current, "'huyện' as a current level (two-level local government since 1/7/2025):\n" + "\n".join(current)


def test_the_district_check_tells_chuyen_from_huyen() -> None:
    assert not DISTRICT.search("Nhắn tin trò chuyện với con cháu")
    assert DISTRICT.search("Nộp hồ sơ ở huyện")
    assert GONE.search("Không còn cấp huyện")
