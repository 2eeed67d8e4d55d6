"""Issue 17 "Done when": a fresh mission from the first start to a printed, verified ETD, by
keyboard (the mouse only for the signature pad) at 1366×768 (less a 40 px panel), in English
and in Arabic.

The first-run setup and the signing key; the first case, whose checklist says what this new
computer still needs (document numbers); the identity by typed MRZ. Then Settings: enrolment
with a real headquarters (which brings the first numbers) and a supervisor added on the Users
tab; Sync now (F5). Sign out, and in again on the sign-in page; the case opened from the list;
the interview forms, the advisal, the consent cards signed on the pad, the supervisor's approval
in the dialog, the issue; the printed PDF verified by ``laissez etd verify`` (VALID); Help and
Quit.

Under a virtual screen (``xvfb-run -a -s "-screen 0 1366x768x24"`` with
``QT_QPA_PLATFORM=xcb``) and ``LAISSEZ_WALK_SHOTS=<directory>``, each turn is saved as a PNG.
"""

from __future__ import annotations

import contextlib
import io
import json

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from laissez.casework.signing import make_test_signer
from laissez.cli import main as laissez_main
from laissez.desktop.app import create_application
from laissez.desktop.flow.interview import INTERVIEW_FORMS
from laissez.storage.keys import TEST_KDF
from tests.support.desktop import (
    SMALL,
    draw_signature,
    fill,
    fill_advisal,
    fits,
    focus,
    print_accepting,
    shot,
    to_pdf_file,
)
from tests.support.sync import new_mission
from tests.support.world import INTERVIEW, PHOTO, mrz_lines

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SECRET = "a long enough passphrase"
SUPERVISOR_SECRET = "the supervisor's own passphrase"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_fresh_mission_by_keyboard_on_a_small_laptop(
    qtbot, isolated_dirs, tmp_path, pg_url, hq_server, language
) -> None:
    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    focus(qtbot, window)
    application.language.apply(language)
    try:
        _walk(qtbot, application, window, tmp_path, language, pg_url, hq_server.url)
    finally:
        application.language.apply("en")
        if application.session.signed_in_now:
            application.session.sign_out()


def _walk(qtbot, application, window, tmp_path, language, pg_url, hq_url) -> None:  # type: ignore[no-untyped-def]
    rtl = language == "ar"
    assert (window.layoutDirection() == Qt.LayoutDirection.RightToLeft) is rtl
    # First start: the setup page, typed field by field, Return to go on.
    page = window.first_run_page
    assert window.pages.currentWidget() is page
    shot(window, "01-setup", language)
    fits(window)
    for field, text in (
        (page.mission_code, "dac"),
        (page.mission_name, "Consulate in Dhaka"),
        (page.mission_state, "bgd"),
        (page.username, "farid"),
        (page.display_name, "Farid B."),
        (page.passphrase, SECRET),
        (page.repeat, SECRET),
    ):
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.also_officer.isChecked()  # the administrator works cases too
    qtbot.waitUntil(lambda: page.steps.currentWidget() is page.signer_step, timeout=15000)
    # The signing key: the three files headquarters sends, then Return.
    files = make_test_signer(signer_identifier="BDCL", country="BD", mission="Walk")
    key, cert, root = files.write(tmp_path / "pem")
    for field, path in ((page.key_file, key), (page.certificate_file, cert),
                        (page.root_file, root)):  # fmt: skip
        qtbot.keyClicks(field, str(path))
    qtbot.keyClicks(page.key_password, files.password.decode())
    shot(window, "02-signing-key", language)
    fits(window)
    qtbot.keyClick(page.key_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=20000)
    shot(window, "03-case-list", language)
    fits(window)

    # The first case: Ctrl+N. The overview says what the computer still needs.
    focus(qtbot, window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_N, CTRL)
    view = window.case_view
    assert window.case_pages.currentWidget() is view
    reference = view.case.reference
    overview = view.current_step()
    assert "supply.no_numbers" in overview.gate.sentences  # a new mission has no numbers yet
    assert "supply.no_signer" not in overview.gate.sentences  # the key was just installed
    assert "supply.no_numbers" in overview.gate.buttons
    shot(window, "04-new-case", language)
    fits(window)

    # Identity: Alt+2, the MRZ typed, Ctrl+Return; the photograph; the form; Ctrl+Return.
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
    identity.capture.set_photo_bytes(PHOTO)  # as the camera or a scanner gives it
    qtbot.waitUntil(lambda: identity.capture.photo is not None, timeout=10000)
    focus(qtbot, window)
    fill(qtbot, identity.form, {"languages_spoken": "bn", "stateless_claim": "no",
                                "refugee_status": "no"})  # fmt: skip
    identity.form.setFocus()
    qtbot.keyClick(identity.form, Qt.Key.Key_Return, CTRL)
    assert not identity.message.error, identity.message.text()
    assert view.case.status == "identified"
    shot(window, "05-identity", language)
    fits(window)

    # The issue step: the numbers line says what to do; the button waits.
    qtbot.keyClick(view, Qt.Key.Key_7, ALT)
    issue = view.current_step()
    assert issue.numbers_line.isVisible() and not issue.issue_button.isEnabled()
    shot(window, "06-issue-waits", language)
    # Fold the step list away (Ctrl+B): the step has the width.
    qtbot.keyClick(view, Qt.Key.Key_B, CTRL)
    assert not view.step_list.isVisible()
    shot(window, "07-steps-folded", language)
    qtbot.keyClick(view, Qt.Key.Key_B, CTRL)

    # Settings (Ctrl+,): enrol with headquarters (the first numbers come with it), then add
    # a supervisor on the Users tab; Escape closes.
    _settings(qtbot, application, window, language, pg_url, hq_url)
    assert window.sync_status.status.enrolled
    assert window.sync_status.status.numbers_left == 100
    # Sync now (F5): an enrolled computer pushes and pulls; no more numbers needed yet.
    focus(qtbot, window)
    with qtbot.waitSignal(window.sync_controller.sync_succeeded, timeout=30000):
        qtbot.keyClick(view, Qt.Key.Key_F5)

    # Sign out, and in again on the sign-in page, by keyboard; the case from the list.
    window.sign_out_action.trigger()
    sign_in = window.sign_in_page
    assert window.pages.currentWidget() is sign_in
    shot(window, "10-sign-in", language)
    fits(window)
    if sign_in.username.text() != "farid":  # the page may keep the last user's name
        sign_in.username.clear()
        qtbot.keyClicks(sign_in.username, "farid")
        qtbot.keyClick(sign_in.username, Qt.Key.Key_Return)
    qtbot.keyClicks(sign_in.passphrase, SECRET)
    qtbot.keyClick(sign_in.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=15000)
    focus(qtbot, window)
    table = window.case_list.table
    qtbot.waitUntil(lambda: [r.reference for r in window.case_model.rows] == [reference])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, CTRL)  # the first row, then Return opens it
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.case_pages.currentWidget() is view and view.case.reference == reference
    _case_to_issue(qtbot, window, view, tmp_path, language)

    # Back to the list (nothing unsaved: no question); find the case by reference.
    view.back_button.setFocus()
    qtbot.keyClick(view.back_button, Qt.Key.Key_Space)
    assert window.case_pages.currentWidget() is window.case_list
    with qtbot.waitSignal(window.case_list.query_changed, timeout=3000):
        qtbot.keyClicks(window.case_list.search, reference)
    assert [(r.reference, r.status) for r in window.case_model.rows] == [
        (reference, "document_issued")
    ]
    shot(window, "17-found", language)

    # Help: F1 lists the keys; Escape closes it.
    focus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shortcuts = QApplication.activeModalWidget()
    assert shortcuts is not None and shortcuts.objectName() == "shortcuts_dialog"
    shot(shortcuts, "20-shortcuts", language)
    qtbot.keyClick(shortcuts, Qt.Key.Key_Escape)
    about = window.show_about()
    shot(about, "21-about", language)
    qtbot.keyClick(about.close_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not about.isVisible(), timeout=5000)
    # Quit (Ctrl+Q): nothing unsaved, so the window closes at once.
    focus(qtbot, window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def _next_tab(qtbot, dialog, tab) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Tab through the settings tabs until ``tab`` shows."""
    for _turn in range(dialog.tabs.count()):
        if dialog.tabs.currentWidget() is tab:
            return
        qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, CTRL)
    assert dialog.tabs.currentWidget() is tab


def _settings(qtbot, application, window, language, pg_url, hq_url) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    dialog = application.settings_dialog
    assert dialog is not None and dialog.isVisible()
    focus(qtbot, dialog)
    # Headquarters: its address and the one-time code it gave; Return in the code enrols.
    _next_tab(qtbot, dialog, dialog.hq_tab)
    hq = dialog.hq_tab
    _mission, code = new_mission(pg_url)
    hq.hq_url.setFocus()
    hq.hq_url.clear()
    qtbot.keyClicks(hq.hq_url, hq_url)
    hq.enrol_code.setFocus()  # as Tab does
    qtbot.keyClicks(hq.enrol_code, code)
    with qtbot.waitSignal(dialog.enrolled, timeout=30000):
        qtbot.keyClick(hq.enrol_code, Qt.Key.Key_Return)
    assert "100 document numbers were received" in hq.numbers_state.text() or language == "ar"
    assert not dialog.message.isVisibleTo(dialog), dialog.message.text()
    shot(dialog, "08-enrolled", language)
    # Users: Add user…, typed field by field, the Supervisor box ticked with Space, Return.
    _next_tab(qtbot, dialog, dialog.users_tab)
    users = dialog.users_tab
    users.add_button.setFocus()
    qtbot.keyClick(users.add_button, Qt.Key.Key_Space)
    add = users.user_dialog
    assert add is not None and add.isVisible()
    focus(qtbot, add)
    for field, text in ((add.username, "sara"), (add.display_name, "Sara S."),
                        (add.passphrase, SUPERVISOR_SECRET),
                        (add.repeated, SUPERVISOR_SECRET)):  # fmt: skip
        field.setFocus()
        qtbot.keyClicks(field, text)
    supervisor = add.role_checks["supervisor"]
    supervisor.setFocus()
    qtbot.keyClick(supervisor, Qt.Key.Key_Space)
    assert add.roles() == ["supervisor"]
    shot(add, "09-add-supervisor", language)
    with qtbot.waitSignal(users.users_changed, timeout=15000):
        qtbot.keyClick(add.repeated, Qt.Key.Key_Return)
    assert not add.isVisible()
    assert "sara" in {m.username for m in users.members}
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def _case_to_issue(qtbot, window, view, tmp_path, language) -> None:  # type: ignore[no-untyped-def]
    # Interview: Alt+3, each form filled and saved with Ctrl+Return.
    qtbot.keyClick(view, Qt.Key.Key_3, ALT)
    interview = view.current_step()
    for form_id in INTERVIEW_FORMS:
        interview.show_form(form_id)
        fill(qtbot, interview.pages[form_id].view, INTERVIEW[form_id])
        qtbot.keyClick(interview.pages[form_id].view, Qt.Key.Key_Return, CTRL)
        assert not interview.message.error, interview.message.text()
    shot(window, "11-interview", language)
    assert view.case.status == "interviewed"

    # Rights advisal: Alt+4.
    qtbot.keyClick(view, Qt.Key.Key_4, ALT)
    advisal = view.current_step()
    fill_advisal(qtbot, advisal)
    shot(window, "12-advisal", language)
    fits(window)
    advisal.record_button.setFocus()
    qtbot.keyClick(advisal.record_button, Qt.Key.Key_Space)
    assert not advisal.message.error, advisal.message.text()
    assert view.case.status == "advised"

    # Consent: Alt+5, every scope on its own card, signed on the pad.
    qtbot.keyClick(view, Qt.Key.Key_5, ALT)
    consent = view.current_step()
    sharing = [key for key in consent.cards if key.startswith("data_sharing.")]
    for key in [*sharing, "return", "travel_document"]:
        card = consent.cards[key]
        (card.declined if key.startswith("data_sharing") else card.granted).setChecked(True)
        draw_signature(qtbot, consent)
        card.record_button.setFocus()
        qtbot.keyClick(card.record_button, Qt.Key.Key_Space)
        assert not consent.message.error, consent.message.text()
    shot(window, "13-consent", language)
    fits(window)
    assert view.case.status == "consent_recorded"

    # Approval: Alt+6, the supervisor signs in on the spot, all by keyboard.
    qtbot.keyClick(view, Qt.Key.Key_6, ALT)
    approval = view.current_step()
    button = approval.buttons["approve"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = approval.dialog
    qtbot.keyClicks(dialog.username, "sara")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.passphrase, SUPERVISOR_SECRET)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=30000)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.stack.currentWidget() is dialog.decision_page
    dialog.radios["approved"].setFocus()
    qtbot.keyClick(dialog.radios["approved"], Qt.Key.Key_Space)
    shot(dialog, "14-supervisor", language)
    qtbot.keyClick(dialog.radios["approved"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.case.status == "approved", timeout=5000)
    focus(qtbot, window)
    shot(window, "15-approved", language)

    # Issue: Alt+7, Return issues; then print (to a PDF file).
    qtbot.keyClick(view, Qt.Key.Key_7, ALT)
    issue = view.current_step()
    assert issue.issue_button.isEnabled(), issue.numbers_line.text()
    issue.issue_button.setFocus()
    qtbot.keyClick(issue.issue_button, Qt.Key.Key_Return)
    assert not issue.message.error, issue.message.text()
    assert view.case.status == "document_issued"
    qtbot.waitUntil(lambda: len(issue.preview.page_labels) == 1, timeout=20000)
    output = tmp_path / f"etd-{language}.pdf"
    to_pdf_file(issue, output)
    print_accepting(qtbot, issue)
    shot(window, "16-issued", language)
    fits(window)
    printed = output.read_bytes()
    assert len(pdfium.PdfDocument(printed)) == 1
    # The printed PDF through `laissez etd verify`, with the certificates the mission's key
    # installation wrote to the data directory.
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = laissez_main(["etd", "verify", str(output)])
    verdict = json.loads(out.getvalue())
    assert status == 0 and verdict["verdict"] == "VALID", verdict
