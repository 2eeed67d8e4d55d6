"""The whole interview through the window: from "New case" to a printed, verifiable ETD.

Each step's own tests (test_identity_interview, test_advisal_consent, test_approval,
test_issue_print) cover its refusals; this one walks one case the way an officer does,
moving between steps with the keyboard, and checks what they would see at each turn.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt

from laissez.desktop.flow.interview import INTERVIEW_FORMS
from laissez.documents.seal import Verdict
from laissez.forms import default_library
from tests.support.desktop import (
    decide,
    draw_signature,
    fill,
    fill_advisal,
    print_accepting,
    to_pdf_file,
    type_mrz,
)
from tests.support.world import INTERVIEW, PHOTO, mrz_lines

ALT = Qt.KeyboardModifier.AltModifier


def codes(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {issue.code for issue in page.case.gate}


def test_from_new_case_to_printed_travel_document(qtbot, officer_app, world, tmp_path) -> None:
    window = officer_app.window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.case_view
    assert window.case_pages.currentWidget() is page
    assert page.case.status == "draft" and page.current_step().step_id == "overview"
    # The overview says what is missing, each item with a way to where it is fixed.
    assert "identity.nationality_missing" in page.steps["overview"].gate.buttons
    assert window.case_model.rowCount() >= 1  # the new case is in the list already

    # Identity: the MRZ typed (or read) fills the form; the officer completes it.
    qtbot.keyClick(page, Qt.Key.Key_2, ALT)
    identity = page.current_step()
    assert identity.step_id == "identity"
    type_mrz(identity, mrz_lines())
    # The photograph, added after the MRZ was used (it is printed on the document).
    identity.capture.set_photo_bytes(PHOTO)
    qtbot.waitUntil(lambda: identity.capture.photo is not None, timeout=10000)
    # The offscreen platform drops the window's activation around the photo worker (no other
    # window is shown); give it back so window shortcuts reach it, as on a real screen.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    fill(qtbot, identity.form, {"languages_spoken": "bn", "stateless_claim": "no",
                                "refugee_status": "no"})  # fmt: skip
    identity.save_button.click()
    assert not identity.message.error, identity.message.text()
    assert page.case.status == "identified"
    assert "RAHMAN" in page.name.text()
    assert not codes(page) & {"identity.photo_missing", "identity.not_established"}

    # Interview: five forms, each saved on its own.
    qtbot.keyClick(page, Qt.Key.Key_3, ALT)
    interview = page.current_step()
    for form_id in INTERVIEW_FORMS:
        interview.show_form(form_id)
        fill(qtbot, interview.pages[form_id].view, INTERVIEW[form_id])
        interview.pages[form_id].save_button.click()
        assert not interview.message.error, interview.message.text()
    assert page.case.status == "interviewed"
    assert not codes(page) & {"interview.incomplete", "fear.screening_missing"}

    # Consent before the advisal is refused, and says why.
    qtbot.keyClick(page, Qt.Key.Key_5, ALT)
    consent = page.current_step()
    assert consent.before_advisal.isVisibleTo(consent)

    # Rights advisal in the person's language, with the interpreter and a question.
    qtbot.keyClick(page, Qt.Key.Key_4, ALT)
    advisal = page.current_step()
    assert advisal.language.currentData() == "bn"
    fill_advisal(qtbot, advisal)
    advisal.record_button.click()
    assert not advisal.message.error, advisal.message.text()
    assert page.case.status == "advised"

    # Consent: every scope on its own, each signed on the pad.
    qtbot.keyClick(page, Qt.Key.Key_5, ALT)
    assert not consent.before_advisal.isVisibleTo(consent)
    recipients = default_library().consent_scopes().recipients()
    for key in [f"data_sharing.{r}" for r in recipients] + ["return", "travel_document"]:
        card = consent.cards[key]
        (card.declined if key.startswith("data_sharing") else card.granted).setChecked(True)
        draw_signature(qtbot, consent)
        card.record_button.click()
        assert not consent.message.error, consent.message.text()
    assert page.case.status == "consent_recorded"
    assert codes(page) == {"approval.missing"}

    # Issuing before approval is refused with the gate's sentence.
    qtbot.keyClick(page, Qt.Key.Key_7, ALT)
    issue = page.current_step()
    assert "No supervisor has approved" in issue.blockers.text()
    issue.issue_button.click()
    assert issue.message.error and "approved case" in issue.message.text()
    assert page.case.status == "consent_recorded"

    # Approval: a supervisor signs in on the spot; the officer stays signed in.
    qtbot.keyClick(page, Qt.Key.Key_6, ALT)
    approval = page.current_step()
    assert approval.step_id == "approval"
    decide(approval, "approve", qtbot, "sam", "approved")
    assert page.case.status == "approved" and codes(page) == set()
    assert officer_app.session.user_label() == "oscar"

    # Issue and print.
    qtbot.keyClick(page, Qt.Key.Key_7, ALT)
    issue.issue_button.click()
    assert not issue.message.error, issue.message.text()
    assert page.case.status == "document_issued"
    qtbot.waitUntil(lambda: len(issue.preview.page_labels) == 1, timeout=20000)
    output = tmp_path / "etd.pdf"
    to_pdf_file(issue, output)
    print_accepting(qtbot, issue)
    printed = output.read_bytes()
    assert len(pdfium.PdfDocument(printed)) == 1
    check = world["oscar"].signing.verify_printed(printed)
    assert check.verification.verdict is Verdict.VALID
    assert all("✓" in page.step_list.item(row).text() for row in range(1, 7))

    # Back in the list, the case shows its new status.
    case_id = page.context.case_id
    page.back_button.click()
    assert {row.case_id: row.status for row in window.case_model.rows}[case_id] == (
        "document_issued"
    )


def test_locking_in_the_middle_of_a_case_hides_it_and_closes_its_windows(
    qtbot, officer_app, world
) -> None:
    from laissez.casework.states import CaseState
    from tests.support.desktop import open_case_in_window

    window = officer_app.window
    case_id = world.new_case(CaseState.INTERVIEWED)
    page = open_case_in_window(window, case_id)
    qtbot.keyClick(page, Qt.Key.Key_4, ALT)
    advisal = page.current_step()
    advisal.show_button.click()  # the large-type text shown to the person
    reading = advisal.reading_view
    assert reading is not None and reading.isVisible()
    window.lock()
    assert window.locked
    assert page.case is None and "RAHMAN" not in page.name.text().upper()
    assert not reading.isVisible()


def test_an_identity_without_a_photograph_is_explained_and_fixed_from_the_checklist(
    qtbot, officer_app, world
) -> None:
    from laissez.casework.states import CaseState
    from tests.support.desktop import open_case_in_window

    case_id = world.new_case(CaseState.IDENTIFIED, mrz=None, photo=None)
    page = open_case_in_window(officer_app.window, case_id)
    checklist = page.steps["overview"].gate
    assert "identity.photo_missing" in checklist.sentences
    assert "photograph" in checklist.sentences["identity.photo_missing"].text()
    checklist.buttons["identity.photo_missing"].click()
    identity = page.current_step()
    assert identity.step_id == "identity"
    assert identity.capture.photo_from_file.hasFocus() or not officer_app.window.isActiveWindow()
