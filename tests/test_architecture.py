"""Dependency direction (DESIGN.md): only desktop imports Qt; arrows point down; no import
circles; no module over 600 lines."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "laissez"
MAX_LINES = 600
# package -> packages it must never import
FORBIDDEN = {
    "documents": {"casework", "desktop", "forms", "storage", "printing", "hq"},
    "forms": {"casework", "desktop", "storage", "printing", "hq", "documents"},
    "printing": {"casework", "desktop", "storage", "forms", "hq"},
    "storage": {"casework", "desktop", "printing", "hq"},
    "casework": {"desktop", "hq"},
    "hq": {"desktop", "casework", "printing", "storage"},
    # the desktop talks to casework, never to storage
    "desktop": {"storage"},
    # the wire protocol is shared by hq and the sync client: it imports nothing of laissez
    "protocol": {
        "documents",
        "forms",
        "storage",
        "casework",
        "printing",
        "desktop",
        "hq",
        "cli",
    },
}


def _modules() -> dict[str, Path]:
    """Every module of ``laissez`` by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = path.relative_to(PKG.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _base(node: ast.ImportFrom, module_name: str, path: Path) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = module_name.split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, node.module] if node.module else package)


def _names(node: ast.Import | ast.ImportFrom, module_name: str, path: Path) -> Iterator[str]:
    """What an import statement names: ``import a.b`` and ``from a.b import c`` name ``a.b``;
    ``from a import b`` (a top-level package) names ``a.b``, so ``from laissez import storage``
    counts as importing ``laissez.storage``."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = _base(node, module_name, path)
    if "." in base:
        yield base
    else:
        yield from (f"{base}.{alias.name}" for alias in node.names)


def _imports(name: str, path: Path) -> set[str]:
    """Every name module ``name`` imports anywhere (module level, functions, TYPE_CHECKING)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update(_names(node, name, path))
    return names


def _import_graph() -> dict[str, set[str]]:
    """Module -> the modules of ``laissez`` it imports anywhere: at module level, inside
    functions and under ``if TYPE_CHECKING:`` (an import moved into a function or a type-only
    block hides a circle; it does not break it). ``from a import b`` depends on module ``a.b``
    when there is one, else on ``a``."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            if not isinstance(node, ast.ImportFrom):
                continue
            base = _base(node, name, path)
            for alias in node.names:
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
        graph[name] = {t for t in targets if t in MODULES and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, ..., a]``) for each strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    cycles = []
    for group in groups:
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:  # shortest way back to ``start`` inside the group
            node = queue.pop(0)
            for target in sorted(graph[node] & group):
                if target == start:
                    cycles.append([*paths[node], start])
                    queue = []
                    break
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    queue.append(target)
    return sorted(cycles)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_down(package: str) -> None:
    bad = []
    for module, path in MODULES.items():
        if module.split(".")[:2] != ["laissez", package]:
            continue
        for name in sorted(_imports(module, path)):
            parts = name.split(".")
            if parts[0] == "laissez" and len(parts) > 1 and parts[1] in FORBIDDEN[package]:
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert not bad, "\n".join(bad)


def test_only_desktop_imports_qt() -> None:
    bad = []
    for name, path in MODULES.items():
        if name == "laissez.desktop" or name.startswith("laissez.desktop."):
            continue
        for imported in sorted(_imports(name, path)):
            if imported.split(".")[0] == "PySide6":
                bad.append(f"{path.relative_to(PKG)} imports {imported}")
    assert not bad, "\n".join(bad)


def test_no_import_circles() -> None:
    cycles = _cycles(_import_graph())
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_circle_finder_finds_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]


def test_no_module_is_over_600_lines() -> None:
    counts = {path: path.read_bytes().count(b"\n") for path in MODULES.values()}
    bad = [f"{p.relative_to(PKG)}: {n} lines" for p, n in sorted(counts.items()) if n > MAX_LINES]
    assert not bad, f"modules over {MAX_LINES} lines:\n" + "\n".join(bad)


def test_headless_packages_import_without_qt() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "sys.modules['PySide6'] = None\n"
        "import laissez\n"
        "for m in pkgutil.walk_packages(laissez.__path__, 'laissez.'):\n"
        "    skip = ('laissez.desktop', '__main__', '.migrations')\n"
        "    if m.name.startswith(skip[0]) or m.name.endswith(skip[1]) or skip[2] in m.name:\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "ok" in out.stdout
