"""Only what changed is rendered again: slides, narration and videos are cached by content."""

from __future__ import annotations

from pathlib import Path

from hocvuso.media.pipeline import render_course
from hocvuso.options import BuildOptions

from .conftest import build, load_course, write_course


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder`` with its size and modification time."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def kinds(names: set[str]) -> dict[str, int]:
    """How many new files of each kind: slides/, audio/, images/ (thumbnails), lessons/ (one folder per video)."""
    counted: dict[str, set[str]] = {}
    for name in names:
        parts = name.split("/")
        counted.setdefault(parts[0], set()).add("/".join(parts[:2]))
    return {kind: len(files) for kind, files in counted.items()}


def test_a_second_build_renders_nothing(tmp_path: Path):
    courses = write_course(tmp_path)
    out = tmp_path / "build"
    build(courses, out, ["media", "olx"])
    cache = out / ".cache" / "media"
    before = snapshot(cache)
    assert kinds(set(before)) == {"slides": 7, "audio": 7, "images": 2, "lessons": 2}
    published = snapshot(out / "media")

    build(courses, out, ["media", "olx"], force=True)  # every emitter runs again over the same sources
    assert snapshot(cache) == before, "no slide, narration or video was rendered again"
    assert snapshot(out / "media").keys() == published.keys()
    again = render_course(load_course(courses), BuildOptions(video=True, cache=out / ".cache"))
    assert again.counts.total == 0


def test_an_edit_rerenders_only_what_it_shapes(tmp_path: Path):
    courses = write_course(tmp_path)
    out = tmp_path / "build"
    build(courses, out, ["media"])
    cache = out / ".cache" / "media"
    before = snapshot(cache)

    lesson = courses / "citizens" / "lessons" / "bai-mot.md"
    text = lesson.read_text(encoding="utf-8")
    # A new narration for one slide: its audio and the lesson's video change; no slide image does.
    lesson.write_text(text.replace("đừng đọc mã cho họ", "không được đọc mã cho họ"), encoding="utf-8")
    build(courses, out, ["media"])
    after = snapshot(cache)
    assert all(after[name] == stamp for name, stamp in before.items()), "cached files are never rewritten"
    assert kinds(set(after) - set(before)) == {"audio": 1, "lessons": 1}

    # A new point on a slide that has its own narration: that slide and the video, no audio.
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("- Mã hết hạn sau vài phút.", "- Mã hết hạn sau 5 phút."),
                      encoding="utf-8")
    build(courses, out, ["media"])
    assert kinds(set(snapshot(cache)) - set(after)) == {"slides": 1, "lessons": 1}


def test_the_quick_build_makes_slides_but_no_video(tmp_path: Path):
    courses = write_course(tmp_path)
    out = tmp_path / "build"
    build(courses, out, ["media"], video=False)
    lesson = out / "media" / "citizens" / "bai-mot"
    assert (lesson / "slide-01.png").is_file() and (lesson / "thumbnail.png").is_file()
    assert not list((out / "media").rglob("*.mp4"))
    assert not (out / ".cache" / "media" / "audio").exists(), "no speech is synthesised without video"
