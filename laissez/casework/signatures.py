"""Signed decisions: the decisions the gate trusts carry their actor's personal signature.

Every approval (issue and nationality, approved or rejected) and every protection officer's
decision (referral outcome, voluntariness review, protection-hold release, a red flag's
clearing) is signed, when it
is made, with the Ed25519 key the actor's passphrase unwrapped (``Database.sign``), over a
canonical payload: the row's id, the case, the decision, the actor and the time. The public
halves are in ``user_signing_keys``; the shared database key cannot make a signature.

:func:`problems` checks every such decision of a case; ``facts.build_snapshot`` puts what it
finds into the snapshot and the gate reports ``decision.unsigned``, which blocks issuing (and
approving). A row written around casework (through SQLAlchemy or SQL, in someone's name) has no
valid signature and is reported. Problems name row kinds and ids only, never personal data.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.database import Database
from laissez.storage.models import Approval, AuditEvent, CaseFlag, Screening
from laissez.storage.signed import (
    approval_payload,
    flag_clearing_payload,
    public_keys,
    screening_payload,
    signer_key,
    valid,
)
from laissez.storage.sync import trust

__all__ = [
    "approval_payload",
    "old_decisions",
    "problems",
    "screening_payload",
    "sign_approval",
    "sign_screening",
    "untrusted",
    "valid",
]


def sign_approval(db: Database, row: Approval) -> None:
    """Sign ``row`` as the user who unlocked ``db`` (call after every field is set)."""
    row.signature = db.sign(approval_payload(row))


def sign_screening(db: Database, row: Screening) -> None:
    """Sign a protection officer's decision on ``row`` (after every field is set)."""
    row.signature = db.sign(screening_payload(row))


def signing_began(session: Session) -> dt.datetime | None:
    """When this database began signing decisions (its first signed audit event), if it had
    an unsigned era before; None for a database that signed from its first event."""
    first = session.execute(
        select(AuditEvent.seq, AuditEvent.at)
        .where(AuditEvent.signature.is_not(None))
        .order_by(AuditEvent.seq)
        .limit(1)
    ).first()
    if first is None:
        return None
    earlier = session.scalar(
        select(AuditEvent.seq)
        .where(AuditEvent.seq < first.seq, AuditEvent.actor_id.is_not(None))
        .limit(1)
    )
    return first.at if earlier is not None else None


def _old(began: dt.datetime | None, signature: bytes | None, at: dt.datetime | None) -> bool:
    return began is not None and signature is None and at is not None and at < began


def old_decisions(session: Session, case_id: uuid.UUID) -> tuple[str, ...]:
    """The case's decisions from before signing that still count (``approval:<id>`` /
    ``screening:<id>``): an old approval stops counting once a later signed approval of the
    same subject exists."""
    began = signing_began(session)
    if began is None:
        return ()
    approvals = session.scalars(select(Approval).where(Approval.case_id == case_id)).all()
    found = []
    for a in approvals:
        if not _old(began, a.signature, a.decided_at):
            continue
        superseded = any(
            b.signature is not None and b.subject == a.subject and b.decided_at > a.decided_at
            for b in approvals
        )
        if not superseded:
            found.append(f"approval:{a.id}")
    found += [
        f"screening:{s.id}"
        for s in session.scalars(select(Screening).where(Screening.case_id == case_id))
        if s.decided_by is not None and _old(began, s.signature, s.decided_at)
    ]
    return tuple(sorted(found))


def problems(session: Session, case_id: uuid.UUID) -> tuple[str, ...]:
    """Every decision of the case the gate trusts whose signature is missing or does not verify
        against its actor's keys, as ``"approval:<id>"`` / ``"screening:<id>"`` / ``"flag:<id>"`` (a
    flag's clearing; empty: all sound)."""
    approvals = session.scalars(select(Approval).where(Approval.case_id == case_id)).all()
    screenings = [
        s
        for s in session.scalars(select(Screening).where(Screening.case_id == case_id)).all()
        if s.decided_by is not None
    ]
    keys = public_keys(
        session,
        [a.approver_id for a in approvals] + [s.decided_by for s in screenings if s.decided_by],
    )
    began = signing_began(session)  # decisions from before signing: ``old_decisions``
    found = [
        f"approval:{a.id}"
        for a in approvals
        if not _old(began, a.signature, a.decided_at)
        and not valid(keys.get(a.approver_id, []), approval_payload(a), a.signature)
    ]
    found += [
        f"screening:{s.id}"
        for s in screenings
        if not _old(began, s.signature, s.decided_at)
        and (
            s.decided_by is None
            or not valid(keys.get(s.decided_by, []), screening_payload(s), s.signature)
        )
    ]
    flags = session.scalars(
        select(CaseFlag).where(CaseFlag.case_id == case_id, CaseFlag.cleared_at.is_not(None))
    ).all()
    flag_keys = public_keys(session, [f.cleared_by for f in flags if f.cleared_by])
    found += [
        f"flag:{f.id}"
        for f in flags
        if f.cleared_by is None
        or not valid(flag_keys.get(f.cleared_by, []), flag_clearing_payload(f), f.clear_signature)
    ]
    return tuple(sorted(found))


def untrusted(session: Session, case_id: uuid.UUID) -> tuple[str, ...]:
    """Every decision of the case validly signed, but with a key this device does not trust
    (``laissez.storage.sync.trust.standing``: revoked by headquarters or an administrator
    here, or not certified by headquarters once the device holds its CA), as in
    :func:`problems` (empty: none)."""
    standing = trust.standing(session)
    if not standing.revoked and not standing.strict:
        return ()
    approvals = session.scalars(select(Approval).where(Approval.case_id == case_id)).all()
    screenings = [
        s
        for s in session.scalars(select(Screening).where(Screening.case_id == case_id)).all()
        if s.decided_by is not None
    ]
    keys = public_keys(
        session,
        [a.approver_id for a in approvals] + [s.decided_by for s in screenings if s.decided_by],
    )
    signed: list[tuple[str, bytes | None]] = [
        (f"approval:{a.id}", signer_key(keys.get(a.approver_id, []), approval_payload(a),
                                        a.signature))
        for a in approvals
    ]  # fmt: skip
    signed += [
        (f"screening:{s.id}", signer_key(keys.get(s.decided_by, []), screening_payload(s),
                                         s.signature))
        for s in screenings
        if s.decided_by is not None
    ]  # fmt: skip
    return tuple(sorted(name for name, key in signed if key is not None
                        and not standing.trusted(key)))  # fmt: skip
