"""The Settings dialog's Users tab: staff without the command line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from laissez.casework import accounts, staff
from laissez.casework.errors import RoleRequiredError
from laissez.storage.database import Database
from laissez.storage.errors import WrongPassphraseError
from laissez.storage.keys import MIN_PASSPHRASE_LENGTH
from laissez.storage.models import AuditEvent
from tests.support.world import PASSPHRASE

NEW_PASSPHRASE = "a brand new supervisor passphrase"


def _users_tab(application):  # type: ignore[no-untyped-def]
    application.window.settings_action.trigger()
    dialog = application.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.tabs.setCurrentWidget(dialog.users_tab)
    return dialog, dialog.users_tab


def _plain(text: str) -> str:
    """``text`` without the bidi isolation marks."""
    return "".join(c for c in text if c not in "\u2066\u2067\u2068\u2069")


def _rows(tab) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    table = tab.table
    return {
        tab.members[row].username: [
            _plain(table.item(row, c).text()) for c in range(table.columnCount())
        ]
        for row in range(table.rowCount())
    }


def _fill(dialog, username: str, passphrase: str, repeated: str, roles: list[str]) -> None:  # type: ignore[no-untyped-def]
    dialog.username.setText(username)
    dialog.display_name.setText("Sara Supervisor")
    dialog.passphrase.setText(passphrase)
    dialog.repeated.setText(repeated)
    for code in roles:
        dialog.role_checks[code].setChecked(True)


def test_an_administrator_adds_a_supervisor_who_can_then_sign_in(qtbot, admin_app, world) -> None:
    _dialog, tab = _users_tab(admin_app)
    assert tab.add_button.isEnabled()
    rows = _rows(tab)
    assert rows["sam"][2] == "Supervisor" and rows["sam"][3] == "Active"
    add = tab.open_add()
    _fill(add, "sara", NEW_PASSPHRASE, NEW_PASSPHRASE, ["supervisor"])
    with qtbot.waitSignal(tab.users_changed, timeout=15000):
        add.ok_button.click()
        assert add.busy.isVisible()  # key derivation runs in a worker
    assert "sara was added" in _plain(tab.status.text())
    assert _rows(tab)["sara"][1:] == ["Sara Supervisor", "Supervisor", "Active"]
    db = accounts.sign_in(world.path.parent, "sara", NEW_PASSPHRASE)
    try:
        assert db.user.has_role("supervisor") and not db.user.has_role("officer")
        assert db.user.display_name == "Sara Supervisor"
        with db.read_session() as s:
            events = s.scalars(select(AuditEvent).where(AuditEvent.action == "user.added")).all()
            details = events[-1].details
        assert details == {"roles": ["supervisor"]}  # codes only, no name
    finally:
        db.close()


def test_a_weak_passphrase_is_refused_with_the_rule_and_nothing_is_added(
    qtbot, admin_app, world
) -> None:
    _dialog, tab = _users_tab(admin_app)
    add = tab.open_add()
    _fill(add, "sara", "short", "short", ["supervisor"])
    add.ok_button.click()
    qtbot.waitUntil(lambda: add.error.isVisibleTo(add), timeout=10000)
    assert add.error.text() == f"A passphrase has at least {MIN_PASSPHRASE_LENGTH} characters."
    assert add.isVisible() and add.ok_button.isEnabled()
    # no role and two different passphrases: each problem has its sentence
    add.role_checks["supervisor"].setChecked(False)
    add.passphrase.setText(NEW_PASSPHRASE)
    add.repeated.setText(NEW_PASSPHRASE + "x")
    add.ok_button.click()
    qtbot.waitUntil(lambda: "Choose at least one role." in add.error.text(), timeout=10000)
    assert "The two passphrases differ." in add.error.text()
    assert "sara" not in _rows(tab)
    with pytest.raises(WrongPassphraseError):
        accounts.sign_in(world.path.parent, "sara", "short")


def test_a_duplicate_user_name_is_refused_with_a_sentence(qtbot, admin_app) -> None:
    _dialog, tab = _users_tab(admin_app)
    add = tab.open_add()
    _fill(add, "sam", NEW_PASSPHRASE, NEW_PASSPHRASE, ["officer"])
    add.ok_button.click()
    qtbot.waitUntil(lambda: add.error.isVisibleTo(add), timeout=10000)
    assert add.error.text().startswith("A user with this user name already exists.")
    assert _rows(tab)["sam"][2] == "Supervisor"


def test_an_officer_sees_the_users_read_only(qtbot, officer_app, world) -> None:
    _dialog, tab = _users_tab(officer_app)
    assert "Only an administrator" in tab.note.text()
    assert {"oscar", "sam", "pat", "admin"} <= set(_rows(tab))
    assert _rows(tab)["boss"][2] == "Officer, Supervisor"
    tab.select_user("sam")
    assert not any(b.isEnabled() for b in (tab.add_button, tab.reset_button, tab.remove_button))
    with pytest.raises(RoleRequiredError):  # and below the screen too
        staff.add_staff(
            world.handles["oscar"], "x", "", NEW_PASSPHRASE, NEW_PASSPHRASE, ["officer"]
        )


def test_removing_a_user_rotates_the_key(qtbot, admin_app, world) -> None:
    _dialog, tab = _users_tab(admin_app)
    for name in list(world.handles):  # no other handle on the file during the rotation
        world.handles.pop(name).close()
    world.admin.close()
    tab.select_user("olga")
    assert tab.remove_button.isEnabled()
    box = tab.confirm_remove()
    assert "database key is then rotated" in box.informativeText()
    with qtbot.waitSignal(tab.users_changed, timeout=20000):
        tab.confirm_remove_button.click()
    assert "olga was removed and the database key was rotated" in _plain(tab.status.text())
    assert _rows(tab)["olga"][3] == "Removed"
    with pytest.raises(WrongPassphraseError):
        Database.open(world.path, username="olga", passphrase=PASSPHRASE.format(name="olga"))
    sam = Database.open(world.path, username="sam", passphrase=PASSPHRASE.format(name="sam"))
    try:
        with sam.read_session() as s:
            actions = [e.action for e in s.scalars(select(AuditEvent)).all()]
        assert actions[-3:] == ["user.removed", "database.rekeyed", "user.unlocked"]
    finally:
        sam.close()
    # the administrator keeps working on the rotated database
    assert "olga" in _rows(tab)
    tab.reload()


def test_the_last_administrator_and_ones_own_account_cannot_be_removed(qtbot, admin_app) -> None:
    _dialog, tab = _users_tab(admin_app)
    tab.select_user("admin")
    tab.confirm_remove()
    tab.confirm_remove_button.click()
    qtbot.waitUntil(lambda: tab.error.isVisibleTo(tab), timeout=10000)
    assert tab.error.text() == "You cannot remove your own account. Ask another administrator."
    assert _rows(tab)["admin"][3] == "Active"


def test_an_administrator_resets_a_passphrase(qtbot, admin_app, world) -> None:
    _dialog, tab = _users_tab(admin_app)
    tab.select_user("sue")
    reset = tab.open_reset()
    assert not reset.username.isVisible() and not reset.roles_box.isVisible()
    reset.passphrase.setText(NEW_PASSPHRASE)
    reset.repeated.setText(NEW_PASSPHRASE)
    with qtbot.waitSignal(tab.users_changed, timeout=15000):
        reset.ok_button.click()
    assert "sue has a new passphrase" in _plain(tab.status.text())
    accounts.sign_in(world.path.parent, "sue", NEW_PASSPHRASE).close()


def test_a_user_can_be_chosen_in_a_right_to_left_layout(qtbot, admin_app) -> None:
    from PySide6.QtCore import Qt

    from laissez.i18n import install

    admin_app.language.apply("ar")
    try:
        dialog, tab = _users_tab(admin_app)
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        tab.select_user("sam")
        assert tab.selected() is not None and tab.selected().username == "sam"
        assert tab.remove_button.isEnabled() and tab.reset_button.isEnabled()
    finally:
        admin_app.language.apply("en")
        install("en")


def test_an_administrator_revokes_a_supervisors_signing_keys(qtbot, admin_app, world) -> None:
    from PySide6.QtWidgets import QMessageBox

    from laissez.casework.states import CaseState as S

    case = world.new_case(S.APPROVED)  # approved by sam
    assert "decision.key_untrusted" not in [i.code for i in world["oscar"].gate(case)]
    _dialog, tab = _users_tab(admin_app)
    tab.select_user("sam")
    assert tab.revoke_button.isEnabled()
    qtbot.mouseClick(tab.revoke_button, Qt.MouseButton.LeftButton)
    box = tab.confirm
    assert box is not None and box.objectName() == "users_confirm_revoke"
    assert box.defaultButton().text() == "Cancel"  # Enter does not revoke
    assert "stolen or misused" in box.informativeText()
    qtbot.mouseClick(box.defaultButton(), Qt.MouseButton.LeftButton)  # Cancel: nothing happens
    assert "decision.key_untrusted" not in [i.code for i in world["oscar"].gate(case)]
    assert tab.status.text() == ""
    qtbot.mouseClick(tab.revoke_button, Qt.MouseButton.LeftButton)
    assert isinstance(tab.confirm, QMessageBox)
    with qtbot.waitSignal(tab.users_changed, timeout=15000):
        qtbot.mouseClick(tab.confirm_revoke_button, Qt.MouseButton.LeftButton)
    status = _plain(tab.status.text())
    assert status.startswith("1 signing key of sam was revoked.") and "Sync" in status
    codes = [i.code for i in world["oscar"].gate(case)]
    assert "decision.key_untrusted" in codes  # sam's approval no longer counts
    with world.admin.read_session() as s:
        details = s.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "user.signing_keys_revoked")
        ).one()
    assert details == {"keys": 1, "reason": "compromised"}  # no name


def test_an_officer_cannot_revoke_signing_keys(qtbot, officer_app) -> None:
    _dialog, tab = _users_tab(officer_app)
    tab.select_user("sam")
    assert not tab.revoke_button.isEnabled()
