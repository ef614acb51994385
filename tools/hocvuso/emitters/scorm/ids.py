"""Identifiers LMSs key learner data on, derived only from stable course data.

Manifest identifiers must be ``xs:ID`` (an NCName: letter first, no colon or
space); run-time identifiers (objective and interaction ids) must also be a
SCORM 1.2 CMIIdentifier, so they keep to ``[A-Za-z0-9_-]``.  Nothing here
depends on titles, positions or time, so a rebuilt package replaces the old
one in an LMS without orphaning learners' progress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hocvuso.model import Course

SAFE = re.compile(r"[^A-Za-z0-9_-]+")
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
CMI_ID = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
OBJECTIVE_PREFIX = "nls-"  # năng lực số: the national digital-competence framework


def safe(text: str) -> str:
    """``text`` with every run of characters outside [A-Za-z0-9_-] replaced by '-'."""
    return SAFE.sub("-", text).strip("-")


def objective_id(code: str) -> str:
    """The SCORM objective id of a competency code: '4.2' → 'nls-4-2'."""
    return OBJECTIVE_PREFIX + safe(code)


def interaction_id(question_id: str) -> str:
    """Question ids are already lowercase ASCII, digits and '-' (checked by the loader)."""
    return safe(question_id)


@dataclass(frozen=True, slots=True)
class PackageIds:
    """The manifest identifiers of one package (one SCO)."""

    manifest: str
    organization: str
    item: str
    resource: str


def package_ids(course: Course, version: str) -> PackageIds:
    """Identifiers from the course's org, number and run (its Open edX key), never from a counter."""
    base = safe(f"{course.org}-{course.number}-{course.run}")
    manifest = f"hocvuso-{base}-scorm{version}"
    return PackageIds(manifest, f"ORG-{base}", f"ITEM-{base}", f"RES-{base}")
