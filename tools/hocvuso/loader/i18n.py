"""Translations applied while loading: a translated course is a model like any other.

Every translatable string a learner reads passes through a :class:`Translator`
with a *domain* (its catalogue: a lesson id, ``course`` or ``bank-<file>``) and
a *context* (gettext's msgctxt, made of the authors' ids: lesson, section,
question, choice key, criterion…).  :class:`Translator` itself only records
(what ``hocvuso i18n extract`` writes); :class:`CatalogTranslator` looks each
string up in ``<course>/locale/<lang>/LC_MESSAGES/<domain>.po`` (Babel reads
the PO files; the Sphinx/sphinx-intl layout).  Emitters never know: they get
a model whose text is already translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.messages.pofile import PoFileError, read_po

from hocvuso.diagnostics import Location, codes
from hocvuso.diagnostics.terms import shown

if TYPE_CHECKING:
    from pathlib import Path

    from babel.messages.catalog import Catalog

    from hocvuso.diagnostics import Diagnostics

LOCALE_DIR = "locale"
COURSE_DOMAIN = "course"  # course title, description, chapter titles
FALLBACK_MARK = "[vi] "  # before a string shown untranslated, when the course allows it


def catalogue_path(course_dir: Path, language: str, domain: str) -> Path:
    """Where the ``language`` catalogue of ``domain`` lives (sphinx-intl's layout)."""
    return course_dir / LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def bank_domain(stem: str) -> str:
    """The catalogue of an item-bank file (its questions' ids start with the same prefix)."""
    return f"bank-{stem}"


@dataclass(frozen=True, slots=True)
class Message:
    """One translatable string, where the author wrote it."""

    domain: str
    context: str
    text: str
    loc: Location


class Translator:
    """Records every string it is asked for and returns it unchanged (the source language)."""

    language = ""  # the language strings are translated into; '' for the source

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, domain: str, context: str, text: str, loc: Location) -> str:
        if not text.strip():
            return text
        message = Message(domain, context, text, loc)
        self.messages.append(message)
        return self.lookup(message)

    def lookup(self, message: Message) -> str:
        return message.text

    def finish(self, diags: Diagnostics) -> None:
        """Report what could not be translated (nothing, for the source language)."""


@dataclass(slots=True)
class _Missing:
    first: Message
    count: int = 0


class CatalogTranslator(Translator):
    """Looks strings up in the PO catalogues of one language; fuzzy entries count as untranslated."""

    def __init__(self, course_dir: Path, language: str, fallback: bool, diags: Diagnostics,
                 domains: frozenset[str] | None = None) -> None:
        super().__init__()
        self.course_dir = course_dir
        self.language = language
        self.fallback = fallback
        self.diags = diags
        self.domains = domains  # the catalogues the translation has (None: all); others' strings are left out
        self.catalogs: dict[str, Catalog | None] = {}
        self.missing: dict[str, _Missing] = {}

    def lookup(self, message: Message) -> str:
        if self.domains is not None and message.domain not in self.domains:
            return message.text  # a lesson the translation leaves out: it is dropped from the model
        catalog = self._catalog(message.domain)
        entry = catalog.get(message.text, context=message.context) if catalog is not None else None
        if entry is not None and entry.string and not entry.fuzzy and isinstance(entry.string, str):
            return entry.string
        self.missing.setdefault(message.domain, _Missing(message)).count += 1
        return FALLBACK_MARK + message.text if self.fallback else message.text

    def _catalog(self, domain: str) -> Catalog | None:
        if domain not in self.catalogs:
            self.catalogs[domain] = read_catalogue(catalogue_path(self.course_dir, self.language, domain), self.diags)
        return self.catalogs[domain]

    def finish(self, diags: Diagnostics) -> None:
        """One diagnostic per catalogue with untranslated strings, at the first one's source line."""
        for domain, missing in self.missing.items():
            first = missing.first
            args = {"count": missing.count, "domain": domain, "language": self.language,
                    "catalogue": str(catalogue_path(self.course_dir, self.language, domain))}
            if self.fallback:
                diags.add(codes.I18N_FALLBACK, first.loc, mark=FALLBACK_MARK.strip(), **args)
            else:
                diags.add(codes.I18N_MISSING, first.loc, text=shown(first.text, 60), context=first.context, **args)


def read_catalogue(path: Path, diags: Diagnostics) -> Catalog | None:
    """The PO file at ``path`` (None when there is none, or when it cannot be read: then said)."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        diags.add(codes.I18N_CATALOGUE_UNREADABLE, Location(path), reason=shown(str(error), 120))
        return None
