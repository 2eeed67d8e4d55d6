"""The physical printing of a travel document, and its print log.

``issue_document`` and ``reprint_document`` each lay the document out and write a print event
(``original`` or ``reprint`` with its reason) whose ``printer`` is still empty: the layout is
made, the paper not yet printed. ``record_print`` fills that event with the printer and the
number of copies once the officer's printer accepted the job. So every sheet of paper matches
one event: the issue itself, or a reprint with a reason. Printing the same layout a second
time is refused (``AlreadyPrintedError``); the officer reprints with a reason instead.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.casework.base import CaseContext
from laissez.casework.errors import (
    AlreadyPrintedError,
    DocumentNotFoundError,
    DocumentNotPrintableError,
    MissingInformationError,
    PrintFailedError,
)
from laissez.casework.signing import printed_etd
from laissez.casework.snapshot import OFFICER, SUPERVISOR
from laissez.documents.errors import DocumentError
from laissez.printing.errors import PrintingError
from laissez.storage import audit
from laissez.storage.models import PrintEvent, Revocation, TravelDocument

logger = logging.getLogger(__name__)

#: the most copies one print job may record (an ETD is one sheet for one person)
MAX_COPIES = 10
PRINTER_NAME_LENGTH = 100


class PrintLogSteps:
    """Recording that a laid-out travel document went through a printer
    (``Casework.prints``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    @staticmethod
    def _printable(session: Session, document_id: uuid.UUID) -> TravelDocument:
        doc = session.get(TravelDocument, document_id)
        if doc is None:
            raise DocumentNotFoundError(f"no travel document {document_id}")
        revoked = session.scalar(
            select(Revocation.id).where(Revocation.travel_document_id == doc.id)
        )
        if doc.status != "issued" or revoked is not None or not doc.seal:
            raise DocumentNotPrintableError(
                f"travel document {doc.id} is {doc.status}; it may not be printed"
            )
        return doc

    @staticmethod
    def _pending_event(session: Session, doc: TravelDocument) -> PrintEvent:
        """The document's latest print event when it is still waiting for its printer."""
        latest = session.scalars(
            select(PrintEvent)
            .where(PrintEvent.travel_document_id == doc.id)
            .order_by(PrintEvent.printed_at.desc())
            .limit(1)
        ).first()
        if latest is None or latest.printer is not None:
            raise AlreadyPrintedError(
                f"travel document {doc.id} was already printed; reprint it with a reason"
            )
        return latest

    def record_print(self, document_id: uuid.UUID, printer: str, copies: int = 1) -> uuid.UUID:
        """The printer accepted the document's latest layout (the issue or a reprint): record
        the printer's name and the number of copies on that print event; returns its id.

        The audit event names ids and the number of copies only.

        Raises:
            AlreadyPrintedError: the latest layout was already printed (reprint with a reason).
            DocumentNotPrintableError: the document is voided or revoked.
            DocumentNotFoundError, MissingInformationError (no printer name, copies out of
            1..MAX_COPIES), RoleRequiredError.
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        name = (printer or "").strip()[:PRINTER_NAME_LENGTH]
        if not name or not 1 <= copies <= MAX_COPIES:
            raise MissingInformationError(
                f"a print needs the printer's name and 1 to {MAX_COPIES} copies",
                fields=["printer", "copies"],
            )
        with self.ctx.db.session() as session:
            doc = self._printable(session, document_id)
            event = self._pending_event(session, doc)
            event.printer = name
            event.copies = copies
            audit.record(
                session,
                self.ctx.actor_id,
                "travel_document.print_recorded",
                "travel_document",
                doc.id,
                {"print_event_id": event.id, "copies": copies},
            )
            return event.id

    def pending_pdf(self, document_id: uuid.UUID) -> bytes:
        """The PDF of the document's latest layout while it waits for its printer (e.g. the
        application was closed between issuing and printing). Writes nothing.

        Raises:
            AlreadyPrintedError: nothing is waiting (reprint with a reason instead).
            DocumentNotPrintableError, DocumentNotFoundError, PrintFailedError,
            RoleRequiredError.
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        with self.ctx.db.read_session() as session:
            doc = self._printable(session, document_id)
            self._pending_event(session, doc)
            try:
                from laissez.printing.etd import render_etd  # reportlab: loaded on first use

                return render_etd(printed_etd(session, doc))
            except (PrintingError, DocumentError) as exc:
                raise PrintFailedError(f"travel document {doc.id}: {type(exc).__name__}") from None
