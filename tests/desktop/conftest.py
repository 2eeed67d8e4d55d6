"""Qt tests run offscreen unless --onscreen is given."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert

from laissez.casework import accounts
from laissez.storage.ids import new_id, utcnow
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import Case, IdentityDocument, Person
from laissez.storage.text import name_key

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


USERNAME = "amina"
PASSPHRASE = "correct horse battery"
SEEDED_CASES = 450
ARABIC_NAME = ("حداد", "ليلى")


def latin_surname(i: int) -> str:
    """Case ``i``'s surname: digits spelt as letters a-j (search keys keep letters only)."""
    return "Nom" + "".join(chr(ord("a") + int(d)) for d in f"{i:04d}")


def seed_cases(db: object, count: int) -> dict[str, uuid.UUID]:
    """Insert ``count`` cases with people and passports; returns a few ids by label."""
    now = utcnow()
    people, documents, cases = [], [], []
    known: dict[str, uuid.UUID] = {}
    for i in range(count):
        person_id, case_id = new_id(), new_id()
        if i == 7:
            primary, secondary, latin, latin2, script = (*ARABIC_NAME, "Haddad", "Layla", "Arab")
            known["arabic"] = case_id
        else:
            primary = latin = latin_surname(i)
            secondary = latin2 = "Given"
            script = "Latn"
        if i == 11:
            known["number"] = case_id
        people.append({
            "id": person_id, "primary_name": primary, "secondary_name": secondary,
            "name_script": script, "primary_name_latin": latin, "secondary_name_latin": latin2,
            "search_name": name_key(latin, latin2), "name_truncated": False,
            "created_at": now, "updated_at": now,
        })  # fmt: skip
        documents.append({
            "id": new_id(), "person_id": person_id, "document_code": "P",
            "issuing_state": "UTO", "document_number": f"X{i:07d}", "mrz_valid": True,
            "source": "manual", "created_at": now,
        })  # fmt: skip
        cases.append({
            "id": case_id, "person_id": person_id,
            "status": "closed" if i % 3 == 0 else "draft", "is_minor": False,
            "created_by": db.user.id, "created_at": now, "updated_at": now,  # type: ignore[attr-defined]
            "status_changed_at": now, "version": 1,
        })  # fmt: skip
    with db.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(insert(Person.__table__), people)
        conn.execute(insert(IdentityDocument.__table__), documents)
        conn.execute(insert(Case.__table__), cases)
    return known


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
        accounts.SetupRequest("UTO", "Utopia consulate", USERNAME, "Amina K.", PASSPHRASE),
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


def _sign_in(qtbot):  # type: ignore[no-untyped-def]
    """Start the application on the current data directory and sign in through the page."""
    from laissez.desktop.app import create_application

    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.sign_in_page
    window.sign_in_page.username.setText(USERNAME)
    window.sign_in_page.passphrase.setText(PASSPHRASE)
    window.sign_in_page.button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=10000)
    return application


@pytest.fixture
def signed_in(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    """The application, signed in through the sign-in page."""
    application = _sign_in(qtbot)
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()


@pytest.fixture
def world(isolated_dirs: Path) -> Iterator[object]:
    """A mission world in the data directory (see ``tests/casework/world.py``): officers
    ``oscar``/``olga``, supervisors ``sam``/``sue``, protection officer ``pat``, a test signer
    and 1000 document numbers. ``world.new_case(until=CaseState.X)`` walks a case there."""
    from tests.casework.world import World

    w = World(isolated_dirs)
    yield w
    w.close()


@pytest.fixture
def officer_app(qtbot, world):  # type: ignore[no-untyped-def]
    """The application on the world's database, signed in as officer ``oscar`` (through the
    session controller, as the sign-in page does)."""
    from laissez.desktop.app import create_application
    from tests.casework.world import PASSPHRASE

    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in("oscar", PASSPHRASE.format(name="oscar"))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=10000)
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()


def open_case_in_window(window, case_id: uuid.UUID) -> object:  # type: ignore[no-untyped-def]
    """Open ``case_id`` in the case flow page as the case list's Return key does; returns
    the ``CaseFlowPage``."""
    window.open_case(case_id)
    assert window.case_pages.currentWidget() is window.case_view
    return window.case_view
