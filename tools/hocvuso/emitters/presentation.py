"""Presentation rules the OLX and SCORM emitters must apply alike.

Not an emitter: both import it, so that a learner sees the same matching
answers in the same order, the same scrambled ordering steps, and the same
media sources and captions in Open edX as in a SCORM package.  Markup stays
with each emitter; only the decisions live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hocvuso.model import ASSET_PREFIX

if TYPE_CHECKING:
    from hocvuso.model import Item, Media, Question

STATIC = "/static/"  # where Open edX serves a course's files (what asset URLs become in OLX)
CAPTIONS_LANGUAGE = "vi"  # the authors' own caption tracks are in the source language
CAPTIONS_LABEL = "Tiếng Việt"  # the captions track's name in the player's menu
# Each language named in itself: the captions track's label in the player's menu.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "km": "ភាសាខ្មែរ"}


def language_name(language: str) -> str:
    """The name of ``language`` in itself ('km' → 'ភាសាខ្មែរ'), else the tag."""
    return LANGUAGE_NAMES.get(language, LANGUAGE_NAMES.get(language.split("-", maxsplit=1)[0], language))


def matching_targets(q: Question) -> list[str]:
    """A matching question's distinct answers in the order shown: sorted, so not the answer order."""
    return sorted(dict.fromkeys(q.targets), key=str.casefold)


def scrambled_order(items: tuple[Item, ...]) -> list[int]:
    """Positions of an ordering question's items as shown: sorted by text, rotated if that is the answer."""
    order = sorted(range(len(items)), key=lambda i: items[i].text.casefold())
    if order == list(range(len(items))):
        order = order[1:] + order[:1]
    return order


@dataclass(frozen=True, slots=True)
class MediaSource:
    """What a player needs to play a course audio or video file: URLs are still ``@asset/``
    references, for each emitter's :func:`hocvuso.model.with_assets`."""

    kind: str  # "audio" or "video"
    title: str
    src: str
    mime: str  # a video's type, e.g. "video/mp4" ('' for audio, which plays from its src)
    captions: str  # '' when the file has no captions track


def media_source(media: Media) -> MediaSource:
    """The file, type and captions of a course media file (``media.asset`` must be set)."""
    assert media.asset is not None
    captions = f"{ASSET_PREFIX}{media.captions.name}" if media.captions else ""
    mime = f"video/{media.asset.path.suffix.lstrip('.').lower()}" if media.kind == "video" else ""
    return MediaSource(media.kind, media.title, f"{ASSET_PREFIX}{media.asset.name}", mime, captions)
