"""Where the OLX of one course is collected: files by their path inside ``course/``, and tags.

The course walk (:mod:`.writer`) and the parts it calls (:mod:`.video`,
:mod:`.assessment`, :mod:`.placement`) write through this sink and get back
what a parent element points at; the sink knows nothing of the course tree
and calls nobody back.  Files stay in memory (path → bytes, or the source
path of a static file) and are packed straight into the archive: a course is
thousands of small files, and the disk round trip cost more than making them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.emitters.olx import tags
from hocvuso.emitters.olx.xmlutil import el, to_bytes
from hocvuso.emitters.presentation import STATIC
from hocvuso.model import with_assets

if TYPE_CHECKING:
    from pathlib import Path

    from lxml import etree

# Open edX does not shrink images in raw HTML components; keep them inside narrow screens.
COMPONENT_STYLE = "<style>.hocvuso img,.hocvuso video{max-width:100%;height:auto}.hocvuso table{border-collapse:collapse}" \
    ".hocvuso td,.hocvuso th{border:1px solid #999;padding:.3em .5em}</style>"


class OlxFiles:
    """The files of one course export, and the tag rows of the blocks placed so far (in order)."""

    def __init__(self, language: str) -> None:
        self.language = language  # of the HTML components' text
        self.files: dict[str, bytes | Path] = {}
        self.tags: list[tags.TagRow] = []

    def put(self, rel: str, data: str | bytes) -> None:
        """Add a file (text is written as UTF-8)."""
        self.files[rel] = data.encode("utf-8") if isinstance(data, str) else data

    def put_xml(self, rel: str, node: etree._Element) -> None:
        """Add an XML file as Studio exports it (UTF-8, no declaration)."""
        self.files[rel] = to_bytes(node)

    def put_file(self, rel: str, source: Path) -> None:
        """Add a file copied from ``source`` when the archive is written."""
        self.files[rel] = source

    def tag(self, row: tags.TagRow) -> None:
        """Tag a block with its competencies and levels (tags.csv keeps this order)."""
        self.tags.append(row)

    def chapter(self, url_name: str, title: str, sequentials: list[str], staff_only: bool = False) -> str:
        """Write chapter/<url_name>.xml pointing at ``sequentials``; return ``url_name``."""
        node = el("chapter", {"display_name": title, "visible_to_staff_only": True if staff_only else None})
        for seq in sequentials:
            el("sequential", {"url_name": seq}, parent=node)
        self.put_xml(f"chapter/{url_name}.xml", node)
        return url_name

    def sequential(self, url_name: str, title: str, verticals: list[str], graded_format: str | None = None) -> str:
        """Write sequential/<url_name>.xml (a subsection, graded as ``graded_format``); return ``url_name``."""
        node = el("sequential", {"display_name": title, "graded": True if graded_format else None, "format": graded_format})
        for vertical in verticals:
            el("vertical", {"url_name": vertical}, parent=node)
        self.put_xml(f"sequential/{url_name}.xml", node)
        return url_name

    def vertical(self, url_name: str, title: str, children: list[etree._Element]) -> str:
        """Write vertical/<url_name>.xml (a unit) holding ``children``; return ``url_name``."""
        node = el("vertical", {"display_name": title})
        for child in children:
            node.append(child)
        self.put_xml(f"vertical/{url_name}.xml", node)
        return url_name

    def html(self, url_name: str, title: str, body: str) -> etree._Element:
        """Write html/<url_name>.{xml,html} (a raw HTML component); return the pointer for a vertical."""
        content = f'{COMPONENT_STYLE}\n<div class="hocvuso" lang="{self.language}">\n{with_assets(body, STATIC)}\n</div>\n'
        self.put(f"html/{url_name}.html", content)
        self.put_xml(f"html/{url_name}.xml", el("html", {"filename": url_name, "display_name": title, "editor": "raw"}))
        return el("html", {"url_name": url_name})

    def problem(self, url_name: str, node: etree._Element, competency: str, level: str) -> etree._Element:
        """Write problem/<url_name>.xml, tag it, and return the pointer for a vertical."""
        self.put_xml(f"problem/{url_name}.xml", node)
        self.tag(tags.TagRow(node.get("display_name", url_name), "problem", url_name, (competency,), (level,)))
        return el("problem", {"url_name": url_name})
