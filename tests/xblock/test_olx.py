"""The OLX export with the ``xblock`` engine: olxcleaner passes, and every attribute is a declared field."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import olxcleaner
import pytest
from lxml import etree
from olxcleaner.exceptions import ErrorLevel
from xblock.field_data import DictFieldData
from xblock.fields import ScopeIds
from xblock.test.tools import TestRuntime

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.emitters.olx.assessment import FINAL_FORMAT, XBLOCK_TAG
from hocvuso.emitters.olx.itembank import item_bank, policy_fields
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load
from hocvuso_xblocks import studio
from hocvuso_xblocks.block import AssessmentBlock
from hocvuso_xblocks.grading import check_bank
from tests.xblock import fixture_bank
from tests.xblock.fixture_bank import write_course


def build_olx(root: Path, engine: str | None = None) -> tuple[Path, Path]:
    """Build the fixture course's OLX archive; return (extracted course folder, courses folder)."""
    courses = write_course(root)
    if engine:
        yaml_path = courses / "citizens" / "course.yaml"
        yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + f"  engine: {engine}\n", encoding="utf-8")
    diags = Diagnostics()
    report = Builder(Project(courses), root / "build", ["olx"], BuildOptions(video=False), log=lambda m: None).run([], diags)
    assert report.ok, "\n".join(diags.render(d, "en") for d in diags)
    with tarfile.open(root / "build" / "olx" / "citizens.tar.gz") as tar:
        tar.extractall(root / "olx", filter="data")
    return root / "olx" / "course", courses


@pytest.fixture(scope="module")
def xblock_olx(tmp_path_factory) -> tuple[Path, Path]:
    return build_olx(tmp_path_factory.mktemp("olx-xblock"))


def assessment_node(course: Path) -> etree._Element:
    nodes = [n for f in sorted((course / "vertical").glob("*.xml")) for n in etree.parse(str(f)).iter(XBLOCK_TAG)]
    final = [n for n in nodes if n.get("mode") != "placement"]  # the other one is the pre-test
    assert len(final) == 1 and len(nodes) <= 2
    return final[0]


def test_olxcleaner_accepts_the_course_with_the_block(xblock_olx):
    course, _ = xblock_olx
    _, errors, _ = olxcleaner.validate(str(course), steps=8, allowed_xblocks=[XBLOCK_TAG])
    serious = [f"{e.name}: {e.description} ({e.filename})" for e in errors.errors if e.level_val >= ErrorLevel.ERROR.value]
    assert serious == []
    # Without the tag allowed, olxcleaner would flag it: the block really is in the course tree.
    _, strict, _ = olxcleaner.validate(str(course), steps=8)
    assert any(e.name == "UnexpectedTag" for e in strict.errors)


def test_the_final_sequential_is_graded_and_holds_the_block_inline(xblock_olx):
    course, _ = xblock_olx
    sequential = etree.parse(str(course / "sequential" / "hocvuso-danh-gia-bai.xml")).getroot()
    assert (sequential.get("graded"), sequential.get("format")) == ("true", FINAL_FORMAT)
    vertical = etree.parse(str(course / "vertical" / f"{sequential[0].get('url_name')}.xml")).getroot()
    node = vertical[0]
    assert node.tag == XBLOCK_TAG
    assert node.get("xblock-family") == "xblock.v1"
    assert node.get("url_name")
    policy = json.loads((course / "policies" / "2026-1" / "policy.json").read_text(encoding="utf-8"))
    assert XBLOCK_TAG in policy["course/2026-1"]["advanced_modules"]
    grading = json.loads((course / "policies" / "2026-1" / "grading_policy.json").read_text(encoding="utf-8"))
    assert [(g["min_count"], g["weight"]) for g in grading["GRADER"] if g["type"] == FINAL_FORMAT] == [(1, 1.0)]
    assert XBLOCK_TAG in (course / "tags.csv").read_text(encoding="utf-8")


def test_every_attribute_is_a_declared_field_and_parses_back(xblock_olx, tmp_path):
    course, courses = xblock_olx
    node = assessment_node(course)
    written = set(node.keys()) - {"url_name", "xblock-family"}
    assert written <= set(AssessmentBlock.fields), written - set(AssessmentBlock.fields)
    runtime = TestRuntime(services={"field-data": DictFieldData({})})
    keys = ScopeIds("user", XBLOCK_TAG, "def", "usage")
    block = AssessmentBlock.parse_xml(node, runtime, keys)
    for name in written:
        assert AssessmentBlock.fields[name].is_set_on(block), name
    compiled = load(Project(courses), [], Diagnostics())[1][0]
    assert json.loads(block.item_bank) == json.loads(json.dumps(item_bank(compiled)))
    assert check_bank(json.loads(block.item_bank)) == []
    for name, value in policy_fields(compiled).items():
        assert getattr(block, name) == value, name
    assert block.display_name == "Đánh giá cuối khoá"
    # Every setting the emitter writes is one the block declares editable, with a value in its declared range.
    settings = studio.fields_of(AssessmentBlock)
    assert set(policy_fields(compiled)) <= set(settings)
    for name in policy_fields(compiled):
        studio.check_setting(settings[name], getattr(block, name))
    assert block.validate().empty, [m.text for m in block.validate().messages]


def test_the_xblock_tests_bank_is_what_the_compiler_makes(tmp_path):
    """data/fixture_bank.json (read by the XBlock tests, also on Python 3.11) is today's compiler output.

    When this fails after a change to the fixture course, the framework or the item-bank emitter:
    ``.venv/bin/python -m tests.xblock.fixture_bank`` rewrites it.
    """
    assert fixture_bank.snapshot() == fixture_bank.bank_and_policy(tmp_path)


def test_capa_stays_available_as_the_fallback_engine(tmp_path):
    course, _ = build_olx(tmp_path, engine="capa")
    assert not [n for f in (course / "vertical").glob("*.xml") for n in etree.parse(str(f)).iter(XBLOCK_TAG)]
    assert len(list((course / "problem").glob("otp-*.xml"))) == 5
    policy = json.loads((course / "policies" / "2026-1" / "policy.json").read_text(encoding="utf-8"))
    assert XBLOCK_TAG not in policy["course/2026-1"]["advanced_modules"]
