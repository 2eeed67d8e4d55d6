"""The approval step: the gate as a checklist, and decisions by a second person who signs in
on the spot (four eyes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from laissez.casework.states import CaseState
from laissez.casework.views import approval as av
from laissez.desktop.flow.approval import ApprovalStep
from laissez.storage.models import Approval
from tests.support.desktop import decide, open_case_in_window, sign_in_second_person
from tests.support.world import INTERVIEW

FEAR = {**INTERVIEW["fear_of_return"], "fears_return": "yes", "fear_reasons": ["persecution"],
        "fear_account": "They said they were threatened by a militia."}  # fmt: skip
SELF_APPROVAL = (
    "The approver took part in the interview: a second supervisor who did not must approve "
    "(four eyes)."
)


def approval_step(window, case_id) -> ApprovalStep:  # type: ignore[no-untyped-def]
    page = open_case_in_window(window, case_id)
    page.go_to("approval")
    step = page.current_step()
    assert isinstance(step, ApprovalStep)
    return step


def refused(step: ApprovalStep, kind: str, qtbot, name: str) -> str:  # type: ignore[no-untyped-def]
    """Open the decision ``kind`` and sign in as ``name``, who may not take it: the refusal
    is shown on the sign-in page, before any choice (issue 17); returns its sentence."""
    step.buttons[kind].click()
    dialog = step.dialog
    assert dialog is not None
    sign_in_second_person(qtbot, dialog, name)
    assert dialog.stack.currentWidget() is dialog.sign_in_page
    assert dialog.error.isVisibleTo(dialog) and dialog._db is None
    text = dialog.error.text()
    dialog.cancel_button.click()
    return text


def approvals(world, case_id) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with world.handles["oscar"].session() as session:
        rows = session.scalars(select(Approval).where(Approval.case_id == case_id)).all()
        return [(r.decision, r.subject or "") for r in rows]


def test_a_supervisor_approves_on_the_spot(qtbot, officer_app, world) -> None:
    window = officer_app.window
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(window, case_id)
    assert [i.code for i in step.gate.issues] == ["approval.missing"]
    assert step.gate.buttons["approval.missing"].isVisibleTo(step)
    assert "oscar" in step.interviewers.text()
    approve = step.buttons[av.APPROVE]
    assert approve.isVisibleTo(step) and approve.isEnabled()

    decide(step, av.APPROVE, qtbot, "sam", "approved")

    page = window.case_view
    assert page.case.status == "approved"
    assert page.status.text() == "Status: Approved"
    assert step.gate.issues == ()
    met = step.gate.widget().findChildren(QLabel, "gate_all_met")
    assert met
    qtbot.waitUntil(lambda: met[0].isVisibleTo(step))  # rows are shown by a queued call
    assert step.done() and "✓" in page.step_list.item(5).text()
    assert step.message.text() == "Approved. The travel document can now be issued."
    assert not step.message.error
    assert not approve.isVisibleTo(step)
    assert step.approved_label.isVisibleTo(step)
    assert "sam" in step.decisions.item(0).text()
    assert approvals(world, case_id) == [("approved", "issue")]
    # the officer is still the one signed in
    assert officer_app.session.user_label() == "oscar"


def test_a_wrong_passphrase_writes_nothing(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(officer_app.window, case_id)
    step.buttons[av.APPROVE].click()
    dialog = step.dialog
    assert dialog is not None
    # by keyboard: Return in the passphrase field starts the check
    dialog.username.setText("sam")
    dialog.passphrase.setText("not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.busy_now and dialog.busy.isVisibleTo(dialog)
    assert not dialog.sign_in_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=10000)
    assert dialog.stack.currentWidget() is dialog.sign_in_page
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == (
        "The user name or the passphrase is not right. Type the passphrase again."
    )
    assert dialog.passphrase.text() == ""
    dialog.cancel_button.click()
    assert step.dialog is None
    assert world["oscar"].state(case_id) is CaseState.CONSENT_RECORDED
    assert approvals(world, case_id) == []


def test_an_officer_without_the_supervisor_role_cannot_approve(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(officer_app.window, case_id)
    assert refused(step, av.APPROVE, qtbot, "olga") == (
        "Your account may not do this. Ask your administrator for the right role."
    )
    assert step.case.status == "consent_recorded"
    assert approvals(world, case_id) == []


def test_the_interviewing_supervisor_cannot_approve_their_own_case(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED, officer="boss")
    step = approval_step(officer_app.window, case_id)
    assert "boss" in step.interviewers.text()
    assert refused(step, av.APPROVE, qtbot, "boss") == SELF_APPROVAL
    assert step.case.status == "consent_recorded"
    assert approvals(world, case_id) == []


def test_a_supervisor_who_does_not_approve_gives_a_reason(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(officer_app.window, case_id)
    step.buttons[av.APPROVE].click()
    dialog = step.dialog
    sign_in_second_person(qtbot, dialog, "sue")
    assert "sue" in dialog.signed_in_as.text()
    assert not dialog.reason.isEnabled()  # only a refusal needs a reason
    dialog.radios["rejected"].click()
    assert dialog.reason.isEnabled()
    dialog.reason.setCurrentIndex(dialog.reason.findData("consent_doubtful"))
    dialog.confirm_button.click()
    assert step.message.text() == "Not approved. The reason is recorded in the case."
    assert step.case.status == "consent_recorded"
    assert [i.code for i in step.gate.issues] == ["approval.missing"]
    shown = step.decisions.item(0).text()
    assert "not approved" in shown and "sue" in shown and "consent" in shown
    assert approvals(world, case_id) == [("rejected", "issue")]


def test_fear_of_return_needs_the_protection_officer(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED, interview={"fear_of_return": FEAR})
    step = approval_step(officer_app.window, case_id)
    assert [i.code for i in step.gate.issues] == ["fear.unresolved", "approval.missing"]
    referral = step.buttons[av.REFERRAL]
    assert referral.isVisibleTo(step) and referral.isEnabled()
    approve = step.buttons[av.APPROVE]
    assert approve.isVisibleTo(step) and not approve.isEnabled()
    assert step.waiting_label.isVisibleTo(step)
    # the checklist's button for the fear item comes back here, to the protection decision
    step.gate.buttons["fear.unresolved"].click()
    assert officer_app.window.case_view.current_step() is step

    # a supervisor may not record it
    assert "may not do this" in refused(step, av.REFERRAL, qtbot, "sam")
    assert "fear.unresolved" in [i.code for i in step.gate.issues]

    decide(step, av.REFERRAL, qtbot, "pat", "no_protection_need")
    assert step.message.text() == "The referral outcome is recorded."
    assert [i.code for i in step.gate.issues] == ["approval.missing"]
    assert not referral.isVisibleTo(step)
    assert approve.isEnabled() and not step.waiting_label.isVisibleTo(step)
    assert "pat" in step.decisions.item(0).text()

    decide(step, av.APPROVE, qtbot, "sam", "approved")
    assert step.case.status == "approved" and step.gate.issues == ()


def test_the_checklist_sends_the_officer_to_the_step_that_fixes_an_item(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.ADVISED)
    step = approval_step(officer_app.window, case_id)
    assert not step.buttons[av.APPROVE].isEnabled()
    step.gate.buttons["consent.return_missing"].click()
    assert officer_app.window.case_view.current_step().step_id == "consent"


def test_a_protection_hold_is_released_by_a_protection_officer(qtbot, officer_app, world) -> None:
    from tests.support.world import IDENTITY, mrz_lines

    identity = {**IDENTITY, "nationality": "XXA", "stateless_claim": "yes"}
    case_id = world.new_case(
        CaseState.CONSENT_RECORDED, identity=identity, mrz=mrz_lines(nationality="XXA")
    )
    step = approval_step(officer_app.window, case_id)
    assert "protection.status_hold" in [i.code for i in step.gate.issues]
    decide(step, av.RELEASE_HOLD, qtbot, "pat", "release", "voluntary_repatriation")
    assert step.message.text() == "The protection hold is released."
    assert "protection.status_hold" not in [i.code for i in step.gate.issues]
    assert not step.buttons[av.RELEASE_HOLD].isVisibleTo(step)


def test_closing_the_dialog_after_sign_in_closes_the_second_handle(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(officer_app.window, case_id)
    step.buttons[av.APPROVE].click()
    dialog = step.dialog
    sign_in_second_person(qtbot, dialog, "sam")
    db = dialog.database()
    # the officer's screen locks: the step forgets the case and the dialog goes
    step.clear()
    assert db._engine is None and step.dialog is None
    assert approvals(world, case_id) == []


def test_a_nationality_established_by_interview_needs_a_supervisor(
    qtbot, officer_app, world
) -> None:
    from tests.support.world import IDENTITY, mrz_lines

    interviewed = {
        **IDENTITY,
        "evidence": ["expired_document", "nationality_interview"],
        "interview_summary": "Knows district, dialect and school; consular register.",
    }
    case_id = world.new_case(
        CaseState.CONSENT_RECORDED, identity=interviewed, mrz=mrz_lines(valid=False)
    )
    step = approval_step(officer_app.window, case_id)
    assert [i.code for i in step.gate.issues] == ["identity.not_established", "approval.missing"]
    assert step.buttons[av.NATIONALITY].isVisibleTo(step)
    step.focus_issue("identity.not_established")
    assert officer_app.window.focusWidget() is step.buttons[av.NATIONALITY]
    assert "may not do this" in refused(step, av.NATIONALITY, qtbot, "olga")
    assert "identity.not_established" in [i.code for i in step.gate.issues]
    decide(step, av.NATIONALITY, qtbot, "sue", "approve")
    assert step.message.text() == "The nationality is approved."
    assert [i.code for i in step.gate.issues] == ["approval.missing"]
    assert step.buttons[av.APPROVE].isEnabled()
