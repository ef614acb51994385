"""A lesson's narrated video in the package: MP4 with captions, pausing for its in-video questions.

The media pipeline is replaced by a fake that returns a 2-second MP4 made
here with ffmpeg, with one cue per section.
"""

from __future__ import annotations

import subprocess
import zipfile
from typing import TYPE_CHECKING

import pytest
from scorm_browser import ROOT, Server, open_sco, state, unzip
from scorm_course import build_scorm, write_course

from hocvuso import build
from hocvuso.media.outputs import CourseMedia, Cue, LessonVideo

if TYPE_CHECKING:
    from pathlib import Path

LESSON = """---
id: bai-video
title: Bài có video
competencies: [4.2]
level: CB2
duration: 5
objectives:
  - Xem video và trả lời câu hỏi
---

Mở đầu.

## Câu hỏi trong video

::: quiz competency=4.2 in-video
Id: hoi-trong-video
1. Có nên đọc mã OTP cho người lạ?
a) Có
*b) Không
:::
"""


def fake_video(folder: Path) -> LessonVideo:
    """A 2-second H.264/AAC video, captions, poster and transcript; sections 0 and 1 take a second each."""
    folder.mkdir(parents=True, exist_ok=True)
    mp4 = folder / "bai.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10:duration=2",
                    "-f", "lavfi", "-i", "sine=frequency=330:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", "-movflags", "+faststart", str(mp4)], check=True, stdin=subprocess.DEVNULL)
    vtt = folder / "bai.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nMở đầu.\n\n00:00:01.000 --> 00:00:02.000\nCâu hỏi.\n")
    (folder / "bai.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nMở đầu.\n")
    (folder / "bai.txt").write_text("Mở đầu. Câu hỏi.\n")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(mp4), "-frames:v", "1", str(folder / "poster.png")],
                   check=True, stdin=subprocess.DEVNULL)
    return LessonVideo(mp4=mp4, vtt=vtt, srt=folder / "bai.srt", transcript=folder / "bai.txt", audio=mp4,
                       poster=folder / "poster.png", duration=2.0, cues=(Cue(0, 0.0, 1.0), Cue(1, 1.0, 2.0)))


@pytest.fixture(scope="module")
def video_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("video-course")
    courses = write_course(root)
    (courses / "citizens/lessons/01-mot.md").write_text(LESSON, encoding="utf-8")
    (courses / "citizens/course.yaml").write_text(
        (courses / "citizens/course.yaml").read_text().replace("      - lessons/02-hai.md\n", ""))
    video = fake_video(root / "media")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "prepare_media", lambda course, options, needs: CourseMedia(
            videos={lesson.id: video for lesson in course.lessons}))
        return build_scorm(courses, root / "build")


def test_the_video_and_its_captions_are_in_the_package(video_package: Path) -> None:
    with zipfile.ZipFile(video_package / "scorm2004/citizens.zip") as zf:
        names = set(zf.namelist())
        page = zf.read("index.html").decode()
        manifest = zf.read("imsmanifest.xml").decode()
    for name in ("video/bai-video.mp4", "video/bai-video.vtt", "video/bai-video-poster.png", "video/bai-video-transcript.txt"):
        assert name in names
        assert f'href="{name}"' in manifest
    # The captions are inside the page (a data URL): from file:// Chromium loads no .vtt file.
    assert '<track kind="captions" src="data:text/vtt;charset=utf-8;base64,' in page


def test_from_a_usb_stick_captions_load_and_progress_is_kept(browser, video_package: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The package unzipped to a folder and opened as file://, as a learner opens it from a USB stick."""
    folder = unzip(video_package / "scorm12/citizens.zip", tmp_path / "usb")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto((folder / "index.html").as_uri())
        page.get_by_role("button", name="Bắt đầu học").click()
        page.wait_for_function("document.querySelector('video').textTracks[0].cues !== null"
                               " && document.querySelector('video').textTracks[0].cues.length > 0", timeout=10000)
        cues = page.evaluate("Array.from(document.querySelector('video').textTracks[0].cues, c => c.text)")
        assert cues == ["Mở đầu.", "Câu hỏi."]
        page.check("#q-hoi-trong-video-b")
        page.locator("#q-hoi-trong-video button.check").click()
        page.reload()
        assert page.inner_text("#q-hoi-trong-video .result") == "✓ Đúng rồi!"
    finally:
        page.close()


def test_the_video_pauses_at_the_end_of_a_section_and_asks_its_questions(browser, video_package: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = Server({"/node_modules": ROOT / "node_modules", "/harness.html": ROOT / "tests/scorm/harness.html",
                     "/pkg2004": unzip(video_package / "scorm2004/citizens.zip", tmp_path / "pkg")})
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        videos = []
        page.on("request", lambda req: videos.append(req.url) if req.url.endswith((".mp4", "-poster.png")) else None)
        sco = open_sco(page, server.url, "2004")
        assert videos == [], "the home page must not load lesson videos or posters (slow connections)"
        sco.get_by_role("button", name="Bắt đầu học").click()
        sco.wait_for_function("document.querySelector('video').poster !== ''")
        assert sco.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"
        sco.evaluate("const v = document.querySelector('video'); v.muted = true; v.play()")
        sco.locator(".vq").wait_for(state="visible", timeout=15000)
        assert sco.evaluate("document.querySelector('video').paused")
        # The question is in section 1, whose slide is on screen from 1.0 s to 2.0 s: the video stops at its end.
        assert sco.evaluate("document.querySelector('video').currentTime") >= 1.6
        assert sco.locator(".vq-slot #q-hoi-trong-video").count() == 1
        sco.check("#q-hoi-trong-video-b")
        sco.locator("#q-hoi-trong-video button.check").click()
        sco.get_by_role("button", name="Xem tiếp video").click()
        assert sco.locator(".vq").is_hidden()
        assert sco.locator("#s-bai-video-2 #q-hoi-trong-video").count() == 1  # back in its section, answered once
        cmi = state(page)["cmi"]
        assert [i["id"] for i in cmi["interactions"].values()] == ["hoi-trong-video"]
        assert cmi["interactions"]["0"]["result"] == "correct"
    finally:
        page.close()
        server.close()


def test_no_bar_covers_the_video_controls_on_a_phone(browser, video_package: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = unzip(video_package / "scorm12/citizens.zip", tmp_path / "pkg")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto((folder / "index.html").as_uri())
        page.get_by_role("button", name="Bắt đầu học").click()
        # The video's bottom edge (where its controls are) at the bottom of the screen, then at the top.
        for align in ("end", "start"):
            covered = page.evaluate(f"""() => {{
                const v = document.querySelector('video');
                v.scrollIntoView({{block: '{align}'}});
                const r = v.getBoundingClientRect(), y = r.bottom - 12;
                return [0.1, 0.5, 0.9].map(f => document.elementFromPoint(r.left + r.width * f, y))
                    .filter(e => e !== v).map(e => e && e.outerHTML.slice(0, 60));
            }}""")
            assert covered == [], (align, covered)
    finally:
        page.close()
