"""SQLAlchemy 2 models of the local database (one SQLCipher file per installation).

Conventions:

* Primary keys are UUIDs made on the client (``ids.new_id``, UUIDv7), except the audit log,
  whose integer ``seq`` is the position in the hash chain.
* Every time is an aware ``datetime`` stored in UTC (``types.UtcDateTime``).
* Status and kind columns are plain text; the casework layer owns their values and the state
  machine. The storage layer only knows the roles and the outbox statuses.
* Columns that hold personal data are listed in ``PERSONAL_COLUMNS``; retention purges them.
* Migrations never import this module; ``tests/storage/test_migrations.py`` checks that the
  head revision builds exactly these tables.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Uuid,
    event,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    registry,
    relationship,
)
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from laissez.storage.ids import new_id, utcnow
from laissez.storage.text import name_key
from laissez.storage.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Role(StrEnum):
    """Roles a user can hold; a user may hold several."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    PROTECTION_OFFICER = "protection_officer"
    ADMINISTRATOR = "administrator"


def _constructor(self: Any, **kwargs: Any) -> None:
    """Set the given attributes. A UUID primary key ``id`` is made at once (not at flush), so
    related rows can refer to a new record before anything is written."""
    cls = type(self)
    table = getattr(cls, "__table__", None)
    if table is not None and "id" in table.c and "id" not in kwargs:
        if isinstance(table.c.id.type, Uuid):
            kwargs["id"] = new_id()
    for key, value in kwargs.items():
        if not hasattr(cls, key):
            raise TypeError(f"{key!r} is an invalid keyword argument for {cls.__name__}")
        setattr(self, key, value)


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention Alembic needs."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            dt.datetime: UtcDateTime(),
            uuid.UUID: Uuid(as_uuid=True),
            dict[str, Any]: JSON(),
            list[Any]: JSON(),
        },
        constructor=_constructor,
    )


def _pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid(as_uuid=True), primary_key=True, default=new_id)


def _created() -> Mapped[dt.datetime]:
    return mapped_column(UtcDateTime(), default=utcnow, nullable=False)


# --- installation, users ------------------------------------------------------------------


class Mission(Base):
    """A consular mission (embassy, consulate) that owns the cases it creates."""

    __tablename__ = "missions"

    id: Mapped[uuid.UUID] = _pk()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[dt.datetime] = _created()


class Installation(Base):
    """This device: one row, naming the mission it belongs to."""

    __tablename__ = "installation"

    id: Mapped[uuid.UUID] = _pk()
    mission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("missions.id"))
    device_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = _created()


class User(Base):
    """A member of staff who can unlock the database with their own passphrase.

    ``public_key`` is the user's X25519 public key: the database key is sealed to it in the
    key-slot file, so rotating the key never needs anybody's passphrase. Removed users keep their
    row (``removed_at`` set, ``active`` false) so that audit events still resolve.
    """

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = _pk()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = _created()
    removed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def role_names(self) -> frozenset[str]:
        """The names of this user's roles."""
        return frozenset(r.role for r in self.roles)


class UserRole(Base):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


# --- people and identity documents ----------------------------------------------------------


class Person(Base):
    """The person interviewed. Names are kept as written in the original script and in Latin
    letters, plus the MRZ form (``DOE<<JOHN<PAUL``) with its truncation flag.

    ``search_name`` is the Latin name folded for prefix search (``text.name_key``); it is set
    automatically whenever the Latin name is written.
    ``purged_at`` is set when retention removed the personal data.
    """

    __tablename__ = "people"

    id: Mapped[uuid.UUID] = _pk()
    primary_name: Mapped[str | None] = mapped_column(Text)
    secondary_name: Mapped[str | None] = mapped_column(Text)
    name_script: Mapped[str | None] = mapped_column(String(8))
    primary_name_latin: Mapped[str | None] = mapped_column(Text)
    secondary_name_latin: Mapped[str | None] = mapped_column(Text)
    mrz_name: Mapped[str | None] = mapped_column(String(64))
    name_truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    search_name: Mapped[str | None] = mapped_column(String(200), index=True)
    date_of_birth: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    nationality: Mapped[str | None] = mapped_column(String(3))
    place_of_birth: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    purged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    documents: Mapped[list[IdentityDocument]] = relationship(back_populates="person")


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _fold_search_name(_mapper: Any, _connection: Any, target: Person) -> None:
    """Keep ``search_name`` in step with the Latin name (unless the data was purged)."""
    if target.purged_at is None and (target.primary_name_latin or target.secondary_name_latin):
        target.search_name = name_key(target.primary_name_latin, target.secondary_name_latin)


class IdentityDocument(Base):
    """A passport or identity card the person presented, with what its MRZ says.

    ``mrz_lines`` is the MRZ text (lines joined by newlines); ``mrz_valid`` records whether every
    check digit matched. ``source`` is ``scan``, ``photo`` or ``manual``.
    """

    __tablename__ = "identity_documents"

    id: Mapped[uuid.UUID] = _pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"), index=True)
    document_code: Mapped[str | None] = mapped_column(String(2))
    issuing_state: Mapped[str | None] = mapped_column(String(3))
    document_number: Mapped[str | None] = mapped_column(String(32), index=True)
    nationality: Mapped[str | None] = mapped_column(String(3))
    date_of_birth: Mapped[str | None] = mapped_column(String(10))
    date_of_expiry: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    optional_data: Mapped[str | None] = mapped_column(String(64))
    mrz_format: Mapped[str | None] = mapped_column(String(8))
    mrz_lines: Mapped[str | None] = mapped_column(Text)
    mrz_valid: Mapped[bool | None] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = _created()

    person: Mapped[Person] = relationship(back_populates="documents")
    images: Mapped[list[DocumentImage]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class DocumentImage(Base):
    """An image that belongs to an identity document: ``kind`` is ``scan`` (data page),
    ``scan_back`` or ``photo`` (the holder's portrait). ``data`` holds the encoded image bytes.
    """

    __tablename__ = "document_images"

    id: Mapped[uuid.UUID] = _pk()
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("identity_documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    media_type: Mapped[str] = mapped_column(String(32), default="image/png")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = _created()

    document: Mapped[IdentityDocument] = relationship(back_populates="images")


# --- cases and what happens in them ---------------------------------------------------------


class Case(Base):
    """One return case. ``status`` is text owned by the casework state machine; setting it
    stamps ``status_changed_at``, from which retention counts."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = _pk()
    mission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("missions.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    interview_language: Mapped[str | None] = mapped_column(String(16))
    is_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = _created()
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

    id: Mapped[uuid.UUID] = _pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class Screening(Base):
    """A fear-of-return (non-refoulement) screening and, if fear was expressed, the referral
    outcome a protection officer recorded. ``outcome`` is text owned by casework.
    """

    __tablename__ = "screenings"

    id: Mapped[uuid.UUID] = _pk()
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
    screened_at: Mapped[dt.datetime] = _created()
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class LegalProceeding(Base):
    """A pending asylum or court proceeding and whether the consequences of leaving were
    explained and acknowledged.
    """

    __tablename__ = "legal_proceedings"

    id: Mapped[uuid.UUID] = _pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    pending: Mapped[bool] = mapped_column(Boolean, default=True)
    reference: Mapped[str | None] = mapped_column(Text)
    consequences_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = _created()


class RightsAdvisal(Base):
    """A rights advisal delivered to the person: the exact text (id, version, SHA-256), the
    language, the interpreter if any, the person's questions and the offer of legal counsel.
    """

    __tablename__ = "rights_advisals"

    id: Mapped[uuid.UUID] = _pk()
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
    delivered_at: Mapped[dt.datetime] = _created()


class ConsentDecision(Base):
    """One consent decision: ``scope`` (``return``, ``travel_document``, ``data_sharing`` ...),
    ``recipient`` for data sharing, ``decision`` (``granted`` / ``declined``), when it was decided
    and which advisal preceded it. For a child, the guardian and the best-interests record.
    """

    __tablename__ = "consent_decisions"

    id: Mapped[uuid.UUID] = _pk()
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
    decided_at: Mapped[dt.datetime] = _created()
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

    withdrawals: Mapped[list[ConsentWithdrawal]] = relationship(back_populates="consent")


class ConsentWithdrawal(Base):
    """The withdrawal of an earlier consent decision."""

    __tablename__ = "consent_withdrawals"

    id: Mapped[uuid.UUID] = _pk()
    consent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("consent_decisions.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    reason_code: Mapped[str | None] = mapped_column(String(40))
    withdrawn_at: Mapped[dt.datetime] = _created()
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    consent: Mapped[ConsentDecision] = relationship(back_populates="withdrawals")


class Approval(Base):
    """A second person's decision (four eyes): ``decision`` is ``approved`` or ``rejected``."""

    __tablename__ = "approvals"

    id: Mapped[uuid.UUID] = _pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    approver_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = _created()
    #: what was approved: ``issue`` (the document, four eyes) or ``nationality`` (a nationality
    #: established by interview rather than by a valid MRZ)
    subject: Mapped[str | None] = mapped_column(String(32), default="issue")


class TravelDocument(Base):
    """An emergency travel document: its number, ``status`` (text owned by casework, such as
    ``issued``, ``voided``, ``revoked``), validity, and the reason it was voided.
    """

    __tablename__ = "travel_documents"

    id: Mapped[uuid.UUID] = _pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    document_number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="issued")
    mrz_lines: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_until: Mapped[str | None] = mapped_column(String(10))
    issued_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[dt.datetime] = _created()
    voided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    void_reason: Mapped[str | None] = mapped_column(String(40))
    #: the ICAO visible digital seal printed as the DataMatrix (holds the MRZ: personal data)
    seal: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: the mission signing key that signed ``seal``
    signing_key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("signing_keys.id"))

    print_events: Mapped[list[PrintEvent]] = relationship(back_populates="travel_document")


class PrintEvent(Base):
    """One printing of a travel document (``kind``: ``original`` or ``reprint``)."""

    __tablename__ = "print_events"

    id: Mapped[uuid.UUID] = _pk()
    travel_document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("travel_documents.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="original")
    printer: Mapped[str | None] = mapped_column(String(100))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    printed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    printed_at: Mapped[dt.datetime] = _created()
    #: why a reprint was made (a reason code, never free text); None for the original
    reason_code: Mapped[str | None] = mapped_column(String(40))

    travel_document: Mapped[TravelDocument] = relationship(back_populates="print_events")


class Revocation(Base):
    """An entry of the revocation list: a travel document that must no longer be accepted.

    Written with an outbox entry in the same transaction, so sync carries it to headquarters.
    """

    __tablename__ = "revocations"

    id: Mapped[uuid.UUID] = _pk()
    travel_document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("travel_documents.id"), index=True, unique=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    document_number: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str] = mapped_column(String(40))
    revoked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[dt.datetime] = _created()


class SigningKey(Base):
    """A mission's seal signing key: its certificate, issued by a headquarters root, and the
    private key that signs the ETD seals.

    ``private_key_pem`` is unencrypted PKCS#8 PEM. Its protection is the database's own
    at-rest encryption (SQLCipher, AES-256, with the random database key sealed per user
    under an Argon2id passphrase; see ``keys``): every page of this file, backups and
    ``export_to`` copies are encrypted with that key. A second password for the PEM would
    have to be stored in this same file, or wrapped for the same users in the same key slots,
    so anyone able to read the row could also open it: it would add nothing but a secret to
    lose when the database is rekeyed. The key therefore never leaves the database except in
    memory, when casework signs a seal.

    ``root_certificate_pem`` is the headquarters root that issued the certificate: the
    mission's trust anchor for verifying seals offline. ``valid_from``/``valid_until`` are
    the key usage period; one key at a time is ``active``.
    """

    __tablename__ = "signing_keys"

    id: Mapped[uuid.UUID] = _pk()
    signer_identifier: Mapped[str] = mapped_column(String(4))
    certificate_reference: Mapped[str] = mapped_column(String(40))
    certificate_pem: Mapped[str] = mapped_column(Text)
    root_certificate_pem: Mapped[str] = mapped_column(Text)
    private_key_pem: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    valid_until: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = _created()
    deactivated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


# --- audit, outbox, retention ----------------------------------------------------------------


class AuditEvent(Base):
    """One event of the append-only, hash-chained audit log (see ``audit``).

    ``hash`` is SHA-256 over the canonical form of every other column and ``prev_hash``.
    Triggers in the schema refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid(as_uuid=True), unique=True, default=new_id)
    at: Mapped[dt.datetime] = _created()
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(as_uuid=True))
    action: Mapped[str] = mapped_column(String(64))
    record_type: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's anchor: the number of events and the last hash (one row, ``id`` = 1).

    Written in the same transaction as each event, so deleting events at the end of the chain
    is detected too.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class OutboxEntry(Base):
    """A change waiting to be pushed to headquarters.

    ``id`` is the UUIDv7 idempotency key. ``status`` is ``pending``, ``sent``, ``acked`` or
    ``failed``; ``attempts`` counts pushes and ``last_error_code`` keeps the last failure's code.
    ``case_id`` ties the entry to a case so retention can tell whether a case reached HQ.
    """

    __tablename__ = "outbox"

    id: Mapped[uuid.UUID] = _pk()
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(as_uuid=True), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error_code: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    acked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


Index("ix_outbox_status_created", OutboxEntry.status, OutboxEntry.created_at)


class RetentionRule(Base):
    """Keep the personal data of cases in ``status`` for ``keep_days`` days after the case
    entered that status; then retention purges it.
    """

    __tablename__ = "retention_rules"

    status: Mapped[str] = mapped_column(String(40), primary_key=True)
    keep_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


# --- sync client state (``laissez.storage.sync.state`` reads and writes these) --------------
# Keys and columns mirror the tables the sync client first created on its own (before
# migration 0005), so a file that already has them keeps working.


class SyncSetting(Base):
    """One sync setting: device identity, keys, pull cursor, pending range request, mission
    configuration (``laissez.storage.sync.state`` names the keys)."""

    __tablename__ = "sync_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncNumberRange(Base):
    """Document numbers ``first`` .. ``last`` of ``series`` headquarters gave this device;
    ``next_free`` only ever moves forward (past ``last`` when the range is used up)."""

    __tablename__ = "sync_number_ranges"

    range_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    series: Mapped[str] = mapped_column(String(64))
    first: Mapped[int] = mapped_column(BigInteger)
    last: Mapped[int] = mapped_column(BigInteger)
    next_free: Mapped[int] = mapped_column(BigInteger)


class SyncRevocation(Base):
    """A revocation pulled from headquarters (or this mission's own, echoed back)."""

    __tablename__ = "sync_revocations"

    document_number: Mapped[str] = mapped_column(String(32), primary_key=True)
    reason_code: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    revoked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncFormVersion(Base):
    """A published form or advisal text pulled from headquarters."""

    __tablename__ = "sync_form_versions"

    form_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)


class SyncSignerCertificate(Base):
    """A document-signer certificate (PEM) pulled from headquarters."""

    __tablename__ = "sync_signer_certificates"

    certificate_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pem: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    valid_until: Mapped[dt.datetime] = mapped_column(UtcDateTime())


#: table -> columns holding personal data that retention clears (rows of the tables in
#: ``PERSONAL_TABLES`` are deleted whole).
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": (
        "primary_name", "secondary_name", "name_script", "primary_name_latin",
        "secondary_name_latin", "mrz_name", "search_name", "date_of_birth", "sex",
        "nationality", "place_of_birth", "languages",
    ),
    "screenings": ("answers", "referral_notes"),
    "legal_proceedings": ("reference",),
    "rights_advisals": ("interpreter_name", "questions"),
    "consent_decisions": ("guardian_name", "best_interests_record", "signature"),
    "approvals": ("comment",),
    "travel_documents": ("mrz_lines", "seal"),
}  # fmt: skip

#: tables whose rows are personal data as a whole and are deleted by retention.
PERSONAL_TABLES: tuple[str, ...] = ("document_images", "identity_documents", "interview_answers")
