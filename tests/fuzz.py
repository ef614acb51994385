"""A mutation fuzzer over the real lessons, item banks and course files.

Each input is one real source file (from courses/) with one to four seeded
mutations: hostile tokens inserted (control characters, fences, headings,
quiz tokens, YAML anchors, impossible dates, huge numbers, encoded
``javascript:``, over-long names…), lines deleted, repeated, swapped or cut.
It is placed in a small course of the same learner group and loaded and
checked as ``hocvuso check`` does.  The invariant:

- loading and checking never raise (exit 0 or 1 with coded diagnostics, never
  a traceback) and never take longer than ``--limit`` seconds (no hang);
- every diagnostic has a catalogue code and a location in the sandbox, and
  renders in both languages;
- whatever ``check`` accepts (no error) builds (OLX + SCORM, no video) and
  every XML file of the OLX archive and the SCORM manifests parse with lxml.

``make test`` runs a few thousand inputs (tests/core/test_fuzz.py).  The full
campaign::

    .venv/bin/python -m tests.fuzz --inputs 100000 --seed 1

prints the figures (inputs, accepted, built, crashes, hangs) and writes each
crashing input under ``--out`` (default build/fuzz/) to replay.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import shutil
import signal
import sys
import tarfile
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from hocvuso import project as project_module
from hocvuso.build import Builder
from hocvuso.diagnostics import Diagnostics, Severity
from hocvuso.diagnostics.codes import CODES
from hocvuso.loader.framework import load_framework
from hocvuso.model import Framework
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load

ROOT = Path(__file__).resolve().parents[1]
COURSES = ROOT / "courses"
MEDIA_DIRS = ("images", "audio", "video", "files")
# What `hocvuso check` passes to project.load (cli.cmd_check): the fuzzer checks exactly as a user does.
CHECK_OPTIONS: dict[str, object] = {"translations": True, "voices": ""}

# What authors and attackers type: every token of the syntax, and every input that once crashed.
TOKENS = (
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe", "\u202e", "\ufeff", "\t", "\t\t", "\r",
    ":::", "::: quiz", "::: quiz competency=4.2", "::: quiz in-video", "::: teacher", "::: narration",
    "::: narration audio=../audio/x.mp3", "::: task", "::: khac", "::::", "## ", "# ", "### ", "---", "...",
    "*a) ", "a) ", "b) ", "[*] ", "[ ] ", "= ", "= 1e400", "= [1, 5]", "= 3 +- 10%", "> ", " -> ", "> _ -> ",
    "~ ", "... ", "? ", "! ", "+ ", "- ", "% ", "1. ", "99. ", "Id: ", "Id: cau-x", "Competency: ",
    'Competency: "4.2"', "Competency: 9.9", "Level: ", "Level: XX", "Points: 1e400", "Points: -1",
    "Points: nan", "Type: dropdown", "Type: matching", "Title: ", "{#x}", "{#Bad Id}", "{#}",
    "&a ", "*a", "[*a, *a, *a]", "<<: *a", "!!binary x", "!!python/object:os.system", "? ", "|", ">-",
    "2026-02-30", "2026-13-45", "1e400", ".inf", ".nan", "9" * 400, "-0", "0x1F", "true", "null", "~",
    "%00", "%3A", "%0A", "&#106;", "javascript:", "JaVaScRiPt:alert(1)", "java%0Ascript:", "data:text/html,x",
    "http://", "https://", "//example.com/x", "mailto:a@b", "file:///etc/passwd", "C:\\x", "\\\\host\\x",
    "<img src=https://x/p.png>", "<img src=a.png>", "<script>x</script>", "<a href=http://x>",
    "<iframe>", "<svg onload=x>", "<!--", "-->", "<", ">", "&", "![", "](", "![a](", "![](x.png)",
    "![a](../images/khong-co.png)", "![a](images/x.png)", "![a](../../x.png)", "[a](../files/x.pdf)",
    "![V](https://youtu.be/x)", "![V](https://[x)", "![A](../audio/x.mp3)", "../", "../../", "/etc/passwd",
    "a" * 300, "đ" * 200, "'", '"', "{", "}", "[", "]", "`", "```", "~~~", "*", "_", "**", "|", "\\",
    "\n", "\n\n", "  ", "   ", "    ", "id: ", "competencies: ", "level: CB2", "duration: 0", "duration: 999",
    "objectives: ", "summary: 2026-02-30", "start: ", "end: 2020-01-01", "points: 1000000000000000000000",
    "points: -1", "criteria: []", "levels:", "  - points: 1", "assessments: [robot]", "feedback: maybe",
    "practice_weight: .inf", "max_attempts: 100000", "engine: moodle", "group: khac", "image: \"a\\0\"",
    "lessons: [lessons/" + "b" * 300 + ".md]",
)


@dataclass(frozen=True, slots=True)
class Seed:
    """A real source file: its group, the sandbox path it takes, and its text."""

    group: str
    rel: str
    text: str


@dataclass(slots=True)
class Failure:
    """An input that broke the invariant: what happened and the input itself."""

    kind: str  # 'crash', 'hang', 'bad-diagnostic', 'build'
    seed: str
    detail: str
    text: str


@dataclass(slots=True)
class Figures:
    inputs: int = 0
    accepted: int = 0
    built: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for f in self.failures if f.kind == kind)

    def line(self) -> str:
        return (f"inputs {self.inputs}, accepted {self.accepted}, built {self.built}, crashes {self.count('crash')}, "
                f"hangs {self.count('hang')}, bad diagnostics {self.count('bad-diagnostic')}, "
                f"build failures {self.count('build')}, {self.seconds:.1f} s")


class HangError(Exception):
    """An input ran past the time limit."""


# --- seeds ----------------------------------------------------------------------------


def load_seeds(courses: Path = COURSES) -> list[Seed]:
    """Every lesson, a few item-bank excerpts and every course.yaml (lesson paths renamed to the sandbox's)."""
    seeds: list[Seed] = []
    for course in sorted(p.parent for p in courses.glob("*/course.yaml")):
        group = course.name
        for lesson in sorted((course / "lessons").glob("*.md")):
            seeds.append(Seed(group, "lessons/bai.md", lesson.read_text(encoding="utf-8")))
        for bank in sorted((course / "bank").glob("*.md")):
            blocks = bank.read_text(encoding="utf-8").split("\n::: quiz")
            for start in range(1, len(blocks), 3):  # excerpts of three blocks: banks are long
                seeds.append(Seed(group, "bank/bai.md", "::: quiz" + "\n::: quiz".join(blocks[start:start + 3])))
        seeds.append(Seed(group, "course.yaml", sandbox_course_yaml((course / "course.yaml").read_text("utf-8"))))
    return seeds


def sandbox_course_yaml(text: str) -> str:
    """A real course.yaml pointing at the sandbox's stub lessons and bank."""
    counter = iter(range(1, 1000))
    text = re.sub(r"lessons/[^\s\],]+\.md", lambda m: f"lessons/stub-{next(counter)}.md", text)
    return re.sub(r"bank/[^\s\],]+\.md", "bank/bai.md", text)


STUB = """---
id: stub-{n}
title: Bài {n}
competencies: [{code}]
level: {level}
duration: 10
objectives: [Làm được một việc]
---

## Mục một

Nội dung của bài.

::: quiz competency={code}
Id: stub-{n}-cau-1
1. Câu hỏi?
*a) Đúng
b) Sai
c) Cũng sai
:::
"""

BASE_COURSE = """org: BDHVS
course: FUZZ
run: "2026-1"
title: Khoá thử
start: 2026-01-15
chapters:
  - id: chuong-1
    title: Chương 1
    lessons: [lessons/bai.md]
bank: [bank/bai.md]
"""


class Sandbox:
    """A courses folder with one small course per learner group (real media, stub lessons)."""

    def __init__(self, root: Path, framework: Framework) -> None:
        self.root = root / "courses"
        self.framework = framework
        self.root.mkdir(parents=True)
        shutil.copyfile(COURSES / "framework.yaml", self.root / "framework.yaml")
        self.base: dict[Path, str] = {}
        for course in sorted(p.parent for p in COURSES.glob("*/course.yaml")):
            if course.name in framework.profiles:
                self._course(course)

    def _course(self, real: Path) -> None:
        folder = self.root / real.name
        for name in MEDIA_DIRS:
            if (real / name).is_dir():
                shutil.copytree(real / name, folder / name)
        profile = self.framework.profiles[real.name]
        code, level = profile.codes[0], profile.target_level
        for n in range(1, 40):
            self._write(folder / "lessons" / f"stub-{n}.md", STUB.format(n=n, code=code, level=level))
        first = STUB.format(n=0, code=code, level=level).replace("stub-0", "bai")
        self._write(folder / "lessons" / "bai.md", first)
        self._write(folder / "bank" / "bai.md", STUB.format(n=0, code=code, level=level).split("---\n", 2)[2]
                    .replace("competency=", f"level={level} competency=").replace("stub-0-cau-1", "bank-cau-1"))
        self._write(folder / "course.yaml", BASE_COURSE)

    def _write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.base[path] = text

    @contextlib.contextmanager
    def placed(self, seed: Seed, text: str) -> Iterator[Path]:
        """The sandbox with ``text`` in place of the seed's file, restored afterwards."""
        path = self.root / seed.group / seed.rel
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            yield self.root / seed.group
        finally:
            path.write_text(self.base[path], encoding="utf-8")


# --- mutations ------------------------------------------------------------------------


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.5:  # at a line start, where tokens mean most
        at = text.rfind("\n", 0, at) + 1
    return text[:at] + rng.choice(TOKENS) + text[at:]


def _lines(fn: Callable[[random.Random, list[str]], None]) -> Callable[[random.Random, str], str]:
    def mutate(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        if lines:
            fn(rng, lines)
        return "\n".join(lines)
    return mutate


def _delete_line(rng: random.Random, lines: list[str]) -> None:
    del lines[rng.randrange(len(lines))]


def _repeat_line(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])


def _swap_lines(rng: random.Random, lines: list[str]) -> None:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]


def _indent_line(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines))
    lines[i] = rng.choice((" ", "  ", "   ", "    ", "\t")) + lines[i] if rng.random() < 0.7 else lines[i].lstrip()


def _cut(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _flip(rng: random.Random, text: str) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + chr(rng.choice((0, 1, 9, 10, 32, 35, 42, 45, 58, 62, 91, 93, 123, 125, 126, 0x110, 0x1EA1))) + text[at + 1:]


MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    _insert, _insert, _insert, _lines(_delete_line), _lines(_repeat_line), _lines(_swap_lines),
    _lines(_indent_line), _cut, _flip,
)


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(MUTATIONS)(rng, text)
    return text


# --- running ------------------------------------------------------------------------------


def _alarm(signum: int, frame: object) -> None:
    raise HangError


def check_input(sandbox: Sandbox, folder: Path, limit: float) -> Diagnostics:
    """Load and check one course folder as ``hocvuso check`` does; raise HangError past ``limit`` seconds."""
    diags = Diagnostics()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        load(Project(sandbox.root), [folder.name], diags, **CHECK_OPTIONS)
        for d in diags:  # rendering is part of what a user sees
            diags.render(d, "vi")
            diags.render(d, "en")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return diags


def bad_diagnostic(diags: Diagnostics, sandbox: Sandbox) -> str | None:
    for d in diags:
        if CODES.get(d.code.id) is not d.code:
            return f"{d.code.id} is not in the catalogue"
        if sandbox.root not in d.loc.path.parents and d.loc.path != sandbox.root:
            return f"{d.code.id} located outside the sandbox: {d.loc}"
    return None


def build_and_validate(courses: Path, group: str, out: Path) -> str | None:
    """Build OLX and SCORM (no video) and parse every XML file; the problem, or None."""
    diags = Diagnostics()
    report = Builder(Project(courses), out, ["olx", "scorm"], BuildOptions(video=False), force=True,
                     log=lambda m: None).run([group], diags)
    if not report.ok:
        return "build refused what check accepted: " + "; ".join(diags.render(d, "en") for d in diags)[:2000]
    archives = [out / rel for rel in report.written if rel.startswith("olx/") and rel.endswith(".tar.gz")]
    packages = [out / rel for rel in report.written if rel.startswith("scorm") and rel.endswith(".zip")]
    if not archives or not packages:
        return f"the build wrote no OLX archive or SCORM package: {report.written}"
    for archive in archives:
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.endswith(".xml"):
                    etree.fromstring(tar.extractfile(member).read())  # type: ignore[union-attr]
    for package in packages:
        with zipfile.ZipFile(package) as files:
            etree.fromstring(files.read("imsmanifest.xml"))
    return None


@contextlib.contextmanager
def framework_read_once(framework: Framework) -> Iterator[None]:
    """``project.load`` reads framework.yaml for every input; no input mutates it, so it is read once."""
    original = project_module.load_framework
    project_module.load_framework = lambda path, diags: framework  # type: ignore[assignment]
    try:
        yield
    finally:
        project_module.load_framework = original


def run(inputs: int, seed: int = 1, limit: float = 10.0, build_every: int = 1, work: Path | None = None,
        log: Callable[[str], None] | None = None) -> Figures:
    """Run ``inputs`` mutated inputs from ``seed``; return the figures (failures carry their input)."""
    rng = random.Random(seed)
    figures = Figures()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hocvuso-fuzz-", dir=work) as tmp:
        diags = Diagnostics()
        framework = load_framework(COURSES / "framework.yaml", diags)
        assert framework is not None, "courses/framework.yaml does not load"
        sandbox = Sandbox(Path(tmp), framework)
        seeds = [s for s in load_seeds() if (sandbox.root / s.group).is_dir()]
        out = Path(tmp) / "build"
        with framework_read_once(framework):
            for number in range(inputs):
                chosen = rng.choice(seeds)
                text = mutate(rng, chosen.text)
                figures.inputs += 1
                _one(sandbox, chosen, text, limit, figures, out, build_every)
                if log and (number + 1) % 1000 == 0:
                    figures.seconds = time.perf_counter() - started
                    log(figures.line())
    figures.seconds = time.perf_counter() - started
    return figures


def _one(sandbox: Sandbox, chosen: Seed, text: str, limit: float, figures: Figures, out: Path,
         build_every: int) -> None:
    name = f"{chosen.group}/{chosen.rel}"
    with sandbox.placed(chosen, text) as folder:
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                diags = check_input(sandbox, folder, limit)
        except HangError:
            figures.failures.append(Failure("hang", name, f"over {limit} s", text))
            return
        except Exception:
            figures.failures.append(Failure("crash", name, traceback.format_exc(), text))
            return
        problem = bad_diagnostic(diags, sandbox)
        if problem:
            figures.failures.append(Failure("bad-diagnostic", name, problem, text))
            return
        if diags.worst() is not None and diags.worst() >= Severity.ERROR:
            return
        figures.accepted += 1
        if build_every and figures.accepted % build_every == 0:
            try:
                problem = build_and_validate(sandbox.root, chosen.group, out)
            except Exception:
                problem = traceback.format_exc()
            figures.built += 1
            if problem:
                figures.failures.append(Failure("build", name, problem, text))


def replay(folder: Path, limit: float = 10.0, work: Path | None = None) -> Figures:
    """Run again the failing inputs that :func:`save_failures` wrote (each built when check accepts it)."""
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="hocvuso-fuzz-", dir=work) as tmp:
        framework = load_framework(COURSES / "framework.yaml", Diagnostics())
        assert framework is not None, "courses/framework.yaml does not load"
        sandbox = Sandbox(Path(tmp), framework)
        with framework_read_once(framework):
            for saved in sorted(folder.glob("*.input")):
                seed = saved.with_suffix(".txt").read_text(encoding="utf-8").split("\n", 1)[0]
                group, _, rel = seed.partition("/")
                text = saved.read_bytes().decode("utf-8", "surrogatepass")
                figures.inputs += 1
                _one(sandbox, Seed(group, rel, text), text, limit, figures, Path(tmp) / "build", 1)
    return figures


def save_failures(figures: Figures, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for number, failure in enumerate(figures.failures, 1):
        stem = out / f"{number:04d}-{failure.kind}"
        stem.with_suffix(".input").write_bytes(failure.text.encode("utf-8", "surrogatepass"))
        stem.with_suffix(".txt").write_text(f"{failure.seed}\n{failure.detail}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000, help="how many mutated inputs (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same inputs)")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds one input may take before it is a hang")
    parser.add_argument("--build-every", type=int, default=1,
                        help="build every n-th accepted input (default 1: all; 0: never)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz", help="where failing inputs are written")
    parser.add_argument("--replay", type=Path, metavar="DIR", help="run again the failing inputs saved in DIR")
    args = parser.parse_args(argv)
    if args.replay:
        figures = replay(args.replay, args.limit)
        print(figures.line())
        for failure in figures.failures:
            print(f"{failure.kind} in {failure.seed}: {failure.detail}", file=sys.stderr)
        return 1 if figures.failures else 0
    figures = run(args.inputs, args.seed, args.limit, args.build_every, log=lambda line: print(line, flush=True))
    print(figures.line())
    if figures.failures:
        save_failures(figures, args.out)
        print(f"{len(figures.failures)} failing input(s) written to {args.out}", file=sys.stderr)
    return 1 if figures.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
