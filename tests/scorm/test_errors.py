"""Bad input gives the checker's errors and no package, never a broken one."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from scorm_course import write_course

if TYPE_CHECKING:
    from pathlib import Path


def test_a_course_with_an_error_builds_no_package(tmp_path: Path) -> None:
    courses = write_course(tmp_path)
    lesson = courses / "citizens/lessons/02-hai.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("*b) Từ chối và gác máy", "b) Từ chối và gác máy"),
                      encoding="utf-8")
    out = tmp_path / "build"
    done = subprocess.run([sys.executable, "-m", "hocvuso", "build", "--only", "scorm", "--no-video", "--lang", "en",
                           "--courses", str(courses), "--out", str(out)], capture_output=True, text=True, check=False,
                          env={**os.environ, "HOCVUSO_LANG": "en"})
    assert done.returncode == 1
    assert "02-hai.md" in done.stderr
    assert "HV302" in done.stderr or "correct" in done.stderr
    assert not list(out.rglob("*.zip"))
