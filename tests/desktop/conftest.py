"""Fixtures of the desktop tests (Qt runs offscreen unless --onscreen is given): a template
data directory with seeded cases, the application signed in. The ``world`` fixture is shared
(``tests/support/fixtures.py``); helpers are in ``tests/support/desktop.py``."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from laissez.casework import accounts
from laissez.storage.keys import TEST_KDF
from tests.support.cases import SEEDED_CASES, seed_cases
from tests.support.desktop import PASSPHRASE, USERNAME, start_and_sign_in

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="module", autouse=True)
def _gc_back_to_python() -> Iterator[None]:
    """The application collects garbage on the GUI thread only; give collection back to
    Python after each desktop module so other packages' tests run as usual."""
    yield
    from laissez.desktop import collector

    collector.uninstall()


@pytest.fixture(scope="module")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict]]:
    """A data directory with a database (one administrator-officer, seeded cases), made once
    per module; tests copy it, so key derivation and seeding are paid once."""
    directory = tmp_path_factory.mktemp("template")
    db = accounts.first_run(
        directory,
        accounts.SetupRequest(
            "UTO", "Utopia consulate", USERNAME, "Amina K.", PASSPHRASE, country_code="BGD"
        ),
        kdf=TEST_KDF,
    )
    known = seed_cases(db, SEEDED_CASES)
    db.close()
    yield directory, known


@pytest.fixture
def data_dir(template_dir: tuple[Path, dict], isolated_dirs: Path) -> Path:
    """This test's own copy of the template data directory."""
    shutil.copytree(template_dir[0], isolated_dirs, dirs_exist_ok=True)
    return isolated_dirs


@pytest.fixture
def known_cases(template_dir: tuple[Path, dict]) -> dict[str, uuid.UUID]:
    """Ids of seeded cases: ``arabic`` (an Arabic name) and ``number`` (passport X0000011)."""
    return template_dir[1]


@pytest.fixture
def signed_in(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    """The application, signed in through the sign-in page."""
    application = start_and_sign_in(qtbot)
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()


@pytest.fixture
def officer_app(qtbot, world):  # type: ignore[no-untyped-def]
    """The application on the world's database, signed in as officer ``oscar`` (through the
    session controller, as the sign-in page does)."""
    from laissez.desktop.app import create_application
    from tests.support.world import PASSPHRASE as WORLD_PASSPHRASE

    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in("oscar", WORLD_PASSPHRASE.format(name="oscar"))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=10000)
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()
