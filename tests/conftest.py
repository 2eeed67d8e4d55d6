"""Shared fixtures: the ../shared test data, isolated data directories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# helpers in tests/support assert too: rewrite them as pytest rewrites test modules
pytest.register_assert_rewrite("tests.support")

#: fixtures that several directories use; pytest allows ``pytest_plugins`` only here
pytest_plugins = ["tests.support.fixtures", "tests.support.pg"]


@pytest.fixture(scope="session")
def shared_testdata() -> Path:
    """``../shared/testdata``; in CI it must exist, elsewhere the test skips."""
    from tests.support.shared import TESTDATA

    if not TESTDATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared test data missing: {TESTDATA} (CI always has ../shared)")
        pytest.skip(f"needs the shared test data folder {TESTDATA} (../shared/testdata)")
    return TESTDATA


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user directory at a temporary one, so no test touches a real profile."""
    data = tmp_path / "laissez-data"
    monkeypatch.setenv("LAISSEZ_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return data
