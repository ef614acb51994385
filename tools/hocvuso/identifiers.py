"""Stable identifiers shared by every output: CASE UUIDs and URNs.

The CASE export, the certification item bank (which the XBlock copies into
credentials) and ``hocvuso verify`` must derive the same identifier from the
same framework code, so the rule lives here, below all of them.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/hocvuso/hocvuso/case")
BASE_URI = "urn:hocvuso:case"
# The CASE document's title: also the framework title the item bank hands to the XBlock.
FRAMEWORK_TITLE = "Khung năng lực số (TT 02/2025/TT-BGDĐT và nhóm 0 của QĐ 757/QĐ-BKHCN)"


def ident(*parts: str) -> str:
    """A lowercase RFC 4122 UUID derived from ``parts`` (the same on every build)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def case_uri(kind: str, identifier: str) -> str:
    """The URN of a CASE object, e.g. ``urn:hocvuso:case:CFItems:<uuid>``."""
    return f"{BASE_URI}:{kind}:{identifier}"
