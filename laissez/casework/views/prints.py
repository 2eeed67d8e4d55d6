"""What the issue-and-print screen reads: a case's travel documents and their print logs,
and the reason codes a reprint may give. Plain dataclasses, no Qt."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from laissez.storage.database import Database
from laissez.storage.models import PrintEvent, Revocation, TravelDocument, User

#: why a document is printed again (codes, never free text; casework audits the code)
REPRINT_REASONS: tuple[str, ...] = (
    "printer_jam",
    "poor_print_quality",
    "damaged_copy",
    "lost_before_handover",
    "wrong_paper",
)


@dataclass(frozen=True)
class PrintLine:
    """One printing of a document: ``kind`` is ``original`` or ``reprint``; ``printer`` is
    empty while the layout waits for its printer."""

    printed_at: dt.datetime
    kind: str
    printer: str
    copies: int
    printed_by: str
    reason_code: str


@dataclass(frozen=True)
class DocumentPrints:
    """A travel document of the case and its print log (oldest first).

    ``printable``: issued, sealed and not revoked (it may be reprinted). ``waiting``: its
    latest layout has not been printed yet (printing it needs no reason).
    """

    document_id: uuid.UUID
    number: str
    status: str
    revoked: bool
    issued_at: dt.datetime
    valid_until: str
    lines: tuple[PrintLine, ...]

    @property
    def printable(self) -> bool:
        """Whether casework allows printing this document at all."""
        return self.status == "issued" and not self.revoked

    @property
    def waiting(self) -> bool:
        """Whether the latest layout still waits for the printer."""
        return self.printable and bool(self.lines) and not self.lines[-1].printer

    @property
    def printed(self) -> bool:
        """Whether some layout of the document went through a printer."""
        return any(line.printer for line in self.lines)


def document_prints(db: Database, case_id: uuid.UUID) -> list[DocumentPrints]:
    """The case's travel documents, oldest first, each with its print log."""
    with db.read_session() as session:
        docs = session.scalars(
            select(TravelDocument)
            .where(TravelDocument.case_id == case_id)
            .order_by(TravelDocument.issued_at)
        ).all()
        ids = [d.id for d in docs]
        revoked = set(
            session.scalars(
                select(Revocation.travel_document_id).where(Revocation.travel_document_id.in_(ids))
            )
        )
        events = session.execute(
            select(PrintEvent, User.display_name, User.username)
            .outerjoin(User, User.id == PrintEvent.printed_by)
            .where(PrintEvent.travel_document_id.in_(ids))
            .order_by(PrintEvent.printed_at)
        ).all()
        lines: dict[uuid.UUID, list[PrintLine]] = {i: [] for i in ids}
        for event, display_name, username in events:
            lines[event.travel_document_id].append(
                PrintLine(
                    printed_at=event.printed_at,
                    kind=event.kind,
                    printer=event.printer or "",
                    copies=event.copies or 1,
                    printed_by=display_name or username or "",
                    reason_code=event.reason_code or "",
                )
            )
        return [
            DocumentPrints(
                document_id=d.id,
                number=d.document_number,
                status=d.status,
                revoked=d.id in revoked,
                issued_at=d.issued_at,
                valid_until=d.valid_until or "",
                lines=tuple(lines[d.id]),
            )
            for d in docs
        ]
