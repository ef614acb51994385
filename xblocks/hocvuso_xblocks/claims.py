"""One grading per form: an atomic claim on the form id in Django's shared cache.

``cache.add`` stores a key only if it is absent and says whether it did; on
memcached and Redis (what Open edX runs) that is one atomic operation across
every LMS process, and Django's local-memory cache does it under a lock.  So
of N requests submitting the same form exactly one claims it and is graded;
the claim is kept (the form is spent) and released only when grading fails
before anything was recorded.  The attempt log is the second line: a form id
already in it is refused even after the claim has expired.
"""

from __future__ import annotations

import hashlib

CLAIM_SECONDS = 7 * 24 * 3600


class TakenError(Exception):
    """Another request has claimed (and graded) this form."""


def form_key(usage_id: str, user_id: str, form_id: str) -> str:
    """A short cache key (memcached keys are limited to 250 plain characters)."""
    digest = hashlib.sha256(f"{usage_id}\n{user_id}\n{form_id}".encode()).hexdigest()[:40]
    return f"hocvuso:form:{digest}"


def claim(key: str) -> bool:
    """Claim ``key``; False when it is already claimed."""
    from django.core.cache import cache  # the LMS's (and the workbench's) configured cache

    return bool(cache.add(key, 1, CLAIM_SECONDS))


def release(key: str) -> None:
    from django.core.cache import cache

    cache.delete(key)
