"""What raw HTML and URLs an author may use, and the final sanitiser.

Two layers: :func:`inspect_html` finds refused or dropped markup in the
author's raw HTML so the checker can name its line; :func:`clean` then runs
the rendered fragment through Ammonia (``nh3``) with the same allowlist, so
nothing outside it can reach a learner's browser even if a check is missed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote

import nh3

from hocvuso.diagnostics import terms

if TYPE_CHECKING:
    from hocvuso.diagnostics.terms import Term

ALLOWED_TAGS = frozenset({
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "track", "u", "ul", "video",
})
GENERIC_ATTRS = frozenset({"class", "lang", "dir", "title"})
ALLOWED_ATTRS: dict[str, set[str]] = {
    "*": set(GENERIC_ATTRS),
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "poster", "width", "height"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
# Markup that can run code or send data: an error, never silently dropped.
DANGEROUS_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "textarea",
    "select", "style", "link", "meta", "base", "svg", "math", "noscript", "template", "portal",
})
# The docs promise learners https pages only: http is readable and changeable on the way.
SAFE_SCHEMES = frozenset({"https", "mailto", "tel"})
MEDIA_TAGS = frozenset({"img", "audio", "video", "source", "track"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


@dataclass(frozen=True, slots=True)
class HtmlFinding:
    """A problem in raw HTML.

    ``kind`` is 'unsafe' (refused: it can run code or leak data), 'removed'
    (dropped by the sanitiser), 'remote' (an image from the Internet), 'link'
    (an http:// or '//' link, with its ``problem``) or 'file' (a file raw HTML
    cannot pack; Markdown must name it).
    """

    what: str
    kind: str
    line: int
    col: int = 0
    url: str = ""
    tag: str = ""
    problem: Term | None = None

    @property
    def refused(self) -> bool:
        return self.kind != "removed"


def _compact(url: str) -> str:
    """The URL as a browser reads it: entities and %-escapes decoded, blanks and controls dropped, lowercase."""
    decoded = url
    for _ in range(3):  # '%2525' needs several rounds; three cover every real case
        decoded = unquote(html.unescape(decoded))
    return "".join(ch for ch in decoded if not (ch.isspace() or ord(ch) < 32 or ch == "\x7f")).lower()


def is_remote(url: str) -> bool:
    """Whether ``url`` leaves the course folder: it has a scheme (even an encoded one) or starts with '//'."""
    compact = _compact(url)
    return compact.startswith(("//", "\\\\")) or (bool(_SCHEME.match(compact)) and not _is_drive(compact))


def _is_drive(compact: str) -> bool:
    """'c:/…' or 'c:\\…' is a Windows path, refused as a path outside the course."""
    return len(compact) >= 3 and compact[1] == ":" and compact[2] in "/\\" and compact[0].isalpha()


def url_problem(url: str) -> Term | None:
    """Why a link or media URL is refused, or None when it is acceptable (or a course file)."""
    compact = _compact(url)
    if compact.startswith(("//", "\\\\")):
        return terms.PROTOCOL_RELATIVE
    match = _SCHEME.match(compact)
    if match is None or _is_drive(compact):
        return None
    scheme = match.group(1)
    if scheme == "http":
        return terms.HTTP_REFUSED
    return None if scheme in SAFE_SCHEMES else terms.SCHEME_REFUSED


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[HtmlFinding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        if tag in DANGEROUS_TAGS:
            self.findings.append(HtmlFinding(f"<{tag}>", "unsafe", line, col))
            return
        if tag not in ALLOWED_TAGS:
            self.findings.append(HtmlFinding(tag, "removed", line, col))
            return
        allowed = ALLOWED_ATTRS["*"] | ALLOWED_ATTRS.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(HtmlFinding(f"{name}= on <{tag}>", "unsafe", line, col))
            elif name in {"href", "src", "poster"} and value:
                self._url(tag, name, value, line, col)
            elif name not in allowed:
                self.findings.append(HtmlFinding(f"{tag} {name}=", "removed", line, col))

    def _url(self, tag: str, name: str, value: str, line: int, col: int) -> None:
        problem = url_problem(value)
        remote = is_remote(value)
        if problem is terms.SCHEME_REFUSED:
            self.findings.append(HtmlFinding(f"{name}=\"{value}\" on <{tag}>", "unsafe", line, col, value, tag))
        elif tag in MEDIA_TAGS and remote:
            # A remote image, sound or video is a tracker and breaks offline packages.
            self.findings.append(HtmlFinding(tag, "remote" if tag == "img" else "file", line, col, value, tag))
        elif problem is not None:
            self.findings.append(HtmlFinding(tag, "link", line, col, value, tag, problem))
        elif not remote and not value.startswith("#"):
            self.findings.append(HtmlFinding(tag, "file", line, col, value, tag))

    handle_startendtag = handle_starttag


def inspect_html(fragment: str) -> list[HtmlFinding]:
    """Problems in an author's raw HTML fragment; lines count from 1 within it."""
    inspector = _Inspector()
    inspector.feed(fragment)
    inspector.close()
    return inspector.findings


# Browsers and the sanitiser slow down on deep nesting (html5ever's tree building is quadratic in it).
MAX_DEPTH = 100
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def too_deep(html: str) -> bool:
    """Whether ``html`` opens more than :data:`MAX_DEPTH` elements inside each other (unclosed ones count)."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and tag.lower() not in VOID_TAGS:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def clean(html: str) -> str:
    """Reduce rendered HTML to the allowlist (the last line of defence)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRS.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
