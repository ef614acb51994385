"""The package's layers, read from its imports with ``ast`` (docs/architecture.md).

A module may import its own package, or a package of a lower layer; never a
higher one, never a sibling of its own layer, and no emitter imports another
emitter.  Every import counts, also the lazy ones inside functions and those
under ``TYPE_CHECKING``: they are still a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "hocvuso"

# Lowest first.  Top-level names of the same rank may not import each other.
RANKS = {
    "diagnostics": 0,
    "model": 1, "options": 1, "identifiers": 1,
    "loader": 2, "checks": 2,
    "media": 3,
    "emitters": 4,
    "project": 5,
    "build": 6, "reports": 6,
    "commands": 7,
    "cli": 8,
    "__main__": 9,
}
EMITTERS = {"olx", "scorm", "case", "guide", "handout", "media"}  # emitters/<name>[.py]; the rest of emitters/ is shared
# Lower, but still out of bounds: emitters and the media service work from the model, never from sources.
FORBIDDEN = {"emitters": {"loader", "checks"}, "media": {"loader", "checks"}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every hocvuso module ``path`` imports, absolute or relative, at any depth."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, module: str, is_package: bool) -> set[str]:
    """Every hocvuso name imported by ``source``, the text of ``module``."""
    tree = ast.parse(source)
    own = module.split(".")
    package = own if is_package else own[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found |= {f"{base}.{alias.name}" for alias in node.names}  # resolves to the module or to ``base``
    return {name for name in found if name == "hocvuso" or name.startswith("hocvuso.")}


def existing(name: str, modules: set[str]) -> str | None:
    """The module ``name`` refers to (``from pkg import submodule`` names a module; ``from m import f`` does not)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {mod: {t for name in imports_of(path) if (t := existing(name, modules)) and t != mod}
            for mod, path in files.items()}


def top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "hocvuso"


def emitter_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "emitters" and parts[2] in EMITTERS else None


def test_every_top_level_module_has_a_layer(graph: dict[str, set[str]]) -> None:
    unranked = sorted({top(m) for m in graph} - set(RANKS) - {"hocvuso"})
    assert not unranked, f"give these a layer in RANKS and docs/architecture.md: {unranked}"


def test_no_module_imports_a_higher_or_sibling_layer(graph: dict[str, set[str]]) -> None:
    wrong = [f"{m} -> {t}" for m, targets in graph.items() for t in targets
             if top(t) != "hocvuso" and top(m) != "hocvuso" and top(t) != top(m) and RANKS[top(t)] >= RANKS[top(m)]]
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def test_emitters_and_media_never_read_sources(graph: dict[str, set[str]]) -> None:
    wrong = [f"{m} -> {t}" for m, targets in graph.items() for t in targets if top(t) in FORBIDDEN.get(top(m), set())]
    assert not wrong, "an emitter or the media service reaching into the loader or the checks:\n" + "\n".join(sorted(wrong))


def test_no_emitter_imports_another_emitter(graph: dict[str, set[str]]) -> None:
    wrong = []
    for module, targets in graph.items():
        if top(module) != "emitters" or module == "hocvuso.emitters":  # the registry names every emitter
            continue
        for target in targets:
            theirs, mine = emitter_of(target), emitter_of(module)
            if theirs is not None and theirs != mine:
                wrong.append(f"{module} -> {target}")
    assert not wrong, "emitters borrowing from each other (move the shared rule below them):\n" + "\n".join(wrong)


def test_there_is_no_import_circle(graph: dict[str, set[str]]) -> None:
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_relative_and_lazy_imports_are_seen() -> None:
    """The walk itself works: a relative import up a layer, inside a function, is found."""
    source = "def f():\n    from ..emitters import base\n    from . import content\n"
    assert imports_in(source, "hocvuso.model.planted", is_package=False) >= {
        "hocvuso.emitters.base", "hocvuso.model.content"}
