"""Small hand-made rosters and LMS exports for ``hocvuso report``, and a helper that runs it.

The "town" fixture, used by most tests (every expected number in the tests is
worked out from this list by hand):

* Xã An: citizens c01–c12, officials o01–o05;  Xã Bình: citizens c13–c18.
* Certification passed: c01–c07, c13 (citizens), o01–o04 (officials); c08 failed; the rest have no result.
* A credential with every pass except c07's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.run import Request, build_report
from tests.conftest import copy_sample

ROSTER_HEADER = ["Mã người học", "Nhóm đối tượng", "Tỉnh/thành phố", "Xã/phường", "Thôn/tổ dân phố", "Năm sinh", "Khuyết tật",
                 "Mã hộ gia đình", "Mã người hướng dẫn", "Họ và tên"]
PR_HEADER = ["username", "title", "location", "Attempt", "Competencies", "Credential", "Form", "Mode", "Overall", "Passed",
             "Submitted", "block_key", "state"]
BLOCK = "block-v1:BDHVS+KNS-ND+2026-1+type@hocvuso_assessment+block@final"

PLAN = """\
id: thu
title: Kế hoạch thử
issuer: UBND tỉnh Thử
seed: none.txt
area: Tỉnh Thử
unit_level: commune
{units}
targets:
  - {{kpi: reached, group: citizens, share: 0.6, comparison: more_than, deadline: 2026-12-31, label: Người dân, cite: "trên 60%"}}
  - {{kpi: reached, group: officials, share: 0.8, deadline: 2026-12-31, label: Cán bộ, cite: "80%"}}
  - {{kpi: confirmed, group: citizens, share: 0.4, deadline: 2026-12-31, label: Xác nhận, cite: "40%"}}
  - {{kpi: attended, group: all, segment: elderly, share: 1.0, deadline: 2026-12-31, label: Người cao tuổi, cite: "100%"}}
  - {{kpi: mentors, group: all, share: 1.0, min_mentees: 5, deadline: 2026-12-31, label: Mentor, cite: "ít nhất 5"}}
  - {{kpi: households, group: all, share: 1.0, deadline: 2026-12-31, label: Hộ, cite: "mỗi hộ"}}
reporting:
  - {{every: quarter, due_day: 15, due_month: last, to: UBND tỉnh, cite: "trước ngày 15 tháng cuối mỗi Quý"}}
"""


def town_roster() -> list[list[str]]:
    """The town's roster rows (without header); names are there to prove they never reach an output."""
    rows = []
    for i in range(1, 19):
        commune = "Xã An" if i <= 12 else "Xã Bình"
        elderly = i in (1, 2, 3, 4, 5, 9)  # born 1950: 76 at the end of 2026
        rows.append([f"c{i:02d}", "Người dân", "Tỉnh Thử", commune, "Thôn 1", "1950" if elderly else "1990",
                     "x" if i == 3 else "", f"h{(i + 1) // 2:02d}", "m1" if i <= 6 else "m2" if i <= 8 else "",
                     f"Nguyễn Văn Thử {i}"])
    for i in range(1, 6):
        rows.append([f"o{i:02d}", "Cán bộ, công chức, viên chức", "Tỉnh Thử", "Xã An", "Thôn 2", "1985", "", f"k{i:02d}", "",
                     f"Trần Thị Mẫu {i}"])
    return rows


def cert_row(user: str, passed: bool, day: str = "2026-03-10", attempt: int = 1, mode: str = "certification",
             credential: bool | None = None, shares: dict[str, float] | None = None) -> list[str]:
    comps = {code: {"share": s, "level": "CB2" if s >= 0.6 else None} for code, s in (shares or {"4.2": 0.8}).items()}
    cred = passed if credential is None else credential
    return [user, "Đánh giá cuối khoá", "Khoá > Đánh giá", str(attempt), json.dumps(comps, separators=(",", ":")),
            f"urn:uuid:{user}" if cred else "", "f-1", mode, "0.8" if passed else "0.5", "true" if passed else "false",
            f"{day}T08:00:00Z", BLOCK, "{}"]


def town_results() -> list[list[str]]:
    rows = [cert_row(f"c{i:02d}", True, credential=i != 7) for i in range(1, 8)]
    rows.append(cert_row("c08", False))
    rows.append(cert_row("c13", True, day="2026-05-02"))
    rows += [cert_row(f"o{i:02d}", True, day="2026-02-20") for i in range(1, 5)]
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    data = text.getvalue()
    if encoding == "cp1258":
        path.write_bytes(to_windows_1258(data))
    else:
        path.write_text(data, encoding=encoding, newline="")
    return path


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_windows_1258(text: str) -> bytes:
    """How Excel on a Vietnamese Windows saves text: base letters precomposed (ê, ơ, ư, ă, đ), tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.fixture(scope="session")
def courses_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course (tests/olx/sample, group citizens) with the real framework, and a test plan."""
    courses = copy_sample(tmp_path_factory.mktemp("report-courses"))
    (courses / "plans").mkdir()
    (courses / "plans" / "thu.yaml").write_text(PLAN.format(units=""), encoding="utf-8")
    (courses / "plans" / "thu-units.yaml").write_text(
        PLAN.format(units="units: [Xã An, Xã Bình]").replace("id: thu", "id: thu-units"), encoding="utf-8")
    return courses


class Runner:
    """Runs ``build_report`` on files written into a test's folder."""

    def __init__(self, root: Path, courses: Path) -> None:
        self.root, self.courses = root, courses

    def file(self, name: str, header: list[str], rows: list[list[str]], **kw: str) -> Path:
        return write_csv(self.root / name, header, rows, **kw)

    def roster(self, rows: list[list[str]] | None = None, name: str = "roster.csv", **kw: str) -> Path:
        return self.file(name, ROSTER_HEADER, town_roster() if rows is None else rows, **kw)

    def results(self, rows: list[list[str]] | None = None, name: str = "responses.csv") -> Path:
        return self.file(name, PR_HEADER, town_results() if rows is None else rows)

    def run(self, roster: Path, results: list[Path], plan: str = "thu", min_cell: int = 5, engine: str = "duckdb",
            as_of: dt.date = dt.date(2026, 12, 31)):  # type: ignore[no-untyped-def]
        diags = Diagnostics()
        req = Request(plan=plan, roster=roster, results=tuple(results), as_of=as_of, courses=self.courses,
                      out=self.root / "build", engine=engine, min_cell=min_cell)
        return build_report(req, diags), diags


@pytest.fixture
def runner(tmp_path: Path, courses_dir: Path) -> Runner:
    return Runner(tmp_path, courses_dir)


def found(diags: Diagnostics, code: str) -> list[str]:
    """'file:row:col' of every diagnostic with ``code`` (file name only)."""
    return [f"{d.loc.path.name}:{d.loc.line}:{d.loc.col}" for d in diags if d.code.id == code]


def row(report, table: str, **match: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The one row of a report table whose columns equal ``match``."""
    t = report.tables[table]
    rows = [dict(zip(t.columns, r, strict=True)) for r in t.rows]
    chosen = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(chosen) == 1, (match, rows)
    return chosen[0]


__all__ = ["Runner", "cert_row", "found", "row", "shutil", "town_results", "town_roster", "write_csv"]
