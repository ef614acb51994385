"""The result file the offline SCORM player saves ("export my results"), collected by a mentor.

Layout (JSON, UTF-8)::

    {"format": "hocvuso-result", "version": 1, "course": "<package id>", "fp": "<question fingerprint>",
     "learner": "<learner id as typed>", "saved": "2026-03-04T10:15:00.000Z",
     "items": [["<question id>", 1, "ab"], ..., ["f1-<item id>", 0, ""], ["pre-<item id>", 1, ""], ...],
     "sig": "<hex HMAC-SHA-256>"}

Each item is [interaction id, 1 = right / 0 = wrong, response], the ids as the package sends them to an LMS
(docs/reports.md, "SCORM results"): first the practice answers (``<question id>``; the response only for choice
questions, the chosen keys), then every graded item of the final check's tries (``f<n>-<item id>``) and of the
pre-test (``pre-<item id>``), which the player keeps in the browser as they are submitted, with an empty response
(right/wrong is all the grading needs; typed answers stay on the device).  The browser holds one learner at a time:
on a shared phone the mentor saves the file, then "Người học tiếp theo" clears the package's answers, tries, kept
checks and learner seed, so the next file carries only the next learner's items.

``sig`` is HMAC-SHA-256 over :func:`signed_text` with the key
``"hocvuso-result|" + course + "|" + fp``.  The key ships inside every copy of
the package, so this detects a file edited by hand or damaged on the way; it
does **not** stop someone who reads the player's code from forging a file (a
browser without a server cannot keep a secret).  See docs/reports.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any

from hocvuso.diagnostics import Location, codes
from hocvuso.reports.results import parse_day, scorm_attempt

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.reports.results import ReadState
    from hocvuso.reports.tables import Tables

FORMAT = "hocvuso-result"
# A learner's file is a few kilobytes (every practice answer and three tries of the final check: under 20 KB); a
# folder of collected files is read file by file, so one huge file must not be read whole.
MAX_RESULT_FILE = 2**20


def signed_text(data: dict[str, Any]) -> str:
    """The text the signature covers: one field per line, items as 'id:0|1:response' joined by ';'."""
    items = ";".join(f"{i[0]}:{i[1]}:{i[2]}" for i in data.get("items", []))
    fields = [FORMAT, str(data.get("version")), str(data.get("course")), str(data.get("fp")), str(data.get("learner")),
              str(data.get("saved")), items]
    return "\n".join(fields)


def signature(data: dict[str, Any]) -> str:
    """The HMAC-SHA-256 the player writes into ``sig`` (hex)."""
    key = f"{FORMAT}|{data.get('course')}|{data.get('fp')}".encode()
    return hmac.new(key, signed_text(data).encode(), hashlib.sha256).hexdigest()


def is_result_file(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def read_result_file(path: Path, out: Tables, state: ReadState, diags: Diagnostics) -> None:
    """One learner's offline result, read as a SCORM attempt's interactions (:func:`results.scorm_attempt`), dated ``saved``.

    Practice answers give item responses and participation; the final check's tries (``f<n>-*``) are graded as the
    player grades them, so a learner whose try passed counts as reached on the file's ``saved`` day; the pre-test
    (``pre-*``) gives the "before" of the pre/post change.
    """
    size = path.stat().st_size
    if size > MAX_RESULT_FILE:
        diags.add(codes.REPORT_TOO_LARGE, Location(path), path=str(path), size=f"{size / 2**20:.1f}",
                  limit=MAX_RESULT_FILE // 2**20)
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        diags.add(codes.REPORT_BAD_JSON, Location(path, getattr(err, "lineno", 0), getattr(err, "colno", 0)),
                  column="(file)", problem=getattr(err, "msg", str(err)))
        return
    well_formed = (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("items"), list)
                   and all(isinstance(i, list) and len(i) == 3 for i in data["items"]))
    if not well_formed:
        diags.add(codes.REPORT_UNKNOWN_FORMAT, Location(path), path=str(path), found="JSON")
        return
    if not hmac.compare_digest(str(data.get("sig", "")), signature(data)):
        diags.add(codes.REPORT_CHECKSUM, Location(path))
        return
    day = parse_day(str(data.get("saved", "")))
    if day is None:
        diags.add(codes.REPORT_BAD_DATE, Location(path), value=str(data.get("saved")), column="saved")
        return
    learner = str(data.get("learner", "")).strip()
    if not state.known(learner, Location(path)):
        return
    answers = [(str(i[0]), i[1] == 1, str(i[2])) for i in data["items"]]
    scorm_attempt(learner, 1, day, answers, out, state, Location(path), source="offline", package=str(data.get("course", "")))
