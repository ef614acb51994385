"""Output formats.  Each emitter is registered here or under the entry-point
group ``hocvuso.emitters`` (so the XBlock package or a province can add one)."""

from __future__ import annotations

from importlib.metadata import entry_points

from hocvuso.emitters.base import Emitter


def registry() -> dict[str, type[Emitter]]:
    """Every known emitter class by name, built-in ones first."""
    from hocvuso.emitters.case import CaseEmitter
    from hocvuso.emitters.guide import GuideEmitter
    from hocvuso.emitters.handout import HandoutEmitter
    from hocvuso.emitters.media import MediaEmitter
    from hocvuso.emitters.olx import OlxEmitter
    from hocvuso.emitters.scorm import ScormEmitter

    found: dict[str, type[Emitter]] = {"olx": OlxEmitter, "case": CaseEmitter, "scorm": ScormEmitter,
                                         "media": MediaEmitter, "guide": GuideEmitter, "handout": HandoutEmitter}
    for ep in entry_points(group="hocvuso.emitters"):
        found.setdefault(ep.name, ep.load())
    return found


__all__ = ["Emitter", "registry"]
