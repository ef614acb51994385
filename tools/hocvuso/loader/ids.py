"""Identifiers that LMSs key learner state on.

Authors give lessons, chapters and (optionally) questions explicit ids; ids
never derive from titles or text, so editing text or reordering lessons keeps
every learner's progress.  Questions without an ``Id:`` are numbered within
their lesson, which stays stable unless questions are inserted before them.
"""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


RESERVED_PREFIX = "hocvuso-"


def is_valid_id(value: str) -> bool:
    """Lowercase ASCII letter first, then letters, digits and '-', at most 64; not 'hocvuso-…'."""
    return bool(ID_PATTERN.match(value)) and not value.startswith(RESERVED_PREFIX)
