"""Diagnostics: the catalogue of coded problems (:mod:`.codes`), how bad each is
(:mod:`.severity`), the collector that locates and renders them (:mod:`.collector`)
and the catalogue as documentation (:mod:`.catalogue`).

Every stage of the pipeline reports an author's mistake here as a value, never
as an exception, so that one run reports everything at once.
"""

from hocvuso.diagnostics.collector import CompilerError, Diagnostic, Diagnostics, Location, display_path
from hocvuso.diagnostics.severity import Severity

__all__ = ["CompilerError", "Diagnostic", "Diagnostics", "Location", "Severity", "display_path"]
