"""Dependency direction (DESIGN.md): only desktop imports Qt; arrows point down."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "laissez"
# package -> packages it must never import
FORBIDDEN = {
    "documents": {"casework", "desktop", "forms", "storage", "printing", "hq"},
    "forms": {"casework", "desktop", "storage", "printing", "hq", "documents"},
    "printing": {"casework", "desktop", "storage", "forms", "hq"},
    "storage": {"casework", "desktop", "printing", "hq"},
    "casework": {"desktop", "hq"},
    "hq": {"desktop", "casework", "printing", "storage"},
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


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_down(package: str) -> None:
    bad = []
    for path in (PKG / package).rglob("*.py"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "PySide6" or (
                parts[0] == "laissez" and len(parts) > 1 and parts[1] in FORBIDDEN[package]
            ):
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert not bad, "\n".join(bad)


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
