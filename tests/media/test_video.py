"""The lesson video, its captions, transcript and audio track, as a learner's player sees them."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path

import webvtt
from PIL import Image, ImageChops, ImageStat

from hocvuso.media.pipeline import MIN_SLIDE_S, PAUSE_S

from .conftest import RECORDING_S, probe

READING_CPS = 15  # the documented limit (docs/authoring.md): on-screen characters per second


def seconds(stamp: str) -> float:
    """'HH:MM:SS.mmm' (or ',mmm') as seconds."""
    hours, minutes, rest = stamp.replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def streams(path: Path) -> dict[str, dict]:
    return {s["codec_type"]: s for s in probe(path)["streams"]}


def top_level_boxes(path: Path) -> list[str]:
    """The MP4's top-level box types in file order."""
    data = path.read_bytes()
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset:offset + 4], "big")
        boxes.append(data[offset + 4:offset + 8].decode("latin-1"))
        if size == 1:
            size = int.from_bytes(data[offset + 8:offset + 16], "big")
        if size < 8:
            break
        offset += size
    return boxes


def test_mp4_is_h264_and_aac_at_720p_with_fast_start(lesson_dir: Path):
    found = streams(lesson_dir / "lesson.mp4")
    assert set(found) == {"video", "audio"}
    assert found["video"]["codec_name"] == "h264"
    assert (found["video"]["width"], found["video"]["height"]) == (1280, 720)
    assert found["video"]["pix_fmt"] == "yuv420p"  # plays in every browser
    assert found["audio"]["codec_name"] == "aac"
    boxes = top_level_boxes(lesson_dir / "lesson.mp4")
    assert boxes.index("moov") < boxes.index("mdat"), "moov must come first (+faststart) so playback starts at once"


def test_mp4_plays_on_old_phones_and_tvs(lesson_dir: Path):
    """Constant frame rate, H.264 Main or High at level 4.0 or lower, AAC-LC: what cheap players accept."""
    found = streams(lesson_dir / "lesson.mp4")
    video, audio = found["video"], found["audio"]
    assert video["profile"] in {"Main", "High", "Constrained Baseline"}
    assert 0 < int(video["level"]) <= 40, f"H.264 level {video['level']} is above 4.0"
    assert video["r_frame_rate"] == video["avg_frame_rate"] != "0/0", "variable frame rate"
    assert audio["profile"] == "LC"


def test_video_lasts_exactly_as_long_as_the_narration(lesson_dir: Path):
    found = streams(lesson_dir / "lesson.mp4")
    video, narration = float(found["video"]["duration"]), float(found["audio"]["duration"])
    assert abs(video - narration) <= 0.1
    audio_only = streams(lesson_dir / "lesson.m4a")
    assert set(audio_only) == {"audio"} and audio_only["audio"]["codec_name"] == "aac"
    assert abs(float(audio_only["audio"]["duration"]) - narration) <= 0.1
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))
    assert abs(slides["duration"] - video) <= 0.1


def test_each_slide_is_on_screen_for_its_own_narration(lesson_dir: Path):
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    assert slides[0]["start"] == 0
    for before, after in itertools.pairwise(slides):
        assert before["end"] == after["start"]
    for slide in slides:
        assert slide["end"] - slide["start"] >= MIN_SLIDE_S - 0.001
    recorded = next(s for s in slides if s["title"] == "Lời nhắn của cán bộ")
    # The author's 4-second recording replaces the voice, followed by the pause before the next slide.
    assert abs((recorded["end"] - recorded["start"]) - (RECORDING_S + PAUSE_S)) <= 0.05


def test_every_slide_stays_up_long_enough_to_read_its_text(media_build: Path):
    for lesson in ("bai-mot", "bai-hai"):
        slides = json.loads((media_build / "media" / "citizens" / lesson / "slides.json").read_text(encoding="utf-8"))
        for slide in slides["slides"]:
            chars = len(slide["title"]) + sum(len(p) for p in slide["points"])
            assert chars / (slide["end"] - slide["start"]) <= READING_CPS + 0.01, slide["file"]


def test_captions_parse_and_cover_the_whole_video_without_overlaps(lesson_dir: Path):
    duration = float(streams(lesson_dir / "lesson.mp4")["video"]["duration"])
    for captions in (webvtt.read(str(lesson_dir / "lesson.vtt")), webvtt.from_srt(str(lesson_dir / "lesson.srt"))):
        cues = [(seconds(c.start), seconds(c.end), c.text) for c in captions.captions]
        assert cues[0][0] <= 0.5
        assert abs(cues[-1][1] - duration) <= 0.1
        for (start, end, _), (next_start, _, _) in itertools.pairwise(cues):
            assert start < end <= next_start
        for _, _, text in cues:
            lines = text.split("\n")
            assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), text


def test_captions_and_transcript_say_exactly_the_narration(lesson_dir: Path):
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    spoken = " ".join(s["narration"] for s in slides).split()
    captions = webvtt.read(str(lesson_dir / "lesson.vtt"))
    assert " ".join(c.text for c in captions.captions).split() == spoken
    raw = (lesson_dir / "transcript.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark: opened alone, it never shows as windows-1252"
    transcript = raw.decode("utf-8-sig")
    assert transcript.startswith("Giữ an toàn mã OTP\n")
    for slide in slides:
        assert slide["title"] in transcript and slide["narration"] in transcript


def test_a_mid_lesson_frame_shows_the_slide_being_narrated(lesson_dir: Path, artifacts: Path, tmp_path: Path):
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    middle = slides[len(slides) // 2]
    at = (middle["start"] + middle["end"]) / 2
    frame = artifacts / "video-frame-mid-lesson.png"
    # -noaccurate_seek: take the frame on screen at that time (a slide's one frame started earlier), as players do.
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-noaccurate_seek", "-ss", f"{at:.3f}", "-i",
                    str(lesson_dir / "lesson.mp4"), "-frames:v", "1", str(frame)], check=True)
    shown = Image.open(frame).convert("RGB")
    assert shown.size == (1280, 720)

    def distance(slide: dict) -> float:
        return sum(ImageStat.Stat(ImageChops.difference(shown, Image.open(lesson_dir / slide["file"]).convert("RGB"))).mean)

    assert min(slides, key=distance) is middle
    assert distance(middle) < 6  # H.264 at CRF 20: the text is crisp, not merely similar
    Image.open(lesson_dir / middle["file"]).save(artifacts / "slide-mid-lesson.png")


def test_slides_carry_alt_text_title_points_and_image(lesson_dir: Path):
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    assert [s["file"] for s in slides] == [f"slide-{n:02d}.png" for n in range(1, len(slides) + 1)]
    first = slides[1]
    assert first["title"] == "Mã OTP là gì?"
    assert first["alt"].startswith("Mã OTP là gì?")
    for point in first["points"]:
        assert point in first["alt"]
    assert first["image_alt"] == "Tin nhắn ngân hàng có mã OTP 6 chữ số"
    assert first["image_alt"] in first["alt"]
    for slide in slides:
        assert Image.open(lesson_dir / slide["file"]).size == (1280, 720)
    assert Image.open(lesson_dir / "thumbnail.png").size == (640, 360)
    assert Image.open(lesson_dir.parent / "cover.png").size == (1280, 720)


def test_default_narration_is_the_slide_title_and_points(media_build: Path):
    slides = json.loads((media_build / "media" / "citizens" / "bai-hai" / "slides.json").read_text(encoding="utf-8"))
    first = slides["slides"][0]
    assert first["narration"] == "Tin nhắn có đường link. Không bấm đường link lạ trong tin nhắn. " \
                                 "Gõ địa chỉ trang web của ngân hàng bằng tay."


def test_media_index_lists_every_lesson_and_file(media_build: Path):
    index = json.loads((media_build / "media" / "citizens" / "media.json").read_text(encoding="utf-8"))
    assert [lesson["id"] for lesson in index["lessons"]] == ["bai-mot", "bai-hai"]
    for lesson in index["lessons"]:
        for key in ("mp4", "vtt", "srt", "transcript", "audio", "thumbnail"):
            assert (media_build / "media" / "citizens" / lesson["folder"] / lesson[key]).is_file()
