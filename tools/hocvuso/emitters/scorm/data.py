"""The data block the player reads: pages, questions with their answer keys,
competency objectives and the pass rule, as compact JSON.

Its shape is written down once, in ``player/data.schema.json`` (JSON Schema,
with each single-letter key's readable name as its title); the tests validate
every built package against it and check that ``player/hocvuso.js`` reads no
key it does not declare.  Change the three together.

The player grades in the browser (a package must work with no server), so
the keys are in the package; this is practice, not certification.  ``fp``
fingerprints the questions so that a learner's saved answers are only
restored into the same questions.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import TYPE_CHECKING

from hocvuso.emitters.presentation import matching_targets
from hocvuso.emitters.scorm.ids import interaction_id, objective_id
from hocvuso.emitters.scorm.questions import KEYS
from hocvuso.model import QuestionType, QuizBlock

if TYPE_CHECKING:
    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Course, Lesson, Question

HOME = "hocvuso-home"
RESULTS = "hocvuso-results"
INTERACTION_TYPES = {
    QuestionType.SINGLE: "choice", QuestionType.MULTIPLE: "choice", QuestionType.DROPDOWN: "choice",
    QuestionType.NUMERIC: "numeric", QuestionType.TEXT: "fill-in", QuestionType.MATCHING: "matching",
    QuestionType.ORDERING: "sequencing",
}
DESCRIPTION_LIMIT = 250  # SCORM 2004 localized_string_type(SPM 250)


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
    return KEYS[: len(q.items)]


def question_entry(q: Question, page: int, objectives: list[str]) -> dict[str, object]:
    description = " ".join(q.stem_text.split())
    return {
        "id": interaction_id(q.id), "k": q.type.value, "t": INTERACTION_TYPES[q.type],
        "o": objectives.index(objective_id(q.competency)), "w": q.points, "p": page,
        "d": description[:DESCRIPTION_LIMIT], "a": answer_key(q),
    }


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
    pages = [HOME, *(lesson.id for lesson in course.lessons), RESULTS]
    questions = [question_entry(q, pages.index(lesson.id), objectives) for lesson in course.lessons for q in lesson.questions]
    rule = course.certification.pass_rule
    names = course.framework.competencies
    fingerprint = hashlib.sha256(json.dumps([(q["id"], q["k"], q["a"]) for q in questions]).encode()).hexdigest()[:8]
    return {
        "v": version, "key": manifest_id, "fp": fingerprint,
        "rule": {"o": rule.overall_threshold, "c": rule.competency_threshold},
        "objs": [[oid, code, f"{code} {names[code].name}"[:DESCRIPTION_LIMIT] if code in names else code]
                 for oid, code in zip(objectives, course.competencies, strict=True)],
        "pages": pages, "qs": questions,
        "video": {lid: video_cues(course_lesson(course, lid), v) for lid, v in videos.items() if v is not None},
    }


def course_lesson(course: Course, lesson_id: str) -> Lesson:
    return next(lesson for lesson in course.lessons if lesson.id == lesson_id)


def data_script(data: dict[str, object]) -> str:
    """The JSON inside a <script type="application/json">, safe against '</script>'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
