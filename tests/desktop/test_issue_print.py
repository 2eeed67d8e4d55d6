"""The issue step: issue the ETD, preview it, print it through the print dialog, the print
log, reprints with a reason, refusals."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import delete, func, select

from laissez.casework.states import CaseState
from laissez.casework.views.prints import REPRINT_REASONS
from laissez.desktop.flow.issue import IssueStep
from laissez.desktop.flow.printing import REPRINT_LABELS, ReprintDialog
from laissez.desktop.flow.report_lost import ReportLostDialog
from laissez.documents.seal import Verdict
from laissez.storage.models import Approval, AuditEvent, PrintEvent, TravelDocument
from tests.support.desktop import open_case_in_window, print_accepting, to_pdf_file, when_modal

SHOTS = Path("/tmp/shots")


def issue_step(window, case_id: uuid.UUID) -> IssueStep:  # type: ignore[no-untyped-def]
    page = open_case_in_window(window, case_id)
    page.go_to("issue")
    step = page.current_step()
    assert isinstance(step, IssueStep)
    return step


def test_issue_preview_print_and_log(qtbot, officer_app, world, tmp_path) -> None:
    window = officer_app.window
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(window, case_id)
    assert step.issue_button.isVisible() and not step.print_button.isEnabled()
    step.issue_button.click()
    page = window.case_view
    assert page.case.status == "document_issued"
    assert "issued" in step.message.text() and not step.message.error
    [doc] = step.documents
    assert step.document_list.count() == 1 and doc.number in step.document_list.item(0).text()
    assert not step.issue_button.isVisible()
    # the preview shows the page
    qtbot.waitUntil(lambda: len(step.preview.page_labels) == 1, timeout=20000)
    pixmap = step.preview.page_labels[0].pixmap()
    assert not pixmap.isNull() and pixmap.height() > pixmap.width() > 200
    # zooming in renders the page larger
    width = pixmap.width()
    step.preview.zoom_in.click()
    qtbot.waitUntil(
        lambda: (
            bool(step.preview.page_labels) and step.preview.page_labels[0].pixmap().width() > width
        ),
        timeout=20000,
    )
    assert step.preview.user_zoomed
    # one log line: the original, not printed yet
    assert step.log.rowCount() == 1
    assert step.log.item(0, 2).text() == "not printed yet"
    assert step.print_button.isEnabled() and not step.reprint_button.isEnabled()
    assert not step.done()

    output = tmp_path / "printed.pdf"
    to_pdf_file(step, output)
    print_accepting(qtbot, step)
    data = output.read_bytes()
    printed = pdfium.PdfDocument(data)
    assert len(printed) == 1
    assert printed[0].get_size() == pytest.approx((595.3, 841.9), abs=1)  # A4, full size
    assert "Printed 1 copy" in step.message.text()
    assert step.log.rowCount() == 1 and step.log.item(0, 2).text() == "PDF file"
    assert step.log.item(0, 3).text() == "1"
    assert step.log.item(0, 4).text()  # the officer's name
    assert step.done()
    assert not step.print_button.isEnabled() and step.reprint_button.isEnabled()
    assert page.step_list.item(6).text().startswith("7. ✓")
    # the sheet is a real ETD: its printed MRZ holds the number and its seal verifies
    check = world["oscar"].signing.verify_printed(data)
    assert check.verification.verdict is Verdict.VALID
    assert check.reading is not None and doc.number in "".join(check.reading.mrz_lines or ())
    # leaving the case forgets the document's bytes and images
    page.clear()
    assert step.pdfs == {} and step.preview.pdf is None and not step.preview.page_labels
    assert step.log.rowCount() == 0


def test_return_issues_the_document(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(officer_app.window, case_id)
    step.issue_button.setFocus()
    qtbot.keyClick(step.issue_button, Qt.Key.Key_Return)
    assert officer_app.window.case_view.case.status == "document_issued"
    assert not step.message.error and "issued" in step.message.text()  # issued once


def test_cancelled_print_records_nothing_and_printing_twice_needs_a_reprint(
    qtbot, officer_app, world, tmp_path
) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(officer_app.window, case_id)
    step.issue_button.click()
    when_modal(lambda dialog: dialog.reject())
    step.print_button.click()
    assert "cancelled" in step.message.text() and "Nothing was recorded" in step.message.text()
    [doc] = step.documents
    assert [x.printer for x in doc.lines] == [""]
    to_pdf_file(step, tmp_path / "first.pdf")
    print_accepting(qtbot, step)
    # printing again without a reason is impossible: only Reprint is offered
    assert not step.print_button.isEnabled()
    step.print_document()
    assert step.message.error and "Reprint" in step.message.text()
    with world.admin.session() as s:
        assert s.scalar(select(func.count()).select_from(PrintEvent)) == 1


def test_reprint_needs_a_reason_and_is_logged(qtbot, officer_app, world, tmp_path) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    world["oscar"].prints.record_print(etd.document_id, "Front desk laser", 1)
    step = issue_step(officer_app.window, case_id)
    assert not step.print_button.isEnabled() and step.reprint_button.isEnabled()
    assert "reprinted" in step.preview.note.text()  # no PDF kept: the preview needs a reprint
    seen: list[bool] = []

    def without_reason(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ReprintDialog)
        seen.append(dialog.ok.isEnabled())
        dialog.accept()  # no reason chosen: the dialog stays open
        seen.append(dialog.isVisible())
        dialog.reject()

    when_modal(without_reason)
    step.reprint_button.click()
    assert seen == [False, True]
    assert world["oscar"].signing.print_events(etd.document_id) == [("original", None)]

    def with_reason(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ReprintDialog)
        dialog.reason.setCurrentIndex(dialog.reason.findData("printer_jam"))
        assert dialog.ok.isEnabled()
        dialog.accept()
        when_modal(lambda printing: printing.accept())

    to_pdf_file(step, tmp_path / "reprint.pdf")
    when_modal(with_reason)
    step.reprint_button.click()
    qtbot.waitUntil(
        lambda: step.log.item(1, 2) is not None and step.log.item(1, 2).text() == "PDF file",
        timeout=20000,
    )
    assert world["oscar"].signing.print_events(etd.document_id) == [
        ("original", None),
        ("reprint", "printer_jam"),
    ]
    assert step.log.item(1, 1).text() == "Reprint"
    assert step.log.item(1, 5).text() == "The printer jammed"
    assert step.log.item(0, 2).text() == "Front desk laser"
    assert len(pdfium.PdfDocument((tmp_path / "reprint.pdf").read_bytes())) == 1
    qtbot.waitUntil(lambda: len(step.preview.page_labels) == 1, timeout=20000)


def test_every_reprint_reason_has_words() -> None:
    assert set(REPRINT_REASONS) == set(REPRINT_LABELS)


def test_a_voided_document_and_a_new_one(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    first = world["oscar"].decisions.issue_document(case_id)
    world["oscar"].prints.record_print(first.document_id, "Laser", 1)
    step = issue_step(officer_app.window, case_id)
    # consent withdrawn behind this screen's back: casework refuses the reprint
    world["oscar"].consent.withdraw_consent(case_id, "person_withdrew")

    def with_reason(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.reason.setCurrentIndex(dialog.reason.findData("damaged_copy"))
        dialog.accept()

    when_modal(with_reason)
    step.reprint_button.click()
    assert step.message.error and "voided" in step.message.text()
    assert world["oscar"].signing.print_events(first.document_id) == [("original", None)]

    # a new case for the same person is not needed: walk a second case and issue it here
    second_case = world.new_case(CaseState.APPROVED)
    second = world["oscar"].decisions.issue_document(second_case)
    with world.admin.session() as s:  # both documents shown on one case
        s.get(TravelDocument, second.document_id).case_id = case_id
    window = officer_app.window
    window.case_view.reload()
    assert step.document_list.count() == 2
    texts = [step.document_list.item(i).text() for i in range(2)]
    assert "VOIDED" in texts[0] and first.document_number in texts[0]
    assert "Issued" in texts[1] and second.document_number in texts[1]
    assert step.document_list.item(0).font().strikeOut()
    assert step.document_list.currentRow() == 1  # the printable one is chosen
    step.document_list.setCurrentRow(0)
    assert "Voided" in step.document_state.text()
    assert not step.print_button.isEnabled() and not step.reprint_button.isEnabled()
    assert not step.preview.page_labels


def test_issuing_an_unapproved_case_is_refused_with_the_gate(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = issue_step(officer_app.window, case_id)
    assert "No supervisor has approved" in step.blockers.text()
    assert step.approval_button.isVisible()
    step.issue_button.click()
    assert step.message.error
    assert step.message.text() == "Only an approved case can be issued a travel document."
    assert officer_app.window.case_view.case.status == "consent_recorded"
    with world.admin.session() as s:
        assert s.scalar(select(func.count()).select_from(TravelDocument)) == 0
    step.approval_button.click()
    assert officer_app.window.case_view.current_step().step_id == "approval"


def test_a_gate_refusal_shows_the_gate_sentences(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(officer_app.window, case_id)
    # the approval disappears behind the screen's back: the gate, inside casework, refuses
    with world.admin.session() as s:
        s.execute(delete(Approval).where(Approval.case_id == case_id))
    step.issue_button.click()
    text = step.message.text()
    assert step.message.error
    assert text.startswith("The travel document cannot be issued yet:")
    assert "No supervisor has approved issuing the document." in text
    with world.admin.session() as s:
        assert s.scalar(select(func.count()).select_from(TravelDocument)) == 0
        refused = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.issue_refused")
        ).all()
        assert [e.details for e in refused] == [{"codes": ["approval.missing"]}]
    assert officer_app.window.case_view.case.status == "approved"


@pytest.fixture
def numbers() -> int:
    from tests.support.world import WORLD_NUMBERS

    return WORLD_NUMBERS


@pytest.fixture
def world(isolated_dirs: Path, numbers: int) -> Iterator[object]:
    """The conftest's world, with ``numbers`` document numbers on the device."""
    from tests.support.world import World

    w = World(isolated_dirs, numbers=numbers)
    yield w
    w.close()


@pytest.mark.parametrize("numbers", [0])
def test_no_numbers_left(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(officer_app.window, case_id)
    assert step.numbers_line.isVisibleTo(step)
    text = step.numbers_line.text()
    assert "No document numbers are left" in text
    # exactly what to do: sync, enrol (who, where), or load a bundle (issue 17)
    assert "Sync now (F5" in text and "Settings → Headquarters" in text and "bundle" in text
    assert not step.issue_button.isEnabled()  # waits for numbers instead of failing
    assert step.issue_button.toolTip() == "No document numbers are left on this computer."
    assert officer_app.window.case_view.case.status == "approved"


@pytest.mark.parametrize("numbers", [3])
def test_few_numbers_left_warns(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(officer_app.window, case_id)
    assert "Only 3 document numbers are left" in step.numbers_line.text()
    step.issue_button.click()
    assert officer_app.window.case_view.case.status == "document_issued"


def test_nothing_is_written_to_disk_but_the_chosen_output(
    qtbot, officer_app, world, tmp_path, monkeypatch
) -> None:
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data_dir = world.path.parent
    before = {p for p in data_dir.rglob("*") if p.is_file()}
    case_id = world.new_case(CaseState.APPROVED)
    step = issue_step(officer_app.window, case_id)
    step.issue_button.click()
    qtbot.waitUntil(lambda: len(step.preview.page_labels) == 1, timeout=20000)
    out = tmp_path / "out"
    out.mkdir()
    to_pdf_file(step, out / "etd.pdf")
    print_accepting(qtbot, step)
    assert list(temp.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["etd.pdf"]
    new = {p for p in data_dir.rglob("*") if p.is_file()} - before
    assert not [p for p in new if p.suffix.lower() in {".pdf", ".png", ".jpg", ".tmp"}]


def test_a_document_issued_earlier_but_not_printed_can_be_printed(
    qtbot, officer_app, world, tmp_path
) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    etd = world["olga"].decisions.issue_document(
        case_id
    )  # e.g. the computer was shut down after issuing
    step = issue_step(officer_app.window, case_id)
    assert "Ready to print" in step.document_state.text()
    qtbot.waitUntil(lambda: len(step.preview.page_labels) == 1, timeout=20000)
    assert step.print_button.isEnabled() and not step.reprint_button.isEnabled()
    to_pdf_file(step, tmp_path / "late.pdf")
    print_accepting(qtbot, step)
    assert world["oscar"].signing.print_events(etd.document_id) == [("original", None)]
    assert step.log.item(0, 2).text() == "PDF file" and step.done()


def test_a_document_reported_stolen_is_revoked_and_the_case_waits_for_a_replacement(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    world["oscar"].prints.record_print(etd.document_id, "Laser", 1)
    step = issue_step(officer_app.window, case_id)
    assert step.lost_button.isEnabled()
    # Enter in the dialog keeps the document (the irreversible action is never the default)
    when_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Return))
    step.lost_button.click()
    assert officer_app.window.case_view.case.status == "document_issued"

    def stolen(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ReportLostDialog)
        assert etd.document_number in dialog.explain.text()
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("stolen"))
        dialog.confirm_button.click()

    when_modal(stolen)
    step.lost_button.click()
    assert not step.message.error and "is revoked" in step.message.text()
    assert officer_app.window.case_view.case.status == "consent_recorded"
    with world.admin.session() as s:
        assert s.get(TravelDocument, etd.document_id).status == "voided"
    assert not step.lost_button.isEnabled() and not step.reprint_button.isEnabled()
