"""Signed decisions: the decisions the gate trusts carry their actor's personal signature.

Every approval (issue and nationality, approved or rejected) and every protection officer's
decision (referral outcome, voluntariness review, protection-hold release) is signed, when it
is made, with the Ed25519 key the actor's passphrase unwrapped (``Database.sign``), over a
canonical payload: the row's id, the case, the decision, the actor and the time. The public
halves are in ``user_signing_keys``; the shared database key cannot make a signature.

:func:`problems` checks every such decision of a case; ``facts.build_snapshot`` puts what it
finds into the snapshot and the gate reports ``decision.unsigned``, which blocks issuing (and
approving). A row written around casework (through SQLAlchemy or SQL, in someone's name) has no
valid signature and is reported. Problems name row kinds and ids only, never personal data.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.database import Database
from laissez.storage.models import Approval, Screening, UserSigningKey

PAYLOAD_VERSION = 1


def _stamp(value: object) -> str | None:
    return value.isoformat(timespec="microseconds") if hasattr(value, "isoformat") else None


def _canonical(fields: dict[str, object]) -> bytes:
    return json.dumps(
        {"v": PAYLOAD_VERSION, **fields}, sort_keys=True, separators=(",", ":"), default=str
    ).encode("utf-8")


def approval_payload(row: Approval) -> bytes:
    """The bytes an approver signs: the approval's id, case, subject, decision, reason, role,
    approver and time (the comment is free text and is not part of the decision)."""
    return _canonical(
        {
            "kind": "approval",
            "id": str(row.id),
            "case": str(row.case_id),
            "subject": row.subject or "issue",
            "decision": row.decision,
            "reason": row.reason_code,
            "role": row.role,
            "actor": str(row.approver_id),
            "at": _stamp(row.decided_at),
        }
    )


def screening_payload(row: Screening) -> bytes:
    """The bytes a protection officer signs when deciding a screening."""
    return _canonical(
        {
            "kind": "screening",
            "id": str(row.id),
            "case": str(row.case_id),
            "screening": row.kind,
            "outcome": row.outcome,
            "referral_outcome": row.referral_outcome,
            "fear_expressed": row.fear_expressed,
            "actor": str(row.decided_by),
            "at": _stamp(row.decided_at),
        }
    )


def sign_approval(db: Database, row: Approval) -> None:
    """Sign ``row`` as the user who unlocked ``db`` (call after every field is set)."""
    row.signature = db.sign(approval_payload(row))


def sign_screening(db: Database, row: Screening) -> None:
    """Sign a protection officer's decision on ``row`` (after every field is set)."""
    row.signature = db.sign(screening_payload(row))


def _public_keys(session: Session, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[bytes]]:
    wanted = set(user_ids)
    keys: dict[uuid.UUID, list[bytes]] = {u: [] for u in wanted}
    if wanted:
        rows = session.scalars(select(UserSigningKey).where(UserSigningKey.user_id.in_(wanted)))
        for row in rows:
            keys[row.user_id].append(row.public_key)
    return keys


def valid(publics: Iterable[bytes], payload: bytes, signature: bytes | None) -> bool:
    """Whether ``signature`` over ``payload`` verifies under one of ``publics``."""
    if not signature:
        return False
    for public in publics:
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, payload)
        except (InvalidSignature, ValueError):
            continue
        return True
    return False


def problems(session: Session, case_id: uuid.UUID) -> tuple[str, ...]:
    """Every decision of the case the gate trusts whose signature is missing or does not verify
    against its actor's keys, as ``"approval:<id>"`` / ``"screening:<id>"`` (empty: all sound)."""
    approvals = session.scalars(select(Approval).where(Approval.case_id == case_id)).all()
    screenings = [
        s
        for s in session.scalars(select(Screening).where(Screening.case_id == case_id)).all()
        if s.decided_by is not None
    ]
    keys = _public_keys(
        session,
        [a.approver_id for a in approvals] + [s.decided_by for s in screenings if s.decided_by],
    )
    found = [
        f"approval:{a.id}"
        for a in approvals
        if not valid(keys.get(a.approver_id, []), approval_payload(a), a.signature)
    ]
    found += [
        f"screening:{s.id}"
        for s in screenings
        if s.decided_by is None
        or not valid(keys.get(s.decided_by, []), screening_payload(s), s.signature)
    ]
    return tuple(sorted(found))
