"""Shared plumbing of the casework transitions: ``CaseContext`` (the acting user, state
checks, the audit event and outbox entry every transition writes, snapshots, voiding
documents), which every part of ``Casework`` receives, and ``require_independent``, the one
four-eyes check."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from laissez.casework import facts
from laissez.casework.errors import (
    CaseNotFoundError,
    ClockBackwardsError,
    InvalidTransitionError,
    MissingInformationError,
    RoleRequiredError,
    SelfApprovalError,
)
from laissez.casework.publications import library_in, published_library
from laissez.casework.snapshot import (
    OFFICER,
    PROTECTION_OFFICER,
    SUPERVISOR,
    CaseSnapshot,
)
from laissez.casework.states import TERMINAL, TRANSITIONS, CaseState
from laissez.forms import Library
from laissez.protocol import kinds
from laissez.protocol.kinds import PROTECTION_KINDS
from laissez.storage import audit, outbox
from laissez.storage.database import Database
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    AuditEvent,
    Case,
    OutboxEntry,
    Revocation,
    TravelDocument,
)
from laissez.storage.sync import state as sync_state

logger = logging.getLogger(__name__)
S = CaseState
_REASON = re.compile(r"[a-z][a-z_]{0,39}")
STAFF_ROLES = frozenset({OFFICER, SUPERVISOR, PROTECTION_OFFICER})
PROCEEDING_KINDS = ("asylum", "appeal", "court_hearing", "immigration_hearing")
MAIN_SCOPES = ("return", "travel_document")
#: the only reason a revocation gives headquarters: why a document was revoked (fear, a
#: withdrawal, a protection decision) stays at the mission
REVOKED = "revoked"
#: case states headquarters never sees: while a case is in one, the changes it receives carry
#: the last status it was sent before (a status of its own, even a neutral "on hold", would
#: arise only from protection and so tell it); the mission's own records keep the real state
HQ_UNSEEN_STATES = frozenset({"protection_referral"})


@dataclass(frozen=True)
class CaseSummary:
    """A case as the list shows it: ids, state, and what the gate says now."""

    id: uuid.UUID
    state: str
    created_at: dt.datetime
    gate_codes: tuple[str, ...]


def require_independent(
    snapshot: CaseSnapshot, actor_id: uuid.UUID, case_id: uuid.UUID, *, verb: str = "approve it"
) -> None:
    """Four eyes: a supervisor who took part in the case (``snapshot.participants``) may not
    decide on it. Raises ``SelfApprovalError`` ("... cannot ``verb``")."""
    if actor_id in snapshot.participants:
        raise SelfApprovalError(f"the supervisor took part in case {case_id} and cannot {verb}")


class CaseContext:
    """Plumbing shared by the parts of ``Casework``; acts as the user who unlocked ``db``."""

    def __init__(self, db: Database, *, library: Library | None = None) -> None:
        self.db = db
        self._library = library
        self.token_pin: str | None = None  # the seal token's PIN, for this session only

    @property
    def library(self) -> Library:
        """The texts and forms this mission may use: the packaged ones and those headquarters
        published and signed (``publications``), unless a library was given."""
        return self._library if self._library is not None else published_library(self.db)

    def library_in(self, session: Session) -> Library:
        """``library``, read in ``session``'s transaction."""
        return self._library if self._library is not None else library_in(session, self.db.path)

    # --- plumbing ------------------------------------------------------------------------------

    @property
    def actor_id(self) -> uuid.UUID:
        """The id of the user acting."""
        return self.db.user.id

    def require(self, *roles: str) -> None:
        if not any(self.db.user.has_role(r) for r in roles):
            raise RoleRequiredError(
                f"this step needs one of the roles: {', '.join(roles)}", role=roles[0]
            )

    @staticmethod
    def case(session: Session, case_id: uuid.UUID) -> Case:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFoundError(f"no case {case_id}")
        return case

    @staticmethod
    def reason(reason_code: str) -> str:
        """A reason code as stored and audited: lower-case letters and underscores (a code,
        never free text, so no personal data can slip into the audit log)."""
        if not _REASON.fullmatch(reason_code or ""):
            raise MissingInformationError(
                "a reason code is lower-case letters and underscores (e.g. "
                "person_withdrew), never free text",
                fields=["reason_code"],
            )
        return reason_code

    @staticmethod
    def check_state(case: Case, action: str) -> None:
        allowed = TRANSITIONS[action][0]
        if case.status not in allowed:
            raise InvalidTransitionError(
                f"case {case.id} is {case.status}; {action} is allowed only from "
                f"{', '.join(sorted(allowed))}",
                state=case.status,
                action=action,
            )

    def log(
        self,
        session: Session,
        case: Case,
        action: str,
        new_state: CaseState | None = None,
        details: Mapping[str, Any] | None = None,
        payload: Mapping[str, Any] | None = None,
    ) -> None:
        """Move ``case`` to ``new_state`` (if given) and write the audit event and outbox entry."""
        old = case.status
        now = self.check_clock(session, case)
        if new_state is not None and new_state != old:
            case.status = new_state.value
            case.status_changed_at = now
            if new_state in TERMINAL:
                case.closed_at = now
        case.version = (case.version or 0) + 1
        case.updated_at = now
        info: dict[str, Any] = {"from_state": old, "to_state": case.status, **(details or {})}
        audit.record(session, self.actor_id, f"case.{action}", "case", case.id, info)
        # headquarters belongs to the State of origin: the status it receives names no
        # protection state (see HQ_UNSEEN_STATES), a protection fact about the case stays here
        # (kinds.PROTECTION_KINDS; it learns the monthly counts instead), and the version it
        # receives counts only the changes it receives, so no gap points at one either
        kind = kinds.kind("case", action)
        if not self.shares_protection_details(session) and kind in PROTECTION_KINDS:
            logger.info("case %s: %s (%s -> %s), kept on the mission", case.id, action, old,
                        case.status)  # fmt: skip
            return
        status = case.status
        if status in HQ_UNSEEN_STATES:
            status = self.last_status_sent(session, case.id)
        sent = session.scalar(
            select(func.count())
            .select_from(OutboxEntry)
            .where(OutboxEntry.case_id == case.id, OutboxEntry.entity == "case")
        )
        outbox.enqueue(
            session,
            kind,
            case.id,
            {"status": status, "version": int(sent or 0), **(payload or {})},
            case_id=case.id,
        )
        logger.info("case %s: %s (%s -> %s)", case.id, action, old, case.status)

    @staticmethod
    def last_status_sent(session: Session, case_id: uuid.UUID) -> str:
        """The status of the latest case change queued for headquarters (``interviewed`` when
        none is left to read: a referral follows an interview)."""
        rows = session.scalars(
            select(OutboxEntry.payload)
            .where(OutboxEntry.case_id == case_id, OutboxEntry.entity == "case")
            .order_by(OutboxEntry.created_at.desc())
        )
        for payload in rows:
            status = payload.get("status") if isinstance(payload, dict) else None
            if isinstance(status, str) and status not in HQ_UNSEEN_STATES:
                return status
        return S.INTERVIEWED.value

    @staticmethod
    def shares_protection_details(session: Session) -> bool:
        """Whether this mission chose to send headquarters protection details (off unless an
        administrator set it on the mission)."""
        return sync_state.shares_protection_details(session)

    @staticmethod
    def check_clock(session: Session, case: Case | None = None) -> dt.datetime:
        """Now, unless the device's clock is earlier than the case's last event or the last
        event recorded on this device: then ``ClockBackwardsError`` (a clock set back must
        never make a consent, an approval or a withdrawal look older or newer than it is)."""
        now = utcnow()
        last = session.scalars(
            select(AuditEvent.at).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        times = [t for t in (last, case.updated_at if case else None) if t is not None]
        latest = max(times) if times else None
        if latest is not None and now < latest:
            raise ClockBackwardsError(
                f"the device clock ({now:%Y-%m-%d %H:%M} UTC) is earlier than the last event "
                f"recorded ({latest:%Y-%m-%d %H:%M} UTC): the clock was set back. Set the date "
                "and time right, then try again; nothing was recorded"
            )
        return now

    def snapshot(self, session: Session, case: Case) -> CaseSnapshot:
        library = self.library_in(session)
        recipients = library.consent_scopes().recipients()
        return facts.build_snapshot(session, case, library=library, required_recipients=recipients)

    def lapse_approval(self, case: Case) -> CaseState | None:
        """An approved case whose content changes goes back to consent_recorded."""
        return S.CONSENT_RECORDED if case.status == S.APPROVED else None

    def void_documents(self, session: Session, case: Case, reason: str) -> int:
        """Void every issued document of the case and add each to the revocation list."""
        count = 0
        for doc in session.scalars(
            select(TravelDocument).where(
                TravelDocument.case_id == case.id, TravelDocument.status == "issued"
            )
        ).all():
            self.revoke_document(session, case, doc, reason)
            count += 1
        return count

    def revoke_document(
        self, session: Session, case: Case, doc: TravelDocument, reason: str
    ) -> Revocation:
        """Void ``doc`` for ``reason`` (kept at the mission), add it to the revocation list
        and tell headquarters, with the neutral reason ``revoked``, in this transaction."""
        now = utcnow()
        doc.status = "voided"
        doc.voided_at = now
        doc.void_reason = reason
        revocation = Revocation(
            travel_document_id=doc.id,
            case_id=case.id,
            document_number=doc.document_number,
            reason_code=reason,
            revoked_by=self.actor_id,
            revoked_at=now,
        )
        session.add(revocation)
        session.flush()
        audit.record(
            session,
            self.actor_id,
            "travel_document.revoked",
            "travel_document",
            doc.id,
            {"reason": reason, "revocation_id": revocation.id},
        )
        outbox.enqueue(
            session,
            kinds.DOCUMENT_REVOKED,
            revocation.id,
            {
                "travel_document_id": str(doc.id),
                "document_number": doc.document_number,
                "reason": REVOKED,
                "revoked_at": now.isoformat(),
            },
            case_id=case.id,
        )
        return revocation
