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


def test_the_overview_shows_the_other_case_of_the_person_and_its_decision(
    qtbot, officer_app, world
) -> None:
    """Issue 20: an uncertain match shows on the checklist with its two decisions; the
    officer's decision links the cases, and the linked case shows why and what it holds."""
    from tests.support.world import IDENTITY

    first = world.new_case(CaseState.INTERVIEWED)
    world["oscar"].intake.record_fear_expressed(first)
    # the same person, her date of birth now known, no passport read this time
    again = world["oscar"].intake.open_case()
    world["oscar"].intake.record_identity(again, {**IDENTITY, "date_of_birth": "1990-03-04"})
    page = open_case_in_window(officer_app.window, again)
    gate = page.current_step().gate
    assert "person.match_undecided" in gate.sentences
    [label] = gate.person_labels
    assert "may be the same person" in label.text()
    assert page.case.matches[0].reason == "same_name_other_birth"
    proposal = str(page.case.matches[0].proposal_id)
    gate.match_buttons[(proposal, "same_person")].click()
    gate = page.current_step().gate
    assert "person.match_undecided" not in gate.sentences
    assert "person.flag_open_in_linked_case" in gate.sentences
    [label] = gate.person_labels
    reference = page.case.linked[0].reference
    assert label.text().startswith(f"Case \u2066{reference}\u2069 is the same person's")
    assert "Open there: Fear of return." in label.text()
