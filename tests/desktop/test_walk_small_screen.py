"""Issue 17: one whole case walked with key presses at 1366×768 (less a 40 px panel), in
English and in Arabic, from signing in to a printed, verified ETD.

Under a virtual screen (``xvfb-run -a -s "-screen 0 1366x768x24"`` with
``QT_QPA_PLATFORM=xcb``) and ``LAISSEZ_WALK_SHOTS=<directory>``, each turn is saved as a PNG
to look at; offscreen it runs as any other test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from laissez.desktop.app import create_application
from laissez.desktop.flow.interview import INTERVIEW_FORMS
from laissez.documents.seal import Verdict
from laissez.forms import default_library
from laissez.storage.keys import TEST_KDF
from tests.support.desktop import draw_signature, fill, fill_advisal, print_accepting, to_pdf_file
from tests.support.world import INTERVIEW, PASSPHRASE, PHOTO, mrz_lines

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SMALL = (1366, 768 - 40)


def _shot(window, name: str, language: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("LAISSEZ_WALK_SHOTS")
    if folder:
        QApplication.processEvents()
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"walk-{language}-{name}.png"))


def _fits(window) -> None:  # type: ignore[no-untyped-def]
    assert window.height() <= SMALL[1] and window.width() <= SMALL[0]
    bar = window.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < window.height()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_one_case_by_keyboard_on_a_small_laptop(qtbot, world, tmp_path, language) -> None:
    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    application.language.apply(language)
    try:
        _walk(qtbot, application, window, world, tmp_path, language)
    finally:
        application.language.apply("en")
        if application.session.signed_in_now:
            application.session.sign_out()


def _focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def _walk(qtbot, application, window, world, tmp_path, language) -> None:  # type: ignore[no-untyped-def]
    # Sign in: type the name, Return, the passphrase, Return.
    page = window.sign_in_page
    _shot(window, "01-sign-in", language)
    qtbot.keyClicks(page.username, "oscar")
    qtbot.keyClick(page.username, Qt.Key.Key_Return)
    qtbot.keyClicks(page.passphrase, PASSPHRASE.format(name="oscar"))
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=15000)
    _shot(window, "02-case-list", language)
    _fits(window)

    # New case: Ctrl+N.
    _focus(qtbot, window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_N, CTRL)
    view = window.case_view
    assert window.case_pages.currentWidget() is view
    assert view.case.reference and view.case.reference in view.title.text()
    _shot(window, "03-new-case", language)

    # Identity: Alt+2, the MRZ typed then Ctrl+Return, the photograph, the form, Ctrl+Return.
    qtbot.keyClick(view, Qt.Key.Key_2, ALT)
    identity = view.current_step()
    assert identity.step_id == "identity"
    editor = identity.capture.findChild(QPlainTextEdit, "capture_mrz_editor")
    editor.setFocus()
    first, second = mrz_lines()
    qtbot.keyClicks(editor, first)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, second)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert identity.form.answers().get("document_number") == "BX1234567"
    identity.capture.set_photo_bytes(PHOTO)
    qtbot.waitUntil(lambda: identity.capture.photo is not None, timeout=10000)
    _focus(qtbot, window)
    fill(qtbot, identity.form, {"languages_spoken": "bn", "stateless_claim": "no",
                                "refugee_status": "no"})  # fmt: skip
    _shot(window, "04-identity", language)
    _fits(window)
    identity.form.setFocus()
    qtbot.keyClick(identity.form, Qt.Key.Key_Return, CTRL)
    assert not identity.message.error, identity.message.text()
    assert view.case.status == "identified"

    # Interview: Alt+3, each form filled and saved with Ctrl+Return.
    qtbot.keyClick(view, Qt.Key.Key_3, ALT)
    interview = view.current_step()
    for form_id in INTERVIEW_FORMS:
        interview.show_form(form_id)
        fill(qtbot, interview.pages[form_id].view, INTERVIEW[form_id])
        qtbot.keyClick(interview.pages[form_id].view, Qt.Key.Key_Return, CTRL)
        assert not interview.message.error, interview.message.text()
    _shot(window, "05-interview", language)
    assert view.case.status == "interviewed"

    # Rights advisal: Alt+4.
    qtbot.keyClick(view, Qt.Key.Key_4, ALT)
    advisal = view.current_step()
    fill_advisal(qtbot, advisal)
    _shot(window, "06-advisal", language)
    _fits(window)
    advisal.record_button.setFocus()
    qtbot.keyClick(advisal.record_button, Qt.Key.Key_Space)
    assert not advisal.message.error, advisal.message.text()
    assert view.case.status == "advised"

    # Consent: Alt+5, every scope on its own, signed on the pad.
    qtbot.keyClick(view, Qt.Key.Key_5, ALT)
    consent = view.current_step()
    recipients = default_library().consent_scopes().recipients()
    for key in [f"data_sharing.{r}" for r in recipients] + ["return", "travel_document"]:
        card = consent.cards[key]
        (card.declined if key.startswith("data_sharing") else card.granted).setChecked(True)
        draw_signature(qtbot, consent)
        card.record_button.setFocus()
        qtbot.keyClick(card.record_button, Qt.Key.Key_Space)
        assert not consent.message.error, consent.message.text()
    _shot(window, "07-consent", language)
    _fits(window)
    assert view.case.status == "consent_recorded"

    # Approval: Alt+6, the supervisor signs in on the spot, all by keyboard.
    qtbot.keyClick(view, Qt.Key.Key_6, ALT)
    approval = view.current_step()
    button = approval.buttons["approve"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = approval.dialog
    qtbot.keyClicks(dialog.username, "sam")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE.format(name="sam"))
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=15000)
    assert dialog.stack.currentWidget() is dialog.decision_page
    dialog.radios["approved"].setFocus()
    qtbot.keyClick(dialog.radios["approved"], Qt.Key.Key_Space)
    if os.environ.get("LAISSEZ_WALK_SHOTS"):
        QApplication.processEvents()
        dialog.grab().save(str(Path(os.environ["LAISSEZ_WALK_SHOTS"]) /
                               f"walk-{language}-08-supervisor.png"))  # fmt: skip
    qtbot.keyClick(dialog.radios["approved"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.case.status == "approved", timeout=5000)
    _focus(qtbot, window)
    _shot(window, "09-approved", language)

    # Issue: Alt+7, Return issues; then print (to a PDF file) and verify the seal.
    qtbot.keyClick(view, Qt.Key.Key_7, ALT)
    issue = view.current_step()
    assert "document numbers are left" in issue.numbers_line.text() or language == "ar"
    issue.issue_button.setFocus()
    qtbot.keyClick(issue.issue_button, Qt.Key.Key_Return)
    assert not issue.message.error, issue.message.text()
    assert view.case.status == "document_issued"
    qtbot.waitUntil(lambda: len(issue.preview.page_labels) == 1, timeout=20000)
    output = tmp_path / f"etd-{language}.pdf"
    to_pdf_file(issue, output)
    print_accepting(qtbot, issue)
    _shot(window, "10-issued", language)
    _fits(window)
    printed = output.read_bytes()
    assert len(pdfium.PdfDocument(printed)) == 1
    check = world["oscar"].signing.verify_printed(printed)
    assert check.verification.verdict is Verdict.VALID

    # Back to the list (nothing unsaved: no question) and find the case by its reference.
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert window.case_pages.currentWidget() is window.case_list
    reference = next(r.reference for r in window.case_model.rows if r.status == "document_issued")
    with qtbot.waitSignal(window.case_list.query_changed, timeout=3000):
        qtbot.keyClicks(window.case_list.search, reference)
    assert [r.reference for r in window.case_model.rows] == [reference]
    _shot(window, "11-found", language)
