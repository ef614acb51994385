"""Fixtures for the XBlock tests: a real XBlock SDK workbench runtime (Django, sqlite) and keys.

Django is configured here, lazily, the first time a test asks for the
workbench, with ``workbench.settings`` and a database in a temporary folder
(the settings log to ``var/`` relative to the working directory, so set-up
runs inside that folder).  Nothing is configured at import time, so test
folders that never ask for it are not affected.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests.xblock import fixture_bank


@pytest.fixture(scope="session")
def django_workbench(tmp_path_factory: pytest.TempPathFactory):
    """Django with workbench.settings and a migrated sqlite database (once per session).

    When another test folder has configured Django already (tests/olx sets up
    a minimal ORA2 configuration while pytest collects), the workbench's
    settings are laid over it with ``override_settings`` for this session
    (Django re-reads INSTALLED_APPS, URLs and templates on that signal) and
    the workbench's tables are added to that database.
    """
    import django
    from django.conf import settings

    folder = tmp_path_factory.mktemp("workbench")
    (folder / "var").mkdir()
    if settings.configured:
        # Left in force to the end of the session: undoing it runs Django's setting_changed
        # handlers against the bare original settings (no SECRET_KEY); the overlay only adds apps.
        _over_existing_settings()
        settings.MEDIA_ROOT = str(folder / "media")  # issued credentials' files (default storage), not the cwd
        yield folder
        return
    saved = {k: os.environ.get(k) for k in ("DJANGO_SETTINGS_MODULE", "WORKBENCH_DATABASES", "EXCLUDE_SAMPLE_XBLOCKS")}
    os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
    os.environ["EXCLUDE_SAMPLE_XBLOCKS"] = "yes"
    os.environ["WORKBENCH_DATABASES"] = json.dumps(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(folder / "var" / "workbench.db")}})
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        django.setup()
        logging.getLogger("django").setLevel(logging.WARNING)  # workbench.settings logs every SQL query
        from django.core.management import call_command

        call_command("migrate", run_syncdb=True, verbosity=0)  # xblock-sdk 0.14 (Python 3.11) ships no migrations
    finally:
        os.chdir(cwd)
        for key, value in saved.items():  # settings are loaded; leave the environment as it was
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    settings.MEDIA_ROOT = str(folder / "media")  # issued credentials' files (default storage), not the cwd
    yield folder


def _over_existing_settings():
    """Lay workbench.settings over a Django another folder configured; return the active override."""
    import importlib

    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")
    workbench = importlib.import_module("workbench.settings")
    values = {k: getattr(workbench, k) for k in dir(workbench)
              if k.isupper() and k not in ("DATABASES", "LOGGING", "INSTALLED_APPS")}
    apps = list(settings.INSTALLED_APPS)
    values["INSTALLED_APPS"] = apps + [a for a in workbench.INSTALLED_APPS if a not in apps]
    override = override_settings(**values)
    override.enable()
    call_command("migrate", run_syncdb=True, verbosity=0)
    return override


@pytest.fixture(scope="session")
def bank_policy(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fixture course's compiled item bank and policy fields (the stored snapshot; see fixture_bank.py)."""
    return fixture_bank.snapshot()


@pytest.fixture(scope="session")
def issuer_key(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An operator's Ed25519 key pair on disk: {'private': pem, 'public': pem}."""
    folder = tmp_path_factory.mktemp("keys")
    key = ed25519.Ed25519PrivateKey.generate()
    private, public = folder / "issuer.pem", folder / "issuer.pub.pem"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return {"private": private, "public": public}


@pytest.fixture
def xblock_settings(issuer_key: dict[str, Path], django_workbench: Path):
    """XBLOCK_SETTINGS with the operator's key (as an LMS operator would set them)."""
    from django.test import override_settings

    conf = {"hocvuso_assessment": {"PRIVATE_KEY_PATH": str(issuer_key["private"]), "ISSUER_ID": "https://hocvuso.example.vn/issuer",
                                   "ISSUER_NAME": "Sở Giáo dục và Đào tạo (thử nghiệm)"}}
    with override_settings(XBLOCK_SETTINGS=conf):
        yield conf
