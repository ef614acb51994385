"""The OLX archive with narrated videos: what Studio imports and olxcleaner checks."""

from __future__ import annotations

import json
from pathlib import Path

import olxcleaner
import pytest
import webvtt
from lxml import etree

from tests.conftest import extract_olx as extract

from .conftest import build


@pytest.fixture(scope="module")
def olx(media_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract(media_build / "olx" / "citizens.tar.gz", tmp_path_factory.mktemp("olx-video"))


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def advanced_modules(course: Path) -> list[str]:
    policy = json.loads(next((course / "policies").glob("*/policy.json")).read_text(encoding="utf-8"))
    return next(iter(policy.values()))["advanced_modules"]


def test_archive_with_video_passes_every_olxcleaner_step(olx: Path):
    _, store, _ = olxcleaner.validate(str(olx), steps=8, allowed_xblocks=advanced_modules(olx))
    errors = [f"{e.name} {e.filename}: {e.description}" for e in store.errors if e.level == "ERROR"]
    assert errors == []
    assert "invideoquiz" in advanced_modules(olx)


def test_video_unit_comes_first_and_plays_the_courses_own_mp4(olx: Path):
    sequential = xml(olx / "sequential" / "bai-mot.xml")
    unit = sequential[0].get("url_name")
    assert unit == "hocvuso-unit-bai-mot"
    video_ref = xml(olx / "vertical" / f"{unit}.xml")[0]
    assert video_ref.tag == "video" and video_ref.attrib == {"url_name": "hocvuso-video-bai-mot"}
    video = xml(olx / "video" / "hocvuso-video-bai-mot.xml")
    sources = json.loads(video.get("html5_sources"))
    assert sources == [child.get("src") for child in video.findall("source")]
    assert video.get("youtube_id_1_0") == ""  # else Open edX plays its default demo YouTube video
    for url in (*sources, video.get("track"), video.get("handout")):
        assert url.startswith("/static/") and (olx / "static" / url.removeprefix("/static/")).is_file(), url
    assert sources[0].endswith(".mp4") and video.get("handout").endswith(".m4a")


def test_video_transcript_is_an_srt_file_in_static(olx: Path):
    video = xml(olx / "video" / "hocvuso-video-bai-mot.xml")
    transcripts = json.loads(video.get("transcripts"))
    assert list(transcripts) == ["vi"]
    child = video.find("transcript")
    assert (child.get("language"), child.get("src")) == ("vi", transcripts["vi"])
    srt = olx / "static" / transcripts["vi"]
    captions = webvtt.from_srt(str(srt))
    assert "Ngân hàng không bao giờ hỏi mã OTP của bạn." in " ".join(c.text.replace("\n", " ") for c in captions.captions)


def test_in_video_questions_pop_up_in_the_video_unit(olx: Path, lesson_dir: Path):
    unit = xml(olx / "vertical" / "hocvuso-unit-bai-mot.xml")
    assert [c.tag for c in unit] == ["video", "problem", "problem", "invideoquiz"]
    assert [c.get("url_name") for c in unit if c.tag == "problem"] == ["otp-ai-hoi", "otp-het-han"]
    for question in ("otp-ai-hoi", "otp-het-han"):
        assert (olx / "problem" / f"{question}.xml").is_file()
    quiz = unit[-1]
    assert quiz.get("xblock-family") == "xblock.v1"
    assert quiz.get("video_id") == "hocvuso-video-bai-mot"
    timemap = {int(t): ref for t, ref in json.loads(quiz.get("timemap")).items()}
    assert [ref.rsplit("@", 1)[-1] for _, ref in sorted(timemap.items())] == ["otp-ai-hoi", "otp-het-han"]
    # They pop up near the end of the slide they follow, 2 s apart, before the next slide.
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    slide = next(s for s in slides if s["title"] == "Khi có người xin mã")
    times = sorted(timemap)
    assert slide["start"] <= times[0] and times[-1] < slide["end"] and times[1] - times[0] == 2
    # …and nowhere else: each problem has one parent.
    units = [v.get("url_name") for v in xml(olx / "sequential" / "bai-mot.xml")]
    assert units[0] == "hocvuso-unit-bai-mot"
    placed = [c.get("url_name") for unit in units[1:] for c in xml(olx / "vertical" / f"{unit}.xml") if c.tag == "problem"]
    assert placed == ["otp-chia-se"]


def test_without_video_the_questions_stay_in_their_section(media_courses: Path, tmp_path: Path):
    out = tmp_path / "build"
    build(media_courses, out, ["olx"], video=False)
    olx = extract(out / "olx" / "citizens.tar.gz", tmp_path / "olx")
    assert not (olx / "video").exists() and not list((olx / "static").glob("*.mp4"))
    units = [v.get("url_name") for v in xml(olx / "sequential" / "bai-mot.xml")]
    assert "hocvuso-unit-bai-mot" not in units
    # without a video unit, the in-video questions stay in the unit of their section (the third)
    section = xml(olx / "vertical" / f"{units[2]}.xml")
    assert [c.get("url_name") for c in section if c.tag == "problem"] == ["otp-ai-hoi", "otp-het-han"]
    _, store, _ = olxcleaner.validate(str(olx), steps=8, allowed_xblocks=advanced_modules(olx))
    assert [e.name for e in store.errors if e.level == "ERROR"] == []


def test_the_in_video_quiz_block_reads_every_attribute_we_write(olx: Path):
    """The real invideoquiz-xblock parses our element: each attribute is one of its fields, values intact."""
    from invideoquiz.invideoquiz import InVideoQuizXBlock
    from xblock.test.toy_runtime import ToyRuntime

    element = xml(olx / "vertical" / "hocvuso-unit-bai-mot.xml").find("invideoquiz")
    written = {k: v for k, v in element.attrib.items() if k not in ("url_name", "xblock-family")}
    assert set(written) <= set(InVideoQuizXBlock.fields)
    runtime = ToyRuntime("learner")
    block = runtime.get_block(runtime.parse_xml_string(etree.tostring(element, encoding="unicode")))
    assert isinstance(block, InVideoQuizXBlock)
    for name, value in written.items():
        assert getattr(block, name) == value
    assert all(int(t) >= 0 for t in json.loads(block.timemap)), "the block's script looks up whole seconds"
