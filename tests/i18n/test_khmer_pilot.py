"""The Khmer pilot (citizens.km: two lessons from courses/citizens/locale/km) builds end to end: an OLX
archive Open edX's linter accepts, with every pilot string in Khmer, marked as a draft where learners see it."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import olxcleaner
from babel.messages.pofile import read_po

from tests.conftest import COURSES, build_courses, extract_olx

PILOT = COURSES / "citizens" / "locale" / "km" / "LC_MESSAGES"
DRAFT = "(សេចក្ដីព្រាង)"  # "draft", at the end of the course title


def _pilot_build(tmp_path: Path) -> Path:
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "citizens", courses / "citizens")
    shutil.copyfile(COURSES / "framework.yaml", courses / "framework.yaml")
    out = tmp_path / "build"
    build_courses(courses, out, ["olx", "scorm"])
    return out


def test_the_khmer_pilot_builds_end_to_end_in_khmer(tmp_path):
    out = _pilot_build(tmp_path)
    olx = extract_olx(out / "olx" / "citizens.km.tar.gz", tmp_path / "olx")
    _, store, _ = olxcleaner.validate(str(olx), steps=8, allowed_xblocks=["hocvuso_assessment", "invideoquiz"])
    assert [e.description for e in store.errors if e.level.name == "ERROR"] == []
    assert (olx / "course.xml").read_text().count('url_name="2026-1-km"') == 1
    # Two lessons, and only their files.
    assert len(list((olx / "sequential").glob("*.xml"))) >= 2
    assert sorted(p.name for p in (olx / "static").glob("*.png") if p.name != "course-cover.png") == [
        "dung-kiem-tra-bao-2cb5669b.png", "kich-hoat-vneid-bf1e777c.png"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in olx.rglob("*") if p.suffix in (".xml", ".html", ".json"))
    with zipfile.ZipFile(out / "scorm12" / "citizens.km.zip") as z:
        page = z.read("index.html").decode("utf-8")
    assert DRAFT in page and DRAFT in text, "learners see that the translation is a draft"
    assert '<html lang="km">' in page
    # The lessons' strings (not the objectives, which Open edX does not show, nor the narration, which is
    # in the videos' captions: this build has no video).
    for path in sorted(PILOT.glob("*.po")):
        with path.open("rb") as f:
            catalog = read_po(f)
        assert "DRAFT machine-assisted" in catalog.header_comment
        for m in catalog:
            if m.id and not m.context.endswith(("/objectives", "/narration", "profile/name")) and not m.context.startswith("chapter/"):
                # The longest run of plain text (markup becomes HTML tags, quotes entities).
                shown = max(re.split(r'\*\*|"', m.string), key=len).strip()[:30]
                assert shown in text or shown in page, (m.context, m.string)
