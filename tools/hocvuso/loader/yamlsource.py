"""YAML with source locations, and declarative checking of its fields.

PyYAML's ``safe_load`` forgets where values came from.  Here the document is
*composed* into nodes (which keep their marks) and turned into a small tree of
:class:`YMap`, :class:`YSeq` and :class:`YScalar`, so that every later error
can point at ``file:line:col``.  :class:`Schema` lists a mapping's fields once;
:meth:`Schema.read` reports unknown, missing and duplicated fields.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from hocvuso.diagnostics import Diagnostics, Location, codes

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(slots=True)
class YScalar:
    """A scalar with its constructed value and the text as written."""

    loc: Location
    value: Any
    raw: str


@dataclass(slots=True)
class YSeq:
    loc: Location
    items: list[YNode] = field(default_factory=list)


@dataclass(slots=True)
class YMap:
    loc: Location
    items: dict[str, YNode] = field(default_factory=dict)
    key_locs: dict[str, Location] = field(default_factory=dict)
    duplicates: list[tuple[str, Location]] = field(default_factory=list)


YNode = YScalar | YSeq | YMap


# libyaml's C parser keeps marks too and is several times faster than the pure-Python one.
_Loader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def parse_yaml(
    text: str, path: Path, diags: Diagnostics, line_offset: int = 0
) -> YNode | None:
    """Parse one YAML document; report a syntax error and return None on failure.

    ``line_offset`` is the number of lines above ``text`` in its file (front
    matter, or a YAML block inside a Markdown fence).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(node, loader, path, line_offset)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + line_offset if mark else line_offset + 1
        col = mark.column + 1 if mark else 0
        problem = err.problem or err.context or "invalid YAML"
        diags.add(codes.YAML_SYNTAX, Location(path, line, col), problem=problem)
    except yaml.YAMLError as err:  # a scanner error without marks
        diags.add(codes.YAML_SYNTAX, Location(path, line_offset + 1), problem=str(err))
    finally:
        loader.dispose()
    return None


def _loc(node: yaml.Node, path: Path, offset: int) -> Location:
    return Location(path, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _convert(node: yaml.Node, loader: yaml.SafeLoader | yaml.CSafeLoader, path: Path, offset: int) -> YNode:
    loc = _loc(node, path, offset)
    if isinstance(node, yaml.MappingNode):
        ymap = YMap(loc)
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node))
            if key in ymap.items:
                ymap.duplicates.append((key, _loc(key_node, path, offset)))
                continue
            ymap.items[key] = _convert(value_node, loader, path, offset)
            ymap.key_locs[key] = _loc(key_node, path, offset)
        return ymap
    if isinstance(node, yaml.SequenceNode):
        return YSeq(loc, [_convert(item, loader, path, offset) for item in node.value])
    return YScalar(loc, loader.construct_object(node), node.value)


# --- schemas -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One allowed key of a mapping."""

    name: str
    doc: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class Schema:
    """The allowed keys of one kind of mapping (``where`` names it in messages)."""

    where: str
    fields: tuple[Field, ...]

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def read(self, node: YNode | None, loc: Location, diags: Diagnostics) -> YMap | None:
        """Check that ``node`` is a mapping with known keys and the required ones."""
        if node is None:
            node = YMap(loc)
        if not isinstance(node, YMap):
            diags.add(codes.YAML_WRONG_TYPE, node.loc, field=self.where, expected="a list of 'field: value' lines",
                      found=describe(node), example=f"{self.fields[0].name}: …")
            return None
        for key, key_loc in node.duplicates:
            diags.add(codes.YAML_DUPLICATE_KEY, key_loc, field=key)
        allowed = self.names()
        for key, key_loc in node.key_locs.items():
            if key not in allowed:
                diags.add(codes.YAML_UNKNOWN_FIELD, key_loc, field=key, where=self.where,
                          suggestion=did_you_mean(key, allowed), allowed=", ".join(allowed))
        for f in self.fields:
            value = node.items.get(f.name)
            if f.required and (value is None or (isinstance(value, YScalar) and value.value in (None, ""))):
                diags.add(codes.YAML_MISSING_FIELD, node.loc, field=f.name, where=self.where, doc=f.doc)
        return node


def did_you_mean(word: str, choices: list[str], lang: str = "vi") -> str:
    """A 'Did you mean …?' sentence (with trailing space) or ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        return ""
    return f"Có phải là '{close[0]}'? " if lang == "vi" else f"Did you mean '{close[0]}'? "


def describe(node: YNode) -> str:
    """How a node looks, for 'must be X, not Y' messages."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    if node.value is None:
        return "empty"
    return f"'{node.raw}'"


# --- typed readers: each reports its own problem and returns None ---------


def _wrong(node: YNode, name: str, expected: str, example: str, diags: Diagnostics) -> None:
    diags.add(codes.YAML_WRONG_TYPE, node.loc, field=name, expected=expected, found=describe(node), example=example)


def get_str(m: YMap, name: str, diags: Diagnostics, default: str | None = None) -> str | None:
    """A text field; numbers and dates are taken as written (e.g. 4.2 → '4.2')."""
    node = m.items.get(name)
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return default
    if isinstance(node, YScalar) and not isinstance(node.value, bool):
        return node.raw.strip() if not isinstance(node.value, str) else node.value.strip()
    _wrong(node, name, "text", f"{name}: …", diags)
    return None


def get_number(m: YMap, name: str, diags: Diagnostics, default: float | None = None) -> float | None:
    node = m.items.get(name)
    if node is None:
        return default
    if isinstance(node, YScalar) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value)
    _wrong(node, name, "a number", f"{name}: 10", diags)
    return None


def get_int(m: YMap, name: str, diags: Diagnostics, default: int | None = None) -> int | None:
    node = m.items.get(name)
    if node is None:
        return default
    if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    _wrong(node, name, "a whole number", f"{name}: 3", diags)
    return None


def get_bool(m: YMap, name: str, diags: Diagnostics, default: bool) -> bool:
    node = m.items.get(name)
    if node is None:
        return default
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    _wrong(node, name, "true or false", f"{name}: true", diags)
    return default


def get_date(m: YMap, name: str, diags: Diagnostics) -> dt.date | None:
    node = m.items.get(name)
    if node is None:
        return None
    if isinstance(node, YScalar) and isinstance(node.value, dt.date):
        return node.value.date() if isinstance(node.value, dt.datetime) else node.value
    _wrong(node, name, "a date YYYY-MM-DD", f"{name}: 2026-01-15", diags)
    return None


def get_seq(m: YMap, name: str, diags: Diagnostics) -> list[YNode]:
    """A list field; a single scalar is accepted as a list of one."""
    node = m.items.get(name)
    if node is None:
        return []
    if isinstance(node, YSeq):
        return node.items
    if isinstance(node, YScalar) and node.value is not None:
        return [node]
    _wrong(node, name, "a list", f"{name}: [a, b]", diags)
    return []


def get_str_list(m: YMap, name: str, diags: Diagnostics) -> list[tuple[str, Location]]:
    """A list of texts, each with its location."""
    out: list[tuple[str, Location]] = []
    for item in get_seq(m, name, diags):
        if isinstance(item, YScalar) and item.value is not None and not isinstance(item.value, bool):
            out.append((item.raw.strip() if not isinstance(item.value, str) else item.value.strip(), item.loc))
        else:
            _wrong(item, name, "text", "- …", diags)
    return out


def field_loc(m: YMap, name: str) -> Location:
    """Where a field's value is (or the mapping itself when it is absent)."""
    node = m.items.get(name)
    return node.loc if node is not None else m.loc
