"""The few words drawn on slides and lesson cards, or written in their alt text, per language.

Vietnamese is the default; a language without a word here gets the Vietnamese
one.  The Khmer words are a DRAFT machine-assisted translation (a native
speaker reviews them with the Khmer pilot, docs/content-review.md).
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "vi": {"lesson": "BÀI {number}", "minutes": "{minutes} phút", "figure": "Hình minh hoạ: {alt}"},
    "en": {"lesson": "LESSON {number}", "minutes": "{minutes} min", "figure": "Picture: {alt}"},
    "km": {"lesson": "មេរៀនទី {number}", "minutes": "{minutes} នាទី", "figure": "រូបភាព៖ {alt}"},
}


def word(language: str, key: str, **args: object) -> str:
    """``key``'s words in ``language`` (its primary subtag, else Vietnamese), filled with ``args``."""
    table = WORDS.get(language) or WORDS.get(language.partition("-")[0]) or {}
    return (table.get(key) or WORDS["vi"][key]).format(**args)
