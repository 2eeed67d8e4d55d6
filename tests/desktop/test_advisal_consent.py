"""The advisal and consent steps: delivering the advisal, showing it to the person in large
type, each consent recorded on its own with a drawn signature, and the refusals."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from laissez.casework.states import CaseState
from laissez.casework.views.advisal import advisal_consent_view
from laissez.desktop.flow.advisal import AdvisalStep
from laissez.desktop.flow.advisal_reading import ReadingView
from laissez.desktop.flow.consent import ConsentStep
from laissez.forms import default_library
from laissez.storage.models import ConsentDecision
from tests.support.desktop import draw_signature, fill_advisal, open_case_in_window
from tests.support.world import ADVISAL

LEFT = Qt.MouseButton.LeftButton
CHILD = {"is_child": "yes", "unaccompanied": "yes", "health_needs": "no", "disability": "no",
         "gbv_risk": "unknown", "referral_offered": "yes"}  # fmt: skip


def advisal_step(page) -> AdvisalStep:  # type: ignore[no-untyped-def]
    page.go_to("advisal", "")
    step = page.current_step()
    assert isinstance(step, AdvisalStep)
    return step


def consent_step(page) -> ConsentStep:  # type: ignore[no-untyped-def]
    page.go_to("consent", "")
    step = page.current_step()
    assert isinstance(step, ConsentStep)
    return step


def view(world, case_id: uuid.UUID):  # type: ignore[no-untyped-def]
    return advisal_consent_view(world.handles["oscar"], case_id)


def test_the_advisal_is_delivered_through_the_page(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(officer_app.window, case_id)
    step = advisal_step(page)
    assert step.language.currentData() == "bn"  # the interview language
    assert "the language the person gave" in step.language_note.text()
    assert step.not_reviewed.isVisibleTo(step)  # the bn text is not legally reviewed
    assert "No advisal has been delivered" in step.previous.text()
    assert not step.done()
    fill_advisal(qtbot, step)
    step.question_log.table.setFocus()
    qtbot.keyClick(step.question_log.table, Qt.Key.Key_Return)  # Return in the table edits, no more
    assert page.case.status == "interviewed"
    step.interpreter_name.setFocus()
    qtbot.keyClick(step.interpreter_name, Qt.Key.Key_Return)  # elsewhere it records
    assert page.case.status == "advised"
    assert not step.message.error and "Advisal recorded" in step.message.text()
    adv = view(world, case_id).advisal
    assert adv is not None
    assert adv.questions == "Q1: Does the entry ban stop family visits?\nA1: Yes, for five years."
    assert adv.text_hash == default_library().advisal("bn").content_hash
    assert adv.interpreter_name == "Interpreter One" and adv.legal_counsel_accepted is False
    # the form is empty again, and the advisal just delivered is shown
    assert step.question_log.table.rowCount() == 0 and step.understood.checkedId() == -1
    assert "Advisal delivered" in step.previous.text()
    assert "Interpreter One" in step.previous.text()
    assert step.done()
    assert "✓" in page.step_list.item(3).text()


def test_an_advisal_without_questions_recorded_is_refused(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(officer_app.window, case_id)
    step = advisal_step(page)
    fill_advisal(qtbot, step)
    step.question_log.table.setRowCount(0)  # neither a question nor "no questions"
    qtbot.mouseClick(step.record_button, LEFT)
    assert step.message.error and step.message.text()
    assert page.case.status == "interviewed"
    step.question_log.no_questions.setChecked(True)
    qtbot.mouseClick(step.record_button, LEFT)
    assert page.case.status == "advised"
    assert view(world, case_id).advisal.questions == "none"


def test_a_missing_interpreter_is_explained_after_recording(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(officer_app.window, case_id)
    step = advisal_step(page)
    fill_advisal(qtbot, step, interpreter_used=False)
    qtbot.mouseClick(step.record_button, LEFT)
    # an incomplete advisal is refused with what is missing, not recorded as one that does
    # not count yet
    assert page.case.status == "interviewed"
    assert step.message.error
    assert "was not recorded" in step.message.text()
    assert "An interpreter was needed for the advisal but none was used" in step.message.text()
    assert not step.done()
    assert step.interpreter_used.hasFocus()


def test_the_text_is_shown_to_the_person_in_large_type(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(officer_app.window, case_id)
    step = advisal_step(page)
    step.language.setCurrentIndex(step.language.findData("ar"))
    assert "Warning" in step.language_note.text()  # not the interview language
    qtbot.mouseClick(step.show_button, LEFT)
    reading = step.reading_view
    assert isinstance(reading, ReadingView) and reading.isVisible()
    assert reading.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert reading.browser.font().pointSize() >= 20
    assert reading.notice.isVisible() and "قانونياً" in reading.notice.text()
    assert 'dir="rtl"' in reading.browser.toHtml() or reading.text.rtl
    qtbot.keyClick(reading.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: step.reading_view is None)


def test_every_consent_is_recorded_on_its_own_with_a_signature(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    world["oscar"].consent.deliver_advisal(case_id, **ADVISAL)
    page = open_case_in_window(officer_app.window, case_id)
    step = consent_step(page)
    assert not step.before_advisal.isVisibleTo(step)
    assert not step.child_box.isVisibleTo(step)
    recipients = default_library().consent_scopes().recipients()
    assert set(step.cards) == {"return", "travel_document"} | {
        f"data_sharing.{r}" for r in recipients
    }
    # nothing is chosen for the person
    assert all(card.decision() is None for card in step.cards.values())
    for n, recipient in enumerate(recipients):
        card = step.cards[f"data_sharing.{recipient}"]
        (card.declined if n % 2 else card.granted).setChecked(True)
        draw_signature(qtbot, step)
        qtbot.mouseClick(card.record_button, LEFT)
        assert not step.message.error, step.message.text()
        assert step.signature.pad.is_empty()  # the next decision is signed again
        assert "Recorded" in card.status.text()
        declined = "does not affect the travel document" in step.message.text()
        assert declined == bool(n % 2)
    for key in ("return", "travel_document"):
        step.cards[key].granted.setChecked(True)
        draw_signature(qtbot, step)
        qtbot.mouseClick(step.cards[key].record_button, LEFT)
    assert page.case.status == "consent_recorded"
    assert "can go to approval" in step.message.text()
    assert not [i.code for i in page.case.gate if i.code.startswith(("consent.", "child."))]
    assert step.done()
    assert step.recorded.count() == len(recipients) + 2
    assert "signed" in step.recorded.item(0).text()
    row = view(world, case_id).latest("return")
    assert row is not None and row.signature_kind == "signed"
    with world.handles["oscar"].session() as session:
        stored = session.get(ConsentDecision, row.consent_id)
        assert stored.signature.startswith(b"\x89PNG\r\n\x1a\n")  # type: ignore[union-attr]
        assert len(stored.signature) > 200  # type: ignore[arg-type]


def test_declined_to_sign_needs_a_reason(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.ADVISED)
    page = open_case_in_window(officer_app.window, case_id)
    step = consent_step(page)
    card = step.cards["return"]
    card.granted.setChecked(True)
    qtbot.mouseClick(card.record_button, LEFT)  # nothing drawn
    assert step.message.error and "sign or make a mark" in step.message.text()
    assert step.signature.pad.hasFocus()
    step.signature.kind_declined.setChecked(True)
    assert not step.signature.pad.isEnabled() and step.signature.reason.isEnabled()
    qtbot.mouseClick(card.record_button, LEFT)  # no reason chosen
    assert step.message.error and step.signature.reason.hasFocus()
    assert view(world, case_id).latest("return") is None
    step.signature.reason.setCurrentIndex(step.signature.reason.findData("cannot_write"))
    # the keyboard path: Return on the card's decision records it
    qtbot.keyClick(card.granted, Qt.Key.Key_Return)
    assert not step.message.error
    row = view(world, case_id).latest("return")
    assert row is not None
    assert (row.signature_kind, row.declined_reason, row.has_signature_image) == (
        "declined_to_sign", "cannot_write", False,
    )  # fmt: skip
    assert "declined to sign (Cannot write)" in card.status.text()


def test_a_decision_must_be_chosen(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.ADVISED)
    page = open_case_in_window(officer_app.window, case_id)
    step = consent_step(page)
    draw_signature(qtbot, step)
    qtbot.mouseClick(step.cards["travel_document"].record_button, LEFT)
    assert step.message.error and "grants or declines" in step.message.text()
    assert view(world, case_id).latest("travel_document") is None


def test_consent_before_the_advisal_is_explained_and_nothing_written(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(officer_app.window, case_id)
    step = consent_step(page)
    assert step.before_advisal.isVisibleTo(step)
    card = step.cards["return"]
    card.granted.setChecked(True)
    draw_signature(qtbot, step)
    qtbot.mouseClick(card.record_button, LEFT)
    assert step.message.error
    assert "deliver the rights advisal first" in step.message.text()
    assert view(world, case_id).consents == ()
    assert page.case.status == "interviewed"
    qtbot.mouseClick(step.go_to_advisal, LEFT)
    assert page.current_step().step_id == "advisal"


def test_a_child_needs_the_guardian_fields(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.ADVISED, interview={"vulnerability": CHILD})
    page = open_case_in_window(officer_app.window, case_id)
    step = consent_step(page)
    assert step.child_box.isVisibleTo(step)
    card = step.cards["return"]
    card.granted.setChecked(True)
    draw_signature(qtbot, step)
    qtbot.mouseClick(card.record_button, LEFT)
    assert step.message.error and "guardian" in step.message.text()
    assert view(world, case_id).latest("return") is None
    assert not step.signature.pad.is_empty()  # the signature is kept for the second try
    step.guardian_name.setText("Appointed Guardian")
    step.guardian_relationship.setCurrentIndex(
        step.guardian_relationship.findData("appointed_guardian")
    )
    step.best_interests.setPlainText("BIA by the child-protection service.")
    qtbot.mouseClick(card.record_button, LEFT)
    assert not step.message.error, step.message.text()
    row = view(world, case_id).latest("return")
    assert row is not None and row.has_guardian
    codes = [i.code for i in page.case.gate]
    # the best-interests record is there; the guardian must also take part in the consent to
    # the travel document
    assert "child.best_interests_missing" not in codes
    assert "child.guardian_missing" in codes
    page.go_to("consent", "consent.document_missing")
    assert step.cards["travel_document"].granted.hasFocus()
    QApplication.processEvents()
