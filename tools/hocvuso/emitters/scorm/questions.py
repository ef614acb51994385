"""Questions → what ``templates/scorm/question.html`` needs to draw their accessible forms.

Everything a learner sees is plain HTML in the page (readable and checkable
without running JavaScript); the answer keys go to the data block
(:mod:`.data`).  Matching targets and ordering items use single-character
keys because SCORM 1.2 response formats only allow single characters
(``1.a,2.c``); the order they are shown in is the shared rule of
:mod:`hocvuso.emitters.presentation`, so Open edX shows the same.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.emitters.presentation import matching_targets, scrambled_order
from hocvuso.model import QuestionType, with_assets

if TYPE_CHECKING:
    from hocvuso.model import Framework, Item, Pair, Question

ASSETS = "assets/"
KEYS = "abcdefghijklmnopqrstuvwxyz0123456789"
SOURCE_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"


def h(fragment: str) -> str:
    """An HTML fragment from the model with asset URLs pointing into the package."""
    return with_assets(fragment, ASSETS)


def ordering_keys(q: Question) -> list[str]:
    """The key of each ordering item, items in the right order.

    Not a, b, c in the right order (the page would then show the answer in its
    data-key attributes): a fixed permutation of the letters, from the question id.
    """
    n = len(q.items)
    ranks = sorted(range(n), key=lambda i: hashlib.sha256(f"{q.id}|{i}".encode()).hexdigest())
    keys = [KEYS[ranks.index(i)] for i in range(n)]
    return keys[1:] + keys[:1] if keys == list(KEYS[:n]) else keys


def dom_id(question: Question) -> str:
    return f"q-{question.id}"


@dataclass(frozen=True, slots=True)
class QuestionView:
    """One question as its form shows it, numbered ``number`` in its lesson."""

    question: Question
    number: int
    id: str  # the form's DOM id, which the player finds it by
    competency_name: str
    targets: tuple[tuple[str, str], ...] = ()  # matching: (key, answer) in the order shown
    matches: tuple[tuple[str, Pair], ...] = ()  # matching: (source key, pair) per row
    order: tuple[tuple[str, Item], ...] = ()  # ordering: (key, item) in the scrambled order shown


def question_view(q: Question, number: int, framework: Framework) -> QuestionView:
    """What the question template needs for ``q``."""
    competency = framework.competencies.get(q.competency)
    targets: tuple[tuple[str, str], ...] = ()
    matches: tuple[tuple[str, Pair], ...] = ()
    order: tuple[tuple[str, Item], ...] = ()
    if q.type is QuestionType.MATCHING:
        targets = tuple(zip(KEYS, matching_targets(q), strict=False))
        matches = tuple(zip(SOURCE_KEYS, q.matches, strict=False))
    elif q.type is QuestionType.ORDERING:
        keys = ordering_keys(q)
        order = tuple((keys[i], q.items[i]) for i in scrambled_order(q.items))
    return QuestionView(q, number, dom_id(q), competency.name if competency else "", targets, matches, order)
