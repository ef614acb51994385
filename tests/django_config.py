"""One Django configuration for the whole test session.

ORA2's parser (tests/olx) and the XBlock workbench (tests/xblock) both need
Django, and Django can be configured once per process.  The root conftest
calls :func:`configure` before any test module is collected, so the result
does not depend on which folder pytest happens to collect first; the
workbench fixture then lays its own settings over this base.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import django
from django.conf import settings

# The session's Chromium (Playwright's sync API) keeps an asyncio loop open in the
# test thread, which Django's ORM takes for an async context; the tests' database
# calls are synchronous, so Django's documented switch for this case is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ORA2_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "submissions",
             "openassessment.assessment", "openassessment.workflow", "openassessment.xblock"]


def configure() -> None:
    """Configure Django with ORA2's apps and an in-memory database, and create its tables."""
    if settings.configured:
        return
    settings.configure(
        INSTALLED_APPS=ORA2_APPS,
        # A file, not ":memory:": an in-memory database vanishes whenever Django
        # closes its connection, which other code in the session may do.
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                               "NAME": str(Path(tempfile.mkdtemp(prefix="hocvuso-django-")) / "tests.db")}},
        USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command

    # ORA2's rubric validator looks rubrics up in its tables, as it does in Studio.
    call_command("migrate", run_syncdb=True, verbosity=0)
