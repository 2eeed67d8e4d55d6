"""What the advisal and consent screens read: the case's interview language, whether the person
is (or may be) a child, the latest advisal, and every consent decision with its signature kind.

Plain dataclasses out, no Qt. The rule the consent screen applies before recording a child's
consent is ``laissez.casework.consent_rules.check_child_consent``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from laissez.casework import facts
from laissez.casework.consenting import DECLINED_TO_SIGN_REASONS, SIGNATURE_KINDS
from laissez.casework.errors import CaseNotFoundError
from laissez.storage.database import Database
from laissez.storage.models import Case, ConsentDecision, ConsentWithdrawal, RightsAdvisal, User

__all__ = [
    "DECLINED_TO_SIGN_REASONS",
    "SIGNATURE_KINDS",
    "AdvisalConsentView",
    "AdvisalSummary",
    "ConsentRow",
    "advisal_consent_view",
]

#: the states before an advisal is delivered: consent cannot be asked yet
BEFORE_ADVISAL: frozenset[str] = frozenset({"draft", "identified", "interviewed"})


@dataclass(frozen=True)
class AdvisalSummary:
    """One advisal delivered: the text (id, version, language, hash), the interpreter and the
    offer of legal counsel, the questions as recorded, who delivered it and when."""

    advisal_id: uuid.UUID
    text_id: str
    text_version: str
    text_hash: str
    language: str
    person_language: str | None
    language_understood: bool
    interpreter_needed: bool | None
    interpreter_used: bool
    interpreter_name: str | None
    questions: str
    legal_counsel_offered: bool
    legal_counsel_accepted: bool | None
    delivered_at: dt.datetime
    delivered_by: str


@dataclass(frozen=True)
class ConsentRow:
    """One consent decision: its scope (and recipient), decision, time, signature kind (None:
    not captured on screen), the declined-to-sign reason code, whether a guardian took part,
    whether it was given after the latest advisal, and whether it was withdrawn."""

    consent_id: uuid.UUID
    scope: str
    recipient: str | None
    decision: str
    decided_at: dt.datetime
    signature_kind: str | None
    declined_reason: str | None
    has_signature_image: bool
    interpreter_signed: bool | None
    has_guardian: bool
    current: bool
    withdrawn: bool

    @property
    def key(self) -> str:
        """``return``, ``travel_document`` or ``data_sharing.<recipient>``."""
        return f"data_sharing.{self.recipient}" if self.recipient else self.scope


@dataclass(frozen=True)
class AdvisalConsentView:
    """Everything the advisal and consent steps show for one case."""

    case_id: uuid.UUID
    status: str
    interview_language: str | None
    is_minor: bool
    advisal: AdvisalSummary | None
    advisal_count: int
    consents: tuple[ConsentRow, ...]

    @property
    def advised(self) -> bool:
        """Whether an advisal was delivered and the case is past the interview."""
        return self.advisal is not None and self.status not in BEFORE_ADVISAL

    def latest(self, key: str) -> ConsentRow | None:
        """The newest decision for ``key`` (see ``ConsentRow.key``) since the latest advisal."""
        rows = [c for c in self.consents if c.key == key and c.current]
        return max(rows, key=lambda c: c.decided_at) if rows else None


def advisal_consent_view(db: Database, case_id: uuid.UUID) -> AdvisalConsentView:
    """Read the advisal and consent facts of one case. Raises ``CaseNotFoundError``."""
    with db.read_session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFoundError(f"no case {case_id}")
        latest = facts.latest_advisal(session, case.id)
        count = len(
            session.scalars(select(RightsAdvisal.id).where(RightsAdvisal.case_id == case.id)).all()
        )
        summary = None
        if latest is not None:
            user = session.get(User, latest.delivered_by) if latest.delivered_by else None
            summary = AdvisalSummary(
                advisal_id=latest.id,
                text_id=latest.text_id,
                text_version=latest.text_version,
                text_hash=latest.text_hash,
                language=latest.language,
                person_language=latest.person_language,
                language_understood=bool(latest.language_understood),
                interpreter_needed=latest.interpreter_needed,
                interpreter_used=bool(latest.interpreter_used),
                interpreter_name=latest.interpreter_name,
                questions=latest.questions or "",
                legal_counsel_offered=bool(latest.legal_counsel_offered),
                legal_counsel_accepted=latest.legal_counsel_accepted,
                delivered_at=latest.delivered_at,
                delivered_by=(user.display_name or user.username) if user else "",
            )
        withdrawn = set(
            session.scalars(
                select(ConsentWithdrawal.consent_id).where(ConsentWithdrawal.case_id == case.id)
            ).all()
        )
        rows = []
        for c in session.scalars(
            select(ConsentDecision)
            .where(ConsentDecision.case_id == case.id)
            .order_by(ConsentDecision.decided_at)
        ).all():
            rows.append(
                ConsentRow(
                    consent_id=c.id,
                    scope=c.scope,
                    recipient=c.recipient,
                    decision=c.decision,
                    decided_at=c.decided_at,
                    signature_kind=c.signature_kind,
                    declined_reason=c.declined_reason,
                    has_signature_image=bool(c.signature),
                    interpreter_signed=c.interpreter_signed,
                    has_guardian=bool(c.guardian_name),
                    current=latest is not None and c.advisal_id == latest.id,
                    withdrawn=c.id in withdrawn,
                )
            )
        return AdvisalConsentView(
            case_id=case.id,
            status=case.status,
            interview_language=case.interview_language,
            is_minor=bool(case.is_minor),
            advisal=summary,
            advisal_count=count,
            consents=tuple(rows),
        )
