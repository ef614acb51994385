"""What the courses say about the items learners answered: competency, points, source ``file:line``.

Loaded with hocvuso's own project loader, so an item id in an LMS export maps
back to the Markdown line its author wrote, and a SCORM package's final check
can be graded by the same certification rule the player applies.

Kept **per course** (the course folder, ``Course.group``): a variant such as
``citizens-tra-vinh`` (``extends: citizens``) asks the same question ids as its
base, and each keeps its own list, rule and source lines.  Results are matched
to a course by :meth:`CourseIndex.course_for`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from hocvuso.model import Course

# SCORM interaction ids of the package's bank checks (player/assess.js): 'f<try>-<item>' and 'pre-<item>'.
FINAL_ID = re.compile(r"f([1-9]\d*)-(.+)")
PRE_PREFIX = "pre-"


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """One question of a course: where it is written and what it measures."""

    id: str
    group: str  # the course folder (Course.group), e.g. 'citizens-tra-vinh'
    competency: str
    points: float
    source: str  # 'courses/<folder>/…:line', relative to the courses folder's parent
    kind: str  # 'practice' (in a lesson, in SCORM) or 'bank' (certification, the SCORM final check and pre-test)
    correct_keys: str = ""  # the right choice keys, e.g. 'ac'; '' for non-choice questions


@dataclass(frozen=True, slots=True)
class Rule:
    """The certification rule of a group: shares per competency and overall."""

    competency: float
    overall: float


@dataclass(slots=True)
class CourseItems:
    """One course's questions by id (practice and bank apart), its pass rule and the keys that name it in exports."""

    folder: str
    profile: str  # the learner-group profile (framework.yaml), e.g. 'citizens' or 'students-upper-secondary'
    rule: Rule
    codes: tuple[str, ...]
    keys: tuple[str, ...]  # 'course-v1:ORG+NUMBER+RUN' of the course and of its translations
    practice: dict[str, ItemInfo] = field(default_factory=dict)
    bank: dict[str, ItemInfo] = field(default_factory=dict)

    def item(self, item_id: str) -> ItemInfo | None:
        return self.practice.get(item_id) or self.bank.get(item_id)

    def serves(self, group: str) -> bool:
        """Whether learners of roster group ``group`` (officials, students, workers, citizens) take this course."""
        return group in (self.folder, self.profile) or self.folder.startswith(group + "-")


@dataclass(slots=True)
class CourseIndex:
    """Courses by folder; competency names by code."""

    courses: dict[str, CourseItems] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def rules(self) -> dict[str, Rule]:
        """Pass rules by course folder."""
        return {name: c.rule for name, c in self.courses.items()}

    @property
    def profiles(self) -> dict[str, tuple[str, ...]]:
        """Profile competency codes by course folder."""
        return {name: c.codes for name, c in self.courses.items()}

    def practice(self, course: str) -> list[ItemInfo]:
        """The practice questions of one course (its lessons'), in course order."""
        found = self.courses.get(course)
        return list(found.practice.values()) if found else []

    def bank(self, course: str) -> list[ItemInfo]:
        """The bank questions of one course (the certification, the SCORM final check and pre-test draw from them)."""
        found = self.courses.get(course)
        return list(found.bank.values()) if found else []

    def find(self, course: str, item: str) -> ItemInfo | None:
        """Item ``item`` of course folder ``course``; without a known course, of the first course (by folder) that has it."""
        if course in self.courses:
            return self.courses[course].item(item)
        return next((c.item(item) for _, c in sorted(self.courses.items()) if c.item(item)), None)

    def course_for(self, group: str, items: Iterable[str] = (), key: str = "") -> str:
        """The folder of the course results came from ('' when none fits).

        ``key`` (an Open edX course key, or a SCORM package id) decides when it names a course.  Otherwise, among
        the courses learners of roster ``group`` take (the base and its variants), the one holding most of the
        answered ``items`` (SCORM interaction ids, 'f<n>-'/'pre-' prefixes allowed); on a tie the course named
        after the group (the base), then the first by folder.
        """
        if key:
            wanted = _fold_key(key)
            for name, course in sorted(self.courses.items()):
                if wanted in {_fold_key(k) for k in course.keys}:
                    return name
        ids = {plain_item(i) for i in items}
        candidates = [c for c in self.courses.values() if c.serves(group)] or list(self.courses.values())
        if not candidates:
            return ""
        best = min(candidates, key=lambda c: (-sum(1 for i in ids if c.item(i)), c.folder != group, c.folder))
        return best.folder


def plain_item(interaction: str) -> str:
    """The question id of a SCORM interaction id: 'f2-abc' → 'abc', 'pre-abc' → 'abc', 'abc' → 'abc'."""
    final = FINAL_ID.fullmatch(interaction)
    if final:
        return final.group(2)
    return interaction.removeprefix(PRE_PREFIX)


def _fold_key(key: str) -> str:
    """A course key and a SCORM package id of the same course fold alike: 'course-v1:BDHVS+KNS-ND+2026-1' and
    'hocvuso-BDHVS-KNS-ND-2026-1-scorm12' → 'bdhvsknsnd20261'."""
    text = key.lower().removeprefix("course-v1:").removeprefix("hocvuso-")
    text = re.sub(r"-scorm(12|2004)$", "", text)
    return re.sub(r"[^0-9a-z]+", "", text)


def _source(courses_dir: Path, loc_path: Path, line: int) -> str:
    """'courses/<folder>/<file>:line', relative to the courses folder's parent (never an absolute path)."""
    rel = os.path.relpath(loc_path.resolve(), courses_dir.resolve().parent)
    return f"{rel.replace(os.sep, '/')}:{line}"


def index_courses(courses: list[Course], courses_dir: Path | None = None) -> CourseIndex:
    """The index of already loaded courses (sources relative to ``courses_dir``'s parent; default: the first
    course's folder's parent)."""
    index = CourseIndex()
    for course in courses:
        base = courses_dir or course.root.parent
        rule = course.certification.pass_rule
        keys = (course.key, *(f"course-v1:{course.org}+{course.number}+{t.run}" for t in course.translations))
        entry = CourseItems(course.group, course.profile.group, Rule(rule.competency_threshold, rule.overall_threshold),
                            tuple(course.profile.codes), keys)
        index.names.update({code: comp.name for code, comp in course.framework.competencies.items()})
        for kind, questions, into in (("practice", course.questions, entry.practice), ("bank", course.bank, entry.bank)):
            for q in questions:
                keys_right = "".join(c.key for c in q.choices if c.correct)
                into[q.id] = ItemInfo(q.id, course.group, q.competency, q.points, _source(base, q.loc.path, q.loc.line),
                                      kind, keys_right)
        index.courses[course.group] = entry
    return index


def load_index(courses_dir: Path, diags: Diagnostics, cache: Path | None = None) -> CourseIndex:
    """Load every course under ``courses_dir`` with the project loader; errors in the courses go to ``diags``.

    Only the loader runs, not the whole-course checks of ``hocvuso check`` (slide fit, outputs, coverage): the
    report needs each question's id, competency, key and line, and the checks took three quarters of the time.
    With ``cache`` (a folder, e.g. ``build/.cache``), an index of the same course texts read by the same loader
    code is read back from there instead (1.7 s → 0.03 s for the five courses); an index is kept only when the
    courses loaded without errors.
    """
    path = cache / f"report-index-{_fingerprint(courses_dir)}.json" if cache is not None else None
    if path is not None:
        kept = _read_cached(path)
        if kept is not None:
            return kept
    index = _load(courses_dir, diags)
    if path is not None and not diags.has_errors():
        _write_cached(path, index)
    return index


def _load(courses_dir: Path, diags: Diagnostics) -> CourseIndex:
    from hocvuso.loader.framework import load_framework
    from hocvuso.loader.variant import load_any

    own = Diagnostics()
    framework = load_framework(courses_dir / "framework.yaml", own)
    courses: list[Course] = []
    if framework is not None:
        loaded: dict[Path, Course | None] = {}  # a base several variants extend is read once
        for folder in sorted(p.parent for p in courses_dir.glob("*/course.yaml")):
            course = load_any(folder, framework, own, loaded)
            if course is not None:
                courses.append(course)
    if own.has_errors():
        diags.extend(own)
    return index_courses(courses, courses_dir)


# Files whose text the index is made of, and the code that reads them: a change to either makes a new fingerprint.
_COURSE_TEXTS = (".md", ".yaml", ".yml", ".po")
CACHE_FORMAT = 1


def _fingerprint(courses_dir: Path) -> str:
    """A digest of every course text under ``courses_dir`` (path and content) and of the loader's and this module's code."""
    import hashlib
    from pathlib import Path

    import hocvuso

    digest = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    code = Path(hocvuso.__file__).parent
    sources = [*sorted((code / "loader").glob("*.py")), *sorted((code / "model").glob("*.py")), Path(__file__)]
    texts = sorted(p for p in courses_dir.rglob("*") if p.suffix.lower() in _COURSE_TEXTS and p.is_file())
    for root, files in ((code, sources), (courses_dir, texts)):
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _read_cached(path: Path) -> CourseIndex | None:
    """The index kept at ``path``; None when there is none or it cannot be read (it is then made again)."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        index = CourseIndex(names=dict(data["names"]))
        for c in data["courses"]:
            entry = CourseItems(c["folder"], c["profile"], Rule(*c["rule"]), tuple(c["codes"]), tuple(c["keys"]))
            for kind, into in (("practice", entry.practice), ("bank", entry.bank)):
                for fields in c[kind]:
                    info = ItemInfo(*fields)
                    into[info.id] = info
            index.courses[entry.folder] = entry
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return index


def _write_cached(path: Path, index: CourseIndex) -> None:
    """Keep ``index`` at ``path`` (written aside, then renamed, so a reader never sees half a file)."""
    import json

    courses = [{"folder": c.folder, "profile": c.profile, "rule": [c.rule.competency, c.rule.overall],
                "codes": list(c.codes), "keys": list(c.keys),
                **{kind: [[i.id, i.group, i.competency, i.points, i.source, i.kind, i.correct_keys]
                          for i in items.values()] for kind, items in (("practice", c.practice), ("bank", c.bank))}}
               for c in index.courses.values()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        aside = path.with_name(f".{path.name}.{os.getpid()}")
        aside.write_text(json.dumps({"names": index.names, "courses": courses}, ensure_ascii=False), encoding="utf-8")
        os.replace(aside, path)
        for old in path.parent.glob("report-index-*.json"):  # an index of older course texts is never read again
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a cache that cannot be written only costs the next run the loading time
