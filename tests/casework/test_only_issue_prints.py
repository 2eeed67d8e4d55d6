"""Only casework's issue transition may bring a new ETD into being (issue 6, item 3).

The package is scanned (AST): outside ``laissez/printing`` and ``laissez/documents`` (where the
functions live, and the specimen command uses throwaway test keys), the only call of
``issue_etd`` or ``seal_etd`` is in ``DecisionSteps.issue_document``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "laissez"
SIGNING_FUNCTIONS = {"issue_etd", "seal_etd"}
EXEMPT = (PKG / "printing", PKG / "documents")


class _Calls(ast.NodeVisitor):
    """Collect (enclosing qualified name, called name) of calls to the signing functions, and
    every other mention of their names (imports, aliases, attribute reads)."""

    def __init__(self) -> None:
        self.scope: list[str] = []
        self.calls: list[tuple[str, str]] = []
        self.mentions: list[tuple[str, str]] = []
        self.imports: list[tuple[str, str, str | None]] = []

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
                self.imports.append((node.module or "", alias.name, alias.asname))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in SIGNING_FUNCTIONS:
            self.mentions.append((".".join(self.scope), node.attr))
        self.generic_visit(node)


def _scan() -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]], set[tuple[str, ...]]]:
    calls, mentions, imports = set(), set(), set()
    for path in sorted(PKG.rglob("*.py")):
        if any(path.is_relative_to(e) for e in EXEMPT):
            continue
        visitor = _Calls()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        rel = path.relative_to(ROOT).as_posix()
        calls |= {(rel, scope, name) for scope, name in visitor.calls}
        mentions |= {(rel, scope, name) for scope, name in visitor.mentions}
        imports |= {(rel, module, name, str(asname)) for module, name, asname in visitor.imports}
    return calls, mentions, imports


def test_only_the_issue_transition_signs_a_new_etd() -> None:
    calls, mentions, imports = _scan()
    expected = {("laissez/casework/decisions.py", "DecisionSteps.issue_document", "issue_etd")}
    assert calls == expected
    # no alias, no getattr-by-name and no reference passed around elsewhere either
    assert mentions == expected
    # imported once, under its own name (an alias would hide calls from the scan)
    assert imports == {
        ("laissez/casework/decisions.py", "laissez.printing.etd", "issue_etd", "None")
    }


def test_the_scan_sees_a_forbidden_call(tmp_path: Path) -> None:
    """The visitor is not blind: a sneaky call through a module attribute is found."""
    source = "import laissez.printing.etd as p\ndef f(d, k):\n    return p.issue_etd(d, k)\n"
    visitor = _Calls()
    visitor.visit(ast.parse(source))
    assert visitor.calls == [("f", "issue_etd")]
