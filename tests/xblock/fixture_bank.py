"""A small citizens course whose item bank uses every question type, for the XBlock tests.

The profile is cut to three competencies so a form has 9 questions.  Every
answer-revealing piece (feedback, hints, explanations, numeric values, text
answers) carries a marker that must never appear in a view before grading.

The XBlock tests read the compiled bank from ``data/fixture_bank.json`` (the
block installs in an LMS without the compiler, and the Python 3.11 run has
none); ``test_olx.py`` checks that file is exactly what the compiler makes
of this course.  After changing the course or the item-bank emitter, rewrite it:
``.venv/bin/python -m tests.xblock.fixture_bank``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("data") / "fixture_bank.json"
PROFILE = [{"code": "4.2", "level": "CB2"}, {"code": "1.1", "level": "CB2"}, {"code": "2.3", "level": "CB2"}]
SECRETS = ("BÍ-MẬT", "3765433", "Hoa-Sen-2026", "hoa-sen-2026")

COURSE = """
org: BDHVS
course: KNS-TEST
run: "2026-1"
title: Kỹ năng số thử nghiệm
start: 2026-01-15
end: 2026-12-31
chapters:
  - id: chuong-1
    title: Chương 1
    lessons:
      - lessons/otp.md
      - lessons/tim-kiem.md
bank:
  - bank/danh-gia.md
certification:
  time_limit_minutes: 30
  max_attempts: 3
  wait_hours: 0
  min_items_per_competency: 3  # the tests' hand-worked forms: 3 competencies x 3 items
"""

LESSON = """---
id: {id}
title: {title}
competencies: [{comp}]
level: CB2
duration: 10
objectives:
  - Làm được một việc
---
## Mục một

Nội dung bài {title}.
"""

BANK = """
# Ngân hàng câu hỏi thử

::: quiz competency=4.2 level=CB2
Id: otp-goi-dien
1. Một người gọi điện xưng là nhân viên ngân hàng và xin mã OTP. Bạn làm gì?
a) Đọc mã OTP để được hỗ trợ nhanh
... BÍ-MẬT-PHẢN-HỒI: ngân hàng không bao giờ hỏi mã OTP.
*b) Từ chối, gác máy và gọi lại số tổng đài in trên thẻ
c) Nhắn mã OTP qua Zalo cho họ
? BÍ-MẬT-GỢI-Ý
! BÍ-MẬT-GIẢI-THÍCH

Id: otp-bao-ve
2. Chọn các việc giúp bảo vệ tài khoản ngân hàng.
[*] Bật khoá màn hình điện thoại
[ ] Cho người thân biết mật khẩu
... BÍ-MẬT-PHẢN-HỒI mật khẩu chỉ mình bạn biết.
[*] Chỉ cài ứng dụng từ kho ứng dụng chính thức
+ BÍ-MẬT-ĐÚNG
- BÍ-MẬT-SAI

Id: otp-so-du
3. Tài khoản có 5000000 đồng, bạn chuyển đi 1234567 đồng. Còn lại bao nhiêu đồng?
= 3765433

Id: otp-mat-khau-mau
4. Gõ lại mật khẩu mẫu in ở trang 2 của tài liệu phát tay.
* Hoa-Sen-2026

Type: dropdown
Id: otp-tin-nhan
5. Khi nhận tin nhắn lạ có đường link, bạn nên làm gì?
a) Bấm vào xem thử
*b) Không bấm và xoá tin nhắn
c) Chuyển tiếp cho bạn bè
:::

::: quiz competency=1.1 level=CB2
Id: tk-ghep
1. Ghép mỗi nhu cầu với nơi tìm thông tin phù hợp.
> Thủ tục hành chính -> Cổng Dịch vụ công quốc gia
> Thời tiết ngày mai -> Trang khí tượng thuỷ văn
> _ -> Trang quảng cáo lạ

Id: tk-sap-xep
2. Sắp xếp các bước tìm kiếm thông tin trên mạng.
~ Nghĩ từ khoá ngắn gọn
~ Gõ từ khoá vào ô tìm kiếm
~ Đọc kết quả từ trang chính thống

Id: tk-tu-khoa
3. Từ khoá nào tốt nhất để tìm giờ làm việc của UBND xã?
a) giờ
*b) giờ làm việc UBND xã
c) UBND

Id: tk-nguon
4. Chọn các dấu hiệu của trang thông tin chính thống.
[*] Tên miền .gov.vn
[ ] Nhiều quảng cáo nhấp nháy
[*] Có thông tin cơ quan chủ quản

Type: dropdown
Id: tk-trinh-duyet
5. Ứng dụng dùng để xem trang web là gì?
*a) Trình duyệt
b) Máy tính bỏ túi
:::

::: quiz competency=2.3 level=CB2
Id: dvc-buoc
1. Sắp xếp các bước nộp hồ sơ trực tuyến.
~ Đăng nhập bằng tài khoản định danh điện tử
~ Chọn thủ tục
~ Điền tờ khai và đính kèm giấy tờ
~ Nộp và lưu mã hồ sơ

Id: dvc-ghep
2. Ghép giấy tờ với thủ tục cần nó.
> Đăng ký khai sinh -> Giấy chứng sinh
> Cấp đổi căn cước -> Căn cước cũ

Id: dvc-phi
3. Lệ phí là 15,5 nghìn đồng, bạn được giảm 5,5 nghìn đồng. Phải nộp bao nhiêu nghìn đồng?
= 10 +- 0.5

Id: dvc-ma
4. Sau khi nộp, hệ thống cho bạn một mã để tra cứu. Tên của mã đó là gì?
* mã hồ sơ
* ma ho so

Id: dvc-dang-nhap
5. Đăng nhập Cổng Dịch vụ công bằng gì?
a) Số điện thoại của hàng xóm
*b) Tài khoản định danh điện tử VNeID mức 2
:::
"""


def write_course(root: Path) -> Path:
    """Write the fixture courses folder under ``root`` and return it."""
    import yaml

    courses = root / "courses"
    course = courses / "citizens"
    (course / "lessons").mkdir(parents=True)
    (course / "bank").mkdir()
    framework = yaml.safe_load((ROOT / "courses" / "framework.yaml").read_text(encoding="utf-8"))
    framework["profiles"]["citizens"]["competencies"] = PROFILE
    (courses / "framework.yaml").write_text(yaml.safe_dump(framework, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (course / "course.yaml").write_text(textwrap.dedent(COURSE).lstrip(), encoding="utf-8")
    (course / "lessons" / "otp.md").write_text(LESSON.format(id="bao-ve-otp", title="Bảo vệ mã OTP", comp="4.2"), encoding="utf-8")
    (course / "lessons" / "tim-kiem.md").write_text(
        LESSON.format(id="tim-kiem", title="Tìm kiếm thông tin", comp="1.1, 2.3"), encoding="utf-8")
    (course / "bank" / "danh-gia.md").write_text(BANK.lstrip(), encoding="utf-8")
    return courses


def load_course(root: Path):
    """Load the fixture course written by :func:`write_course` (asserts it has no errors)."""
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.project import Project, load

    diags = Diagnostics()
    _, courses = load(Project(write_course(root)), [], diags)
    errors = [diags.render(d, "en") for d in diags if d.severity.name == "ERROR"]
    assert not errors, "\n".join(errors)
    return courses[0]


def bank_and_policy(root: Path) -> tuple[dict, dict]:
    """Compile the fixture course: (item bank, policy fields), as the compiler writes them into the OLX."""
    from hocvuso.emitters.olx.itembank import item_bank, policy_fields

    course = load_course(root)
    return json.loads(json.dumps(item_bank(course))), policy_fields(course)


def snapshot() -> tuple[dict[str, Any], dict[str, Any]]:
    """The compiled (item bank, policy fields) stored in ``data/fixture_bank.json``."""
    data = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data["bank"], data["policy"]


def write_snapshot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bank, policy = bank_and_policy(Path(folder))
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps({"bank": bank, "policy": policy}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_snapshot()
    sys.stdout.write(f"wrote {SNAPSHOT}\n")
