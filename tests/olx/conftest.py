"""The sample course (every question type, a rubric task, teacher notes) built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_courses as build
from tests.conftest import copy_sample  # noqa: F401
from tests.conftest import extract_olx as extract


@pytest.fixture(scope="session")
def sample_build(sample_courses: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample-build")
    build(sample_courses, out, ["olx", "case"])
    return out


@pytest.fixture(scope="session")
def sample_olx(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract(sample_build / "olx" / "citizens.tar.gz", tmp_path_factory.mktemp("sample-olx"))
