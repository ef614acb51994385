"""The translation round-trip: extract → a catalogue filled by script → build → every string translated;
editing one source sentence → exactly that message fuzzy (docs/translation.md)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from hocvuso.commands import i18n
from hocvuso.commands.i18n import status, templates, update
from hocvuso.diagnostics import Diagnostics
from hocvuso.emitters import templating
from hocvuso.loader.framework import load_framework
from hocvuso.loader.i18n import catalogue_path
from tests.conftest import build_courses, copy_sample, extract_olx

STAFF = "hocvuso-giao-vien"  # the staff-only teacher's guide chapter: teacher notes stay in the source language


def _catalogues(courses: Path) -> tuple[Path, dict]:
    """The sample course with `translations: km`, its km catalogues written by `i18n update`."""
    course = courses / "citizens"
    with (course / "course.yaml").open("a", encoding="utf-8") as f:
        f.write("translations:\n  km: {}\n")
    diags = Diagnostics()
    found = templates(course, load_framework(courses / "framework.yaml", diags), diags)
    update(course, "km", found, list(found), diags)
    assert not diags.has_errors()
    return course, found


def _fill(course: Path, found: dict) -> dict[str, tuple[str, str]]:
    """Every msgstr a unique token (what a translator would type), written back; token → (context, source text)."""
    tokens: dict[str, tuple[str, str]] = {}
    for domain in found:
        path = catalogue_path(course, "km", domain)
        with path.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id:
                message.string = f"KM{len(tokens):03d}Z"
                tokens[message.string] = (message.context, message.id)
        with path.open("wb") as f:
            write_po(f, catalog)
    return tokens


def _olx_text(archive: Path, tmp: Path) -> str:
    root = extract_olx(archive, tmp)
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*"))
                     if p.is_file() and p.suffix in (".xml", ".html", ".json") and STAFF not in p.name)


def _scorm_text(archive: Path) -> str:
    with zipfile.ZipFile(archive) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".html", ".js", ".json")))


def test_every_string_of_the_lesson_appears_translated_in_olx_and_scorm(tmp_path):
    courses = copy_sample(tmp_path)
    course, found = _catalogues(courses)
    tokens = _fill(course, found)
    # The sample: title, prose, alt text, every question type (stems, choices, feedback, hints,
    # explanations, pairs, items), a rubric task with criteria and levels, the course's own strings.
    assert len(tokens) >= 60
    out = tmp_path / "build"
    build_courses(courses, out, ["olx", "scorm"])
    olx = _olx_text(out / "olx" / "citizens.km.tar.gz", tmp_path / "olx")
    scorm = _scorm_text(out / "scorm2004" / "citizens.km.zip")
    # Open edX shows no lesson objectives (the SCORM lesson page and the teacher's guide do); the profile's name
    # is on the cover image and in the certificate credential only.
    tokens = {t: where for t, where in tokens.items() if where[0] != "profile/name"}
    assert [tokens[t] for t in tokens if t not in olx and not tokens[t][0].endswith("/objectives")] == []
    # SCORM has no chapters, and its final check shows no explanations of certification items.
    assert [tokens[t] for t in tokens if t not in scorm and not tokens[t][0].startswith("chapter/")
            and not (tokens[t][0].startswith("bank-") and "/explanation" in tokens[t][0])] == []
    # No source sentence is left where a learner reads (Vietnamese UI words aside).
    left = [text for _, text in tokens.values() if len(text) > 12 and (text in olx or text in scorm)]
    assert left == []
    # The translation is a course of its own: own run (course key) and package names, its language.
    assert 'url_name="2026-1-km"' in (tmp_path / "olx" / "course" / "course.xml").read_text()
    assert 'lang="km"' in scorm
    assert (out / "olx" / "citizens.tar.gz").is_file(), "the source course builds beside it"


def test_editing_one_source_sentence_marks_exactly_that_message_fuzzy(tmp_path):
    courses = copy_sample(tmp_path)
    course, found = _catalogues(courses)
    tokens = _fill(course, found)
    translated = next(t for t, (_, text) in tokens.items() if text == "Từ chối và gác máy")
    lesson = course / "lessons" / "moi-loai-cau-hoi.md"
    text = lesson.read_text(encoding="utf-8")
    assert text.count("Từ chối và gác máy") == 1
    lesson.write_text(text.replace("Từ chối và gác máy", "Từ chối, rồi gác máy"), encoding="utf-8")

    diags = Diagnostics()
    edited = templates(course, load_framework(courses / "framework.yaml", diags), diags)
    update(course, "km", edited, list(edited), diags)
    path = catalogue_path(course, "km", "moi-loai-cau-hoi")
    with path.open("rb") as f:
        catalog = read_po(f)
    fuzzy = [m for m in catalog if m.id and m.fuzzy]
    assert [(m.context, m.id, m.string) for m in fuzzy] == [
        ("moi-loai-cau-hoi/mot-lua-chon/choice-b", "Từ chối, rồi gác máy", translated)]
    # The old text stays beside it ('#| msgid'), so Poedit and Weblate show the translator what changed.
    assert '#| msgid "Từ chối và gác máy"' in path.read_text(encoding="utf-8")
    rows = {r.domain: r for r in status(course, "km", edited, list(edited), diags)}
    total = rows["moi-loai-cau-hoi"].total
    assert (rows["moi-loai-cau-hoi"].translated, rows["moi-loai-cau-hoi"].fuzzy) == (total - 1, 1)
    assert all(r.fuzzy == 0 and r.translated == r.total for d, r in rows.items() if d != "moi-loai-cau-hoi")



def _fuzzy(path: Path) -> set[tuple[str, str]]:
    with path.open("rb") as f:
        return {(m.context, m.id) for m in read_po(f) if m.id and m.fuzzy}


def test_page_words_are_gettext_catalogues_and_an_edited_word_goes_fuzzy(tmp_path, monkeypatch):
    templates = tmp_path / "templates"  # a copy: the test edits nothing of the project
    shutil.copytree(templating.TEMPLATES, templates)
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    templating.strings.cache_clear()
    try:
        assert templating.strings("scorm", "km").start == "ចាប់ផ្ដើមរៀន"
        assert templating.strings("scorm", "km").player["right"] == "✓ ត្រឹមត្រូវ!"
        diags = Diagnostics()
        i18n.update_ui("km", i18n.ui_templates(), diags)
        before = _fuzzy(templating.ui_catalogue("scorm", "km"))
        source = templates / "scorm" / "strings.yaml"
        text = source.read_text(encoding="utf-8")
        assert text.count("  start: Bắt đầu học\n") == 1
        source.write_text(text.replace("  start: Bắt đầu học\n", "  start: Bắt đầu học ngay\n"), encoding="utf-8")
        i18n.update_ui("km", i18n.ui_templates(), diags)
        assert _fuzzy(templating.ui_catalogue("scorm", "km")) - before == {("start", "Bắt đầu học ngay")}
        templating.strings.cache_clear()
        assert templating.strings("scorm", "km").start == "Bắt đầu học ngay"  # fuzzy: Vietnamese until reviewed
        assert templating.strings("scorm", "km").home == "ទំព័រដើម"
    finally:
        templating.strings.cache_clear()
