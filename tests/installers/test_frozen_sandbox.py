"""The sandbox in a frozen (PyInstaller) build: its fork server is the frozen executable started
again, and the children it forks must find the bundle's tools (zbar) as the application does.

Building even a small frozen program takes minutes, so this runs only with
``LAISSEZ_TEST_FROZEN=1`` (``make dist`` smoke-tests the full bundle's ``self-test``, which
verifies an ETD through the sandbox, on every build).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("frozen") / "probe.py"


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("LAISSEZ_TEST_FROZEN") != "1":
        pytest.skip("builds a frozen program (minutes): set LAISSEZ_TEST_FROZEN=1")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed")
    work = tmp_path_factory.mktemp("frozen")
    (work / "libzbar.so.0").write_bytes(b"a stand-in for the bundled zbar")
    subprocess.run(
        [str(pyinstaller), "--noconfirm", "--log-level", "ERROR", "--onedir", "--name", "probe",
         "--paths", str(ROOT), "--add-data", "libzbar.so.0:.",
         "--hidden-import", "laissez.documents.sandbox",
         "--exclude-module", "numpy", "--exclude-module", "PIL", "--exclude-module", "PySide6",
         str(PROBE)],
        cwd=work, check=True, timeout=1200, capture_output=True,
    )  # fmt: skip
    return work / "dist" / "probe" / "probe"


def _run(probe: Path, **env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PROBE_OLD_ORDER")}
    out = subprocess.run(
        [str(probe)], env={**clean, **env}, capture_output=True, text=True, timeout=120,
        check=True, cwd=probe.parent,
    )  # fmt: skip
    return dict(json.loads(out.stdout))


@pytest.mark.slow
def test_a_sandbox_child_of_the_frozen_program_finds_the_bundled_zbar(probe: Path) -> None:
    answer = _run(probe)
    assert answer["frozen"] is True
    assert answer["zbar"] == str(Path(str(answer["root"])) / "libzbar.so.0")


@pytest.mark.slow
def test_the_former_start_order_left_the_children_without_it(probe: Path) -> None:
    answer = _run(probe, PROBE_OLD_ORDER="1")
    assert answer["zbar"] != str(Path(str(answer["root"])) / "libzbar.so.0")


def test_the_real_entry_point_starts_the_same_way() -> None:
    entry = (ROOT / "installers" / "entry.py").read_text(encoding="utf-8")
    assert "bundle.start()" in entry and "freeze_support" not in entry
