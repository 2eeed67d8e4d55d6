"""Cases and what happens in them: interview answers, screening, legal proceedings, the rights
advisal, consent and its withdrawal, and the second person's approval.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from laissez.storage.ids import utcnow
from laissez.storage.models.base import Base, created_column, pk_column
from laissez.storage.models.people import Person
from laissez.storage.types import UtcDateTime


class Case(Base):
    """One return case. ``status`` is text owned by the casework state machine; setting it
    stamps ``status_changed_at``, from which retention counts."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = pk_column()
    mission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("missions.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    #: the short human reference (``DAC-2026-00042``), set when the case is opened
    reference: Mapped[str | None] = mapped_column(String(40), index=True)
    interview_language: Mapped[str | None] = mapped_column(String(16))
    is_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_column()
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    status_changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    purged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person | None] = relationship()


@event.listens_for(Case.status, "set")
def _status_changed(target: Case, value: str, oldvalue: Any, _initiator: Any) -> None:
    """Changing a case's status stamps ``status_changed_at`` (retention counts from it)."""
    if oldvalue is not value and oldvalue not in (NO_VALUE, NEVER_SET) and value != oldvalue:
        target.status_changed_at = utcnow()


class InterviewAnswers(Base):
    """Answers to one interview form (``form_id`` at ``form_version``), as a JSON object."""

    __tablename__ = "interview_answers"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_column()
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class Screening(Base):
    """A fear-of-return (non-refoulement) screening and, if fear was expressed, the referral
    outcome a protection officer recorded. ``outcome`` is text owned by casework.
    """

    __tablename__ = "screenings"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32), default="fear_of_return")
    form_id: Mapped[str | None] = mapped_column(String(64))
    form_version: Mapped[str | None] = mapped_column(String(32))
    fear_expressed: Mapped[bool | None] = mapped_column(Boolean)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(40), default="pending")
    referral_outcome: Mapped[str | None] = mapped_column(String(40))
    referral_notes: Mapped[str | None] = mapped_column(Text)
    screened_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    screened_at: Mapped[dt.datetime] = created_column()
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    #: the deciding protection officer's Ed25519 signature (``casework.signatures``)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))


class LegalProceeding(Base):
    """A pending asylum or court proceeding and whether the consequences of leaving were
    explained and acknowledged.
    """

    __tablename__ = "legal_proceedings"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    pending: Mapped[bool] = mapped_column(Boolean, default=True)
    reference: Mapped[str | None] = mapped_column(Text)
    consequences_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = created_column()


class RightsAdvisal(Base):
    """A rights advisal delivered to the person: the exact text (id, version, SHA-256), the
    language, the interpreter if any, the person's questions and the offer of legal counsel.
    """

    __tablename__ = "rights_advisals"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    text_id: Mapped[str] = mapped_column(String(64))
    text_version: Mapped[str] = mapped_column(String(32))
    text_hash: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(16))
    language_understood: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_used: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_name: Mapped[str | None] = mapped_column(Text)
    questions: Mapped[str | None] = mapped_column(Text)
    legal_counsel_offered: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_counsel_accepted: Mapped[bool | None] = mapped_column(Boolean)
    #: the language the person said they understand (may differ from ``language``, the text's)
    person_language: Mapped[str | None] = mapped_column(String(16))
    #: whether an interpreter was needed (None: nobody recorded it)
    interpreter_needed: Mapped[bool | None] = mapped_column(Boolean)
    delivered_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    delivered_at: Mapped[dt.datetime] = created_column()


class ConsentDecision(Base):
    """One consent decision: ``scope`` (``return``, ``travel_document``, ``data_sharing`` ...),
    ``recipient`` for data sharing, ``decision`` (``granted`` / ``declined``), when it was decided
    and which advisal preceded it. For a child, the guardian and the best-interests record.
    """

    __tablename__ = "consent_decisions"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    advisal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rights_advisals.id"))
    scope: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str | None] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(16))
    text_version: Mapped[str | None] = mapped_column(String(32))
    text_hash: Mapped[str | None] = mapped_column(String(64))
    guardian_name: Mapped[str | None] = mapped_column(Text)
    guardian_relationship: Mapped[str | None] = mapped_column(String(40))
    best_interests_record: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = created_column()
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    #: the person's drawn signature or mark (PNG bytes); None when declined to sign or when
    #: the decision was recorded without an on-screen signature (before revision 0006)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: ``signed``, ``mark`` or ``declined_to_sign`` (None: not captured on screen)
    signature_kind: Mapped[str | None] = mapped_column(String(20))
    #: why the person declined to sign: a reason code, never free text
    declined_reason: Mapped[str | None] = mapped_column(String(40))
    #: whether the interpreter signed too (None: no interpreter, or not recorded)
    interpreter_signed: Mapped[bool | None] = mapped_column(Boolean)
    #: data sharing: the data categories and the purpose exactly as shown to the person, and
    #: the hash of (recipient, data, purpose); a later change to any of them needs a new
    #: decision (None: recorded before revision 0008, read from ``text_version``)
    shared_data: Mapped[list[Any] | None] = mapped_column(JSON)
    purpose: Mapped[str | None] = mapped_column(Text)
    terms_hash: Mapped[str | None] = mapped_column(String(64))

    withdrawals: Mapped[list[ConsentWithdrawal]] = relationship(back_populates="consent")


class ConsentWithdrawal(Base):
    """The withdrawal of an earlier consent decision."""

    __tablename__ = "consent_withdrawals"

    id: Mapped[uuid.UUID] = pk_column()
    consent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("consent_decisions.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    reason_code: Mapped[str | None] = mapped_column(String(40))
    withdrawn_at: Mapped[dt.datetime] = created_column()
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    consent: Mapped[ConsentDecision] = relationship(back_populates="withdrawals")


class Approval(Base):
    """A second person's decision (four eyes): ``decision`` is ``approved`` or ``rejected``."""

    __tablename__ = "approvals"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    approver_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = created_column()
    #: what was approved: ``issue`` (the document, four eyes) or ``nationality`` (a nationality
    #: established by interview rather than by a valid MRZ)
    subject: Mapped[str | None] = mapped_column(String(32), default="issue")
    #: the approver's Ed25519 signature over the decision (``casework.signatures``)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))


class InterviewAnswerVersion(Base):
    """Every saved version of an interview form's answers, never changed or removed (except by
    retention): ``InterviewAnswers`` holds the newest, this table all of them."""

    __tablename__ = "interview_answer_versions"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = created_column()


class CaseFlag(Base):
    """A red flag raised in a case (fear, pressure, trafficking, protection status, pending
    proceeding, lodged asylum claim, child): ``kind`` and ``detail`` are codes owned by
    casework, ``source`` says from what (a form, an MRZ, an event). A flag is never deleted;
    only a protection officer's decision clears it (``cleared_*``, with a reason code and, for a
    proceeding, its reference)."""

    __tablename__ = "case_flags"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(40))
    raised_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[dt.datetime] = created_column()
    cleared_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    cleared_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    clear_reason: Mapped[str | None] = mapped_column(String(40))
    clear_reference: Mapped[str | None] = mapped_column(Text)
    #: the clearing protection officer's Ed25519 signature over
    #: ``laissez.storage.signed.flag_clearing_payload``; a clearing without a valid one is not
    #: a clearing (the flag stays open)
    clear_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
