"""Issue 17: the officer's day through the real window, with key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from laissez.casework.states import CaseState
from laissez.casework.views import approval as av
from tests.casework.world import PASSPHRASE
from tests.desktop.test_approval import approval_step


def test_enter_after_typing_the_supervisor_passphrase_signs_in(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    window = officer_app.window
    window.activateWindow()
    step = approval_step(window, case_id)
    step.buttons[av.APPROVE].setFocus()
    qtbot.keyClick(step.buttons[av.APPROVE], Qt.Key.Key_Space)
    dialog = step.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.username)
    qtbot.keyClicks(dialog.username, "sam")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.passphrase
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE.format(name="sam"))
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not close the dialog while the check runs
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=10000)
    assert dialog.isVisible()
    assert dialog.stack.currentWidget() is dialog.decision_page
    assert "sam" in dialog.signed_in_as.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the first choice, Enter
    dialog.radios["approved"].click()
    qtbot.keyClick(dialog.radios["approved"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.case_view.case.status == "approved"


def test_the_approval_button_says_who_may_and_a_refused_person_learns_it_before_choosing(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(officer_app.window, case_id)
    # oscar interviewed: the line beside the button says he may not approve himself
    explanation = step.explanations[av.APPROVE].text()
    assert explanation.startswith("A supervisor who took no part in the interview approves")
    assert "You may not take this decision yourself" in explanation
    step.buttons[av.APPROVE].click()
    dialog = step.dialog
    qtbot.keyClicks(dialog.username, "oscar")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE.format(name="oscar"))
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=10000)
    # refused on the sign-in page, before any choice is shown
    assert dialog.stack.currentWidget() is dialog.sign_in_page
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == (
        "Your account may not do this. Ask your administrator for the right role."
    )
    assert dialog._db is None
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert world["oscar"].state(case_id) is CaseState.CONSENT_RECORDED
