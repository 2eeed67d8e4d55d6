"""The identity and interview steps: MRZ to identity, five interview forms, refusals, Arabic."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
)
from sqlalchemy import select

from laissez.casework.states import CaseState
from laissez.casework.views.answers import case_answers
from laissez.desktop.capture import CaptureResult
from laissez.desktop.flow.interview import INTERVIEW_FORMS
from laissez.storage.models import Case, IdentityDocument
from tests.support.desktop import fill, open_case_in_window, type_keys, type_mrz
from tests.support.world import IDENTITY, INTERVIEW, mrz_lines

SHOTS = os.environ.get("LAISSEZ_SHOTS")


def gate_codes(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {issue.code for issue in page.case.gate}


def test_mrz_fills_the_identity_form_and_saving_identifies_the_case(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(officer_app.window, case_id)
    assert "identity.nationality_missing" in gate_codes(page)
    page.go_to("identity")
    step = page.current_step()
    assert step.step_id == "identity" and not step.done()
    type_mrz(step, mrz_lines())
    form = step.form
    assert form.answers() == {
        "primary_name": "RAHMAN",
        "secondary_name": "AMINA",
        "date_of_birth": "1990-03-04",
        "sex": "f",
        "nationality": "BGD",
        "evidence": ["passport_mrz"],
        "document_number": "BX1234567",
    }
    assert "every check digit matches" in step.mrz_state.text()
    # the officer completes what the document cannot say
    fill(qtbot, form, {"languages_spoken": "bn", "stateless_claim": "no", "refugee_status": "no"})
    step.save_button.click()
    assert not step.message.error, step.message.text()
    assert page.case.status == "identified"
    assert "identity.nationality_missing" not in gate_codes(page)
    assert "identity.not_established" not in gate_codes(page)
    assert step.done() and page.step_list.item(1).text().startswith("2. ✓")
    assert "Identity saved" in step.message.text()
    recorded = case_answers(world.handles["oscar"], case_id)
    assert recorded.answers("identity")["document_number"] == "BX1234567"
    assert recorded.mrz_lines == tuple(mrz_lines()) and recorded.mrz_valid
    assert [d.kind for d in page.case.documents] == ["identity"]


def test_the_identity_step_records_whether_the_mrz_was_typed_scanned_or_read(
    qtbot, officer_app, world
) -> None:
    for how, stored in (("typed", "typed"), ("scan", "scan"), ("reader", "reader")):
        case_id = world.new_case(CaseState.DRAFT)
        page = open_case_in_window(officer_app.window, case_id)
        page.go_to("identity")
        step = page.current_step()
        if how == "typed":
            type_mrz(step, mrz_lines())
        elif how == "reader":
            # a desk passport reader types the MRZ while the officer is in the name field
            name = step.form.findChild(QLineEdit, "edit_primary_name")
            name.setFocus()
            type_keys(name, mrz_lines(number="BX2468024"), gap_ms=8)
            assert step.form.answers()["document_number"] == "BX2468024"  # filled from it
            assert "every check digit matches" in step.mrz_state.text()
        else:  # as the capture hands over lines read from an image (another person's passport)
            lines = tuple(mrz_lines(number="BX7654321"))
            step.use_capture(CaptureResult.from_lines(lines, source="scan"))
        fill(qtbot, step.form, {"languages_spoken": "bn", "stateless_claim": "no",
                                "refugee_status": "no"})  # fmt: skip
        step.save_button.click()
        assert not step.message.error, step.message.text()
        with world.handles["oscar"].session() as session:
            person_id = session.get(Case, case_id).person_id
            sources = session.scalars(
                select(IdentityDocument.source).where(IdentityDocument.person_id == person_id)
            ).all()
        assert sources == [stored]


def test_identity_without_mrz_says_a_supervisor_must_approve(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("identity")
    step = page.current_step()
    assert "supervisor must approve" in step.mrz_state.text()
    answers = {
        **{k: v for k, v in IDENTITY.items() if k not in ("evidence", "document_number")},
        "evidence": ["birth_certificate", "nationality_interview"],
        "interview_summary": "Knows the district and its school.",
    }
    fill(qtbot, step.form, answers)
    step.save_button.click()
    assert page.case.status == "identified"
    assert "identity.not_established" in gate_codes(page)
    assert step.gate_line.isVisibleTo(step)
    assert "supervisor approve the nationality interview" in step.gate_line.text()
    assert case_answers(world.handles["oscar"], case_id).mrz_lines == ()


def test_an_incomplete_identity_is_refused_on_the_page_and_nothing_is_written(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("identity")
    step = page.current_step()
    qtbot.keyClicks(step.form.findChild(QLineEdit, "edit_primary_name"), "Rahman")
    qtbot.keyClicks(step.form.findChild(QLineEdit, "edit_date_of_birth"), "2090-01-01")
    step.save_button.click()
    assert step.message.error and "⚠" in step.message.text()
    form = step.form
    assert "future" in form.rows["date_of_birth"].issue.text()
    assert "required" in form.rows["nationality"].issue.text()
    assert not form.rows["primary_name"].issue.isVisibleTo(step)
    assert form.first_issue_field() == "date_of_birth"
    assert page.case.status == "draft"
    assert case_answers(world.handles["oscar"], case_id).forms == {}


def test_every_interview_form_filled_through_the_widgets_interviews_the_case(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("interview")
    step = page.current_step()
    assert step.step_id == "interview" and not step.done()
    assert step.form_list.item(0).text() == "Family and dependants"
    for form_id in INTERVIEW_FORMS:
        step.show_form(form_id)
        view = step.pages[form_id].view
        assert step.pages_stack.currentWidget() is step.pages[form_id]
        fill(qtbot, view, INTERVIEW[form_id])
        step.pages[form_id].save_button.click()
        assert not step.message.error, step.message.text()
        assert step.pages[form_id].state.text() == "Saved."
    assert page.case.status == "interviewed"
    assert "interview.incomplete" not in gate_codes(page)
    assert "fear.screening_missing" not in gate_codes(page)
    assert all(step.form_list.item(i).text().startswith("✓") for i in range(5))
    assert step.done() and "Every interview form is saved" in step.message.text()
    assert (
        case_answers(world.handles["oscar"], case_id).answers("travel_route")
        == INTERVIEW["travel_route"]
    )


def test_fear_of_return_says_a_protection_officer_is_now_needed(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("interview", "fear.screening_missing")
    step = page.current_step()
    assert step.current_form() == "fear_of_return"
    view = step.pages["fear_of_return"].view
    answers = {
        **INTERVIEW["fear_of_return"],
        "fears_return": "yes",
        "fear_reasons": ["armed_conflict"],
        "fear_account": "My village was burnt.",
    }
    fill(qtbot, view, answers)
    step.pages["fear_of_return"].save_button.click()
    assert "fear.unresolved" in gate_codes(page)
    assert "protection officer" in step.message.text()
    line = step.pages["fear_of_return"].gate_line
    assert line.isVisibleTo(step) and "protection officer" in line.text()
    # the overview says the same
    page.go_to("overview")
    assert page.current_step().gate.buttons.get("fear.unresolved") is not None


def test_saving_an_incomplete_form_shows_each_issue_and_writes_nothing(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("interview")
    step = page.current_step()
    view = step.pages["family"].view
    view.findChild(QAbstractButton, "field_has_dependants_yes").click()
    step.pages["family"].save_button.click()
    assert step.message.error
    assert "required" in view.rows["dependants_count"].issue.text()
    assert "required" in view.rows["family_contact_wanted"].issue.text()
    assert not view.rows["has_dependants"].issue.isVisibleTo(step)
    assert case_answers(world.handles["oscar"], case_id).forms.keys() == {"identity"}
    assert step.pages["family"].state.text() == "Not saved yet."


def test_casework_refuses_interview_answers_before_the_identity(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("interview")
    step = page.current_step()
    fill(qtbot, step.pages["family"].view, INTERVIEW["family"])
    step.pages["family"].save_button.click()
    assert step.message.error and step.message.isVisibleTo(page)
    assert "Draft" in step.message.text() and "Traceback" not in step.message.text()
    assert case_answers(world.handles["oscar"], case_id).forms == {}
    assert page.case.status == "draft"


def test_a_reopened_case_shows_what_was_recorded(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(officer_app.window, case_id)
    identity = page.steps["identity"]
    assert identity.form.answers() == IDENTITY
    assert identity.done() and "Recorded MRZ" in identity.mrz_state.text()
    assert identity.form.editor("photo").has_image
    interview = page.steps["interview"]
    for form_id in INTERVIEW_FORMS:
        assert interview.pages[form_id].view.answers() == INTERVIEW[form_id]
        assert interview.pages[form_id].state.text() == "Saved."
    # an unsaved change in one form survives saving another
    family = interview.pages["family"].view
    family.findChild(QAbstractButton, "field_family_contact_wanted_no").click()
    interview.save("travel_route")
    assert family.answers()["family_contact_wanted"] == "no"
    assert "save it again" in interview.pages["family"].state.text()


def test_gate_codes_focus_the_right_question(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    window = officer_app.window
    page = open_case_in_window(window, case_id)
    window.activateWindow()
    page.go_to("interview", "interview.incomplete")
    step = page.current_step()
    assert step.current_form() == "family"
    view = step.pages["pending_proceedings"].view
    view.findChild(QAbstractButton, "field_appeal_pending_yes").click()
    page.go_to("interview", "proceedings.consequences_not_explained")
    assert step.current_form() == "pending_proceedings"
    target = view.findChild(QAbstractButton, "field_consequences_explained_yes")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
    page.go_to("identity", "identity.nationality_missing")
    nationality = page.steps["identity"].form.findChild(QComboBox, "edit_nationality")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is nationality)


def _shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        for _ in range(3):  # let pending layouts settle (questions just shown)
            QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_the_forms_are_right_to_left_in_arabic(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.DRAFT)
    window = officer_app.window
    window.resize(1200, 860)
    page = open_case_in_window(window, case_id)
    page.go_to("identity")
    type_mrz(page.current_step(), mrz_lines())
    _shoot(window, "forms-identity-en")
    page.go_to("interview", "fear.screening_missing")
    fear = page.steps["interview"].pages["fear_of_return"].view
    fear.findChild(QAbstractButton, "field_fears_return_unknown").click()
    _shoot(window, "forms-fear-en")
    try:
        officer_app.language.apply("ar")
        for step_id in ("identity", "interview"):
            step = page.steps[step_id]
            assert step.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert fear.layoutDirection() == Qt.LayoutDirection.RightToLeft
        question = fear.rows["fears_return"]
        assert question.label.text().strip("\u200f\u2068\u2069 *") == fear.form.field(
            "fears_return"
        ).label.get("ar")
        assert question.editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # a radio button of the first answer sits on the right of the second one
        yes = fear.findChild(QAbstractButton, "field_fears_return_yes")
        no = fear.findChild(QAbstractButton, "field_fears_return_no")

        def x(button: QAbstractButton) -> int:
            return button.mapTo(fear, button.rect().center()).x()

        qtbot.waitUntil(lambda: x(yes) > x(no))
        _shoot(window, "forms-fear-ar")
        page.go_to("identity")
        date = page.steps["identity"].form.findChild(QLineEdit, "edit_date_of_birth")
        assert date.layoutDirection() == Qt.LayoutDirection.LeftToRight  # dates stay LTR
        _shoot(window, "forms-identity-ar")
    finally:
        officer_app.language.apply("en")


def test_the_keyboard_saves_a_form(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("interview")
    step = page.current_step()
    step.show_form("travel_route")
    view = step.pages["travel_route"].view
    fill(qtbot, view, INTERVIEW["travel_route"])
    # Return in a one-line answer saves the form; Ctrl+Enter anywhere in the step too
    qtbot.keyClick(view.findChild(QLineEdit, "edit_destination_place"), Qt.Key.Key_Return)
    assert case_answers(world.handles["oscar"], case_id).is_complete("travel_route")
    step.show_form("family")
    fill(qtbot, step.pages["family"].view, INTERVIEW["family"])
    radio = step.pages["family"].view.findChild(QAbstractButton, "field_has_dependants_no")
    qtbot.keyClick(radio, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert case_answers(world.handles["oscar"], case_id).is_complete("family")


def test_casework_refusals_of_these_steps_read_as_sentences() -> None:
    from laissez.casework.errors import (
        AnswersInvalidError,
        InvalidTransitionError,
        MrzUnreadableError,
    )
    from laissez.desktop.messages import describe_error

    assert "⚠" in describe_error(AnswersInvalidError("x", issues=[("sex", "option")]))
    assert "without it" in describe_error(MrzUnreadableError("x"))
    sentence = describe_error(InvalidTransitionError("x", state="approved", action="a"))
    assert "Approved" in sentence and "x" not in sentence.replace("“", "").split()
