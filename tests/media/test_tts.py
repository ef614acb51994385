"""Narration engines: espeak-ng by default, Piper with an operator's voice model, chosen with --tts."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from hocvuso.cli import main
from hocvuso.media.pipeline import plan_lesson
from hocvuso.media.tts import EspeakEngine, PiperEngine, TtsError, engine_from_spec
from hocvuso.options import BuildOptions

from .conftest import load_course

SENTENCE = "Không đọc mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng."


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def test_specs_name_the_engine_voice_and_rate():
    assert engine_from_spec("") == EspeakEngine("vi", 150)
    assert engine_from_spec("espeak") == EspeakEngine("vi", 150)
    assert engine_from_spec("espeak:vi-vn-x-south:130") == EspeakEngine("vi-vn-x-south", 130)
    assert engine_from_spec("piper:/voices/vi_VN-x.onnx") == PiperEngine(Path("/voices/vi_VN-x.onnx"))
    for bad in ("festival", "espeak:vi:9000", "piper:"):
        with pytest.raises(TtsError):
            engine_from_spec(bad)


def test_espeak_speaks_vietnamese_through_the_library_and_the_program_alike(tmp_path: Path):
    for engine, name in ((EspeakEngine(), "library.wav"), (EspeakEngine(use_library=False), "program.wav")):
        engine.synthesize(SENTENCE, tmp_path / name)
    spoken = duration(tmp_path / "library.wav")
    assert 3.0 < spoken < 9.0  # about 17 syllables at 150 words a minute
    assert abs(duration(tmp_path / "program.wav") - spoken) < 0.6


def test_a_slower_voice_takes_longer(tmp_path: Path):
    EspeakEngine(wpm=120).synthesize(SENTENCE, tmp_path / "slow.wav")
    EspeakEngine(wpm=200).synthesize(SENTENCE, tmp_path / "fast.wav")
    assert duration(tmp_path / "slow.wav") > duration(tmp_path / "fast.wav") * 1.3


def test_piper_without_its_voice_model_says_what_to_pass(tmp_path: Path):
    # Piper is an operator's choice with a voice file they provide; nothing is downloaded, so a
    # missing model stops the build with the fix, before any speech is made.
    engine = PiperEngine(tmp_path / "missing.onnx")
    with pytest.raises(TtsError, match=r"Piper voice model not found: .*missing\.onnx.*--tts piper:"):
        engine.synthesize("Xin chào", tmp_path / "out.wav")
    (tmp_path / "voice.onnx").write_bytes(b"model")
    with pytest.raises(TtsError, match=r"voice\.onnx\.json"):
        PiperEngine(tmp_path / "voice.onnx").key()


def test_the_cli_refuses_a_bad_tts_before_building(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "build"
    assert main(["build", "--courses", str(tmp_path), "--out", str(out), "--tts", "piper:/nowhere/voice.onnx"]) == 2
    assert "Piper voice model not found: /nowhere/voice.onnx" in capsys.readouterr().err
    assert not out.exists()
    assert main(["build", "--courses", str(tmp_path), "--out", str(out), "--tts", "espeak:vi:5"]) == 2
    assert "speaking rate" in capsys.readouterr().err


def test_the_voice_is_part_of_every_narration_cache_key(media_courses: Path, tmp_path: Path):
    course = load_course(media_courses)
    lesson = course.lessons[0]
    default = plan_lesson(course, lesson, BuildOptions(video=True, cache=tmp_path), 1)
    slower = plan_lesson(course, lesson, BuildOptions(video=True, tts="espeak:vi:120", cache=tmp_path), 1)
    for a, b in zip(default.slides, slower.slides, strict=True):
        assert a.key == b.key, "the slide image does not depend on the voice"
        assert (a.audio_key == b.audio_key) == bool(a.recording), "only the author's recording ignores the engine"
    assert default.video_key != slower.video_key
