"""The lesson video in a real browser (headless Chromium): it plays, seeks to the right slide, shows captions."""

from __future__ import annotations

import http.server
import json
import re
import threading
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import webvtt
from PIL import Image, ImageChops, ImageStat

PAGE = """<!doctype html><html lang="vi"><body style="margin:0">
<video id="v" width="1280" height="720" muted preload="auto" src="lesson.mp4">
<track kind="captions" srclang="vi" label="Tiếng Việt" src="lesson.vtt" default></video></body></html>"""


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with byte ranges: browsers seek in a video only when the server serves ranges."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if not path.is_file() or match is None:
            self.span = None
            return super().send_head()
        size = path.stat().st_size
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else size - 1
        handle = path.open("rb")
        handle.seek(first)
        self.span = last - first + 1
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(self.span))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return handle

    def copyfile(self, source, outputfile):  # type: ignore[override]
        if self.span is None:
            super().copyfile(source, outputfile)
        else:
            outputfile.write(source.read(self.span))

    def log_message(self, format, *args):  # type: ignore[override]
        pass


@contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_chromium_plays_seeks_and_captions_the_lesson(lesson_dir: Path, tmp_path: Path, artifacts: Path, chromium):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("lesson.mp4", "lesson.vtt"):
        (site / name).write_bytes((lesson_dir / name).read_bytes())
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    slides = json.loads((lesson_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    target = slides[2]
    cue_count = len(webvtt.read(str(lesson_dir / "lesson.vtt")).captions)
    with serve(site) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 720})
        try:
            page = context.new_page()
            page.goto(f"{base}/index.html")
            assert page.evaluate("document.getElementById('v').canPlayType('video/mp4; codecs=\"avc1.640028, mp4a.40.2\"')")
            page.wait_for_function("document.getElementById('v').readyState >= 2", timeout=15000)
            info = page.evaluate("(() => { const v = document.getElementById('v'); "
                                 "return [v.duration, v.videoWidth, v.videoHeight, v.textTracks[0].cues.length]; })()")
            assert abs(info[0] - slides[-1]["end"]) <= 0.1
            assert info[1:] == [1280, 720, cue_count]
            at = (target["start"] + target["end"]) / 2
            page.evaluate("t => new Promise(done => { const v = document.getElementById('v'); "
                          "v.onseeked = () => done(); v.currentTime = t; })", at)
            page.wait_for_timeout(400)
            caption = page.evaluate("Array.from(document.getElementById('v').textTracks[0].activeCues).map(c => c.text)")
            page.locator("#v").screenshot(path=str(artifacts / "browser-seek-mid-lesson.png"))
        finally:
            context.close()
    shown = Image.open(artifacts / "browser-seek-mid-lesson.png").convert("RGB").resize((1280, 720))

    def distance(slide: dict) -> float:
        return sum(ImageStat.Stat(ImageChops.difference(shown, Image.open(lesson_dir / slide["file"]).convert("RGB"))).mean)

    assert min(slides, key=distance) is target
    assert caption and all(part.replace("\n", " ") in target["narration"] for part in caption)
