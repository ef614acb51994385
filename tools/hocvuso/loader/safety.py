"""What raw HTML and URLs an author may use, and the final sanitiser.

Two layers: :func:`inspect_html` finds refused or dropped markup in the
author's raw HTML so the checker can name its line; :func:`clean` then runs
the rendered fragment through Ammonia (``nh3``) with the same allowlist, so
nothing outside it can reach a learner's browser even if a check is missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

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
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@dataclass(frozen=True, slots=True)
class HtmlFinding:
    """A problem in raw HTML: ``refused`` is dangerous, otherwise it is dropped."""

    what: str
    refused: bool
    line: int
    col: int = 0


def url_problem(url: str) -> str | None:
    """Why a link or media URL is refused, or None when it is acceptable."""
    compact = "".join(url.split()).lower()
    scheme = urlsplit(compact).scheme
    if scheme and scheme not in SAFE_SCHEMES:
        return f"the scheme '{scheme}:' is not allowed"
    return None


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[HtmlFinding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        if tag in DANGEROUS_TAGS:
            self.findings.append(HtmlFinding(f"<{tag}>", True, line, col))
            return
        if tag not in ALLOWED_TAGS:
            self.findings.append(HtmlFinding(tag, False, line, col))
            return
        allowed = ALLOWED_ATTRS["*"] | ALLOWED_ATTRS.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(HtmlFinding(f"{name}= on <{tag}>", True, line, col))
            elif name in {"href", "src", "poster"} and value and url_problem(value):
                self.findings.append(HtmlFinding(f"{name}=\"{value}\" on <{tag}>", True, line, col))
            elif name not in allowed:
                self.findings.append(HtmlFinding(f"{tag} {name}=", False, line, col))

    handle_startendtag = handle_starttag


def inspect_html(fragment: str) -> list[HtmlFinding]:
    """Problems in an author's raw HTML fragment; lines count from 1 within it."""
    inspector = _Inspector()
    inspector.feed(fragment)
    inspector.close()
    return inspector.findings


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
