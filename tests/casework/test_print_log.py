"""Recording the physical printing of a travel document: one sheet per issue or reprint."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from laissez.casework.errors import (
    AlreadyPrintedError,
    DocumentNotPrintableError,
    MissingInformationError,
    RoleRequiredError,
)
from laissez.casework.states import CaseState
from laissez.casework.views.prints import REPRINT_REASONS, document_prints
from laissez.storage.models import AuditEvent
from tests.support.world import World


def test_the_issued_layout_is_printed_once_then_only_reprinted(world: World) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    [doc] = document_prints(world.handles["oscar"], case_id)
    assert doc.waiting and not doc.printed and doc.printable
    assert [(line.kind, line.printer) for line in doc.lines] == [("original", "")]

    # the layout waiting for its printer can be laid out again without writing anything
    pdf = world["olga"].prints.pending_pdf(etd.document_id)
    assert len(pdfium.PdfDocument(pdf)) == 1
    assert world["oscar"].signing.print_events(etd.document_id) == [("original", None)]

    event_id = world["oscar"].prints.record_print(etd.document_id, "Consular Laser 1", 2)
    [doc] = document_prints(world.handles["oscar"], case_id)
    assert not doc.waiting and doc.printed
    [line] = doc.lines
    assert (line.printer, line.copies, line.kind) == ("Consular Laser 1", 2, "original")
    assert line.printed_by  # the officer's display name
    with world.admin.session() as s:
        [event] = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "travel_document.print_recorded")
        ).all()
        assert event.details == {"print_event_id": str(event_id), "copies": 2}

    # printing the same layout again is refused: a reprint needs a reason
    with pytest.raises(AlreadyPrintedError):
        world["oscar"].prints.record_print(etd.document_id, "Consular Laser 1", 1)
    with pytest.raises(AlreadyPrintedError):
        world["oscar"].prints.pending_pdf(etd.document_id)
    world["oscar"].signing.reprint_document(etd.document_id, REPRINT_REASONS[0])
    world["oscar"].prints.record_print(etd.document_id, "Consular Laser 2", 1)
    [doc] = document_prints(world.handles["oscar"], case_id)
    assert [(x.kind, x.printer, x.reason_code) for x in doc.lines] == [
        ("original", "Consular Laser 1", ""),
        ("reprint", "Consular Laser 2", "printer_jam"),
    ]


def test_refusals_write_nothing(world: World) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    with pytest.raises(MissingInformationError):
        world["oscar"].prints.record_print(etd.document_id, "  ", 1)
    with pytest.raises(MissingInformationError):
        world["oscar"].prints.record_print(etd.document_id, "Laser", 0)
    with pytest.raises(RoleRequiredError):
        world["pat"].prints.record_print(etd.document_id, "Laser", 1)
    world["oscar"].consent.withdraw_consent(case_id, "person_withdrew")
    with pytest.raises(DocumentNotPrintableError):
        world["oscar"].prints.record_print(etd.document_id, "Laser", 1)
    with pytest.raises(DocumentNotPrintableError):
        world["oscar"].prints.pending_pdf(etd.document_id)
    [doc] = document_prints(world.handles["oscar"], case_id)
    assert doc.status == "voided" and doc.revoked and not doc.printable and not doc.waiting
    assert [x.printer for x in doc.lines] == [""]
