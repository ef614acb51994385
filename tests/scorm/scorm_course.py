"""The fixture course every SCORM test builds: two lessons using every question type.

Lesson 1 ('bai-mot') has all seven question types over two competencies
(4.2 and 1.1), an image, a teacher note and a rubric task; lesson 2
('bai-hai') has one more 4.2 question, an audio file and a YouTube link.
``RIGHT``/``WRONG`` say how a learner answers each question of lesson 1 in
the browser tests, and what the package must then report.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

from PIL import Image
from scorm_browser import open_sco, state

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.options import BuildOptions
from hocvuso.project import Project

ROOT = Path(__file__).resolve().parents[2]

COURSE = """
org: BDHVS
course: SCORM-TEST
run: "2026-1"
title: Khoá thử SCORM
start: 2026-01-15
description: Một khoá học nhỏ để kiểm tra gói SCORM.
chapters:
  - id: chuong-1
    title: Chương 1
    lessons:
      - lessons/01-mot.md
      - lessons/02-hai.md
"""

LESSON_ONE = """
---
id: bai-mot
title: Nhận diện tin nhắn lừa đảo
competencies: [4.2, 1.1]
level: CB2
duration: 10
objectives:
  - Nhận ra dấu hiệu của tin nhắn lừa đảo
sources:
  - Nghị định 13/2023/NĐ-CP
---

Kẻ gian thường giả danh ngân hàng.

## Ba dấu hiệu cần cảnh giác

- Giục bạn làm ngay
- Gửi đường link lạ

![Ảnh chụp một tin nhắn giả danh ngân hàng](../images/tin-nhan.png)

::: teacher
GHI-CHU-GIAO-VIEN: chia lớp thành nhóm ba người.
:::

## Luyện tập

::: quiz competency=4.2
Id: chon-mot
1. Bạn nhận tin nhắn lạ có đường link. Bạn làm gì?
a) Bấm vào link ngay
... Đây đúng là điều kẻ gian muốn.
*b) Không bấm, gọi tổng đài ngân hàng
c) Chuyển tiếp cho bạn bè
? Ngân hàng có gửi link xác minh không?
! Ngân hàng không yêu cầu xác minh qua đường link trong tin nhắn.

Id: chon-nhieu
2. Chọn các việc giúp bảo vệ tài khoản.
[*] Bật khoá màn hình
[ ] Cho người thân biết mật khẩu
... Mật khẩu chỉ mình bạn được biết.
[*] Chỉ cài ứng dụng từ kho chính thức

Id: tha-xuong
Type: dropdown
3. Khi nhận tin nhắn lạ có đường link, bạn nên ____.
a) bấm vào xem thử
*b) không bấm và xoá tin nhắn

Id: so-otp
Points: 2
4. Mã OTP thường có bao nhiêu chữ số?
= 6 +- 2
+ Đúng, mã OTP thường có 6 chữ số.

Id: viet-tat
5. Viết tắt của "mật khẩu dùng một lần" trong tiếng Anh là gì?
* OTP
* mã OTP
- Gợi nhớ: One-Time Password.
:::

::: quiz competency=1.1
Id: ghep-noi
6. Ghép mỗi tình huống với cách xử lý đúng.
> Cuộc gọi xin mã OTP -> Gác máy
> Tin nhắn trúng thưởng kèm link -> Không bấm link
> _ -> Chuyển tiền để nhận quà

Id: sap-xep
7. Sắp xếp các bước khi nghi bị lừa chuyển tiền.
~ Gọi ngay tổng đài ngân hàng
~ Yêu cầu khoá tài khoản
~ Báo cho công an
:::

::: task
id: thuc-hanh-tin-nhan
title: Tìm tin nhắn lừa đảo
prompt: |
  Tìm một tin nhắn lừa đảo trong điện thoại và chỉ ra dấu hiệu.
criteria:
  - id: dau-hieu
    name: Chỉ ra dấu hiệu
    competency: 4.2
    prompt: Người học chỉ ra được dấu hiệu lừa đảo.
    levels:
      - {points: 0, name: Chưa đạt, explanation: Chưa chỉ ra được dấu hiệu nào.}
      - {points: 2, name: Đạt, explanation: Chỉ ra được hai dấu hiệu.}
:::
"""

LESSON_TWO = """
---
id: bai-hai
title: Gọi điện an toàn
competencies: [4.2]
level: CB2
duration: 5
objectives:
  - Biết từ chối khi bị hỏi mã OTP
---

Nghe hướng dẫn ngắn:

![Hướng dẫn bằng lời](../audio/huong-dan.mp3)

![Video trên YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)

::: quiz competency=4.2
Id: goi-dien
1. Người lạ gọi điện xin mã OTP. Bạn làm gì?
a) Đọc mã cho họ
*b) Từ chối và gác máy
:::
"""

# How a learner answers lesson 1 in the browser tests, and what SCORM 1.2 must record:
# question id → (objective id, interaction type, weighting, right response, wrong response).
LESSON_ONE_ANSWERS = {
    "chon-mot": ("nls-4-2", "choice", "1", "b", "a"),
    "chon-nhieu": ("nls-4-2", "choice", "1", "a,c", "b"),
    "tha-xuong": ("nls-4-2", "choice", "1", "b", "a"),
    "so-otp": ("nls-4-2", "numeric", "2", "6", "12"),
    "viet-tat": ("nls-4-2", "fill-in", "1", "Mã OTP", "PIN"),
    "ghep-noi": ("nls-1-1", "matching", "1", "1.b,2.c", "1.c,2.b"),
    "sap-xep": ("nls-1-1", "sequencing", "1", "", ""),  # keys filled in below; wrong = left as shown
}


def _ordering_keys(qid: str, n: int) -> str:
    """The page's keys of an ordering question's items, in the right order (a fixed permutation of a, b, c…
    taken from the question id, so that the page does not show the order; worked out here as the emitter
    documents it, independently of its code)."""
    import hashlib

    ranks = sorted(range(n), key=lambda i: hashlib.sha256(f"{qid}|{i}".encode()).hexdigest())
    keys = [chr(97 + ranks.index(i)) for i in range(n)]
    keys = keys[1:] + keys[:1] if keys == [chr(97 + i) for i in range(n)] else keys
    return ",".join(keys)


LESSON_ONE_ANSWERS["sap-xep"] = ("nls-1-1", "sequencing", "1", _ordering_keys("sap-xep", 3), "")
ORDER = ("Gọi ngay tổng đài ngân hàng", "Yêu cầu khoá tài khoản", "Báo cho công an")
# Points: 4.2 has 1+1+1+2+1 in lesson 1 and 1 in lesson 2; 1.1 has 2; 9 in all.
RIGHT_SCORE = {"overall": 88.89, "nls-4-2": 85.71, "nls-1-1": 100}
COMPETENCIES = ("nls-0-1", "nls-0-2", "nls-1-1", "nls-1-2", "nls-2-1", "nls-2-3", "nls-2-6", "nls-4-1", "nls-4-2", "nls-6-2")


def response_2004(response: str, kind: str) -> str:
    """The SCORM 2004 form of a 1.2 response: [,] and [.] delimiters."""
    if kind in {"fill-in", "numeric"}:
        return response
    return response.replace(".", "[.]").replace(",", "[,]")


def answer(sco, qid: str, right: bool) -> None:  # type: ignore[no-untyped-def]
    """Answer question ``qid`` of lesson 1 in the SCO's frame, right or wrong, and press Kiểm tra."""
    box = sco.locator(f"#q-{qid}")
    if qid in ("chon-mot", "tha-xuong"):
        if qid == "chon-mot":
            sco.check(f"#q-{qid}-{'b' if right else 'a'}")
        else:
            sco.select_option(f"#q-{qid}-in", "b" if right else "a")
    elif qid == "chon-nhieu":
        for key in ("a", "c") if right else ("b",):
            sco.check(f"#q-{qid}-{key}")
    elif qid == "so-otp":
        sco.fill(f"#q-{qid}-in", "6" if right else "12")
    elif qid == "viet-tat":
        sco.fill(f"#q-{qid}-in", "  Mã   OTP " if right else "PIN")
    elif qid == "ghep-noi":
        first, second = ("Gác máy", "Không bấm link") if right else ("Không bấm link", "Gác máy")
        sco.select_option(f"#q-{qid}-m1", label=first)
        sco.select_option(f"#q-{qid}-m2", label=second)
    elif qid == "sap-xep" and right:
        for position, text in enumerate(ORDER):
            item = box.locator(".order li", has_text=text)
            for _ in range(len(ORDER)):
                if box.locator(".order li .txt").nth(position).inner_text().strip() == text:
                    break
                item.locator("button.up").click()
    box.locator("button.check").click()
    box.locator(".retry").wait_for()


def write_course(root: Path, group: str = "citizens") -> Path:
    """Write the fixture course as ``root/courses/<group>`` (with the real framework); return the courses folder."""
    courses = root / "courses"
    folder = courses / group
    (folder / "images").mkdir(parents=True)
    (folder / "audio").mkdir()
    shutil.copyfile(ROOT / "courses" / "framework.yaml", courses / "framework.yaml")
    for rel, text in (("course.yaml", COURSE), ("lessons/01-mot.md", LESSON_ONE), ("lessons/02-hai.md", LESSON_TWO)):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    Image.new("RGB", (320, 200), (200, 30, 30)).save(folder / "images" / "tin-nhan.png")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
                    "-q:a", "9", str(folder / "audio" / "huong-dan.mp3")], check=True, stdin=subprocess.DEVNULL)
    return courses


def build_scorm(courses: Path, out: Path) -> Path:
    """Build only the SCORM packages of every course under ``courses`` into ``out``."""
    diags = Diagnostics()
    report = Builder(Project(courses), out, ["scorm"], BuildOptions(video=False), log=lambda m: None).run([], diags)
    assert report.ok, "\n".join(diags.render(d, "en") for d in diags)
    return out


def finish(sco) -> None:  # type: ignore[no-untyped-def]
    """Press "submit and finish"; when the player lists questions not answered yet, submit anyway."""
    sco.get_by_role("button", name="Nộp kết quả và kết thúc").click()
    if sco.locator("dialog.confirm").count():
        sco.get_by_role("button", name="Vẫn nộp kết quả").click()


def learn(page, url: str, version: str, right: bool, preload: dict | None = None,  # type: ignore[no-untyped-def]
          host: str = "harness.html") -> dict:
    """Answer lesson 1, go to the results, submit; return the run-time's CMI data."""
    sco = open_sco(page, url, version, preload, host)
    sco.get_by_role("button", name="Bắt đầu học").click()
    for qid in LESSON_ONE_ANSWERS:
        answer(sco, qid, right)
    sco.click("#hv-next")
    sco.click("#hv-next")
    finish(sco)
    page.wait_for_function("window.hvFinished")
    assert page.evaluate("window.hvErrors") == [], "the run-time rejected a value"
    return state(page)
