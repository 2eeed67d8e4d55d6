"""The case flow page: steps, navigation by keyboard, withdrawing consent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from laissez.casework.states import CaseState
from laissez.desktop.flow.steps import STEP_ORDER, step_for_code
from laissez.desktop.flow.withdraw import WithdrawDialog
from tests.support.desktop import open_case_in_window


def test_every_gate_code_goes_to_a_real_step() -> None:
    from laissez.casework.gate import GATE_CODES

    for code in GATE_CODES:
        assert step_for_code(code) in STEP_ORDER[1:], code
    assert step_for_code("fear.screening_missing") == "interview"
    assert step_for_code("fear.unresolved") == "approval"
    assert step_for_code("consent.not_free") == "approval"


def test_keyboard_moves_between_steps(qtbot, officer_app, world) -> None:
    window = officer_app.window
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(window, case_id)
    assert page.current_step().step_id == "overview"
    qtbot.keyClick(page, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.current_step().step_id == "identity"
    qtbot.keyClick(page, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert page.current_step().step_id == "consent"
    qtbot.keyClick(page, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.current_step().step_id == "advisal"


def test_withdrawing_consent_voids_the_issued_document(qtbot, officer_app, world) -> None:
    window = officer_app.window
    case_id = world.new_case(CaseState.APPROVED)
    world["oscar"].decisions.issue_document(case_id)
    page = open_case_in_window(window, case_id)
    assert page.case.status == "document_issued"

    def choose_and_confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, WithdrawDialog)
        dialog.reason.setCurrentIndex(dialog.reason.findData("person_withdrew"))
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, choose_and_confirm)
    page.withdraw_button.click()
    assert page.case.status == "consent_withdrawn"
    assert page.status.text() == "Status: Consent withdrawn"
    assert "Consent withdrawn" in page.current_step().message.text()
    assert [d.status for d in page.case.documents if d.kind == "travel_document"] == ["voided"]
    # The case list shows the new status at once.
    assert window.case_model.rowCount() >= 1


def test_a_refused_withdrawal_is_explained_and_changes_nothing(qtbot, officer_app, world) -> None:
    window = officer_app.window
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(window, case_id)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().accept())
    page.withdraw_button.click()
    message = page.current_step().message
    assert message.error and message.isVisibleTo(page)
    assert "Traceback" not in message.text() and message.text()
    assert page.case.status == "draft"


def test_the_checklist_shows_only_the_current_conditions(qtbot) -> None:
    """Rebuilding the checklist must not leave the previous case's rows on screen."""
    from laissez.casework.gate import GateIssue
    from laissez.desktop.flow.checklist import GateChecklist

    checklist = GateChecklist()
    qtbot.addWidget(checklist)
    checklist.show()
    many = tuple(
        GateIssue.of(c) for c in ("advisal.missing", "approval.missing", "consent.declined")
    )
    checklist.show_issues(many)
    checklist.show_issues((GateIssue.of("approval.missing"),))
    QApplication.processEvents()  # not an event loop: deferred deletes stay pending
    shown = [w for w in checklist.widget().findChildren(QPushButton) if w.isVisibleTo(checklist)]
    assert [b.objectName() for b in shown] == ["fix_approval.missing"]
    checklist.show_issues(())
    QApplication.processEvents()  # not an event loop: deferred deletes stay pending
    labels = [w.text() for w in checklist.widget().findChildren(QLabel) if w.isVisibleTo(checklist)]
    assert labels == ["✓ Every condition is met."]
