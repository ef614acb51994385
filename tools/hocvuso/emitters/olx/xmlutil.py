"""Small helpers for building OLX with lxml: elements, embedded HTML, stable output."""

from __future__ import annotations

from lxml import etree, html


def el(tag: str, attrs: dict[str, object] | None = None, text: str | None = None, parent: etree._Element | None = None) -> etree._Element:
    """An element with string attributes (None values dropped), optionally appended to ``parent``."""
    clean = {k: _attr(v) for k, v in (attrs or {}).items() if v is not None}
    node = etree.SubElement(parent, tag, clean) if parent is not None else etree.Element(tag, clean)
    if text is not None:
        node.text = text
    return node


def _attr(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def append_html(parent: etree._Element, fragment: str) -> None:
    """Append an HTML fragment's nodes (as well-formed XML) to ``parent``."""
    if not fragment.strip():
        return
    if "<" not in fragment and "&" not in fragment:  # plain text (most choices): no parse needed
        nodes: list[str | etree._Element] = [fragment]
    else:
        nodes = list(html.fragments_fromstring(fragment))
    for node in nodes:
        if isinstance(node, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + node
            else:
                parent.text = (parent.text or "") + node
        else:
            parent.append(node)


def inline_html(fragment: str) -> etree._Element:
    """A throwaway <span> holding ``fragment``, to copy its content elsewhere."""
    holder = etree.Element("span")
    append_html(holder, fragment)
    return holder


def move_content(source: etree._Element, target: etree._Element) -> None:
    """Move text and children of ``source`` to the end of ``target``."""
    if source.text:
        if len(target):
            target[-1].tail = (target[-1].tail or "") + source.text
        else:
            target.text = (target.text or "") + source.text
    for child in list(source):
        target.append(child)


def to_bytes(node: etree._Element) -> bytes:
    """An OLX file's bytes: UTF-8 without an XML declaration (as Studio exports)."""
    return etree.tostring(node, encoding="utf-8", pretty_print=True)
