"""A small narrated course (two lessons) built once with video, for the media tests.

Lesson ``bai-mot`` has an intro, three sections with ``::: narration`` (one
of them with the author's own recording), an image, and two in-video
questions; lesson ``bai-hai`` has default narration (title and points).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from hocvuso.diagnostics import Diagnostics
from hocvuso.project import Project, load
from tests.conftest import build_courses

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts" / "media"
RECORDING_S = 4.0

COURSE_YAML = """
org: BDHVS
course: MEDIA
run: "2026-1"
title: Khoá thử trình chiếu
start: 2026-01-15
chapters:
  - id: chuong-1
    title: Chương 1
    lessons:
      - lessons/bai-mot.md
      - lessons/bai-hai.md
"""

LESSON_ONE = """
---
id: bai-mot
title: Giữ an toàn mã OTP
competencies: [4.2]
level: CB2
duration: 10
objectives:
  - Không đưa mã OTP cho ai
---

Mã OTP là mật khẩu dùng một lần. Ngân hàng gửi mã này qua tin nhắn.

## Mã OTP là gì?

- Mã OTP gồm 6 chữ số, chỉ dùng được một lần.
- Mã hết hạn sau vài phút.

![Tin nhắn ngân hàng có mã OTP 6 chữ số](../images/otp.png)

::: narration
Mã OTP là mật khẩu dùng một lần, gồm sáu chữ số. Mã chỉ dùng được một lần, và hết hạn sau vài phút.
:::

## Khi có người xin mã

- Không đọc mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng.
- Gác máy, rồi gọi lại tổng đài in trên thẻ.

::: narration
Nếu có người gọi điện xin mã OTP, đừng đọc mã cho họ. Ngân hàng không bao giờ hỏi mã OTP của bạn.
Hãy gác máy, rồi tự gọi lại số tổng đài in trên thẻ ngân hàng.
:::

::: quiz in-video competency=4.2
Id: otp-ai-hoi
1. Một người gọi điện xin mã OTP. Bạn làm gì?
a) Đọc mã cho họ
*b) Từ chối và gác máy

Id: otp-het-han
2. Mã OTP dùng được mấy lần?
*a) Một lần
b) Nhiều lần
:::

## Lời nhắn của cán bộ

- Hãy nhớ: mã OTP là của riêng bạn.

::: narration audio=../audio/loi-nhan.wav
Hãy nhớ: mã OTP là của riêng bạn.
:::

## Luyện tập

::: quiz competency=4.2
Id: otp-chia-se
1. Mã OTP nên được chia sẻ với ai?
a) Người thân
*b) Không ai cả
:::
"""

LESSON_TWO = """
---
id: bai-hai
title: Đường link lạ
competencies: [4.2]
level: CB2
duration: 5
objectives:
  - Không bấm đường link lạ
---

## Tin nhắn có đường link

- Không bấm đường link lạ trong tin nhắn.
- Gõ địa chỉ trang web của ngân hàng bằng tay.

## Khi lỡ bấm

- Đổi mật khẩu ngay.
- Gọi tổng đài ngân hàng để khoá tài khoản.
"""


def write_course(root: Path) -> Path:
    """The course under root/courses/citizens (with the real framework); returns courses/."""
    courses = root / "courses"
    folder = courses / "citizens"
    for rel, text in (("course.yaml", COURSE_YAML), ("lessons/bai-mot.md", LESSON_ONE), ("lessons/bai-hai.md", LESSON_TWO)):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copyfile(ROOT / "courses" / "framework.yaml", courses / "framework.yaml")
    (folder / "images").mkdir()
    picture = Image.new("RGB", (400, 300), (240, 240, 240))
    picture.paste((0, 105, 92), (40, 60, 360, 240))
    picture.save(folder / "images" / "otp.png")
    (folder / "audio").mkdir()
    # The author's recording: a 4-second tone (MP3 would do as well; the pipeline converts).
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={RECORDING_S}:sample_rate=44100", str(folder / "audio" / "loi-nhan.wav")],
                   check=True)
    return courses


def build(courses: Path, out: Path, emitters: list[str], video: bool = True, force: bool = False) -> None:
    """The shared build, with video on by default (these tests are about video)."""
    build_courses(courses, out, emitters, video, force)


def load_course(courses: Path):
    diags = Diagnostics()
    _, loaded = load(Project(courses), [], diags)
    assert not diags.has_errors(), "\n".join(diags.render(d, "en") for d in diags)
    return loaded[0]


def probe(path: Path) -> dict:
    """ffprobe's streams and format of a media file."""
    result = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
                            capture_output=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def media_courses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_course(tmp_path_factory.mktemp("media-course"))


@pytest.fixture(scope="session")
def media_build(media_courses: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/ of the course with the media and OLX emitters, video on."""
    out = tmp_path_factory.mktemp("media-build")
    build(media_courses, out, ["media", "olx"])
    return out


@pytest.fixture(scope="session")
def lesson_dir(media_build: Path) -> Path:
    return media_build / "media" / "citizens" / "bai-mot"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
