"""Only casework's issue transition may bring a new ETD into being (issue 6, item 3).

The package is scanned (AST): outside ``laissez/printing`` and ``laissez/documents`` (where the
functions live, and where ``printing.specimen.issue_specimen`` prints specimens with throwaway
TEST keys for ``laissez etd specimen`` and ``laissez self-test``), the only call of
``issue_etd`` or ``seal_etd`` is in ``DecisionSteps.issue_document``; any other caller fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "laissez"
SIGNING_FUNCTIONS = {"issue_etd", "seal_etd"}
EXEMPT = (PKG / "printing", PKG / "documents")
ISSUE_SITE = ("laissez/casework/decisions.py", "DecisionSteps.issue_document")


class _Calls(ast.NodeVisitor):
    """Collect (enclosing qualified name, called name) of calls to the signing functions, and
    every other mention of their names (imports, aliases, attribute reads)."""

    def __init__(self) -> None:
        self.scope: list[str] = []
        self.calls: list[tuple[str, str]] = []
        self.mentions: list[tuple[str, str]] = []
        self.imports: list[tuple[str, tuple[str, str, str | None]]] = []

    def _scoped(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _scoped

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in SIGNING_FUNCTIONS:
            self.calls.append((".".join(self.scope), name))
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in SIGNING_FUNCTIONS:
            self.mentions.append((".".join(self.scope), node.id))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name in SIGNING_FUNCTIONS:
                scope = ".".join(self.scope)
                self.imports.append((scope, (node.module or "", alias.name, alias.asname)))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in SIGNING_FUNCTIONS:
            self.mentions.append((".".join(self.scope), node.attr))
        self.generic_visit(node)


def _scan() -> dict[tuple[str, str], set[str]]:
    """(file, enclosing function) -> what it does with the signing functions: ``call:NAME``,
    ``mention:NAME`` and ``import:MODULE.NAME as ALIAS``."""
    found: dict[tuple[str, str], set[str]] = {}
    for path in sorted(PKG.rglob("*.py")):
        if any(path.is_relative_to(e) for e in EXEMPT):
            continue
        visitor = _Calls()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        rel = path.relative_to(ROOT).as_posix()
        for scope, name in visitor.calls:
            found.setdefault((rel, scope), set()).add(f"call:{name}")
        for scope, name in visitor.mentions:
            found.setdefault((rel, scope), set()).add(f"mention:{name}")
        for scope, (module, name, asname) in visitor.imports:
            found.setdefault((rel, scope), set()).add(f"import:{module}.{name} as {asname}")
    return found


def test_only_the_issue_transition_signs_a_new_etd() -> None:
    found = _scan()
    # the issue transition calls issue_etd, by its own name (an alias would hide calls)
    # (imported there too, on first use: the layout code is not loaded at start-up)
    assert found.pop(ISSUE_SITE) == {
        "call:issue_etd",
        "mention:issue_etd",
        "import:laissez.printing.etd.issue_etd as None",
    }
    assert not found, f"signing functions used outside the issue transition: {found}"


def test_the_scan_sees_a_forbidden_call(tmp_path: Path) -> None:
    """The visitor is not blind: a sneaky call through a module attribute is found."""
    source = "import laissez.printing.etd as p\ndef f(d, k):\n    return p.issue_etd(d, k)\n"
    visitor = _Calls()
    visitor.visit(ast.parse(source))
    assert visitor.calls == [("f", "issue_etd")]
