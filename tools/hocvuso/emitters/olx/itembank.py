"""The course's certification item bank as the JSON the assessment XBlock stores.

This JSON is the contract between the compiler and the separately installed
``hocvuso-xblocks`` package (see xblocks/README.md, "Item-bank format"): the
block never imports hocvuso, so everything it needs — questions with their
answers, the group profile with framework levels and CASE ids, and the
lessons to revisit per competency — is in here.  The policy (pass rule, time
and attempt limits) travels separately as the block's Studio-editable fields
(:func:`policy_fields`), so Studio edits are never shadowed by the bank.

Per-item feedback, hints and explanations are left out on purpose: the
certification view reveals only the competency profile, since the next
attempt draws from the same bank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hocvuso.emitters.presentation import STATIC
from hocvuso.identifiers import FRAMEWORK_TITLE, case_uri, ident
from hocvuso.model import QuestionType, with_assets

if TYPE_CHECKING:
    from hocvuso.model import Course, Question

FORMAT = "hocvuso-itembank"
VERSION = 1


def item_bank(course: Course) -> dict[str, Any]:
    """The item bank of ``course``: profile competencies and their bank questions."""
    fw = course.framework
    codes = course.profile.codes
    return {
        "format": FORMAT,
        "version": VERSION,
        "course": {"key": course.key, "title": course.title, "group": course.group, "language": course.language},
        "framework": {"version": fw.version, "title": FRAMEWORK_TITLE,
                      "case_document": ident("document", fw.version)},
        "profile": {"group": course.profile.group, "name": course.profile.name, "target_level": course.profile.target_level},
        "levels": [{"code": lv.code, "step": lv.step, "name": lv.name} for lv in fw.levels.values()],
        "competencies": [_competency(course, code) for code in codes],
        "questions": [question(q) for q in course.bank if q.competency in codes],
    }


def _competency(course: Course, code: str) -> dict[str, Any]:
    fw = course.framework
    level = course.profile.level_of(code) or course.profile.target_level
    item_id, level_id = ident("item", code), ident("level", code, level)
    lessons = [lesson for lesson in course.lessons
               if code in lesson.competencies or any(q.competency == code for q in lesson.questions)]
    return {
        "code": code, "name": fw.competencies[code].name, "domain": fw.competencies[code].domain,
        "level": level, "level_name": fw.levels[level].name if level in fw.levels else level,
        "case_id": item_id, "case_uri": case_uri("CFItems", item_id),
        "level_case_id": level_id, "level_case_uri": case_uri("CFRubricCriterionLevels", level_id),
        "lessons": [{"id": lesson.id, "title": lesson.title} for lesson in lessons],
    }


def question(q: Question) -> dict[str, Any]:
    """One question with what grading needs (answers included: this never reaches a browser)."""
    out: dict[str, Any] = {"id": q.id, "type": q.type.value, "competency": q.competency, "level": q.level,
                           "points": q.points, "stem_html": with_assets(q.stem_html, STATIC)}
    if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.DROPDOWN):
        out["choices"] = [{"html": with_assets(c.html, STATIC), "text": c.text, "correct": c.correct} for c in q.choices]
    elif q.type is QuestionType.NUMERIC and q.numeric is not None:
        out["numeric"] = {"value": q.numeric.value, "tolerance": q.numeric.tolerance}
    elif q.type is QuestionType.TEXT:
        out["answers"] = list(q.answers)
    elif q.type is QuestionType.MATCHING:
        out["matches"] = [{"left_html": with_assets(p.left_html, STATIC), "right": p.right_text} for p in q.matches]
        out["targets"] = list(q.targets)
    elif q.type is QuestionType.ORDERING:
        out["items"] = [{"html": with_assets(i.html, STATIC)} for i in q.items]
    return out


def policy_fields(course: Course) -> dict[str, Any]:
    """The block's policy fields (pass rule and certification policy) from the course."""
    cert = course.certification
    rule = cert.pass_rule
    return {
        "time_limit_minutes": cert.time_limit_minutes, "max_attempts": cert.max_attempts, "wait_hours": cert.wait_hours,
        "competency_threshold": rule.competency_threshold, "overall_threshold": rule.overall_threshold,
        "min_items_per_competency": rule.min_items_per_competency,
    }
