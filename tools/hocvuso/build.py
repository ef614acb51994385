"""The build driver: load → check → emit into staging → move into build/.

Nothing lands in ``build/`` unless every course loaded without errors and
every emitter finished: outputs are written to a staging folder and moved in
whole.  Unchanged sources are not even loaded again: each (emitter, course)
pair records a digest of everything that shapes it in ``build/.cache``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import hocvuso
from hocvuso.emitters import Emitter, registry
from hocvuso.media.outputs import prepare_media
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load

if TYPE_CHECKING:
    from collections.abc import Callable

    from hocvuso.diagnostics import Diagnostics

STATE_FILE = ".cache/state.json"
STAGING_PREFIX = ".staging-"
SMALL_FILE = 2_000_000


@dataclass(slots=True)
class BuildReport:
    """What a build did, for the command line and for tests."""

    ok: bool
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def tool_digest() -> str:
    """A digest of the compiler's own sources: a new compiler rebuilds everything."""
    digest = hashlib.sha256(hocvuso.__version__.encode())
    package = Path(hocvuso.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """Contents of small files, size and mtime of large ones (videos), with their paths."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        stat = path.stat()
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if stat.st_size <= SMALL_FILE:
            digest.update(path.read_bytes())
        else:
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def remove_stale_staging(out: Path) -> list[str]:
    """Remove staging folders that killed builds left behind; return their names.

    A staging folder is named ``.staging-<pid>-<random>``: one whose process
    is gone (or an older one without a pid) is stale.  A build running at the
    same time into the same folder keeps its own.
    """
    removed = []
    for folder in sorted(out.glob(f"{STAGING_PREFIX}*")):
        if folder.is_dir() and not _alive(folder.name[len(STAGING_PREFIX):].split("-")[0]):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _alive(pid_text: str) -> bool:
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid <= 0 or pid == os.getpid():
        return False  # a folder of this very process is from an earlier, interrupted run
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


class Builder:
    """Runs a build of some courses with some emitters into ``out``."""

    def __init__(self, project: Project, out: Path, emitters: list[str] | None = None,
                 options: BuildOptions | None = None, force: bool = False,
                 log: Callable[[str], None] = print) -> None:
        self.project = project
        self.out = out
        self.options = dataclasses.replace(options or BuildOptions(), cache=out / ".cache")
        known = registry()
        self.emitters: list[Emitter] = [known[name](self.options) for name in (emitters or list(known))]
        self.force = force
        self.log = log

    def run(self, groups: list[str], diags: Diagnostics) -> BuildReport:
        """Build; on any error nothing in ``out`` changes and ``ok`` is False."""
        state = self._read_state()
        base = hashlib.sha256((tool_digest() + self.options.key()).encode())
        if self.project.framework_path.is_file():
            base.update(self.project.framework_path.read_bytes())
        folders = self.project.select(groups, diags)
        if diags.has_errors():  # a course folder named on the command line does not exist
            return BuildReport(ok=False)
        # A variant is stale when its base changes too: digest every folder it reads.
        digests = {f.name: hashlib.sha256((base.hexdigest() + "".join(map(folder_digest, self.project.lineage(f))))
                                          .encode()).hexdigest() for f in folders}
        stale = [f.name for f in folders if self.force or not self._fresh(state, f.name, digests[f.name])]
        report = BuildReport(ok=True, unchanged=[f.name for f in folders if f.name not in stale])
        if not stale:
            return report
        framework, courses = load(self.project, stale, diags, translations=True,
                                  voices=(self.options.tts or "") if self.options.video else None)
        if diags.has_errors() or framework is None:
            report.ok = False
            return report
        remove_stale_staging(self._ensure_out())
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=self.out))
        try:
            needs = frozenset().union(*(e.needs_media for e in self.emitters))
            for course in courses:
                media = prepare_media(course, self.options, needs)
                for emitter in self.emitters:
                    self.log(f"[{emitter.name}] {course.group}")
                    emitter.emit(course, media, staging)
            for emitter in self.emitters:
                emitter.finish(framework, courses, staging)
            report.written = self._move_in(staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for course in courses:
            for emitter in self.emitters:
                state[f"{emitter.name}/{course.group}"] = digests[course.root.name]  # a translation: its folder's
        self._write_state(state)
        report.built = [c.group for c in courses]
        return report

    def _fresh(self, state: dict[str, str], group: str, digest: str) -> bool:
        for emitter in self.emitters:
            if state.get(f"{emitter.name}/{group}") != digest:
                return False
            names = [group, *(f"{group}.{language}" for language in self.project.translations(group))]
            if not all((self.out / rel).is_file() for name in names for rel in emitter.outputs(name)):
                return False  # an output of the course or of one of its translations is missing
        return True

    def _ensure_out(self) -> Path:
        self.out.mkdir(parents=True, exist_ok=True)
        return self.out

    def _move_in(self, staging: Path) -> list[str]:
        moved = []
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                rel = path.relative_to(staging)
                target = self.out / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                moved.append(rel.as_posix())
        return moved

    def _read_state(self) -> dict[str, str]:
        try:
            state = json.loads((self.out / STATE_FILE).read_text())
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in state.items()} if isinstance(state, dict) else {}

    def _write_state(self, state: dict[str, str]) -> None:
        path = self.out / STATE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True))
        os.replace(tmp, path)
