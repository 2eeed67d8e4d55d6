"""The audit log and its anchor, the sync outbox, and the retention rules."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    FetchedValue,
    Index,
    Integer,
    LargeBinary,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from laissez.storage.ids import new_id, utcnow
from laissez.storage.models.base import Base, created_column, pk_column
from laissez.storage.types import UtcDateTime


class AuditEvent(Base):
    """One event of the append-only, hash-chained audit log (see ``audit``).

    ``hash`` is SHA-256 over the canonical form of every other column and ``prev_hash``.
    Triggers in the schema refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_events"
    #: no RETURNING of ``signature`` after an insert (see the column)
    __mapper_args__ = {"eager_defaults": False}  # noqa: RUF012 - SQLAlchemy reads it

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid(as_uuid=True), unique=True, default=new_id)
    at: Mapped[dt.datetime] = created_column()
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(as_uuid=True))
    action: Mapped[str] = mapped_column(String(64))
    record_type: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: the actor's Ed25519 signature over ``hash`` (None for system events and old events).
    #: ``FetchedValue``: an unsigned event leaves the column out of its INSERT, so events can
    #: still be written to a file whose schema predates the column (before it is upgraded).
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64), server_default=FetchedValue())


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

    id: Mapped[uuid.UUID] = pk_column()
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(as_uuid=True), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error_code: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = created_column()
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
