"""First run, sign in, lock and unlock with the passphrase, sign out: nothing personal shows
unless the right person is signed in and the window is unlocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from laissez.casework import accounts
from laissez.desktop.app import create_application
from laissez.storage.database import Database
from laissez.storage.errors import WrongPassphraseError
from laissez.storage.keys import TEST_KDF
from tests.support.desktop import PASSPHRASE, USERNAME, start_and_sign_in


def test_first_run_creates_the_database_and_signs_in(qtbot, isolated_dirs: Path) -> None:
    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    page = window.first_run_page
    assert window.pages.currentWidget() is page
    assert not window.lock_action.isEnabled()
    page.mission_code.setText("uto")
    page.mission_name.setText("Utopia consulate")
    page.mission_state.setText("BGD")
    page.username.setText("farid")
    page.display_name.setText("Farid B.")
    page.passphrase.setText("short")
    assert "✓ A passphrase" not in page.rules.text()
    assert not page.create_button.isEnabled()
    page.passphrase.setText("a long enough passphrase")
    page.repeat.setText("a long enough passphrasX")
    assert "differ" in page.rules.text()
    assert not page.create_button.isEnabled()
    page.repeat.setText("a long enough passphrase")
    assert page.create_button.isEnabled()
    page.create_button.click()
    qtbot.waitUntil(lambda: page.steps.currentWidget() is page.signer_step, timeout=10000)
    assert (isolated_dirs / "laissez.db").exists()
    assert page.passphrase.text() == "" and page.repeat.text() == ""
    # Installing needs three files; the step may be skipped.
    page.install_button.click()
    assert page.signer_error.isVisibleTo(page)
    page.skip_button.click()
    assert window.pages.currentWidget() is window.work_area
    assert window.case_model.rowCount() == 0
    # The administrator is an officer too, so "New case" works at once.
    window.new_case_action.trigger()
    assert window.case_pages.currentWidget() is window.case_view
    assert window.case_view.status.text() == "Status: Draft"
    application.session.sign_out()
    secret = "a long enough passphrase"
    db = Database.open(isolated_dirs / "laissez.db", username="farid", passphrase=secret)
    try:
        assert db.user.has_role("officer") and db.user.has_role("administrator")
        assert db.user.display_name == "Farid B."
    finally:
        db.close()


def test_first_run_asks_for_the_mission_s_state_and_refuses_what_is_not_one(
    qtbot, isolated_dirs: Path
) -> None:
    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.first_run_page
    secret = "a long enough passphrase"
    for field, text in (
        (page.mission_code, "dac"),
        (page.mission_name, "Dhaka consulate"),
        (page.username, "farid"),
        (page.display_name, "Farid B."),
        (page.passphrase, secret),
        (page.repeat, secret),
    ):
        qtbot.keyClicks(field, text)
    # the State is asked for, in the rules too, and nothing is created without it
    assert "• The mission's State: a three-letter ICAO code" in page.rules.text()
    assert not page.create_button.isEnabled()
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert window.focusWidget() is page.mission_state
    # the unknown nationality, a refugee code and an organisation are not States
    for not_a_state in ("xxx", "XXB", "eue", "ZZZ"):
        page.mission_state.clear()
        qtbot.keyClicks(page.mission_state, not_a_state)
        assert page.mission_state.text() == not_a_state.upper()
        assert not page.create_button.isEnabled()
        qtbot.keyClick(page.mission_state, Qt.Key.Key_Return)
        assert page.steps.currentWidget() is page.account_step
    page.mission_state.clear()
    qtbot.keyClicks(page.mission_state, "bgdx")  # three letters at most
    assert page.mission_state.text() == "BGD"
    assert "✓ The mission's State" in page.rules.text()
    qtbot.keyClick(page.mission_state, Qt.Key.Key_Return)  # ready: Enter creates
    qtbot.waitUntil(lambda: page.steps.currentWidget() is page.signer_step, timeout=10000)
    application.session.sign_out()
    from sqlalchemy import select

    from laissez.storage.models import Mission

    with Database.open(isolated_dirs / "laissez.db", username="farid", passphrase=secret) as db:
        with db.session() as session:
            assert session.scalars(select(Mission.country_code)).one() == "BGD"


def test_wrong_passphrase_is_refused_inline(qtbot, data_dir: Path) -> None:
    window = create_application(kdf=TEST_KDF).window
    qtbot.addWidget(window)
    window.show()
    page = window.sign_in_page
    assert window.pages.currentWidget() is page
    page.username.setText(USERNAME)
    page.passphrase.setText("not the passphrase")
    page.button.click()
    qtbot.waitUntil(lambda: page.error.isVisibleTo(page), timeout=10000)
    assert "not right" in page.error.text()
    assert page.username.text() == USERNAME
    assert page.passphrase.text() == ""
    assert window.pages.currentWidget() is page
    assert page.button.isEnabled() and not page.busy.isVisibleTo(page)


def test_idle_lock_then_unlock_needs_the_passphrase(qtbot, monkeypatch, data_dir: Path) -> None:
    monkeypatch.setenv("LAISSEZ_IDLE_LOCK_SECONDS", "60")

    application = start_and_sign_in(qtbot)
    window = application.window
    assert application.idle.timeout_ms == 60_000  # the configured idle time is applied
    assert window.case_model.rowCount() > 0
    # Short only once signed in (a loaded machine must not lock before the list is seen).
    application.idle.set_timeout(300)
    with qtbot.waitSignal(application.idle.idle_timed_out, timeout=5000):
        pass
    assert window.locked
    assert window.case_model.rowCount() == 0
    assert not window.menuBar().isEnabled()
    lock = window.lock_screen
    lock.passphrase.setText("wrong passphrase here")
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lock.error.isVisibleTo(lock), timeout=10000)
    assert window.locked and lock.passphrase.text() == ""
    lock.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)
    assert window.pages.currentWidget() is window.work_area
    assert window.case_model.rowCount() > 0
    application.session.sign_out()


def test_ctrl_l_locks_and_sign_out_hides_everything(qtbot, signed_in) -> None:
    window = signed_in.window
    window.case_list.search.setText("Nomaaab")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert window.case_list.search.text() == ""
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    qtbot.mouseClick(window.lock_screen.sign_out_button, Qt.MouseButton.LeftButton)
    assert not signed_in.session.signed_in_now
    assert window.pages.currentWidget() is window.sign_in_page
    assert window.sign_in_page.username.text() == ""
    assert window.case_model.rowCount() == 0
    assert not window.lock_action.isEnabled()
    # Locking does nothing while no one is signed in.
    window.lock()
    assert window.pages.currentWidget() is window.sign_in_page


def test_verify_passphrase_does_not_reopen(data_dir: Path) -> None:
    db = accounts.sign_in(data_dir, USERNAME, PASSPHRASE)
    try:
        accounts.verify_passphrase(db, PASSPHRASE)
        with pytest.raises(WrongPassphraseError):
            accounts.verify_passphrase(db, "wrong passphrase!")
    finally:
        accounts.sign_out(db)
