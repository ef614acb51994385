"""HTML pages from Jinja2 templates (``hocvuso/templates/<family>/``), with their UI words.

Not an emitter: the emitters that write HTML pages render them here.  Every
template is autoescaped; a template marks a fragment ``|safe`` only where it
is one of the model's ``*_html`` fields, which the loader already sanitised
(nh3) — escaping those again would show learners their markup as text.

The words a reader sees come from one catalogue per emitter family,
``templates/<family>/strings.yaml``, keyed by language; templates reach them
as ``s.<name>``, and an unknown name fails the build (``StrictUndefined``).
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from babel.messages.pofile import read_po
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from hocvuso.model import with_assets

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_LANGUAGE = "vi"


def _escape_as_before(value: object) -> object:
    """Plain text is escaped as :func:`html.escape` does (``&quot;``, ``&#x27;``), the entities
    the pages had before they were templated, so a rebuilt page stays byte-comparable."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value))
    return value


@cache
def environment() -> Environment:
    """The one Jinja2 environment of the emitters (templates are read once per process)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      finalize=_escape_as_before, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["assets"] = with_assets  # {{ fragment|assets("assets/")|safe }}: asset URLs for this output
    return env


@cache
def strings(family: str, language: str) -> SimpleNamespace:
    """The UI words of ``family`` (e.g. 'scorm') in ``language``, Vietnamese when it has none.

    Vietnamese is ``strings.yaml``; another language is the gettext catalogue
    ``templates/<family>/locale/<lang>.po`` (msgctxt: the word's key, ``player.right`` for a
    nested one; `hocvuso i18n update --ui` writes it), word by word: a word not translated
    yet, or fuzzy, is shown in Vietnamese.  A namespace rather than a dict, so that
    ``s.items`` is a word and never ``dict.items``.
    """
    source = source_words(family)
    own = translated_words(family, language) or translated_words(family, language.partition("-")[0])
    words = {key: {sub: own.get(f"{key}.{sub}") or text for sub, text in value.items()} if isinstance(value, dict)
             else own.get(key) or value for key, value in source.items()}
    return SimpleNamespace(**words)


def source_words(family: str) -> dict[str, Any]:
    """The Vietnamese words of ``family`` (a value is a word, or a table of words)."""
    catalogue: dict[str, dict[str, Any]] = yaml.safe_load((TEMPLATES / family / "strings.yaml").read_text("utf-8"))
    return catalogue[DEFAULT_LANGUAGE]


def ui_catalogue(family: str, language: str) -> Path:
    """Where the ``language`` words of ``family`` live: a PO file beside its strings.yaml."""
    return TEMPLATES / family / "locale" / f"{language}.po"


def translated_words(family: str, language: str) -> dict[str, str]:
    """Key → word of the family's ``language`` catalogue (translated, not fuzzy); empty without one."""
    path = ui_catalogue(family, language)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.context): str(m.string) for m in catalog if m.id and m.context and m.string and not m.fuzzy}


def render(family: str, name: str, language: str, **context: Any) -> str:
    """Render ``templates/<family>/<name>`` with ``context`` and the family's words as ``s``."""
    template = environment().get_template(f"{family}/{name}")
    return template.render(s=strings(family, language), **context)
