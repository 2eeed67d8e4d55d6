"""SQLAlchemy 2 models of the headquarters database (PostgreSQL; SQLite for ``--demo``).

Mission isolation starts here: every row a device can reach carries ``mission_id`` and every
query a device triggers filters on its own mission. Changes are an append-only log keyed by
``(mission_id, change_id, content_hash)``: a re-delivery finds its row, a different content
under the same id becomes a second row plus a ``conflicts`` row for a person to settle.
Headquarters' own decisions (revocations, forms, certificates, configuration, number ranges)
live in their own tables, never as edits of a mission's changes.

``migrations/versions`` builds exactly these tables; ``tests/hq/test_migrations.py`` checks it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
#: JSON on SQLite, JSONB on PostgreSQL
JsonType = JSON().with_variant(JSONB(), "postgresql")
#: an auto-incrementing 64-bit key (SQLite only auto-increments INTEGER PRIMARY KEY)
SeqType = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention Alembic needs."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: DateTime(timezone=True),
        uuid.UUID: Uuid(as_uuid=True),
        dict[str, Any]: JsonType,
        list[Any]: JsonType,
    }


class Mission(Base):
    """A consular mission; devices enrol into exactly one."""

    __tablename__ = "missions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    share_protection_details: Mapped[bool] = mapped_column(Boolean, default=False)
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EnrolmentCode(Base):
    """A one-time enrolment code (only its SHA-256 is stored) for one mission."""

    __tablename__ = "enrolment_codes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(as_uuid=True))


class Device(Base):
    """An enrolled installation and its Ed25519 public key (base64url)."""

    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    bundle_public_key: Mapped[str | None] = mapped_column(String(64))
    enrolled_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]


class RequestNonce(Base):
    """A nonce a device used; kept longer than the clock-skew window to refuse replays."""

    __tablename__ = "request_nonces"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class ChangeRecord(Base):
    """One received version of a change, as stored after data minimisation.

    ``stripped`` lists the payload field paths headquarters removed (never their values).
    """

    __tablename__ = "changes"
    __table_args__ = (
        UniqueConstraint("mission_id", "change_id", "content_hash", name="uq_changes_version"),
        Index("ix_changes_mission_entity", "mission_id", "entity", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"))
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    batch_id: Mapped[uuid.UUID]
    change_id: Mapped[uuid.UUID]
    content_hash: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]]
    stripped: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime | None]
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Conflict(Base):
    """Two contents under one change id: both rows are kept until a person decides."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("other_seq", name="uq_conflicts_other_seq"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    change_id: Mapped[uuid.UUID]
    first_seq: Mapped[int] = mapped_column(SeqType, ForeignKey("changes.seq"))
    other_seq: Mapped[int] = mapped_column(SeqType, ForeignKey("changes.seq"))
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(200))


class RevocationRecord(Base):
    """A revoked travel document of one mission; ``seq`` is the pull cursor."""

    __tablename__ = "revocations"
    __table_args__ = (UniqueConstraint("mission_id", "document_number", name="uq_revocations_doc"),)

    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"))
    document_number: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    revoked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class NumberCounter(Base):
    """The next free document number of a series; only ever moved forward under a row lock."""

    __tablename__ = "number_counters"

    series: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger)


class NumberRangeRecord(Base):
    """A range of document numbers given to one device (idempotent per ``request_id``)."""

    __tablename__ = "number_ranges"
    __table_args__ = (UniqueConstraint("device_id", "request_id", name="uq_number_ranges_req"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    series: Mapped[str] = mapped_column(String(64))
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    request_id: Mapped[uuid.UUID]
    first: Mapped[int] = mapped_column(BigInteger)
    last: Mapped[int] = mapped_column(BigInteger)
    allocated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FormVersionRecord(Base):
    """A published form, advisal text or consent-scope version, the same for every mission.

    ``form_id`` is ``forms/<id>``, ``advisal/<id>`` or ``consent/<id>`` (``language`` "" but
    for advisal texts); ``content_hash`` is the canonical hash of the parsed definition
    (``laissez.forms.content_hash``) and ``signature`` headquarters' Ed25519 signature of the
    version's key and hash (``laissez.forms.trust``). A row without one is never used.
    """

    __tablename__ = "form_versions"
    __table_args__ = (
        UniqueConstraint("form_id", "version", "language", name="uq_form_versions_key"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    form_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    published_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    signature: Mapped[str | None] = mapped_column(String(128))


class SignerCertificateRecord(Base):
    """A document-signer certificate for one mission, or for all when ``mission_id`` is null."""

    __tablename__ = "signer_certificates"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    mission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("missions.id"), index=True)
    pem: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.datetime]
    valid_until: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ServiceKey(Base):
    """A key of headquarters itself (``bundle_x25519`` to read offline bundles,
    ``signing_ed25519`` to sign replies, ``user_ca_ed25519`` to certify officers' keys), made
    on first use and encrypted under the operator's key passphrase (``laissez.hq.keys``)."""

    __tablename__ = "service_keys"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UserKeyCertificateRecord(Base):
    """An officer's personal signing key certified by the user CA (``laissez.hq.trust``);
    ``serial`` is the certificate's number. A revoked key keeps its row with ``revoked_at``."""

    __tablename__ = "user_key_certificates"

    serial: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    user_id: Mapped[uuid.UUID]
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    signature: Mapped[str] = mapped_column(String(128))
    revoked_at: Mapped[dt.datetime | None]
    reason_code: Mapped[str | None] = mapped_column(String(64))


class AuditAnchorRecord(Base):
    """The last audit chain head a device sent that extended the one before."""

    __tablename__ = "audit_anchors"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    count: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str] = mapped_column(String(64))
    anchored_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AuditFlag(Base):
    """A head headquarters refused (``code``: ``audit.rewound`` or ``audit.rewritten``) or
    accepted with a doubt (``audit.uncertified_signer``), for a person to look at. Counts and
    hashes only."""

    __tablename__ = "audit_flags"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    code: Mapped[str] = mapped_column(String(64))
    held_count: Mapped[int] = mapped_column(BigInteger)
    sent_count: Mapped[int] = mapped_column(BigInteger)
    flagged_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None]


class CountryCaRecord(Base):
    """A country signing CA certificate (public; its private key is kept out of the database:
    a passphrase-encrypted file or a PKCS#11 token at headquarters, ``laissez.hq.csca``)."""

    __tablename__ = "country_cas"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    country: Mapped[str] = mapped_column(String(2))
    pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SignerRequestRecord(Base):
    """A mission's seal-signer certificate request (PKCS#10 PEM) and what became of it:
    ``pending`` until a headquarters administrator approves it (``issued``, with the
    certificate) or it is refused (``reason_code``)."""

    __tablename__ = "signer_requests"
    __table_args__ = (
        UniqueConstraint("device_id", "request_id", name="uq_signer_requests_request"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    request_id: Mapped[uuid.UUID]
    mission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("missions.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    csr_pem: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(64))
    signer_identifier: Mapped[str | None] = mapped_column(String(4))
    certificate_pem: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[dt.datetime | None]
