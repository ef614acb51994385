"""Fixtures of the SCORM tests: the fixture course built once, its packages served, Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scorm_browser import ROOT, Server, unzip
from scorm_course import build_scorm, write_course

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="session")
def scorm_courses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course's courses/ folder."""
    return write_course(tmp_path_factory.mktemp("scorm-course"))


@pytest.fixture(scope="session")
def scorm_build(scorm_courses: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/ with scorm12/citizens.zip and scorm2004/citizens.zip of the fixture course."""
    return build_scorm(scorm_courses, tmp_path_factory.mktemp("scorm-build"))


def openedx_js() -> Path:
    """The folder of openedx-scorm-xblock's own run-time script (scorm.js), from the installed package."""
    import openedxscorm

    return Path(openedxscorm.__file__).parent / "static/js/src"


@pytest.fixture(scope="session")
def server(scorm_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """http://127.0.0.1:<port>: the test LMS page, node_modules, and both packages unzipped at /pkg12, /pkg2004."""
    routes = {"/node_modules": ROOT / "node_modules", "/harness.html": ROOT / "tests/scorm/harness.html",
              "/openedx.html": ROOT / "tests/scorm/openedx.html", "/openedxscorm": openedx_js()}
    for version in ("12", "2004"):
        routes[f"/pkg{version}"] = unzip(scorm_build / f"scorm{version}/citizens.zip", tmp_path_factory.mktemp(f"pkg{version}"))
    srv = Server(routes)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser(chromium):  # type: ignore[no-untyped-def]
    return chromium


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A phone-sized page; fails the test on any script error or request outside 127.0.0.1."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(15000)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    tab.on("request", lambda req: None if req.url.startswith(("http://127.0.0.1", "about:", "data:"))
           else problems.append(f"network request: {req.url}"))
    tab.on("response", lambda res: problems.append(f"{res.status} {res.url}") if res.status >= 400
           and not res.url.endswith("favicon.ico") else None)
    yield tab
    context.close()
    assert not problems, problems
