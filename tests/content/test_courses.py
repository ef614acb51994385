"""The shipped courses, as a reviewer would check them: complete, covered, plain.

Content rules come from the curriculum issue: at least 8 lessons of 5–15
minutes, 3–6 practice questions with feedback in each, teacher notes,
sources, every question type, a rubric task, at least 6 certification items
per profile competency, sentences of at most 35 words, and no lesson whose
reading time exceeds its stated duration.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from hocvuso.commands.coverage import coverage, render
from hocvuso.diagnostics import Diagnostics
from hocvuso.model import Prose, QuestionType, QuizBlock
from hocvuso.project import Project, load

from ..conftest import COURSES, GROUPS

MAX_SENTENCE_WORDS = 35
# Adults new to reading on screens read Vietnamese slowly; 150 words a minute is
# a conservative pace for plain text (the lesson's duration also covers practice).
WORDS_PER_MINUTE = 150
SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\n+")  # a ";" list item counts as its own sentence


@pytest.fixture(scope="module")
def courses():
    diags = Diagnostics()
    _, loaded = load(Project(COURSES), [], diags)
    assert not len(diags), "\n".join(diags.render(d, "en") for d in diags)
    return {c.group: c for c in loaded}


def test_every_course_checks_without_errors_or_warnings(courses):
    assert sorted(courses) == sorted(GROUPS)


@pytest.mark.parametrize("group", GROUPS)
def test_coverage_has_no_gap(courses, group):
    table = coverage(courses[group])
    assert table.gaps == {}, render(table)


@pytest.mark.parametrize("group", GROUPS)
def test_course_has_at_least_eight_short_lessons(courses, group):
    lessons = courses[group].lessons
    assert len(lessons) >= 8
    assert all(5 <= lesson.duration <= 15 for lesson in lessons), [(x.id, x.duration) for x in lessons]


@pytest.mark.parametrize("group", GROUPS)
def test_every_lesson_has_objectives_sources_notes_narration_and_three_to_six_questions(courses, group):
    for lesson in courses[group].lessons:
        assert lesson.objectives, lesson.id
        assert lesson.sources, f"{lesson.id} lists no sources for its facts"
        assert lesson.notes, f"{lesson.id} has no teacher notes"
        assert any(s.narration for s in lesson.sections), f"{lesson.id} has no narration"
        assert 3 <= len(lesson.questions) <= 6, (lesson.id, len(lesson.questions))


@pytest.mark.parametrize("group", GROUPS)
def test_every_practice_question_gives_feedback(courses, group):
    for q in courses[group].questions:
        feedback = q.explanation_html or q.correct_html or q.incorrect_html or any(c.feedback_html for c in q.choices)
        assert feedback, f"{q.id} ({q.loc}) gives the learner no feedback"


@pytest.mark.parametrize("group", GROUPS)
def test_course_uses_every_question_type_and_has_a_rubric_task(courses, group):
    course = courses[group]
    assert {q.type for q in course.questions} == set(QuestionType)
    assert course.tasks
    assert all(c.competency in course.profile.codes for t in course.tasks for c in t.criteria)


@pytest.mark.parametrize("group", GROUPS)
def test_bank_items_spread_over_at_least_two_levels_per_competency(courses, group):
    course = courses[group]
    for code in course.profile.codes:
        levels = {q.level for q in course.bank if q.competency == code}
        assert len(levels) >= 2, f"{group} {code}: all items at {levels}"


def learner_text(lesson) -> str:
    """What a learner reads: prose, questions and choices (not teacher notes)."""
    parts = [b.text for s in lesson.sections for b in s.blocks if isinstance(b, Prose)]
    for s in lesson.sections:
        for block in s.blocks:
            if isinstance(block, QuizBlock):
                for q in block.questions:
                    parts += [q.stem_text, *(c.text for c in q.choices), *(i.text for i in q.items)]
    return "\n".join(parts)


@pytest.mark.parametrize("group", GROUPS)
def test_no_sentence_is_longer_than_35_words(courses, group):
    long = []
    for lesson in courses[group].lessons:
        texts = [learner_text(lesson), *(n.text for n in lesson.notes), *(s.spoken for s in lesson.sections)]
        for sentence in SENTENCE_END.split("\n".join(texts)):
            if len(sentence.split()) > MAX_SENTENCE_WORDS:
                long.append(f"{lesson.id}: {sentence[:80]}… ({len(sentence.split())} words)")
    assert long == []


@pytest.mark.parametrize("group", GROUPS)
def test_reading_time_fits_each_lessons_duration(courses, group):
    for lesson in courses[group].lessons:
        minutes = len(learner_text(lesson).split()) / WORDS_PER_MINUTE
        assert minutes <= lesson.duration, f"{lesson.id}: {minutes:.1f} min of reading for {lesson.duration} min"


@pytest.mark.parametrize("group", GROUPS)
def test_text_is_unicode_nfc(group):
    for path in [*sorted((COURSES / group).rglob("*.md")), COURSES / group / "course.yaml"]:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), f"{path} is not NFC (diacritics typed as combining marks)"
