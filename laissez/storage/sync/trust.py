"""The device's side of officers' key certificates and of the audit anchor
(``laissez.protocol.trust`` says what travels, ``laissez.hq.trust`` what headquarters does).

Kept in ``sync_settings`` (JSON): headquarters' user CA key, the mission's key certificates
as headquarters sent them (each checked against the CA when read, never trusted as stored),
keys an administrator here revoked that headquarters has not acknowledged yet, and the
audit head headquarters anchored last.

``standing`` says which keys this device trusts: never a key headquarters or an
administrator here revoked; and, once the device holds headquarters' CA, only certified
keys unless headquarters set the mission's ``certified_keys_only`` to false (a mission that
is offline for long stretches and must let a new officer decide before the next sync).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.protocol.signing import b64url, unb64url
from laissez.protocol.trust import (
    AuditAnchor,
    AuditHead,
    KeyAnswer,
    KeyCertificate,
    KeyCertificationRequest,
    KeyRequests,
    KeyRevocationRequest,
    SignedEvent,
    certificate_valid,
)
from laissez.storage import audit
from laissez.storage.models import AuditEvent, UserSigningKey
from laissez.storage.models import AuditHead as AuditHeadRow
from laissez.storage.signed import valid
from laissez.storage.sync import state

KEY_USER_CA, KEY_CERTIFICATES = "user_key_ca", "key_certificates"
KEY_REVOKE_PENDING, KEY_ANCHOR = "key_revocations_pending", "audit_anchor"
STRICT = "certified_keys_only"


@dataclass(frozen=True)
class KeyStanding:
    """Which officers' keys this device trusts (raw 32-byte public keys)."""

    ca: str | None
    certified: frozenset[bytes]
    revoked: frozenset[bytes]
    strict: bool

    def trusted(self, public: bytes) -> bool:
        """Whether a signature by ``public`` may back a decision here."""
        if public in self.revoked:
            return False
        return not (self.strict and public not in self.certified)


def _list(session: Session, key: str) -> list[Any]:
    raw = state.get(session, key)
    found = json.loads(raw) if raw else []
    return found if isinstance(found, list) else []


def certificates(session: Session) -> list[KeyCertificate]:
    """The mission's key certificates that verify under the stored CA."""
    ca = state.get(session, KEY_USER_CA)
    mission = state.get(session, state.KEY_MISSION) or ""
    if not ca:
        return []
    found = []
    for item in _list(session, KEY_CERTIFICATES):
        cert = KeyCertificate.model_validate(item)
        if certificate_valid(ca, cert, mission):
            found.append(cert)
    return found


def standing(session: Session) -> KeyStanding:
    """What this device trusts now (see the module's docstring)."""
    ca = state.get(session, KEY_USER_CA)
    certs = certificates(session)
    revoked = {unb64url(c.public_key) for c in certs if c.revoked_at is not None}
    revoked |= {unb64url(r["public_key"]) for r in _pending(session)}
    strict = bool(ca) and bool(state.configuration(session).get(STRICT, True))
    return KeyStanding(
        ca=ca,
        certified=frozenset(unb64url(c.public_key) for c in certs if c.revoked_at is None),
        revoked=frozenset(revoked),
        strict=strict,
    )


def _pending(session: Session) -> list[dict[str, str]]:
    return [dict(item) for item in _list(session, KEY_REVOKE_PENDING)]


def revoke_keys(
    session: Session, actor_id: uuid.UUID, user_id: uuid.UUID, reason: str = "compromised"
) -> int:
    """Revoke every signing key of ``user_id`` (an administrator's act, audited): this
    device refuses their signatures at once, headquarters and the mission's other devices
    from the next sync. Returns how many keys."""
    keys = session.scalars(select(UserSigningKey).where(UserSigningKey.user_id == user_id)).all()
    pending = _pending(session)
    known = {p["public_key"] for p in pending}
    for row in keys:
        text = b64url(row.public_key)
        if text not in known:
            pending.append({"public_key": text, "reason_code": reason})
    state.put(session, KEY_REVOKE_PENDING, json.dumps(pending, sort_keys=True))
    audit.record(
        session, actor_id, "user.signing_keys_revoked", "user", user_id,
        {"keys": len(keys), "reason": reason},
    )  # fmt: skip
    return len(keys)


def key_requests(session: Session) -> KeyRequests | None:
    """What to ask headquarters: certificates for keys it has not certified, and pending
    revocations (None when there is nothing to ask and the CA is already known)."""
    held = {c.public_key for c in certificates(session)}
    revoking = _pending(session)
    certify = [
        KeyCertificationRequest(user_id=row.user_id, public_key=b64url(row.public_key))
        for row in session.scalars(select(UserSigningKey).order_by(UserSigningKey.created_at))
        if b64url(row.public_key) not in held
        and b64url(row.public_key) not in {r["public_key"] for r in revoking}
    ]
    revoke = [KeyRevocationRequest.model_validate(r) for r in revoking]
    if not certify and not revoke and state.get(session, KEY_USER_CA):
        return None
    return KeyRequests(certify=certify[:1000], revoke=revoke[:1000])


def store_answer(session: Session, answer: KeyAnswer, *, clear_pending: bool) -> None:
    """Keep headquarters' CA key and certificates; forget pending revocations it now lists
    as revoked (or never knew: a key it never certified is refused here anyway)."""
    store_certificates(session, answer.user_key_ca, answer.certificates)
    if clear_pending:
        state.put(session, KEY_REVOKE_PENDING, "[]")


def store_certificates(session: Session, ca: str | None, certs: list[KeyCertificate]) -> None:
    """Keep the CA key and the mission's certificates from a pull or a key answer."""
    if not ca:
        return
    state.put(session, KEY_USER_CA, ca)
    state.put(
        session,
        KEY_CERTIFICATES,
        json.dumps([c.model_dump(mode="json") for c in certs], sort_keys=True),
    )


def audit_head(session: Session, anchor: AuditAnchor) -> AuditHead:
    """This device's chain head, its hash at the count headquarters holds, and its latest
    event signed by its actor (with the key that verifies it)."""
    head = session.get(AuditHeadRow, 1)
    count, last = (head.count, head.last_hash) if head else (0, audit.GENESIS_HASH)
    held_hash = None
    if anchor.count:
        held_hash = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == anchor.count))
    signed = None
    event = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.signature.is_not(None), AuditEvent.actor_id.is_not(None))
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    if event is not None and event.actor_id is not None and event.signature is not None:
        for key in session.scalars(
            select(UserSigningKey.public_key).where(UserSigningKey.user_id == event.actor_id)
        ):
            if valid([key], bytes.fromhex(event.hash), event.signature):
                signed = SignedEvent(
                    seq=event.seq,
                    hash=event.hash,
                    actor_id=event.actor_id,
                    public_key=b64url(key),
                    signature=b64url(event.signature),
                )
                break
    return AuditHead(
        count=count,
        hash=last,
        held_count=anchor.count,
        held_hash=held_hash,
        signed=signed,
    )


def held_anchor(session: Session) -> AuditAnchor:
    """The head headquarters acknowledged last, as this device remembers it."""
    raw = state.get(session, KEY_ANCHOR)
    held = json.loads(raw) if raw else {}
    return AuditAnchor(count=int(held.get("count") or 0), hash=held.get("hash"))


def store_anchor(session: Session, anchor: AuditAnchor) -> None:
    """Remember the head headquarters anchored (for ``laissez sync status``)."""
    state.put(session, KEY_ANCHOR, json.dumps({"count": anchor.count, "hash": anchor.hash}))
