"""The sync outbox: every change meant for headquarters is written here in the same
transaction as the change itself (``enqueue``), and the sync client pushes entries in order.

Statuses: ``pending`` -> ``sent`` -> ``acked``, or ``failed`` (with ``last_error_code``), which
goes back to ``pending`` on retry. At start-up, entries left ``sent`` without an acknowledgement
go back to ``pending`` (``reset_in_flight``); HQ ingests idempotently by the entry id.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from laissez.storage.ids import uuid7
from laissez.storage.models import OutboxEntry

PENDING, SENT, ACKED, FAILED = "pending", "sent", "acked", "failed"
STATUSES = (PENDING, SENT, ACKED, FAILED)
SCHEMA_VERSION = 1


def enqueue(
    session: Session,
    entity: str,
    entity_id: uuid.UUID | str,
    operation: str,
    payload: Mapping[str, Any],
    *,
    case_id: uuid.UUID | None = None,
    schema_version: int = SCHEMA_VERSION,
) -> OutboxEntry:
    """Add a pending entry in ``session``'s transaction and return it (flushed).

    ``entity`` names the record type (``case``), ``operation`` what happened (``create``,
    ``update``, ``revoke`` ...), ``payload`` the JSON-ready data HQ needs. ``case_id`` links
    the entry to a case, so retention waits until HQ acknowledged it. The entry's ``id`` is a
    fresh UUIDv7, used by HQ as the idempotency key.
    """
    entry = OutboxEntry(
        id=uuid7(),
        entity=entity,
        entity_id=str(entity_id),
        operation=operation,
        payload=dict(payload),
        schema_version=schema_version,
        case_id=case_id,
        status=PENDING,
        attempts=0,
    )
    session.add(entry)
    session.flush()
    return entry


def pending(session: Session, limit: int = 500) -> Sequence[OutboxEntry]:
    """Entries waiting to be pushed (``pending`` or ``failed``), oldest first."""
    stmt = (
        select(OutboxEntry)
        .where(OutboxEntry.status.in_((PENDING, FAILED)))
        .order_by(OutboxEntry.created_at, OutboxEntry.id)
        .limit(limit)
    )
    return session.scalars(stmt).all()


def reset_in_flight(session: Session) -> int:
    """Put entries left ``sent`` (never acknowledged) back to ``pending``; returns how many."""
    result = session.execute(
        update(OutboxEntry).where(OutboxEntry.status == SENT).values(status=PENDING)
    )
    return int(getattr(result, "rowcount", 0) or 0)
