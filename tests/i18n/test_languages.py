"""Languages: tags checked as BCP 47, untranslated strings refused or shown marked, voices per language."""

from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from hocvuso.commands.i18n import templates, update
from hocvuso.diagnostics import Diagnostics
from hocvuso.loader.framework import load_framework
from hocvuso.loader.i18n import FALLBACK_MARK, catalogue_path
from hocvuso.media.voices import SilentEngine, engine_for, espeak_voice
from hocvuso.project import load
from tests.conftest import build_courses

LESSON = """
Đoạn mở đầu.

## Mục một

- Ý thứ nhất
- Ý thứ hai

## Mục hai

Một câu nữa.
"""


def _codes(diags: Diagnostics) -> list[str]:
    return [d.code.id for d in diags]


def test_a_language_that_is_not_a_bcp47_tag_is_reported_at_its_line(fixture_course):
    fixture_course.lesson(LESSON)
    text = (fixture_course.dir / "course.yaml").read_text(encoding="utf-8")
    (fixture_course.dir / "course.yaml").write_text(text + "language: khmer-ish\n", encoding="utf-8")
    diags = Diagnostics()
    load(fixture_course.project, [], diags)
    found = [d for d in diags if d.code.id == "HV960"]
    assert len(found) == 1
    assert found[0].loc.line == len(text.splitlines()) + 1  # the language: line, the last of the file


def test_tags_are_normalised_and_translations_checked(fixture_course):
    fixture_course.lesson(LESSON)
    with (fixture_course.dir / "course.yaml").open("a", encoding="utf-8") as f:
        f.write("language: VI\ntranslations:\n  km-kh: {}\n  not a tag: {}\n")
    diags = Diagnostics()
    _, courses = load(fixture_course.project, [], diags)
    assert courses[0].language == "vi"
    assert [t.language for t in courses[0].translations] == ["km-KH"]
    assert _codes(diags).count("HV960") == 1


def _khmer(fixture_course, settings: str) -> None:
    """The fixture course with a km translation (``settings``) whose catalogue translates only the lesson title."""
    fixture_course.lesson(LESSON)
    with (fixture_course.dir / "course.yaml").open("a", encoding="utf-8") as f:
        f.write(f"translations:\n  km: {settings}\n")
    diags = Diagnostics()
    found = templates(fixture_course.dir, load_framework(fixture_course.courses / "framework.yaml", diags), diags)
    update(fixture_course.dir, "km", found, list(found), diags)
    path = catalogue_path(fixture_course.dir, "km", "bai-thu")
    with path.open("rb") as f:
        catalog = read_po(f)
    catalog.get("Bài thử", context="bai-thu/title").string = "មេរៀនសាកល្បង"
    with path.open("wb") as f:
        write_po(f, catalog)


def test_untranslated_strings_fail_the_translation_unless_the_author_allows_vietnamese(fixture_course):
    _khmer(fixture_course, "{silent_video: true}")
    diags = Diagnostics()
    load(fixture_course.project, [], diags, translations=True)
    missing = [d for d in diags if d.code.id == "HV961" and d.args["domain"] == "bai-thu"]
    # The lesson has 8 strings (title, objective, intro, two headings, two points, one sentence); the
    # catalogue translates the title: one message counts the 7 others and points at the first.
    assert len(missing) == 1 and missing[0].args["count"] == 7


def test_with_fallback_untranslated_strings_are_shown_in_vietnamese_marked(fixture_course):
    _khmer(fixture_course, "{fallback: true, silent_video: true}")
    diags = Diagnostics()
    _, courses = load(fixture_course.project, [], diags, translations=True)
    assert not diags.has_errors()
    km = next(c for c in courses if c.language == "km")
    lesson = km.lessons[0]
    assert lesson.title == "មេរៀនសាកល្បង"
    assert lesson.sections[1].title == FALLBACK_MARK + "Mục một"
    assert lesson.sections[1].points == (FALLBACK_MARK + "Ý thứ nhất", FALLBACK_MARK + "Ý thứ hai")
    assert (km.group, km.run, km.key) == ("citizens.km", "2026-1-km", "course-v1:BDHVS+TEST+2026-1-km")
    assert "HV962" in _codes(diags)


def test_espeak_voices_by_language_and_silence_for_khmer():
    assert espeak_voice("vi") == "vi"
    assert espeak_voice("en-GB") == "en-gb"
    assert espeak_voice("km") is None  # espeak-ng has no Khmer voice
    assert isinstance(engine_for("km", None), SilentEngine)
    assert engine_for("vi", None).key().startswith("espeak-ng")
    # An operator's voice for one language only: the Vietnamese default stays for Vietnamese.
    assert not isinstance(engine_for("km", "km=espeak:vi"), SilentEngine)
    assert engine_for("vi", "km=espeak:en").key() == engine_for("vi", None).key()


def test_check_names_every_slide_without_audio_when_no_voice_speaks_the_language(fixture_course):
    _khmer(fixture_course, "{fallback: true}")
    diags = Diagnostics()
    load(fixture_course.project, [], diags, translations=True, voices="")
    no_voice = [d for d in diags if d.code.id == "HV965"]
    # intro, Mục một, Mục hai: three sections, none recorded.
    assert len(no_voice) == 3 and all(d.args["language"] == "km" for d in no_voice)
    assert no_voice[1].args["path"] == "locale/km/audio/bai-thu/muc-mot.mp3"


def test_a_recording_in_the_translations_folder_narrates_its_slide(fixture_course):
    _khmer(fixture_course, "{fallback: true}")
    audio = fixture_course.dir / "locale" / "km" / "audio" / "bai-thu"
    audio.mkdir(parents=True)
    (audio / "muc-mot.mp3").write_bytes(b"ID3" + bytes(64))
    diags = Diagnostics()
    _, courses = load(fixture_course.project, [], diags, translations=True, voices="")
    assert len([d for d in diags if d.code.id == "HV965"]) == 2
    km = next(c for c in courses if c.language == "km")
    section = km.lessons[0].sections[1]
    assert section.narration is not None and section.narration.audio is not None
    assert section.narration.audio.path.name == "muc-mot.mp3"


def test_a_missing_translation_output_is_built_again(fixture_course):
    _khmer(fixture_course, "{fallback: true, silent_video: true}")
    out = fixture_course.courses.parent / "build"
    build_courses(fixture_course.courses, out, ["olx"])
    archive = out / "olx" / "citizens.km.tar.gz"
    first = archive.read_bytes()
    archive.unlink()
    build_courses(fixture_course.courses, out, ["olx"])
    assert archive.read_bytes() == first
