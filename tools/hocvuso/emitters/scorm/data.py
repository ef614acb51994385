"""The data block the player reads: pages, questions with their answer keys,
competency objectives and the pass rule, as compact JSON.

Its shape is written down once, in ``player/data.schema.json`` (JSON Schema,
with each single-letter key's readable name as its title); the tests validate
every built package against it and check that ``player/hocvuso.js`` reads no
key it does not declare.  Change the three together.

The player grades in the browser (a package must work with no server), so
what it checks against is in the package: not the keys themselves but salted
SHA-256 hashes of every accepted response (:func:`accepted_hashes`), which the
player recomputes from the learner's response.  That keeps the answers out
of the page source, the data block and the LMS's interaction records; it does
not stop a learner who runs the player's own code on every option of a
question (four tries for four options): a browser-graded package is a
practice check, not certification (docs/items.md).  ``fp`` fingerprints the
questions so that a learner's saved answers are only restored into the same
questions.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from typing import TYPE_CHECKING

from hocvuso.emitters.presentation import matching_targets
from hocvuso.emitters.scorm.ids import interaction_id, objective_id
from hocvuso.emitters.scorm.questions import KEYS, ordering_keys
from hocvuso.model import QuestionType, QuizBlock

if TYPE_CHECKING:
    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Course, Lesson, Question

HOME = "hocvuso-home"
PRETEST = "hocvuso-pretest"
FINAL = "hocvuso-final"
RESULTS = "hocvuso-results"
INTERACTION_TYPES = {
    QuestionType.SINGLE: "choice", QuestionType.MULTIPLE: "choice", QuestionType.DROPDOWN: "choice",
    QuestionType.NUMERIC: "numeric", QuestionType.TEXT: "fill-in", QuestionType.MATCHING: "matching",
    QuestionType.ORDERING: "sequencing",
}
DESCRIPTION_LIMIT = 250  # SCORM 2004 localized_string_type(SPM 250)
HASH_DIGITS = 16  # 64 bits of SHA-256: no collision among a question's few candidates
# A numeric answer is checked on a grid of 10^e steps holding both ends of its range;
# the grid is made coarser until the range spans at most this many steps.
NUMERIC_STEPS = 2000
PLACEMENT_PER_COMPETENCY = 2  # the pre-test: short, for a course-level change (post - pre)


def normalise_text(text: str) -> str:
    """How typed answers are compared: NFC, lowercase, single spaces (the player does the same)."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def answer_key(q: Question) -> object:
    """What the engine compares a response with, per question type."""
    if q.type in (QuestionType.SINGLE, QuestionType.DROPDOWN, QuestionType.MULTIPLE):
        return "".join(c.key for c in q.choices if c.correct)
    if q.type is QuestionType.NUMERIC:
        assert q.numeric is not None
        return [q.numeric.low, q.numeric.high, q.numeric.value]
    if q.type is QuestionType.TEXT:
        return list(dict.fromkeys(normalise_text(a) for a in q.answers))
    if q.type is QuestionType.MATCHING:
        shown = matching_targets(q)
        return "".join(KEYS[shown.index(p.right_text)] for p in q.matches)
    return "".join(ordering_keys(q))


def numeric_grid(low: float, high: float) -> tuple[int, list[int]]:
    """(e, ks): the range as grid points k·10^e, with both ends on the grid when the range allows.

    A response x is right when both grid points around it (floor and ceiling of
    x / 10^e) are accepted, which is exactly low ≤ x ≤ high when the ends are on
    the grid, and a little stricter at the ends otherwise.
    """
    def on_grid(e: int) -> bool:
        scaled = [grid_scale(v, e) for v in (low, high)]
        return all(abs(x - round(x)) < 1e-9 * max(1.0, abs(x)) for x in scaled)

    e = -6
    while e < 9 and on_grid(e + 1):
        e += 1  # the coarsest grid with both ends on it: fewest points to hash
    while (high - low) / 10 ** e > NUMERIC_STEPS:
        e += 1
    first, last = math.ceil(grid_scale(low, e) - 1e-9), math.floor(grid_scale(high, e) + 1e-9)
    return e, list(range(first, last + 1))


def grid_scale(value: float, e: int) -> float:
    """value / 10^e, multiplying by an exact power of ten when e < 0 (as the player does)."""
    power = float(10 ** abs(e))
    return value * power if e < 0 else value / power


def accepted(q: Question) -> tuple[list[str], int | None]:
    """Every accepted response in the player's canonical form, and the numeric grid exponent."""
    if q.type is QuestionType.NUMERIC:
        assert q.numeric is not None
        e, points = numeric_grid(q.numeric.low, q.numeric.high)
        return [str(k) for k in points], e
    if q.type is QuestionType.TEXT:
        return list(dict.fromkeys(normalise_text(a) for a in q.answers)), None
    return [str(answer_key(q))], None


def package_salt(manifest_id: str, questions: list[Question]) -> str:
    """A salt per package: the same key hashes to different values in different packages and questions."""
    ids = "|".join(q.id for q in questions)
    return hashlib.sha256(f"hocvuso-salt|{manifest_id}|{ids}".encode()).hexdigest()[:16]


def key_hash(salt: str, qid: str, canonical: str) -> str:
    """SHA-256 of salt|question id|canonical response, first HASH_DIGITS hex digits (the player does the same)."""
    return hashlib.sha256(f"{salt}|{qid}|{canonical}".encode()).hexdigest()[:HASH_DIGITS]


def accepted_hashes(q: Question, salt: str) -> tuple[list[str], int | None]:
    """The sorted hashes of every accepted response (sorted: their order says nothing)."""
    responses, e = accepted(q)
    return sorted({key_hash(salt, interaction_id(q.id), r) for r in responses}), e


def question_entry(q: Question, page: int | None, objectives: list[str], salt: str) -> dict[str, object]:
    """A question as the player grades it: kind, competency, points, shuffling and hashed keys."""
    description = " ".join(q.stem_text.split())
    hashes, exponent = accepted_hashes(q, salt)
    entry: dict[str, object] = {
        "id": interaction_id(q.id), "k": q.type.value, "t": INTERACTION_TYPES[q.type],
        "o": objectives.index(objective_id(q.competency)), "w": q.points,
        "d": description[:DESCRIPTION_LIMIT], "h": hashes, "x": 1 if q.shuffle else 0,
    }
    if page is not None:
        entry["p"] = page
    else:
        entry["lv"] = q.level
    if exponent is not None:
        entry["e"] = exponent
    fixed = "".join(c.key for c in q.choices if c.fixed)
    if fixed:
        entry["f"] = fixed
    return entry


def video_cues(lesson: Lesson, video: LessonVideo) -> list[dict[str, object]]:
    """Where the lesson video pauses, and which questions it asks there."""
    cues = []
    for cue in video.cues:
        section = next((s for s in lesson.sections if s.index == cue.section), None)
        asked = [interaction_id(q.id) for b in (section.blocks if section else ()) if isinstance(b, QuizBlock) and b.in_video
                 for q in b.questions]
        if asked:
            cues.append({"end": round(cue.end, 3), "qs": asked})
    return cues


def player_data(course: Course, version: str, manifest_id: str,
                videos: dict[str, LessonVideo | None]) -> dict[str, object]:
    """Everything the player's script needs, for one SCORM version."""
    objectives = [objective_id(code) for code in course.competencies]
    pages = page_ids(course)
    salt = package_salt(manifest_id, [*course.questions, *course.bank])
    questions = [question_entry(q, pages.index(lesson.id), objectives, salt)
                 for lesson in course.lessons for q in lesson.questions]
    bank = [question_entry(q, None, objectives, salt) for q in course.bank if q.competency in course.profile.codes]
    rule = course.certification.pass_rule
    names = course.framework.competencies
    fingerprint = hashlib.sha256(json.dumps([(q["id"], q["k"], q["h"]) for q in questions]).encode()).hexdigest()[:8]
    return {
        "v": version, "key": manifest_id, "fp": fingerprint, "salt": salt,
        "rule": {"o": rule.overall_threshold, "c": rule.competency_threshold},
        "bank": bank,
        "form": {"n": rule.min_items_per_competency, "pre": PLACEMENT_PER_COMPETENCY,
                 "tries": course.certification.max_attempts or 0,
                 "comps": [objectives.index(objective_id(code)) for code in course.profile.codes]},
        "objs": [[oid, code, f"{code} {names[code].name}"[:DESCRIPTION_LIMIT] if code in names else code]
                 for oid, code in zip(objectives, course.competencies, strict=True)],
        "pages": pages, "qs": questions,
        "video": {lid: video_cues(course_lesson(course, lid), v) for lid, v in videos.items() if v is not None},
    }


def has_checks(course: Course) -> bool:
    """Whether the package has the pre-test and the final check (it needs bank items of the profile)."""
    return any(q.competency in course.profile.codes for q in course.bank)


def page_ids(course: Course) -> list[str]:
    """The player's pages in order: home, pre-test, lessons, final check, results."""
    checks = has_checks(course)
    return [HOME, *([PRETEST] if checks else []), *(lesson.id for lesson in course.lessons),
            *([FINAL] if checks else []), RESULTS]


def course_lesson(course: Course, lesson_id: str) -> Lesson:
    return next(lesson for lesson in course.lessons if lesson.id == lesson_id)


def data_script(data: dict[str, object]) -> str:
    """The JSON inside a <script type="application/json">, safe against '</script>'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
