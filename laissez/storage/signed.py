"""What signed decisions and signed audit events sign, and how a signature is checked.

Each user's personal Ed25519 key (wrapped by their passphrase in the key-slot file; public
halves in ``user_signing_keys``) signs the decisions the gate trusts and the audit events they
cause. This module holds the canonical payloads and the checks, for casework (which signs and
runs the gate, ``laissez.casework.signatures``) and for ``laissez audit verify``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.models import Approval, CaseFlag, RoleGrant, Screening, UserSigningKey

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


def grant_payload(row: RoleGrant) -> bytes:
    """The bytes an administrator signs to grant or remove a role."""
    return _canonical(
        {
            "kind": "role_grant",
            "id": str(row.id),
            "user": str(row.user_id),
            "role": row.role,
            "action": row.action,
            "actor": str(row.decided_by),
            "at": _stamp(row.decided_at),
        }
    )


def flag_clearing_payload(row: CaseFlag) -> bytes:
    """The bytes a protection officer signs when clearing a red flag: the flag's id, case,
    kind and detail, the decision's reason and reference, the actor and the time."""
    return _canonical(
        {
            "kind": "flag_clearing",
            "id": str(row.id),
            "case": str(row.case_id),
            "flag": row.kind,
            "detail": row.detail,
            "reason": row.clear_reason,
            "reference": row.clear_reference,
            "actor": str(row.cleared_by),
            "at": _stamp(row.cleared_at),
        }
    )


def public_keys(session: Session, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[bytes]]:
    wanted = set(user_ids)
    keys: dict[uuid.UUID, list[bytes]] = {u: [] for u in wanted}
    if wanted:
        rows = session.scalars(select(UserSigningKey).where(UserSigningKey.user_id.in_(wanted)))
        for row in rows:
            keys[row.user_id].append(row.public_key)
    return keys


def valid(publics: Iterable[bytes], payload: bytes, signature: bytes | None) -> bool:
    """Whether ``signature`` over ``payload`` verifies under one of ``publics``."""
    return signer_key(publics, payload, signature) is not None


def signer_key(publics: Iterable[bytes], payload: bytes, signature: bytes | None) -> bytes | None:
    """The key of ``publics`` under which ``signature`` over ``payload`` verifies, or None."""
    if not signature:
        return None
    for public in publics:
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, payload)
        except (InvalidSignature, ValueError):
            continue
        return public
    return None
