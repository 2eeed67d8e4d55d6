"""Issue 17: a fresh mission from the first start, by keyboard and mouse at 1366×768 (less a
40 px panel), in English and in Arabic: the first-run setup, the signing key, the first case
and its identity; the checklist then says what this new computer still needs before it can
issue (document numbers), with its button; Help and Quit.

Under a virtual screen (``xvfb-run -a -s "-screen 0 1366x768x24"`` with
``QT_QPA_PLATFORM=xcb``) and ``LAISSEZ_WALK_SHOTS=<directory>``, each turn is saved as a PNG.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from laissez.casework.signing import make_test_signer
from laissez.desktop.app import create_application
from laissez.storage.keys import TEST_KDF
from tests.support.desktop import fill
from tests.support.world import mrz_lines

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SMALL = (1366, 768 - 40)


def _shot(widget, name: str, language: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("LAISSEZ_WALK_SHOTS")
    if folder:
        QApplication.processEvents()
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"fresh-{language}-{name}.png"))


def _fits(window) -> None:  # type: ignore[no-untyped-def]
    assert window.height() <= SMALL[1] and window.width() <= SMALL[0]
    bar = window.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < window.height()


def _focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_fresh_mission_by_keyboard_on_a_small_laptop(
    qtbot, isolated_dirs, tmp_path, language
) -> None:
    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    _focus(qtbot, window)
    application.language.apply(language)
    try:
        _walk(qtbot, application, window, tmp_path, language)
    finally:
        application.language.apply("en")
        if application.session.signed_in_now:
            application.session.sign_out()


def _walk(qtbot, application, window, tmp_path, language) -> None:  # type: ignore[no-untyped-def]
    rtl = language == "ar"
    assert (window.layoutDirection() == Qt.LayoutDirection.RightToLeft) is rtl
    # First start: the setup page, typed field by field, Return to go on.
    page = window.first_run_page
    assert window.pages.currentWidget() is page
    _shot(window, "01-setup", language)
    _fits(window)
    secret = "a long enough passphrase"
    for field, text in (
        (page.mission_code, "uto"),
        (page.mission_name, "Utopia consulate"),
        (page.mission_state, "uto"),
        (page.username, "farid"),
        (page.display_name, "Farid B."),
        (page.passphrase, secret),
        (page.repeat, secret),
    ):
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.also_officer.isChecked()  # the administrator works cases too
    qtbot.waitUntil(lambda: page.steps.currentWidget() is page.signer_step, timeout=15000)
    # The signing key: the three files headquarters sends, then Return.
    files = make_test_signer(signer_identifier="UTCL", country="UT", mission="Walk")
    key, cert, root = files.write(tmp_path / "pem")
    for field, path in ((page.key_file, key), (page.certificate_file, cert),
                        (page.root_file, root)):  # fmt: skip
        qtbot.keyClicks(field, str(path))
    qtbot.keyClicks(page.key_password, files.password.decode())
    _shot(window, "02-signing-key", language)
    _fits(window)
    qtbot.keyClick(page.key_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=20000)
    _shot(window, "03-case-list", language)
    _fits(window)

    # The first case: Ctrl+N. The overview says what the computer still needs.
    _focus(qtbot, window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_N, CTRL)
    view = window.case_view
    assert window.case_pages.currentWidget() is view
    overview = view.current_step()
    assert "supply.no_numbers" in overview.gate.sentences  # a new mission has no numbers yet
    assert "supply.no_signer" not in overview.gate.sentences  # the key was just installed
    assert "supply.no_numbers" in overview.gate.buttons
    _shot(window, "04-new-case", language)
    _fits(window)

    # Identity: Alt+2, the MRZ typed, Ctrl+Return; the form; Ctrl+Return (the photograph is
    # taken later: the checklist says so).
    qtbot.keyClick(view, Qt.Key.Key_2, ALT)
    identity = view.current_step()
    editor = identity.capture.findChild(QPlainTextEdit, "capture_mrz_editor")
    editor.setFocus()
    first, second = mrz_lines()
    qtbot.keyClicks(editor, first)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, second)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert identity.form.answers().get("document_number") == "BX1234567"
    _focus(qtbot, window)
    fill(qtbot, identity.form, {"languages_spoken": "bn", "stateless_claim": "no",
                                "refugee_status": "no"})  # fmt: skip
    identity.form.setFocus()
    qtbot.keyClick(identity.form, Qt.Key.Key_Return, CTRL)
    assert not identity.message.error, identity.message.text()
    assert view.case.status == "identified"
    _shot(window, "05-identity", language)
    _fits(window)

    # The issue step: the numbers line says what to do; the button waits.
    qtbot.keyClick(view, Qt.Key.Key_7, ALT)
    issue = view.current_step()
    assert issue.numbers_line.isVisible() and not issue.issue_button.isEnabled()
    _shot(window, "06-issue-waits", language)
    # Fold the step list away (Ctrl+B): the step has the width.
    qtbot.keyClick(view, Qt.Key.Key_B, CTRL)
    assert not view.step_list.isVisible()
    _shot(window, "07-steps-folded", language)
    qtbot.keyClick(view, Qt.Key.Key_B, CTRL)

    # Help: F1 lists the keys; Escape closes it.
    _focus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shortcuts = QApplication.activeModalWidget()
    assert shortcuts is not None and shortcuts.objectName() == "shortcuts_dialog"
    _shot(shortcuts, "08-shortcuts", language)
    qtbot.keyClick(shortcuts, Qt.Key.Key_Escape)
    about = window.show_about()
    _shot(about, "09-about", language)
    qtbot.keyClick(about.close_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not about.isVisible(), timeout=5000)
    # Quit (Ctrl+Q): nothing unsaved, so the window closes at once.
    _focus(qtbot, window)
    view.back_button.setFocus()
    qtbot.keyClick(view.back_button, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
