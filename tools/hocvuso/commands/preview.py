"""``hocvuso preview <group>``: play a built SCORM package in a real SCORM run-time and show what it reports.

A small web server on 127.0.0.1 serves a host page that creates the
scorm-again API (the npm package in ``node_modules/``), plays the package
from its zip in a frame, and shows beside it what an LMS would record:
status, score, bookmark, every interaction and every competency objective,
updated as the learner answers.  Reloading the page resumes, as an LMS does;
"Làm lại từ đầu" starts a fresh attempt.
"""

from __future__ import annotations

import mimetypes
import sys
import threading
import zipfile
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import argparse

HOST_PAGE = Path(__file__).parent / "preview.html"
RUNTIME = Path("node_modules/scorm-again/dist/scorm-again.min.js")


@dataclass(frozen=True, slots=True)
class PreviewSite:
    """What the preview server serves: the group's two packages and the run-time script."""

    group: str
    packages: dict[str, Path]
    runtime: Path

    def host_page(self) -> bytes:
        return HOST_PAGE.read_text(encoding="utf-8").replace("{{group}}", self.group).encode()

    def resolve(self, path: str) -> tuple[bytes, str] | None:
        """The body and content type for a URL path, or None (404)."""
        if path in ("/", "/index.html"):
            return self.host_page(), "text/html; charset=utf-8"
        if path == "/runtime/scorm-again.min.js":
            return self.runtime.read_bytes(), "text/javascript"
        for version, package in self.packages.items():
            prefix = f"/sco{version}/"
            if path.startswith(prefix):
                return _from_zip(package, path[len(prefix):])
        return None


def _from_zip(package: Path, name: str) -> tuple[bytes, str] | None:
    with zipfile.ZipFile(package) as zf:
        try:
            data = zf.read(name)
        except KeyError:
            return None
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return data, f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "xml")) else kind


def make_server(site: PreviewSite, port: int = 0) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1 only (nothing outside this computer can reach it)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = site.resolve(unquote(urlsplit(self.path).path))
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def find_runtime(*starts: Path) -> Path | None:
    """scorm-again's browser bundle in the nearest node_modules/ above any of ``starts``."""
    for start in starts:
        for folder in (start, *start.parents):
            if (folder / RUNTIME).is_file():
                return folder / RUNTIME
    return None


def serve_in_background(site: PreviewSite, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start the preview server in a daemon thread; return it and its URL (for tests and tools)."""
    server = make_server(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_preview(args: argparse.Namespace) -> int:
    """The ``preview`` command: build the group's packages (unless --no-build), then serve until Ctrl-C."""
    from hocvuso.emitters.scorm import VERSIONS, package_path

    vi = args.lang == "vi"
    if not args.no_build and not _build(args):
        return 1
    packages = {v: args.out / package_path(v, args.group) for v in VERSIONS}
    missing = [str(p) for p in packages.values() if not p.is_file()]
    if missing:
        print(("Chưa có gói: " if vi else "Not built: ") + ", ".join(missing), file=sys.stderr)
        return 1
    runtime = find_runtime(Path.cwd(), Path(__file__).resolve().parent)
    if runtime is None:
        print("Không tìm thấy node_modules/scorm-again: chạy 'npm ci' ở thư mục gốc của kho." if vi
              else "node_modules/scorm-again not found: run 'npm ci' at the repository root.", file=sys.stderr)
        return 1
    server = make_server(PreviewSite(args.group, packages, runtime), args.port)
    url = f"http://127.0.0.1:{server.server_address[1]}/?v={args.version}"
    print((f"Xem trước tại {url} (Ctrl-C để dừng)" if vi else f"Preview at {url} (Ctrl-C to stop)"), flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _build(args: argparse.Namespace) -> bool:
    from hocvuso.build import Builder
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.options import BuildOptions
    from hocvuso.project import Project

    diags = Diagnostics(args.ignore)
    report = Builder(Project(args.courses), args.out, ["scorm"], BuildOptions(video=not args.no_video),
                     log=lambda m: print(m, file=sys.stderr)).run([args.group], diags)
    for diag in diags:
        print(diags.render(diag, args.lang), file=sys.stderr)
    return report.ok
