"""A travel document reported lost or stolen (``Casework.lost``).

Recording the report revokes the document at once: it is voided, joins the revocation list and
headquarters is told through the ordinary revocation change, with the neutral reason
``revoked`` (whether it was lost or stolen stays at the mission). The document can never be
printed again. A case still waiting for the person's departure goes back to
``consent_recorded``: a replacement is a new document with a new number, approved by a
supervisor and issued through the whole gate again. A closed case (the person left) stays
closed; its document is revoked all the same.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import select

from laissez.casework.base import CaseContext
from laissez.casework.errors import (
    DocumentNotFoundError,
    InvalidTransitionError,
    MissingInformationError,
)
from laissez.casework.snapshot import OFFICER, SUPERVISOR
from laissez.casework.states import CaseState
from laissez.storage.models import Revocation, TravelDocument

logger = logging.getLogger(__name__)
S = CaseState
#: what happened to the document, as reported
LOSS_KINDS: tuple[str, ...] = ("lost", "stolen")


class LostSteps:
    """Reporting a document lost or stolen (``Casework.lost``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    def report_lost(self, document_id: uuid.UUID, kind: str) -> None:
        """An officer or supervisor records that the issued document ``document_id`` was
        ``lost`` or ``stolen``: it is revoked at once (voided, on the revocation list, sent to
        headquarters) and its case, if the person has not left, goes back to
        consent_recorded for a replacement. Audited with the reason code only.

        Raises:
            RoleRequiredError, MissingInformationError (another kind), DocumentNotFoundError,
            InvalidTransitionError (the document is not valid, or its case is not issued or
            closed).
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        if kind not in LOSS_KINDS:
            raise MissingInformationError(
                f"a document is reported {' or '.join(LOSS_KINDS)}", fields=["kind"]
            )
        reason = f"reported_{kind}"
        with self.ctx.db.session() as session:
            doc = session.get(TravelDocument, document_id)
            if doc is None:
                raise DocumentNotFoundError(f"no travel document {document_id}")
            revoked = session.scalar(
                select(Revocation.id).where(Revocation.travel_document_id == doc.id)
            )
            case = self.ctx.case(session, doc.case_id)
            if doc.status != "issued" or revoked is not None:
                raise InvalidTransitionError(
                    f"travel document {doc.id} is {doc.status}; it was already revoked",
                    state=case.status,
                    action="report_lost",
                )
            self.ctx.check_state(case, "report_lost")
            self.ctx.revoke_document(session, case, doc, reason)
            new_state = S.CONSENT_RECORDED if case.status == S.DOCUMENT_ISSUED else None
            self.ctx.log(session, case, "report_lost", new_state,
                         {"document_id": doc.id, "reason": reason})  # fmt: skip
            logger.info("travel document %s reported %s and revoked", doc.id, kind)
