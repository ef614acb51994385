"""YAML with source locations, and declarative checking of its fields.

PyYAML's ``safe_load`` forgets where values came from.  Here the document is
*composed* into nodes (which keep their marks) and turned into a small tree of
:class:`YMap`, :class:`YSeq` and :class:`YScalar`, so that every later error
can point at ``file:line:col``.  :class:`Schema` lists a mapping's fields once;
:meth:`Schema.read` reports unknown, missing and duplicated fields.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from hocvuso.diagnostics import Diagnostics, Location, codes, terms
from hocvuso.diagnostics.terms import Term, did_you_mean, shown
from hocvuso.loader.files import NON_XML

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(slots=True)
class YScalar:
    """A scalar with its constructed value and the text as written.

    ``reported`` marks a value already refused while reading (an impossible
    date): typed readers then stay silent instead of repeating the error.
    """

    loc: Location
    value: Any
    raw: str
    reported: bool = False


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
# Deeper nesting than any course file needs; it keeps the tree walk far from Python's recursion limit.
MAX_DEPTH = 64


class _RefusedError(Exception):
    """Stops converting a document whose whole shape is refused (an alias, deep nesting)."""

    def __init__(self, node: yaml.Node, alias: bool) -> None:
        self.node = node
        self.alias = alias


@dataclass(slots=True)
class _Walk:
    """One document being converted: where it is, and which nodes were already seen."""

    loader: yaml.SafeLoader | yaml.CSafeLoader
    path: Path
    offset: int
    diags: Diagnostics
    seen: set[int] = field(default_factory=set)


def parse_yaml(
    text: str, path: Path, diags: Diagnostics, line_offset: int = 0
) -> YNode | None:
    """Parse one YAML document; report a syntax error and return None on failure.

    ``line_offset`` is the number of lines above ``text`` in its file (front
    matter, or a YAML block inside a Markdown fence).  Aliases are refused:
    no author needs them, and expanding nested ones is exponential (a 'billion
    laughs' document would never finish).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(node, _Walk(loader, path, line_offset, diags), 0)
    except _RefusedError as refused:
        if refused.alias:
            diags.add(codes.YAML_ALIAS, _alias_loc(text, path, line_offset) or _loc(refused.node, path, line_offset))
        else:
            diags.add(codes.YAML_SYNTAX, _loc(refused.node, path, line_offset), problem=terms.NESTED_TOO_DEEP)
    except yaml.MarkedYAMLError as err:
        _report_syntax(err, text, path, diags, line_offset)
    except yaml.YAMLError as err:  # a scanner error without marks
        diags.add(codes.YAML_SYNTAX, Location(path, line_offset + 1), problem=shown(str(err)))
    finally:
        loader.dispose()
    return None


def _report_syntax(err: yaml.MarkedYAMLError, text: str, path: Path, diags: Diagnostics, offset: int) -> None:
    mark = err.problem_mark or err.context_mark
    tab = _first_tab_indent(text)
    # A tab anywhere in the indentation up to the failing line is the cause: say so, once, where it is.
    if tab is not None and (mark is None or tab[0] <= mark.line):
        diags.add(codes.YAML_TAB, Location(path, tab[0] + 1 + offset, tab[1] + 1))
        return
    line = mark.line + 1 + offset if mark else offset + 1
    col = mark.column + 1 if mark else 0
    problem = err.problem or err.context or "invalid YAML"
    diags.add(codes.YAML_SYNTAX, Location(path, line, col), problem=terms.yaml_problem(problem))


def _first_tab_indent(text: str) -> tuple[int, int] | None:
    """(line, column), from 0, of the first tab in a line's indentation, if any."""
    for number, line in enumerate(text.split("\n")):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number, indent.index("\t")
    return None


def _alias_loc(text: str, path: Path, offset: int) -> Location | None:
    """Where the first '*alias' is written (only scanned once an alias was found)."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                return Location(path, token.start_mark.line + 1 + offset, token.start_mark.column + 1)
    except yaml.YAMLError:
        return None
    return None


def _loc(node: yaml.Node, path: Path, offset: int) -> Location:
    return Location(path, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _convert(node: yaml.Node, walk: _Walk, depth: int) -> YNode:
    # A node met twice is an alias: refusing it keeps conversion linear in the text.
    if id(node) in walk.seen:
        raise _RefusedError(node, alias=True)
    walk.seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _RefusedError(node, alias=False)
    loc = _loc(node, walk.path, walk.offset)
    if isinstance(node, yaml.MappingNode):
        ymap = YMap(loc)
        for key_node, value_node in node.value:
            key_loc = _loc(key_node, walk.path, walk.offset)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else _complex_key(key_node, walk, depth)
            if key in ymap.items:
                ymap.duplicates.append((key, key_loc))
                continue
            ymap.items[key] = _convert(value_node, walk, depth + 1)
            ymap.key_locs[key] = key_loc
        return ymap
    if isinstance(node, yaml.SequenceNode):
        return YSeq(loc, [_convert(item, walk, depth + 1) for item in node.value])
    return _scalar(node, walk, loc)


def _complex_key(node: yaml.Node, walk: _Walk, depth: int) -> str:
    """A list or mapping used as a key (never valid here): converted for its aliases, shown as '[…]'."""
    _convert(node, walk, depth + 1)
    return "[…]" if isinstance(node, yaml.SequenceNode) else "{…}"


def _scalar(node: yaml.Node, walk: _Walk, loc: Location) -> YScalar:
    """A scalar's value; an impossible date (2026-02-30) is reported here and kept as text."""
    try:
        value = walk.loader.construct_object(node)
    except (ValueError, OverflowError):
        walk.diags.add(codes.YAML_BAD_DATE, loc, value=shown(node.value))
        return YScalar(loc, node.value, node.value, reported=True)
    if isinstance(value, str) and NON_XML.search(value):
        # An escape in a quoted string ("\a", "\x01") makes a character read_text never saw.
        # The value is dropped (read as empty), so a path or code made of it cannot add a second error.
        for char in dict.fromkeys(NON_XML.findall(value)):
            walk.diags.add(codes.TEXT_CONTROL_CHAR, loc, char=f"U+{ord(char):04X}")
        return YScalar(loc, None, "", reported=True)
    return YScalar(loc, value, node.value)


# --- schemas -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One allowed key of a mapping, with what it holds in both languages."""

    name: str
    en: str
    vi: str
    required: bool = False

    @property
    def doc(self) -> Term:
        return Term(self.en, self.vi)


@dataclass(frozen=True, slots=True)
class Schema:
    """The allowed keys of one kind of mapping (``where`` names it in messages)."""

    where: Term
    fields: tuple[Field, ...]

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def read(self, node: YNode | None, loc: Location, diags: Diagnostics) -> YMap | None:
        """Check that ``node`` is a mapping with known keys and the required ones."""
        if node is None:
            node = YMap(loc)
        if not isinstance(node, YMap):
            diags.add(codes.YAML_WRONG_TYPE, node.loc, field=self.where, expected=terms.FIELD_LINES,
                      found=describe(node), example=f"{self.fields[0].name}: …")
            return None
        for key, key_loc in node.duplicates:
            diags.add(codes.YAML_DUPLICATE_KEY, key_loc, field=shown(key))
        allowed = self.names()
        for key, key_loc in node.key_locs.items():
            if key not in allowed:
                diags.add(codes.YAML_UNKNOWN_FIELD, key_loc, field=shown(key), where=self.where,
                          suggestion=did_you_mean(key, allowed), allowed=", ".join(allowed))
        for f in self.fields:
            value = node.items.get(f.name)
            if f.required and (value is None or (isinstance(value, YScalar) and value.value in (None, "")
                                                 and not value.reported)):
                diags.add(codes.YAML_MISSING_FIELD, node.loc, field=f.name, where=self.where, doc=f.doc)
        return node


def describe(node: YNode) -> Term | str:
    """How a node looks, for 'must be X, not Y' messages."""
    if isinstance(node, YMap):
        return terms.MAPPING
    if isinstance(node, YSeq):
        return terms.LIST
    if node.value is None:
        return terms.EMPTY
    return f"'{shown(node.raw)}'"


# --- typed readers: each reports its own problem and returns None ---------


def _wrong(node: YNode, name: str, expected: Term, example: str, diags: Diagnostics) -> None:
    if not (isinstance(node, YScalar) and node.reported):
        diags.add(codes.YAML_WRONG_TYPE, node.loc, field=name, expected=expected, found=describe(node), example=example)


def get_str(m: YMap, name: str, diags: Diagnostics, default: str | None = None) -> str | None:
    """A text field; numbers and dates are taken as written (e.g. 4.2 → '4.2')."""
    node = m.items.get(name)
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return default
    if isinstance(node, YScalar) and not isinstance(node.value, bool):
        return node.raw.strip() if not isinstance(node.value, str) else node.value.strip()
    _wrong(node, name, terms.TEXT, f"{name}: …", diags)
    return None


def _finite(value: object) -> float | None:
    """A YAML number as a finite float; None for booleans, text, .inf, .nan and huge integers."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def get_number(m: YMap, name: str, diags: Diagnostics, default: float | None = None) -> float | None:
    """A finite number (.inf, .nan and 400-digit integers are refused: no platform stores them)."""
    node = m.items.get(name)
    if node is None:
        return default
    number = _finite(node.value) if isinstance(node, YScalar) else None
    if number is not None:
        return number
    _wrong(node, name, terms.NUMBER, f"{name}: 10", diags)
    return None


def get_int(m: YMap, name: str, diags: Diagnostics, default: int | None = None) -> int | None:
    node = m.items.get(name)
    if node is None:
        return default
    if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    _wrong(node, name, terms.WHOLE_NUMBER, f"{name}: 3", diags)
    return None


def get_in_range(m: YMap, name: str, diags: Diagnostics, bounds: tuple[float, float], default: float,
                 whole: bool = False) -> float:
    """A number within ``bounds`` (inclusive); out of range or mistyped → reported, and the default."""
    value = get_int(m, name, diags) if whole else get_number(m, name, diags)
    if value is None:
        return default
    low, high = bounds
    if not low <= value <= high:
        diags.add(codes.YAML_OUT_OF_RANGE, field_loc(m, name), field=name, low=_num(low), high=_num(high),
                  value=shown(str(value), 40), example=_num(default))
        return default
    return value


def _num(value: float) -> str:
    return f"{value:g}"


def get_bool(m: YMap, name: str, diags: Diagnostics, default: bool) -> bool:
    node = m.items.get(name)
    if node is None:
        return default
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    _wrong(node, name, terms.BOOLEAN, f"{name}: true", diags)
    return default


def get_date(m: YMap, name: str, diags: Diagnostics) -> dt.date | None:
    node = m.items.get(name)
    if node is None:
        return None
    if isinstance(node, YScalar) and isinstance(node.value, dt.date):
        return node.value.date() if isinstance(node.value, dt.datetime) else node.value
    _wrong(node, name, terms.DATE, f"{name}: 2026-01-15", diags)
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
    _wrong(node, name, terms.LIST, f"{name}: [a, b]", diags)
    return []


def get_str_list(m: YMap, name: str, diags: Diagnostics) -> list[tuple[str, Location]]:
    """A list of texts, each with its location."""
    out: list[tuple[str, Location]] = []
    for item in get_seq(m, name, diags):
        if isinstance(item, YScalar) and item.value is not None and not isinstance(item.value, bool):
            out.append((item.raw.strip() if not isinstance(item.value, str) else item.value.strip(), item.loc))
        else:
            _wrong(item, name, terms.TEXT, "- …", diags)
    return out


def field_loc(m: YMap, name: str) -> Location:
    """Where a field's value is (or the mapping itself when it is absent)."""
    node = m.items.get(name)
    return node.loc if node is not None else m.loc
