"""Shared fixtures: the repository's courses, small fixture courses, and builds.

Builds of the real courses are made once per test session and per set of
emitters (``built``), so each area's tests read the same outputs a user
gets from ``make build``.
"""

from __future__ import annotations

import shutil
import tarfile
import textwrap
from pathlib import Path

import pytest

from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load
from tests.django_config import configure

configure()  # before any test module is collected: see tests/django_config.py

ROOT = Path(__file__).resolve().parents[1]
COURSES = ROOT / "courses"
GROUPS = tuple(sorted(p.parent.name for p in COURSES.glob("*/course.yaml")))  # every course in courses/


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session.

    Playwright's sync API runs one event loop per thread, so every browser test
    shares this browser (each opens its own context) instead of starting another.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def build_courses(courses: Path, out: Path, emitters: list[str], video: bool = False, force: bool = False) -> Diagnostics:
    """Build ``courses`` with ``emitters`` into ``out``; fail the test with every message if it fails."""
    diags = Diagnostics()
    report = Builder(Project(courses), out, emitters, BuildOptions(video=video), force=force, log=lambda m: None).run([], diags)
    assert report.ok, "building the courses failed:\n" + "\n".join(diags.render(d, "en") for d in diags)
    return diags


def extract_olx(archive: Path, dest: Path) -> Path:
    """Unpack an OLX archive (refusing unsafe members, as Studio does) and return its course/ folder."""
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    return dest / "course"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """``built(["olx", "case"])`` → the build folder of all four courses (made once per set)."""
    cache: dict[tuple[tuple[str, ...], bool], Path] = {}

    def make(emitters: list[str], video: bool = False) -> Path:
        key = (tuple(sorted(emitters)), video)
        if key not in cache:
            out = tmp_path_factory.mktemp("build-" + "-".join(key[0]))
            build_courses(COURSES, out, list(key[0]), video)
            cache[key] = out
        return cache[key]

    return make


class FixtureCourse:
    """A small course written into a temporary folder, with the real framework."""

    def __init__(self, root: Path, group: str = "citizens") -> None:
        self.courses = root / "courses"
        self.dir = self.courses / group
        self.dir.mkdir(parents=True)
        shutil.copyfile(COURSES / "framework.yaml", self.courses / "framework.yaml")
        self.write("course.yaml", COURSE_YAML)

    def write(self, rel: str, text: str) -> Path:
        path = self.dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def lesson(self, body: str, front: str = "", name: str = "lessons/bai.md") -> Path:
        """Write a lesson with valid front matter (overridable) and ``body``."""
        return self.write(name, LESSON_FRONT.format(extra=textwrap.dedent(front)) + textwrap.dedent(body).lstrip("\n"))

    def image(self, rel: str, size: tuple[int, int] = (40, 30)) -> Path:
        from PIL import Image

        path = self.dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (200, 30, 30)).save(path)
        return path

    @property
    def project(self) -> Project:
        return Project(self.courses)


COURSE_YAML = """
org: BDHVS
course: TEST
run: "2026-1"
title: Khoá thử
start: 2026-01-15
chapters:
  - id: chuong-1
    title: Chương 1
    lessons:
      - lessons/bai.md
"""
LESSON_FRONT = """---
id: bai-thu
title: Bài thử
competencies: [4.2]
level: CB2
duration: 10
objectives:
  - Làm được một việc
{extra}---
"""


@pytest.fixture
def fixture_course(tmp_path: Path) -> FixtureCourse:
    """An empty but valid citizens course in a temporary folder (add lessons to it)."""
    return FixtureCourse(tmp_path)


# --- the sample course of tests/olx/sample: every question type, a task, notes --------------

SAMPLE = Path(__file__).parent / "olx" / "sample"
FRAMEWORK = Path(__file__).resolve().parents[1] / "courses" / "framework.yaml"


def copy_sample(dest: Path) -> Path:
    """The sample course under dest/courses/citizens, with the real framework; returns courses/."""
    courses = dest / "courses"
    shutil.copytree(SAMPLE, courses / "citizens")
    shutil.copyfile(FRAMEWORK, courses / "framework.yaml")
    return courses



@pytest.fixture(scope="session")
def sample_courses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_model(sample_courses: Path):
    diags = Diagnostics()
    _, courses = load(Project(sample_courses), [], diags)
    assert not diags.has_errors()
    return courses[0]
