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

from laissez.protocol.kinds import KINDS, UNKNOWN_KIND, ChangeKindError, Kind, Payload, Registry
from laissez.storage.ids import uuid7
from laissez.storage.models import OutboxEntry

PENDING, SENT, ACKED, FAILED = "pending", "sent", "acked", "failed"
STATUSES = (PENDING, SENT, ACKED, FAILED)


def enqueue(
    session: Session,
    kind: Kind,
    entity_id: uuid.UUID | str,
    payload: Payload | Mapping[str, Any],
    *,
    case_id: uuid.UUID | None = None,
    registry: Registry = KINDS,
) -> OutboxEntry:
    """Add a pending entry of ``kind`` in ``session``'s transaction and return it (flushed).

    ``kind`` must be one of the contract's change kinds (``registry``, by default
    ``laissez.protocol.kinds.KINDS``; ``ChangeKindError`` ``kind.unknown`` otherwise), so
    headquarters knows what to do with it; ``payload`` must match the kind's current schema
    (``ChangeKindError`` ``payload.invalid`` otherwise, and nothing is written). ``case_id``
    links the entry to a case, so retention waits until HQ acknowledged it. The entry's ``id``
    is a fresh UUIDv7, used by HQ as the idempotency key.
    """
    if registry.get(kind.entity, kind.operation) is not kind:
        raise ChangeKindError(UNKNOWN_KIND, f"{kind.name} is not this contract's definition")
    data = kind.validate(payload)
    entry = OutboxEntry(
        id=uuid7(),
        entity=kind.entity,
        entity_id=str(entity_id),
        operation=kind.operation,
        payload=data,
        schema_version=kind.version,
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
