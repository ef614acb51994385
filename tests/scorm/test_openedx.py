"""openedx-scorm-xblock reads the packages and grades what they report.

The package goes through the block's own ``extract_package`` and
``update_package_fields``; then the SCO runs under the block's own run-time
script (scorm.js, with GetValue/SetValue behaving as its scormxblock.js does:
``_count`` and the "uncached" elements read back as ""), and every value the
SCO set is replayed into the block's ``set_value`` handler, which publishes
the grade (``score.raw`` / 100).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from unittest import mock

import django
import pytest
from django.conf import settings
from scorm_course import LESSON_ONE_ANSWERS, learn

if not settings.configured:
    settings.configure(USE_TZ=True, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
    django.setup()

from django.core.files.storage import FileSystemStorage
from openedxscorm.scormxblock import ScormXBlock
from xblock.field_data import DictFieldData

if TYPE_CHECKING:
    from pathlib import Path

VERSIONS = {"12": "SCORM_12", "2004": "SCORM_2004"}


def scorm_block(tmp_path: Path) -> ScormXBlock:
    """A graded ScormXBlock (weight 1) storing its files under ``tmp_path``, with a recording runtime."""
    runtime = mock.Mock()
    runtime.service.return_value.get_settings_bucket.return_value = {
        "STORAGE_FUNC": lambda block: FileSystemStorage(location=str(tmp_path))}
    block = ScormXBlock(runtime, DictFieldData({"has_score": True, "weight": 1.0}), mock.Mock(usage_id="block-v1:hocvuso"))
    block.location = mock.Mock(block_id="scorm")
    return block


def upload(block: ScormXBlock, package: Path) -> None:
    """What the block's studio_submit does with an uploaded package."""
    with package.open("rb") as fh:
        block.update_package_meta(fh)
        block.extract_package(fh)
    block.update_package_fields()


def published_grades(block: ScormXBlock) -> list[float]:
    return [c.args[2]["value"] for c in block.runtime.publish.call_args_list if c.args[1] == "grade"]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_block_reads_the_package(scorm_build: Path, tmp_path: Path, version: str) -> None:
    block = scorm_block(tmp_path)
    upload(block, scorm_build / f"scorm{version}/citizens.zip")
    assert block.index_page_path == "index.html"
    assert block.scorm_version == VERSIONS[version]
    assert block.package_warnings == []  # it found the completion status in the package
    assert (tmp_path / block.extract_folder_path / "index.html").is_file()
    assert "Khoá thử SCORM" in block.navigation_menu


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_the_block_grades_what_the_package_reports(page, server, scorm_build: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   version: str, right: bool) -> None:
    learn(page, server.url, version, right, host="openedx.html")
    calls = page.evaluate("window.hvCalls")
    indices = {int(m.group(1)) for name, _ in calls if (m := re.match(r"cmi\.interactions\.(\d+)\.", name))}
    assert not [name for name, _ in calls if "NaN" in name or "undefined" in name]
    assert indices == set(range(len(LESSON_ONE_ANSWERS)))  # counted by the SCO: the block never computes _count
    block = scorm_block(tmp_path)
    upload(block, scorm_build / f"scorm{version}/citizens.zip")
    for name, value in calls:
        block.set_value({"name": name, "value": value})
    # Practice only (the fixture has no bank, so no final check): completion, never a score or passed.
    assert block.success_status == "unknown"
    assert block.lesson_status == "completed"
    assert block.lesson_score == 0
