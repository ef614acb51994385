"""`hocvuso i18n extract|update|status`: the translation round-trip in gettext PO catalogues.

The Sphinx/sphinx-intl model: ``extract`` writes one template per lesson
(``build/gettext/<group>/<domain>.pot``), ``update`` merges the templates into
``courses/<group>/locale/<lang>/LC_MESSAGES/<domain>.po`` (new strings empty,
edited ones fuzzy with their previous text, removed ones obsolete) — the
files translators open in Poedit or Weblate — and ``status`` says how much of
each catalogue is translated.  Strings come from the loader itself
(:mod:`hocvuso.loader.i18n`), so what is extracted is exactly what a
translated build looks up.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from hocvuso.emitters import templating
from hocvuso.loader.course import load_course
from hocvuso.loader.i18n import COURSE_DOMAIN, Translator, bank_domain, catalogue_path, read_catalogue

if TYPE_CHECKING:
    import argparse

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Course, Framework

PROJECT = "hocvuso"
WIDTH = 100  # line width of written PO files (gettext's own is 79; long Vietnamese sentences wrap less)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The `hocvuso i18n` sub-command's arguments (the caller adds the common ones)."""
    parser = sub.add_parser("i18n", help="translations as gettext PO catalogues: extract, update, status (docs/translation.md)")
    parser.add_argument("action", choices=("extract", "update", "status"),
                        help="extract: templates into build/gettext/; update: merge them into "
                             "locale/<lang>/LC_MESSAGES/*.po; status: translated and fuzzy per catalogue")
    parser.add_argument("-l", "--language", action="append", default=[], metavar="TAG",
                        help="BCP 47 tag of a translation, e.g. km (default: the course's translations:)")
    parser.add_argument("--out", type=Path, default=Path("build"), help="where extract writes templates (default: build)")
    parser.add_argument("--ui", action="store_true",
                        help="the words of the SCORM and OLX pages (templates/<family>/locale/<lang>.po) instead of courses")
    return parser


def templates(course_dir: Path, framework: Framework, diags: Diagnostics) -> dict[str, Catalog]:
    """Every translatable string of the course, one template catalogue per domain, in source order."""
    translator = Translator()
    course = load_course(course_dir, framework, diags, translator)
    if course is None:
        return {}
    found: dict[str, Catalog] = {}
    for message in translator.messages:
        catalog = found.setdefault(message.domain, Catalog(project=PROJECT, fuzzy=False))
        where = _relative(message.loc.path, course_dir)
        catalog.add(message.text, context=message.context, locations=[(where, message.loc.line)] if where else ())
    return found


def wanted_domains(course: Course | None, language: str, domains: list[str]) -> list[str]:
    """The domains a language is translated in: all, or a pilot's lessons and the course's own strings."""
    translation = next((t for t in course.translations if t.language == language), None) if course else None
    if translation is None or not translation.lessons:
        return domains
    return [d for d in domains if d in (COURSE_DOMAIN, *translation.lessons)]


def write_templates(found: dict[str, Catalog], out: Path) -> list[Path]:
    """The templates as .pot files under ``out`` (e.g. build/gettext/citizens/)."""
    written = []
    for domain, catalog in found.items():
        path = out / f"{domain}.pot"
        _write(path, catalog)
        written.append(path)
    return written


def update(course_dir: Path, language: str, found: dict[str, Catalog], domains: list[str],
           diags: Diagnostics) -> list[Path]:
    """Merge the templates into the ``language`` catalogues (msgmerge's rules, by Babel); return the files written."""
    for domain in domains:
        merge(catalogue_path(course_dir, language, domain), found[domain], language,
              f"# {language} translation of '{domain}' ({course_dir.name}).", diags)
    return [catalogue_path(course_dir, language, domain) for domain in domains]


def merge(path: Path, template: Catalog, language: str, title: str, diags: Diagnostics) -> None:
    """Merge ``template`` into the catalogue at ``path`` (made when missing) and write it if it changed."""
    catalog = read_catalogue(path, diags) if path.is_file() else None
    if catalog is None:
        catalog = Catalog(locale=_locale(language), project=PROJECT, fuzzy=False,
                          header_comment=f"{title}\n# Edit with Poedit or Weblate; see docs/translation.md.")
    before = {(m.context, m.string): m.id for m in catalog if isinstance(m.id, str) and m.string and not m.fuzzy}
    catalog.update(template, update_header_comment=False)
    for message in catalog:
        old = before.get((message.context, message.string)) if message.fuzzy and message.string else None
        if isinstance(old, str) and not message.previous_id:
            message.previous_id = [old]  # written as '#| msgid': editors show the translator what changed
    if catalog.locale is None:
        catalog.locale = _locale(language)
    _write(path, catalog)


# --- the words of the outputs' pages (templates/<family>/strings.yaml) ----------------------------

UI_FAMILIES = ("scorm", "olx")


def ui_templates() -> dict[str, Catalog]:
    """The Vietnamese words of each page family as a template (msgctxt: the key, 'player.right' for a nested one)."""
    found = {}
    for family in UI_FAMILIES:
        catalog = Catalog(project=PROJECT, fuzzy=False)
        for key, value in templating.source_words(family).items():
            for context, text in (((f"{key}.{k}", v) for k, v in value.items()) if isinstance(value, dict)
                                  else [(key, value)]):
                catalog.add(text, context=context, locations=[(f"templates/{family}/strings.yaml", 0)])
        found[family] = catalog
    return found


def update_ui(language: str, found: dict[str, Catalog], diags: Diagnostics) -> list[Path]:
    """Merge the page words into ``templates/<family>/locale/<language>.po``; return the files."""
    for family, template in found.items():
        merge(templating.ui_catalogue(family, language), template, language,
              f"# {language} words of the {family} pages (tools/hocvuso/templates/{family}/strings.yaml).", diags)
    return [templating.ui_catalogue(family, language) for family in found]


def ui_languages() -> list[str]:
    """The languages the page words are translated into (their catalogues)."""
    return sorted({p.stem for family in UI_FAMILIES for p in templating.ui_catalogue(family, "x").parent.glob("*.po")})


@dataclass(frozen=True, slots=True)
class Status:
    """How much of one catalogue is translated (fuzzy entries are not: a build does not use them)."""

    domain: str
    total: int
    translated: int
    fuzzy: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def status(course_dir: Path | None, language: str, found: dict[str, Catalog], domains: list[str],
           diags: Diagnostics) -> list[Status]:
    """Per domain: strings of the current source, how many the catalogue translates, how many are fuzzy.

    ``course_dir`` None: the page words' catalogues (``domains`` are their families).
    """
    rows = []
    for domain in domains:
        path = (catalogue_path(course_dir, language, domain) if course_dir is not None
                else templating.ui_catalogue(domain, language))
        catalog = read_catalogue(path, diags)
        translated = fuzzy = 0
        for message in found[domain]:
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context) if catalog is not None else None
            if entry is not None and entry.string and entry.fuzzy:
                fuzzy += 1
            elif entry is not None and entry.string:
                translated += 1
        rows.append(Status(domain, len(found[domain]), translated, fuzzy))
    return rows


def render_status(group: str, language: str, rows: list[Status]) -> str:
    """A text table: catalogue, strings, translated %, fuzzy."""
    width = max([len("catalogue"), *(len(r.domain) for r in rows)])
    lines = [f"== {group} [{language}] ==", f"{'catalogue':<{width}}  strings  translated  fuzzy"]
    for r in rows:
        lines.append(f"{r.domain:<{width}}  {r.total:>7}  {r.percent:>9.1f}%  {r.fuzzy:>5}")
    total = sum(r.total for r in rows)
    done = sum(r.translated for r in rows)
    lines.append(f"{'total':<{width}}  {total:>7}  {100.0 * done / total if total else 100.0:>9.1f}%  "
                 f"{sum(r.fuzzy for r in rows):>5}")
    return "\n".join(lines)


def _relative(path: Path, folder: Path) -> str:
    """``path`` as the '#:' comment of a PO file shows it: relative to the course folder."""
    path, folder = path.resolve(), folder.resolve()
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else ""


def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def _write(path: Path, catalog: Catalog) -> None:
    """Write ``catalog`` unless only its creation date would change (no churn in version control)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=True, sort_output=False)
    if path.is_file() and _undated(path.read_bytes()) == _undated(buffer.getvalue()):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _undated(po: bytes) -> bytes:
    return b"\n".join(line for line in po.split(b"\n") if not line.startswith(b'"POT-Creation-Date:'))


__all__ = ["COURSE_DOMAIN", "Status", "bank_domain", "render_status", "status", "templates", "update",
           "wanted_domains", "write_templates"]
