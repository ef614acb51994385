"""`hocvuso build --scorm-per-lesson`: one valid package per lesson, next to the course package."""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

import pytest
from lxml import etree
from scorm_manifest import schema_errors, semantic_errors

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load

if TYPE_CHECKING:
    from pathlib import Path

IMSSS = "{http://www.imsglobal.org/xsd/imsss}"


@pytest.fixture(scope="module")
def per_lesson(scorm_courses: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("per-lesson")
    options = BuildOptions(video=False, scorm_per_lesson=True)
    report = Builder(Project(scorm_courses), out, ["scorm"], options, log=lambda m: None).run([], Diagnostics())
    assert report.ok
    return out


@pytest.fixture(scope="module")
def lessons(scorm_courses: Path):
    _, courses = load(Project(scorm_courses), [], Diagnostics())
    return courses[0].lessons


@pytest.mark.parametrize("version", ["12", "2004"])
def test_each_lesson_gets_a_valid_package_of_its_own(per_lesson: Path, lessons, tmp_path: Path, version: str):
    packages = sorted((per_lesson / f"scorm{version}" / "citizens").glob("*.zip"))
    assert [p.stem for p in packages] == sorted(lesson.id for lesson in lessons)
    identifiers = set()
    for package in packages:
        assert schema_errors(package, version, tmp_path / package.stem) == []
        assert semantic_errors(package, version) == []
        with zipfile.ZipFile(package) as zf:
            root = etree.fromstring(zf.read("imsmanifest.xml"))
            page = zf.read("index.html").decode()
        identifiers.add(root.get("identifier"))
        lesson = next(x for x in lessons if x.id == package.stem)
        others = [x for x in lessons if x is not lesson]
        assert lesson.title in page
        assert not any(f">{x.title}<" in page for x in others)
    assert len(identifiers) == len(packages)
    assert (per_lesson / f"scorm{version}" / "citizens.zip").is_file()


def test_a_lesson_package_declares_only_the_lessons_competencies(per_lesson: Path, lessons):
    lesson = lessons[0]
    with zipfile.ZipFile(per_lesson / "scorm2004" / "citizens" / f"{lesson.id}.zip") as zf:
        root = etree.fromstring(zf.read("imsmanifest.xml"))
    declared = {o.get("objectiveID") for o in root.iter(f"{IMSSS}objective")}
    assert declared == {"nls-" + code.replace(".", "-") for code in lesson.competencies}
