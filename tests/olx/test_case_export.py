"""The CASE 1.1 packages follow the CFPackage binding (1EdTech's JSON schema rules).

The required and allowed keys below are those of the CASE v1p1 CFPackage JSON
schema (OpenSALT's copy of 1EdTech's binding): every object is closed
(additionalProperties false), identifiers are lowercase RFC 4122 UUIDs, and
links carry title, identifier and uri.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[8-9a-b][0-9a-f]{3}-[0-9a-f]{12}$")
ASSOCIATION_TYPES = {"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy",
                     "exemplar", "hasSkillLevel", "isTranslationOf"}
SHAPES = {  # type: (required, allowed)
    "document": ({"identifier", "uri", "creator", "title", "lastChangeDateTime"},
                 {"frameworkType", "caseVersion", "officialSourceURL", "publisher", "description", "subject", "subjectURI",
                  "language", "version", "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes",
                  "extensions"}),
    "item": ({"identifier", "fullStatement", "uri", "lastChangeDateTime"},
             {"alternativeLabel", "CFItemType", "humanCodingScheme", "listEnumeration", "abbreviatedStatement",
              "conceptKeywords", "conceptKeywordsURI", "notes", "subject", "subjectURI", "language", "educationLevel",
              "CFItemTypeURI", "licenseURI", "statusStartDate", "statusEndDate", "extensions"}),
    "association": ({"identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"},
                    {"sequenceNumber", "CFAssociationGroupingURI", "notes", "extensions"}),
    "rubric": ({"identifier", "uri", "lastChangeDateTime"}, {"title", "description", "CFRubricCriteria", "extensions"}),
    "criterion": ({"identifier", "uri", "lastChangeDateTime"},
                  {"category", "description", "CFItemURI", "weight", "position", "rubricId", "CFRubricCriterionLevels",
                   "extensions"}),
    "level": ({"identifier", "uri", "lastChangeDateTime"},
              {"description", "quality", "score", "feedback", "position", "rubricCriterionId", "extensions"}),
}


def assert_shape(obj: dict, kind: str) -> None:
    required, allowed = SHAPES[kind]
    assert required <= set(obj), f"{kind} lacks {required - set(obj)}"
    assert set(obj) <= required | allowed, f"{kind} has unknown keys {set(obj) - required - allowed}"
    assert UUID.match(obj["identifier"]), obj["identifier"]
    assert re.match(r"^[a-z][a-z0-9+.-]*:", obj["uri"])


def assert_link(link: dict, uuid: bool = True) -> None:
    assert set(link) <= {"title", "identifier", "uri", "targetType"}
    assert {"title", "identifier", "uri"} <= set(link)
    if uuid:
        assert UUID.match(link["identifier"])


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_framework_package_follows_the_cfpackage_binding(sample_build: Path, sample_model):
    package = load(sample_build / "case" / "framework.json")
    assert set(package) <= {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions"}
    assert_shape(package["CFDocument"], "document")
    assert package["CFDocument"]["caseVersion"] == "1.1"
    for item in package["CFItems"]:
        assert_shape(item, "item")
    for assoc in package["CFAssociations"]:
        assert_shape(assoc, "association")
        assert assoc["associationType"] in ASSOCIATION_TYPES
        assert_link(assoc["originNodeURI"])
        assert_link(assoc["destinationNodeURI"], uuid=assoc["associationType"] != "exactMatchOf")
    for rubric in package["CFRubrics"]:
        assert_shape(rubric, "rubric")
        for criterion in rubric["CFRubricCriteria"]:
            assert_shape(criterion, "criterion")
            assert_link(criterion["CFItemURI"])
            for level in criterion["CFRubricCriterionLevels"]:
                assert_shape(level, "level")


def test_framework_tree_has_every_domain_and_competency_under_its_parent(sample_build: Path, sample_model):
    fw = sample_model.framework
    package = load(sample_build / "case" / "framework.json")
    by_code = {item["humanCodingScheme"]: item["identifier"] for item in package["CFItems"]}
    assert set(by_code) == set(fw.domains) | set(fw.competencies)
    parent_of = {a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
                 for a in package["CFAssociations"] if a["associationType"] == "isChildOf"}
    for code, comp in fw.competencies.items():
        assert parent_of[by_code[code]] == by_code[comp.domain]
    for code in fw.domains:
        assert parent_of[by_code[code]] == package["CFDocument"]["identifier"]


def test_each_competency_has_an_eight_level_rubric_and_tt02_maps_to_digcomp(sample_build: Path, sample_model):
    fw = sample_model.framework
    package = load(sample_build / "case" / "framework.json")
    rubrics = {r["CFRubricCriteria"][0]["category"]: r for r in package["CFRubrics"]}
    assert set(rubrics) == set(fw.competencies)
    levels = rubrics["4.2"]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [lv["position"] for lv in levels] == list(range(1, 9))
    matched = {a["destinationNodeURI"]["identifier"] for a in package["CFAssociations"] if a["associationType"] == "exactMatchOf"}
    assert matched == {f"digcomp-2.2-{c.digcomp}" for c in fw.competencies.values() if c.digcomp}


def test_course_package_adds_each_task_rubric_pointing_at_its_competencies(sample_build: Path, sample_model):
    package = load(sample_build / "case" / "citizens.json")
    items = {item["identifier"]: item["humanCodingScheme"] for item in package["CFItems"]}
    task = sample_model.tasks[0]
    rubric = next(r for r in package["CFRubrics"] if r.get("title") == task.title)
    assert [items[c["CFItemURI"]["identifier"]] for c in rubric["CFRubricCriteria"]] == [c.competency for c in task.criteria]
    assert [[lv["score"] for lv in c["CFRubricCriterionLevels"]] for c in rubric["CFRubricCriteria"]] == [
        [float(lv.points) for lv in c.levels] for c in task.criteria]


@pytest.mark.parametrize("name", ["framework.json", "citizens.json"])
def test_identifiers_are_unique_and_stable_across_builds(sample_build: Path, sample_courses: Path, tmp_path: Path, name: str):
    from .conftest import build

    build(sample_courses, tmp_path, ["case"])
    assert (tmp_path / "case" / name).read_bytes() == (sample_build / "case" / name).read_bytes()
    text = (sample_build / "case" / name).read_text()
    ids = re.findall(r'"identifier": "([0-9a-f-]{36})"', text)
    declared = [obj["identifier"] for obj in _objects(load(sample_build / "case" / name))]
    assert len(declared) == len(set(declared)) and set(declared) <= set(ids)


def _objects(package: dict):
    yield package["CFDocument"]
    yield from package["CFItems"]
    yield from package["CFAssociations"]
    for rubric in package["CFRubrics"]:
        yield rubric
        for criterion in rubric["CFRubricCriteria"]:
            yield criterion
            yield from criterion["CFRubricCriterionLevels"]
