"""Layout of the tests: a test module (or conftest) imports shared helpers from
``tests.support`` only, never another test module or a conftest; shared fixtures come through
``pytest_plugins`` in ``tests/conftest.py``."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _foreign_imports(source: str) -> list[str]:
    """The modules of ``tests`` outside ``tests.support`` that ``source`` imports anywhere
    (module level or inside functions); a relative import counts as one."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append("." * node.level + (node.module or ""))
                continue
            base = node.module or ""
            names = [f"{base}.{a.name}" for a in node.names] if base == "tests" else [base]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "tests" and parts[1:2] != ["support"]:
                found.append(name)
    return found


def test_tests_import_only_the_support_package() -> None:
    bad = []
    for path in sorted(TESTS.rglob("*.py")):
        for name in _foreign_imports(path.read_text(encoding="utf-8")):
            bad.append(f"{path.relative_to(TESTS)} imports {name}")
    assert not bad, "import helpers from tests.support instead:\n" + "\n".join(bad)


def test_the_import_check_finds_test_and_conftest_imports() -> None:
    source = (
        "import tests.desktop.conftest\n"
        "from tests.documents.test_seal import NOW\n"
        "from tests import conftest, support\n"
        "from .helpers import x\n"
        "from tests.support.world import World\n"
        "import tests.support.pg\n"
        "def f():\n"
        "    import tests.printing.conftest as printing\n"
    )
    assert sorted(_foreign_imports(source)) == [
        ".helpers",
        "tests.conftest",
        "tests.desktop.conftest",
        "tests.documents.test_seal",
        "tests.printing.conftest",
    ]
