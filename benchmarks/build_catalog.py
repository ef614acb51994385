"""How the compiler scales: a generated catalog of 100 and 1,000 lessons.

Prints, per catalog size, the time per lesson of
  floor    markdown-it-py rendering each lesson file alone (the least any compiler does),
  full     load + check + OLX archive (text, questions, rubric, tags),
  no-op    a rebuild with nothing changed,
and the ratios full/floor (target ≤ 3×) and no-op/full (target < 10%).  Per-lesson
cost at 1,000 lessons over 100 shows whether cost grows linearly (≈ 1.0).

Run by hand:  .venv/bin/python benchmarks/build_catalog.py [--sizes 100 1000]
Absolute times on a shared machine are noise; read the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.options import BuildOptions
from hocvuso.project import Project

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = [
    "Mã OTP là mật khẩu dùng một lần mà ngân hàng gửi qua tin nhắn khi bạn chuyển tiền hoặc thanh toán trực tuyến.",
    "Kẻ gian thường giả danh nhân viên ngân hàng, bưu điện hoặc cơ quan nhà nước để xin mã OTP của bạn.",
    "Nếu ai đó gọi điện xin mã OTP, hãy từ chối, gác máy và gọi lại số tổng đài in trên thẻ ngân hàng.",
    "Không bấm vào đường link lạ trong tin nhắn, kể cả khi tin nhắn có tên của ngân hàng hoặc cơ quan quen thuộc.",
]


def lesson(n: int) -> str:
    """A ~2.5 KB Vietnamese lesson with sections, a list, three questions and a note."""
    body = "\n\n".join(PARAGRAPHS)
    return f"""---
id: bai-{n:04d}
title: Bài {n} — Bảo vệ mã OTP và tài khoản ngân hàng
competencies: [4.2]
level: CB2
duration: 10
objectives:
  - Nhận biết cuộc gọi xin mã OTP là lừa đảo
  - Biết cách xử lý khi nghi ngờ bị lừa
---

{body}

## Ba dấu hiệu cần cảnh giác

- Giục bạn làm ngay, nếu không sẽ bị khoá tài khoản
- Gửi đường link lạ để xác minh thông tin
- Xin mã OTP hoặc mật khẩu của bạn

{PARAGRAPHS[2]}

::: narration
Hãy nhớ ba dấu hiệu: giục làm ngay, gửi đường link lạ, và xin mã OTP.
:::

## Luyện tập

::: quiz competency=4.2
Id: bai-{n:04d}-otp
1. Một người gọi điện xưng là nhân viên ngân hàng và xin mã OTP. Bạn làm gì?
a) Đọc mã OTP để được hỗ trợ nhanh
... Ngân hàng không bao giờ hỏi mã OTP qua điện thoại.
*b) Từ chối, gác máy và gọi lại số tổng đài in trên thẻ
c) Nhắn mã OTP qua tin nhắn cho họ
... Gửi qua tin nhắn cũng nguy hiểm như đọc qua điện thoại.
? Mã OTP dùng để làm gì?
! OTP là mật khẩu dùng một lần: ai có nó có thể xác nhận giao dịch thay bạn.

Id: bai-{n:04d}-an-toan
2. Chọn các việc giúp bảo vệ tài khoản ngân hàng.
[*] Bật khoá màn hình điện thoại
[ ] Cho người thân biết mật khẩu
[*] Chỉ cài ứng dụng từ kho ứng dụng chính thức

Id: bai-{n:04d}-so
3. Mã OTP thường có bao nhiêu chữ số?
= 6 +- 2
:::

::: teacher
Chuẩn bị ba tin nhắn mẫu in trên giấy và cho học viên tìm dấu hiệu lừa đảo theo nhóm.
:::
"""


def make_catalog(root: Path, size: int) -> Path:
    courses = root / "courses"
    course = courses / "citizens"
    (course / "lessons").mkdir(parents=True)
    shutil.copyfile(ROOT / "courses" / "framework.yaml", courses / "framework.yaml")
    chapters = []
    for c in range(0, size, 50):
        refs = "\n".join(f"      - lessons/bai-{n:04d}.md" for n in range(c, min(c + 50, size)))
        chapters.append(f"  - id: chuong-{c // 50 + 1}\n    title: Chương {c // 50 + 1}\n    lessons:\n{refs}")
        for n in range(c, min(c + 50, size)):
            (course / "lessons" / f"bai-{n:04d}.md").write_text(lesson(n), encoding="utf-8")
    (course / "course.yaml").write_text(
        'org: BDHVS\ncourse: BENCH\nrun: "2026-1"\ntitle: Khoá đo hiệu năng\nstart: 2026-01-15\nchapters:\n'
        + "\n".join(chapters) + "\n", encoding="utf-8")
    return courses


def floor_seconds(courses: Path) -> float:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    texts = [p.read_text(encoding="utf-8") for p in sorted(courses.glob("citizens/lessons/*.md"))]
    start = time.perf_counter()
    for text in texts:
        md.render(text)
    return time.perf_counter() - start


def build_seconds(courses: Path, out: Path) -> float:
    diags = Diagnostics()
    start = time.perf_counter()
    report = Builder(Project(courses), out, ["olx"], BuildOptions(video=False), log=lambda m: None).run([], diags)
    elapsed = time.perf_counter() - start
    if not report.ok:
        sys.exit("\n".join(diags.render(d, "en") for d in diags))
    return elapsed


def measure(size: int, repeats: int) -> dict[str, float]:
    floors, fulls, noops = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            courses = make_catalog(Path(tmp), size)
            floors.append(floor_seconds(courses))
            fulls.append(build_seconds(courses, Path(tmp) / "build"))
            noops.append(build_seconds(courses, Path(tmp) / "build"))
    return {"floor": statistics.median(floors) / size, "full": statistics.median(fulls) / size,
            "noop": statistics.median(noops) / size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"lesson file: {len(lesson(0).encode())} bytes, 3 questions, 1 note")
    print(f"{'lessons':>8} {'floor ms':>9} {'full ms':>8} {'no-op ms':>9} {'full/floor':>11} {'no-op/full':>11}")
    results = {}
    for size in args.sizes:
        r = measure(size, args.repeats if size <= 100 else 1)
        results[size] = r
        print(f"{size:>8} {r['floor'] * 1e3:>9.2f} {r['full'] * 1e3:>8.2f} {r['noop'] * 1e3:>9.3f} "
              f"{r['full'] / r['floor']:>10.2f}× {r['noop'] / r['full']:>10.1%}")
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"per-lesson cost at {large} vs {small} lessons: {results[large]['full'] / results[small]['full']:.2f} (1.00 = linear)")


if __name__ == "__main__":
    main()
