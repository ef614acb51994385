"""The assessment block speaks its course's language (the item bank's course.language): Khmer, English,
Vietnamese by default; a word with no translation stays Vietnamese; handlers' messages too."""

from __future__ import annotations

import copy
import html

import pytest

from hocvuso_xblocks import strings
from tests.xblock.harness import Harness

pytestmark = pytest.mark.usefixtures("django_workbench", "xblock_settings")


def _in(language: str, tmp_path, bank_policy) -> Harness:
    bank, policy = bank_policy
    bank = copy.deepcopy(bank)
    bank["course"]["language"] = language
    return Harness(tmp_path, bank, policy)


@pytest.mark.parametrize("language", ["km", "en"])
def test_the_learner_page_is_in_the_course_language(language, tmp_path, bank_policy):
    page = _in(language, tmp_path, bank_policy).view()
    words = strings.TRANSLATIONS[language]
    assert f'lang="{language}"' in page
    for key in ("intro", "start", "competencies_heading"):
        assert html.escape(words[key]) in page, key
    assert strings.VI["start"] not in page


def test_a_vietnamese_course_keeps_its_words(tmp_path, bank_policy):
    page = _in("vi", tmp_path, bank_policy).view()
    assert strings.VI["start"] in page and strings.TRANSLATIONS["km"]["start"] not in page


def test_handler_messages_follow_the_course_language(tmp_path, bank_policy):
    h = _in("km", tmp_path, bank_policy)
    status, body = h.call("submit", {"form_id": "none", "answers": {}})
    assert status >= 400
    assert body == {"error": strings.TRANSLATIONS["km"]["err_no_form"]}


def test_every_translation_has_the_placeholders_of_the_vietnamese():
    import string

    fields = string.Formatter()
    for language, words in strings.TRANSLATIONS.items():
        for key, text in words.items():
            assert key in strings.VI, (language, key)
            assert {f[1] for f in fields.parse(text) if f[1]} == {f[1] for f in fields.parse(strings.VI[key]) if f[1]}, key


def test_outside_a_view_the_words_are_vietnamese():
    assert strings.T["start"] == strings.VI["start"]
    with strings.speaking("km"):
        assert strings.T["start"] == strings.TRANSLATIONS["km"]["start"]
        assert strings.T["studio_intro"] == strings.VI["studio_intro"]  # staff words stay Vietnamese
    assert strings.T["start"] == strings.VI["start"]
