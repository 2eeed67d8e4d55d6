"""The Settings dialog: idle lock, default printer, language, mission and retention."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from laissez.casework import settings as settings_uc
from laissez.casework.errors import RoleRequiredError
from laissez.casework.views import settings as settings_view
from laissez.i18n import install
from laissez.storage.keys import TEST_KDF


def _open(application):  # type: ignore[no-untyped-def]
    application.window.settings_action.trigger()
    dialog = application.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.save_button.click()


def test_idle_lock_change_applies_at_once(qtbot, officer_app) -> None:
    dialog = _open(officer_app)
    assert dialog.idle_tab.idle_minutes.value() == 5  # the default, 5 minutes
    dialog.tabs.setCurrentWidget(dialog.idle_tab)
    dialog.idle_tab.idle_minutes.setValue(2)
    _save(dialog)
    assert not dialog.isVisible()
    assert officer_app.idle.timeout_ms == 2 * 60_000
    saved = json.loads((officer_app.config.data_dir / "preferences.json").read_text())
    assert saved["idle_lock_minutes"] == 2
    assert _open(officer_app).idle_tab.idle_minutes.value() == 2


def test_idle_lock_set_by_the_deployment_cannot_be_changed(qtbot, monkeypatch, world) -> None:
    monkeypatch.setenv("LAISSEZ_IDLE_LOCK_SECONDS", "600")
    from laissez.desktop.app import create_application
    from tests.support.world import PASSPHRASE

    application = create_application(kdf=TEST_KDF)
    qtbot.addWidget(application.window)
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in("oscar", PASSPHRASE.format(name="oscar"))
    try:
        dialog = _open(application)
        assert not dialog.idle_tab.idle_minutes.isEnabled()
        assert dialog.idle_tab.idle_minutes.value() == 10
        assert "deployment" in dialog.idle_tab.idle_note.text()
        _save(dialog)
        assert application.idle.timeout_ms == 600_000
    finally:
        application.session.sign_out()


def test_default_printer_persists_across_reopening(qtbot, officer_app) -> None:
    officer_app.printer_names = lambda: ["Office-Laser", "Front-Desk"]
    dialog = _open(officer_app)
    assert dialog.printer_tab.printer.isEnabled()
    assert (
        dialog.printer_tab.printer.currentData() == ""
    )  # the system's default until one is chosen
    dialog.printer_tab.printer.setCurrentIndex(dialog.printer_tab.printer.findData("Front-Desk"))
    _save(dialog)
    assert officer_app.preferences.default_printer == "Front-Desk"
    again = _open(officer_app)
    assert again.printer_tab.printer.currentData() == "Front-Desk"
    assert again is not dialog


def test_no_printer_installed_is_said_plainly(qtbot, officer_app) -> None:
    officer_app.printer_names = lambda: []
    dialog = _open(officer_app)
    assert not dialog.printer_tab.printer.isEnabled()
    assert dialog.printer_tab.printer_note.text().startswith(
        "No printer is installed on this computer"
    )


def test_language_switch_through_settings_retranslates_the_window(qtbot, officer_app) -> None:
    window = officer_app.window
    assert window.case_menu.title() == "&Case"
    dialog = _open(officer_app)
    dialog.general_tab.language.setCurrentIndex(dialog.general_tab.language.findData("ar"))
    try:
        _save(dialog)
        assert officer_app.language.language == "ar"
        assert window.case_menu.title() == "الملف (&C)"  # a Latin Alt+letter kept
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.language_actions["ar"].isChecked()
        saved = json.loads((officer_app.config.data_dir / "preferences.json").read_text())
        assert saved["ui_language"] == "ar"
    finally:
        officer_app.language.apply("en")
        install("en")
    assert window.case_menu.title() == "&Case"


def test_cancel_changes_nothing(qtbot, officer_app) -> None:
    dialog = _open(officer_app)
    dialog.idle_tab.idle_minutes.setValue(9)
    dialog.general_tab.language.setCurrentIndex(dialog.general_tab.language.findData("fr"))
    dialog.cancel_button.click()
    assert officer_app.idle.timeout_ms == 5 * 60_000
    assert officer_app.language.language == "en"


def test_an_officer_sees_mission_and_retention_read_only(qtbot, officer_app, world) -> None:
    dialog = _open(officer_app)
    assert (
        dialog.general_tab.mission_code.text() == "DAC"
        and dialog.general_tab.mission_code.isReadOnly()
    )
    assert "cannot be changed here" in dialog.general_tab.mission_note.text()
    assert "Only an administrator" in dialog.retention_tab.retention_note.text()
    assert not any(spin.isEnabled() for spin in dialog.retention_tab.spins.values())
    assert not dialog.hq_tab.enrol_button.isEnabled()
    assert "not enrolled" in dialog.hq_tab.hq_state.text()
    # The rule holds below the screen too.
    with pytest.raises(RoleRequiredError):
        settings_uc.set_retention_rule(world.handles["oscar"], "closed", 1)


def test_an_administrator_changes_a_retention_rule(qtbot, admin_app) -> None:
    dialog = _open(admin_app)
    spin = dialog.retention_tab.spins["closed"]
    assert spin.isEnabled()
    spin.setValue(30)
    _save(dialog)
    view = settings_view.settings_view(admin_app.session.database())
    assert ("closed", 30) in view.retention_rules
    again = _open(admin_app)
    assert again.retention_tab.spins["closed"].value() == 30
    again.retention_tab.spins["closed"].setValue(-1)  # "No limit" removes the rule
    _save(again)
    assert "closed" not in dict(
        settings_view.settings_view(admin_app.session.database()).retention_rules
    )


def test_old_preferences_files_are_upgraded(tmp_path) -> None:
    from laissez.desktop import preferences

    (tmp_path / "preferences.json").write_text('{"version": 1, "ui_language": "fr"}')
    loaded = preferences.load(tmp_path)
    assert loaded == preferences.Preferences(ui_language="fr")
    preferences.save(tmp_path, loaded.with_printer("Front-Desk").with_idle_lock(3))
    again = preferences.load(tmp_path)
    assert (again.default_printer, again.idle_lock_minutes) == ("Front-Desk", 3)
