"""The sample course (every question type, a rubric task, teacher notes) built once."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.emitters import BuildOptions
from hocvuso.project import Project
from tests.conftest import copy_sample  # noqa: F401 (re-exported for tests/olx and tests/guide)


def build(courses: Path, out: Path, emitters: list[str]) -> Diagnostics:
    diags = Diagnostics()
    report = Builder(Project(courses), out, emitters, BuildOptions(video=False), log=lambda m: None).run([], diags)
    assert report.ok, "\n".join(diags.render(d, "en") for d in diags)
    return diags


def extract(archive: Path, dest: Path) -> Path:
    """Unpack an OLX archive (refusing unsafe members, as Studio does) and return course/."""
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    return dest / "course"


@pytest.fixture(scope="session")
def sample_build(sample_courses: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample-build")
    build(sample_courses, out, ["olx", "case"])
    return out


@pytest.fixture(scope="session")
def sample_olx(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract(sample_build / "olx" / "citizens.tar.gz", tmp_path_factory.mktemp("sample-olx"))
