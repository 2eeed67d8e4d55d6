"""What ``laissez audit verify`` checks beyond the hash chain (``audit.verify``): that the
trail and the decisions it records were made by the people they name.

* every actor of an event is a user of this database;
* from the first signed event on, every event with an actor carries that actor's valid
  signature over its hash (``audit.record`` signs with the unlocking user's personal key). A
  chain re-hashed after deleting or editing events needs every later actor's signature again,
  which only they can make; a trail with no signature at all while personal keys exist was
  stripped and re-hashed;
* every travel document ever issued had, before it was issued, an approval of its case signed
  by its approver (whose role the gate checked at the time).

Problems name sequence numbers and ids, never personal data. What this cannot see on its own:
events cut off at the very end together with the head, or a whole trail rewritten by someone
who also replaced every user's public key. Anchoring the head outside the file (headquarters,
the restore record) covers those.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.models import (
    Approval,
    AuditEvent,
    TravelDocument,
    User,
    UserSigningKey,
)
from laissez.storage.signed import approval_payload, public_keys, valid

#: at most this many problems are listed (the first ones)
LIMIT = 50


@dataclass(frozen=True)
class TrustProblem:
    """One thing the trail or the records do not back up.

    ``kind``: ``unknown_actor``, ``unsigned_event``, ``forged_event``, ``stripped``,
    ``document_without_approval``, ``below_anchor``. ``message``: an English sentence with ids only.
    """

    kind: str
    message: str


def verify(session: Session) -> list[TrustProblem]:
    """Every problem found (at most ``LIMIT``), empty when the trail is backed by signatures."""
    problems = _events(session)
    problems += _documents(session)
    problems += _anchor(session)
    return problems[:LIMIT]


def _anchor(session: Session) -> list[TrustProblem]:
    """The trail against the head headquarters acknowledged at the last sync (kept by the
    sync client): fewer events, or another hash at that count, means it was cut or rewritten
    since (headquarters sees it at the next sync too)."""
    from laissez.storage.sync import state

    raw = state.get(session, "audit_anchor")  # laissez.storage.sync.trust.KEY_ANCHOR
    if not raw:
        return []
    held = json.loads(raw)
    count, digest = int(held.get("count") or 0), held.get("hash")
    if not count or not digest:
        return []
    found = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == count))
    if found == digest:
        return []
    return [TrustProblem(
        "below_anchor",
        f"the trail does not extend the head headquarters acknowledged (event {count}): "
        "events were cut off or rewritten since the last sync",
    )]  # fmt: skip


def _events(session: Session) -> list[TrustProblem]:
    users = set(session.scalars(select(User.id)))
    keys: dict[uuid.UUID, list[bytes]] = {}
    for row in session.scalars(select(UserSigningKey)):
        keys.setdefault(row.user_id, []).append(row.public_key)
    problems: list[TrustProblem] = []
    signing_started = False
    any_signed = False
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=2000)
    for event in session.scalars(stmt):
        actor = event.actor_id
        if actor is not None and actor not in users:
            problems.append(TrustProblem(
                "unknown_actor", f"event {event.seq} ({event.event_id}) names no known user"
            ))  # fmt: skip
            continue
        if event.signature is not None:
            signing_started = any_signed = True
        if actor is None or not signing_started:
            continue
        if event.signature is None:
            problems.append(TrustProblem(
                "unsigned_event",
                f"event {event.seq} ({event.event_id}) carries no signature of its actor",
            ))  # fmt: skip
        elif not valid(keys.get(actor, []), bytes.fromhex(event.hash), event.signature):
            problems.append(TrustProblem(
                "forged_event",
                f"event {event.seq} ({event.event_id}) is not signed by its actor: it was "
                "written or re-hashed by someone else",
            ))  # fmt: skip
        if len(problems) >= LIMIT:
            break
    if not any_signed and keys:
        problems.append(TrustProblem(
            "stripped",
            "no audit event carries a signature although personal signing keys exist: the "
            "trail was rewritten",
        ))  # fmt: skip
    return problems


def _documents(session: Session) -> list[TrustProblem]:
    # roles are today's, not those of the day of the decision: the gate checked the role then
    problems: list[TrustProblem] = []
    docs = session.scalars(select(TravelDocument)).all()
    approvals: dict[uuid.UUID, list[Approval]] = {}
    for row in session.scalars(
        select(Approval).where(Approval.subject == "issue", Approval.decision == "approved")
    ):
        approvals.setdefault(row.case_id, []).append(row)
    keys = public_keys(session, {a.approver_id for rows in approvals.values() for a in rows})
    for doc in docs:
        backed = any(
            a.decided_at <= doc.issued_at
            and valid(keys.get(a.approver_id, []), approval_payload(a), a.signature)
            for a in approvals.get(doc.case_id, [])
        )
        if not backed:
            problems.append(TrustProblem(
                "document_without_approval",
                f"travel document {doc.id} was issued without a signed approval "
                f"of case {doc.case_id}",
            ))  # fmt: skip
    return problems
