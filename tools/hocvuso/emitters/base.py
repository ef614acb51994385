"""The emitter contract: one class per output format, as Sphinx has one builder per format.

An emitter reads the course model and writes files into a staging folder;
the build driver (:mod:`hocvuso.build`) owns iteration, caching, and moving
finished files into ``build/`` only when every emitter succeeded.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from hocvuso.options import BuildOptions

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia
    from hocvuso.model import Course, Framework


class Emitter(ABC):
    """Turns the course model into one kind of output.

    Subclasses set :attr:`name`, list their files in :meth:`outputs` and write
    them in :meth:`emit`.  :meth:`finish` writes what spans all courses.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    # What the media service must render before this emitter runs (media.outputs COVER, SLIDES, VIDEO).
    needs_media: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, options: BuildOptions | None = None) -> None:
        self.options = options or BuildOptions()

    @abstractmethod
    def outputs(self, group: str) -> list[str]:
        """Paths (relative to build/) that :meth:`emit` writes for the course of ``group``."""

    @abstractmethod
    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        """Write this course's outputs below ``out`` (a staging folder).

        ``media`` holds what :attr:`needs_media` asked for, rendered by the driver.
        """

    def shared_outputs(self, framework: Framework) -> list[str]:
        """Paths of outputs that do not belong to one course."""
        return []

    def finish(self, framework: Framework, courses: list[Course], out: Path) -> None:  # noqa: B027 (optional hook)
        """Write outputs that span every course (e.g. the framework export)."""
