"""Shared fixtures: the ../shared test data, isolated data directories."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# helpers in tests/support assert too: rewrite them as pytest rewrites test modules
pytest.register_assert_rewrite("tests.support")

#: fixtures that several directories use; pytest allows ``pytest_plugins`` only here
pytest_plugins = ["tests.support.fixtures", "tests.support.pg"]

#: headquarters' private keys are encrypted at rest; every test HQ (in process or a
#: ``laissez-hq`` child process, which inherits it) opens them with this passphrase
os.environ.setdefault("LAISSEZ_HQ_KEY_PASSPHRASE", "test headquarters key passphrase")


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


@pytest.fixture(scope="session")
def _token_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """One initialized SoftHSM2 token directory, copied for each test (initializing a token
    costs far more than copying it)."""
    import shutil

    from laissez.documents.seal.token import init_softhsm_token
    from tests.support.token import SOFTHSM_MODULE, TOKEN_LABEL, TOKEN_PIN

    if not SOFTHSM_MODULE.exists() or shutil.which("softhsm2-util") is None:
        return None
    base = tmp_path_factory.mktemp("softhsm-template")
    init_softhsm_token(base, label=TOKEN_LABEL, pin=TOKEN_PIN, so_pin="12345678")
    return base / "tokens"


@pytest.fixture(autouse=True)
def private_token(
    _token_template: Path | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path | None:
    """A private SoftHSM2 token per test (its own ``SOFTHSM2_CONF`` and token directory) that
    holds the seal keys the test installs; ``LAISSEZ_PKCS11_*`` point casework at it."""
    from tests.support.token import use_private_token

    if _token_template is None:
        return None
    return use_private_token(_token_template, tmp_path, monkeypatch)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Before pytest-qt closes the test's windows: nobody is there to answer the main window's
    "unsaved changes" question, which would wait for ever (tests of that question answer it
    themselves, before the test ends).

    After: every main window still alive is ended as the application ends it (database
    closed, timers stopped, deleted with its idle watcher, an event filter on the whole
    QApplication). Left alive, each one filtered every event of every later test and ran its
    timers: the desktop tests took three times as long by the end of the suite."""
    if "laissez.desktop.main_window" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from laissez.desktop.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.ask_before_closing = False
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.end()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
