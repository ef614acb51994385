"""Markdown → sanitised HTML and plain text, with assets and safety checks.

One :class:`Renderer` per source file.  It owns the markdown-it parser, finds
every image, link and raw-HTML token, registers files as assets, rewrites
their URLs to ``@asset/<name>`` and reports unsafe markup at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

from hocvuso.diagnostics import Location, codes, terms
from hocvuso.diagnostics.terms import shown
from hocvuso.loader import safety
from hocvuso.loader.assets import kind_of
from hocvuso.model import ASSET_PREFIX, Image

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from markdown_it.token import Token

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.loader.assets import AssetRegistry


# A line that cannot open a block construct (heading, list, quote, fence, table, HTML, rule).
_PLAIN_LINE = re.compile(r"^(?![\s#>*+\-|`<:~=_]|\d+[.)](?:\s|$))")


def make_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough and ':::' fences; raw HTML kept for inspection."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(colon_fence_plugin)
    # Every URL reaches our own check, which reports refused ones by line;
    # markdown-it's default would silently leave a javascript: link as text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass(slots=True)
class Rendered:
    """HTML (asset URLs as ``@asset/…``), plain text, images and slide points."""

    html: str
    text: str
    images: list[Image] = field(default_factory=list)
    points: list[str] = field(default_factory=list)


def inline_text(token: Token) -> str:
    """The plain text of an inline token (images and markup dropped)."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


NESTED = "– "  # a slide point that belongs to the point above it (a nested list item)


def slide_points(tokens: list[Token]) -> list[str]:
    """Every line of text of a fragment as slide points, in order, so a slide loses no word.

    Paragraphs and list items each make a point; an ordered item keeps its
    number ("2. …"), a nested item starts with :data:`NESTED`; each body row
    of a table becomes one point in list form ("Row — Column: cell; …").
    """
    points: list[str] = []
    depth, number, in_cell = 0, "", False
    row: list[str] = []
    header: list[str] | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close"):
            depth += 1 if kind.endswith("_open") else -1
        elif kind == "list_item_open":
            number = f"{token.info}{token.markup} " if token.info else ""
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("_open")
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if header is None:
                header = row
            else:
                points.append(_table_row(header, row))
        elif kind == "table_close":
            header = None
        elif kind == "inline":
            text = inline_text(token).replace("\n", " ")
            if in_cell:
                row.append(text)
            elif text:
                points.append((NESTED if depth > 1 else "") + (number if depth else "") + text)
                number = ""  # a second paragraph of the same item has no number
    return points


def _table_row(header: list[str], row: list[str]) -> str:
    """A table body row in list form: its first cell, then each other cell named by its column."""
    named = [f"{h}: {c}" if h else c for h, c in zip(header[1:], row[1:], strict=False) if c]
    if header and header[0]:
        return "; ".join([f"{header[0]}: {row[0]}" if row and row[0] else "", *named]).strip("; ")
    return f"{row[0]} — " + "; ".join(named) if row and row[0] else "; ".join(named)


class Renderer:
    """Renders Markdown fragments of one source file."""

    def __init__(self, md: MarkdownIt, path: Path, lines: Sequence[str], assets: AssetRegistry, diags: Diagnostics) -> None:
        self.md = md
        self.path = path
        self.lines = lines
        self.assets = assets
        self.diags = diags
        # (context, text, where) → the text to render; set when loading a translation or extracting
        # strings (loader/i18n.py), None for a plain load.
        self.translate: Callable[[str, str, Location], str] | None = None

    # --- locating -----------------------------------------------------------

    def locate(self, needle: str, first: int, last: int) -> Location:
        """Where ``needle`` first appears in file lines first..last (1-based), else the first line."""
        for number in range(max(first, 1), min(last, len(self.lines)) + 1):
            col = self.lines[number - 1].find(needle)
            if col >= 0:
                return Location(self.path, number, col + 1)
        return Location(self.path, first)

    def span(self, token: Token, first_line: int) -> tuple[int, int]:
        """The file lines (1-based, inclusive) a block token covers."""
        begin, end = token.map or (0, 1)
        return first_line + begin, first_line + max(end - 1, begin)

    # --- rendering ----------------------------------------------------------

    def parse(self, text: str) -> list[Token]:
        return self.md.parse(text)

    def tr(self, context: str, text: str, line: int) -> str:
        """``text`` translated under ``context`` (itself when no translation is being applied)."""
        return self.translate(context, text, Location(self.path, line)) if self.translate else text

    def translate_tokens(self, tokens: list[Token], context: str, first_line: int) -> None:
        """Translate each paragraph, heading, list item and table cell in place (Sphinx's unit).

        A paragraph that is only an image is translated by its alt text
        (context ``…/alt``), so translators never see or break its path.
        """
        if self.translate is None:
            return
        for token in tokens:
            if token.type != "inline" or not token.content.strip():
                continue
            line = self.span(token, first_line)[0]
            children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
            target, source = token, token.content
            if len(children) == 1 and children[0].type == "image":
                target, source, context_of = children[0], "".join(c.content for c in children[0].children or ()), "/alt"
            else:
                context_of = ""
            translated = self.tr(context + context_of, source, line)
            if translated != source:
                target.content = translated
                target.children = self.md.parseInline(translated)[0].children

    def render_text(self, text: str, first_line: int, inline: bool = False, context: str = "") -> Rendered:
        """Render a Markdown fragment whose first line is ``first_line`` of the file.

        With a ``context``, the whole fragment is one translatable message.
        """
        if context:
            text = self.tr(context, text.strip(), first_line)
        if "\n" not in text and _PLAIN_LINE.match(text):
            # One plain line (a choice, a stem, a feedback) is one paragraph: inline
            # parsing alone gives the same HTML without the block pass.
            rendered = self.render_tokens(self.md.parseInline(text), first_line)
            if not inline and rendered.html:
                rendered.html = f"<p>{rendered.html}</p>"
            return rendered
        tokens = self.parse(text)
        rendered = self.render_tokens(tokens, first_line)
        if inline and rendered.html.startswith("<p>") and rendered.html.endswith("</p>") and rendered.html.count("<p>") == 1:
            rendered.html = rendered.html[3:-4]
        return rendered

    def render_tokens(self, tokens: list[Token], first_line: int) -> Rendered:
        """Check and render block tokens (from :meth:`parse`) into one fragment."""
        images: list[Image] = []
        texts: list[str] = []
        raw_html = False
        for token in tokens:
            if token.type == "html_block":
                raw_html = True
                self._check_html(token.content, Location(self.path, self.span(token, first_line)[0], 1))
            elif token.type == "inline":
                first, last = self.span(token, first_line)
                images.extend(self._check_inline(token, first, last))
                raw_html = raw_html or any(c.type == "html_inline" for c in token.children or ())
                line_text = inline_text(token)
                if line_text:
                    texts.append(line_text)
        html = self.md.renderer.render(tokens, self.md.options, {})
        # markdown-it escapes all text and attributes, and every link and image URL
        # was checked above (refused ones emptied), so only raw HTML needs the
        # sanitiser; it stays the last line of defence wherever raw HTML appears.
        if raw_html and safety.too_deep(html):
            first = first_line + ((tokens[0].map or (0, 0))[0] if tokens else 0)
            self.diags.add(codes.HTML_UNSAFE, Location(self.path, first, 1), what=terms.HTML_TOO_DEEP)
            html = ""
        elif raw_html:
            html = safety.clean(html)
        return Rendered(html.strip(), "\n".join(texts), images, slide_points(tokens))

    # --- checks -------------------------------------------------------------

    def _check_inline(self, token: Token, first: int, last: int) -> list[Image]:
        images: list[Image] = []
        for child in token.children or ():
            if child.type == "image":
                image = self._image(child, first, last)
                if image is not None:
                    images.append(image)
            elif child.type == "link_open":
                self._link(child, first, last)
            elif child.type == "html_inline":
                self._check_html(child.content, self.locate(child.content, first, last))
        return images

    def _image(self, child: Token, first: int, last: int) -> Image | None:
        src = str(child.attrs.get("src", ""))
        loc = self._find(src, "![", first, last)
        alt = "".join(c.content for c in child.children or ()).strip()
        if safety.is_remote(src):
            problem = safety.url_problem(src)
            if problem is terms.SCHEME_REFUSED:
                self.diags.add(codes.LINK_UNSAFE, loc, url=shown(src), reason=problem)
            else:
                self.diags.add(codes.IMAGE_REMOTE, loc, url=shown(src))
            child.attrs["src"] = ""
            return None
        if not alt:
            self.diags.add(codes.IMAGE_MISSING_ALT, loc, path=shown(unquote(src)))
        kind = kind_of(src)
        if kind in ("audio", "video"):
            self.diags.add(codes.MEDIA_INLINE, loc, path=shown(unquote(src)))
            return None
        asset = self.assets.add(unquote(src), loc, ("image",), base=self.path.parent)
        if asset is None:
            child.attrs["src"] = ""
            return None
        child.attrs["src"] = ASSET_PREFIX + asset.name
        child.attrs["loading"] = "lazy"
        return Image(asset, alt, loc)

    def _find(self, url: str, fallback: str, first: int, last: int) -> Location:
        """Where a link or image URL is written: markdown-it hands it over %-encoded, the file may not be."""
        for needle in dict.fromkeys((unquote(url), url, fallback)):
            if needle:
                loc = self.locate(needle, first, last)
                if loc.col:  # after '](' is where the URL starts
                    return loc.shifted(col=loc.col + 2) if needle == "](" else loc
        return Location(self.path, first)

    def _link(self, child: Token, first: int, last: int) -> None:
        href = str(child.attrs.get("href", ""))
        loc = self._find(href, "](", first, last)
        if href.startswith("#"):
            return
        if safety.is_remote(href):
            problem = safety.url_problem(href)
            if problem:
                self.diags.add(codes.LINK_UNSAFE, loc, url=shown(href), reason=problem)
                child.attrs["href"] = "#"
            return
        asset = self.assets.add(unquote(href), loc, ("file", "image", "audio", "video"), base=self.path.parent)
        child.attrs["href"] = ASSET_PREFIX + asset.name if asset else "#"

    def _check_html(self, fragment: str, start: Location) -> None:
        for finding in safety.inspect_html(fragment):
            col = start.col + finding.col if finding.line == 1 else finding.col + 1
            loc = Location(self.path, start.line + finding.line - 1, col)
            if finding.kind == "unsafe":
                self.diags.add(codes.HTML_UNSAFE, loc, what=shown(finding.what))
            elif finding.kind == "remote":
                self.diags.add(codes.IMAGE_REMOTE, loc, url=shown(finding.url))
            elif finding.kind == "link":
                self.diags.add(codes.LINK_UNSAFE, loc, url=shown(finding.url), reason=finding.problem)
            elif finding.kind == "file":
                self.diags.add(codes.HTML_MEDIA, loc, tag=finding.tag, url=shown(finding.url))
            else:
                self.diags.add(codes.HTML_REMOVED, loc, tag=shown(finding.what))
