"""Helpers for the SCORM browser tests: a local HTTP server, Chromium, and a learner who answers.

Pages are served over http://127.0.0.1 (under file:// each file is its own
origin and a SCO cannot reach the LMS's API in its parent window).
"""

from __future__ import annotations

import functools
import json
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

ROOT = Path(__file__).resolve().parents[2]


class _Handler(SimpleHTTPRequestHandler):
    """Serves URL prefixes from folders (longest prefix first); quiet."""

    routes: dict[str, Path] = {}  # noqa: RUF012 (replaced per server by a subclass attribute)

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        for prefix in sorted(self.routes, key=len, reverse=True):
            if path.startswith(prefix):
                return str(self.routes[prefix] / path[len(prefix):].lstrip("/"))
        return str(Path("/nonexistent") / path.lstrip("/"))

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    """A threaded HTTP server on 127.0.0.1 and a free port, serving ``routes``."""

    def __init__(self, routes: dict[str, Path]) -> None:
        handler = type("Handler", (_Handler,), {"routes": dict(routes)})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def add(self, prefix: str, folder: Path) -> None:
        self.httpd.RequestHandlerClass.routes[prefix] = folder  # type: ignore[attr-defined]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def unzip(package: Path, dest: Path) -> Path:
    with zipfile.ZipFile(package) as zf:
        zf.extractall(dest)
    return dest


def open_sco(page: Page, base: str, version: str, preload: dict | None = None, host: str = "harness.html") -> Frame:
    """Open an LMS page (scorm-again's, or Open edX's with ``host="openedx.html"``) with the package of
    ``version``; return the SCO's frame once it has started."""
    if preload is not None:
        page.add_init_script(f"window.HV_PRELOAD = {json.dumps(preload)};")
    page.goto(f"{base}/{host}?v={version}&sco=/pkg{version}/index.html")
    frame = page.frame_locator("#sco")
    frame.locator("#hv-pos").wait_for()
    sco = page.frames[1]
    sco.wait_for_function("document.getElementById('hv-pos').textContent !== ''")
    return sco


def state(page: Page) -> dict:
    return page.evaluate("window.hvState()")
