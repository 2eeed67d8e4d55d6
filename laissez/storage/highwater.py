"""The high-water record: what a restore must never roll back, kept outside the database file.

``<database>.highwater`` (JSON, mode 0600, next to the database, never inside a backup) holds
only counters and ids, no personal data:

* the audit chain's length and head hash (recorded, not enforced: every unlock adds events,
  so a restore of the latest backup is always a little behind);
* for each document-number range, the next free number;
* the ids of revoked travel documents and of withdrawn consent decisions.

It only grows: every write merges the database's current state into it (maximum of counters,
union of ids), after each transaction that issued or revoked a document or withdrew consent,
and when the database is closed. ``backup.restore`` compares a backup with it: a backup that
lacks any of it is refused unless an administrator asks to re-apply, and then the revocations,
the withdrawals and the used numbers are carried forward into the restored file
(:func:`reapply`), so a voided ETD never verifies as valid again and no number is issued twice.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from laissez.protocol import kinds
from laissez.storage import audit, outbox
from laissez.storage.files import keys_path
from laissez.storage.ids import utcnow
from laissez.storage.keys import atomic_write
from laissez.storage.models import (
    AuditHead,
    ConsentDecision,
    ConsentWithdrawal,
    Revocation,
    TravelDocument,
)
from laissez.storage.sync.state import sync_number_ranges

FORMAT = "laissez-highwater"
REAPPLIED_REASON = "restored_revocation"


def highwater_path(database: Path) -> Path:
    """Where the high-water record of ``database`` lives."""
    return database.with_name(database.name + ".highwater")


@dataclass
class Marks:
    """What the database has reached (see the module docstring)."""

    audit_count: int = 0
    audit_hash: str = audit.GENESIS_HASH
    next_free: dict[str, int] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    withdrawn: set[str] = field(default_factory=set)

    def merge(self, other: Marks) -> Marks:
        """The larger of both (counters) and the union (ids)."""
        mine = (self.audit_count, self.audit_hash)
        theirs = (other.audit_count, other.audit_hash)
        count, head = max(mine, theirs, key=lambda t: t[0])
        numbers = dict(self.next_free)
        for rid, value in other.next_free.items():
            numbers[rid] = max(numbers.get(rid, 0), value)
        return Marks(count, head, numbers, self.revoked | other.revoked,
                     self.withdrawn | other.withdrawn)  # fmt: skip

    def missing_from(self, current: Marks) -> list[str]:
        """What ``current`` (a backup) lacks of these marks, as sentences with counts only."""
        lacks: list[str] = []
        if revoked := len(self.revoked - current.revoked):
            lacks.append(f"{revoked} revocation(s)")
        if withdrawn := len(self.withdrawn - current.withdrawn):
            lacks.append(f"{withdrawn} consent withdrawal(s)")
        used = sum(max(0, v - current.next_free.get(r, 0)) for r, v in self.next_free.items())
        if used:
            lacks.append(f"{used} used document number(s)")
        return lacks

    def to_dict(self, database_id: str) -> dict[str, Any]:
        """The JSON form."""
        return {"format": FORMAT, "version": 1, "database_id": database_id,
                "audit_count": self.audit_count, "audit_hash": self.audit_hash,
                "next_free": self.next_free, "revoked": sorted(self.revoked),
                "withdrawn": sorted(self.withdrawn)}  # fmt: skip


def current(session: Session) -> Marks:
    """The marks of the database ``session`` reads."""
    head = session.get(AuditHead, 1)
    c = sync_number_ranges.c
    numbers = {str(rid): int(nxt) for rid, nxt in session.execute(select(c.range_id, c.next_free))}
    revoked = {str(i) for i in session.scalars(select(Revocation.travel_document_id))}
    withdrawn = {str(i) for i in session.scalars(select(ConsentWithdrawal.consent_id))}
    return Marks(head.count if head else 0, head.last_hash if head else audit.GENESIS_HASH,
                 numbers, revoked, withdrawn)  # fmt: skip


def _database_id(database: Path) -> str:
    try:
        return str(json.loads(keys_path(database).read_text(encoding="utf-8"))["database_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def load(database: Path) -> Marks | None:
    """The record of ``database`` (None when there is none, or it belongs to another file)."""
    try:
        data = json.loads(highwater_path(database).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("database_id") != _database_id(database):
            return None
        return Marks(int(data["audit_count"]), str(data["audit_hash"]),
                     {str(k): int(v) for k, v in data["next_free"].items()},
                     set(data["revoked"]), set(data["withdrawn"]))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def record(database: Path, session: Session) -> None:
    """Merge the database's current marks into its record (the record never goes back)."""
    marks = current(session)
    held = load(database)
    if held is not None:
        marks = held.merge(marks)
        if marks == held:
            return  # nothing new: no write, no fsync
    atomic_write(highwater_path(database),
                 json.dumps(marks.to_dict(_database_id(database))).encode())  # fmt: skip


@dataclass(frozen=True)
class Reapplied:
    """What :func:`reapply` carried forward into a restored database."""

    revocations: int
    withdrawals: int
    numbers: int
    revocations_unknown: int


def reapply(session: Session, marks: Marks, actor_id: uuid.UUID) -> Reapplied:
    """Carry ``marks`` forward into the restored database ``session`` writes: revoke again the
    documents revoked since the backup (and queue the revocation for headquarters), withdraw
    again the consents withdrawn since, and skip the document numbers used since. Documents
    issued after the backup are not in it: they are counted, and headquarters (which holds
    them) sends their revocations at the next sync."""
    have = current(session)
    revocations = unknown = 0
    for raw in sorted(marks.revoked - have.revoked):
        doc = session.get(TravelDocument, uuid.UUID(raw))
        if doc is None:
            unknown += 1
            continue
        doc.status = "voided"
        doc.void_reason = REAPPLIED_REASON
        row = Revocation(travel_document_id=doc.id, case_id=doc.case_id,
                         document_number=doc.document_number, reason_code=REAPPLIED_REASON,
                         revoked_by=actor_id)  # fmt: skip
        session.add(row)
        session.flush()
        audit.record(session, actor_id, "travel_document.revoked", "travel_document", doc.id,
                     {"reason": REAPPLIED_REASON, "revocation_id": row.id})  # fmt: skip
        # the same change kind as casework's revocation (laissez.protocol.kinds), so HQ hears
        # again of a revocation the restored outbox had lost
        revoked_at = row.revoked_at or utcnow()
        outbox.enqueue(session, kinds.DOCUMENT_REVOKED, row.id,
                       {"travel_document_id": str(doc.id), "document_number": doc.document_number,
                        "reason": REAPPLIED_REASON, "revoked_at": revoked_at.isoformat()},
                       case_id=doc.case_id)  # fmt: skip
        revocations += 1
    withdrawals = 0
    for raw in sorted(marks.withdrawn - have.withdrawn):
        consent = session.get(ConsentDecision, uuid.UUID(raw))
        if consent is None:
            continue
        session.add(ConsentWithdrawal(consent_id=consent.id, case_id=consent.case_id,
                                      reason_code="restored_withdrawal",
                                      recorded_by=actor_id))  # fmt: skip
        withdrawals += 1
    numbers = 0
    c = sync_number_ranges.c
    for rid, value in marks.next_free.items():
        behind = value - have.next_free.get(rid, value)
        if behind > 0:
            session.execute(update(sync_number_ranges)
                            .where(c.range_id == rid).values(next_free=value))  # fmt: skip
            numbers += behind
    session.flush()
    audit.record(session, actor_id, "database.reapplied", "installation", None,
                 {"revocations": revocations, "withdrawals": withdrawals, "numbers": numbers,
                  "revocations_unknown": unknown})  # fmt: skip
    return Reapplied(revocations, withdrawals, numbers, unknown)
