"""Headquarters as the officers' certification authority and the audit trail's anchor
(``laissez.protocol.trust`` says what travels).

* ``answer_keys``: certify the keys a device presents for its mission's officers (one key is
  certified for one officer of one mission only, a revoked key never again) and revoke keys;
  answer with every certificate of the mission.
* ``anchor_head``: keep the audit chain head of each device. A head with fewer events than
  the one held, or whose hash at the held count differs, is refused and flagged
  (``audit.rewound`` / ``audit.rewritten``); a head whose latest signed event is not signed
  by a certified, unrevoked key of its actor is anchored and flagged
  (``audit.uncertified_signer``). A head from an offline bundle written before the device
  learnt the last anchor can be compared with nothing: it is neither anchored nor flagged
  (``audit.stale``) and the reply tells the device the anchor its next head must extend.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.hq.errors import HqError, NotFoundError
from laissez.hq.keys import ServiceKeys
from laissez.hq.models import (
    AuditAnchorRecord,
    AuditFlag,
    Device,
    Mission,
    UserKeyCertificateRecord,
    utcnow,
)
from laissez.protocol import PullResponse
from laissez.protocol.signing import b64url
from laissez.protocol.trust import (
    AuditAnchor,
    AuditHead,
    KeyAnswer,
    KeyCertificate,
    KeyRefusal,
    KeyRequests,
    certificate_bytes,
    signature_valid,
)

log = logging.getLogger(__name__)
KEY_TAKEN, KEY_REVOKED, KEY_UNKNOWN = "key.taken", "key.revoked", "key.unknown"
REWOUND, REWRITTEN, UNCERTIFIED = "audit.rewound", "audit.rewritten", "audit.uncertified_signer"
STALE = "audit.stale"


class AuditHeadRefusedError(HqError):
    """The device's audit chain does not extend the head headquarters holds."""

    code = REWRITTEN
    status = 409

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _message(row: UserKeyCertificateRecord, mission_code: str) -> KeyCertificate:
    return KeyCertificate(
        serial=row.serial,
        mission_code=mission_code,
        user_id=row.user_id,
        public_key=row.public_key,
        issued_at=_aware(row.issued_at),
        signature=row.signature,
        revoked_at=_aware(row.revoked_at) if row.revoked_at else None,
        reason_code=row.reason_code,
    )


def mission_certificates(session: Session, mission: Mission) -> list[KeyCertificate]:
    """Every certificate of the mission's officers' keys, revoked ones included."""
    rows = session.scalars(
        select(UserKeyCertificateRecord)
        .where(UserKeyCertificateRecord.mission_id == mission.id)
        .order_by(UserKeyCertificateRecord.serial)
    )
    return [_message(r, mission.code) for r in rows]


def answer_keys(
    session: Session, device: Device, request: KeyRequests, keys: ServiceKeys
) -> KeyAnswer:
    """Certify and revoke what ``request`` asks for the device's mission (in the caller's
    transaction); the answer lists the mission's certificates and each refusal."""
    mission = session.get(Mission, device.mission_id)
    assert mission is not None
    refused: list[KeyRefusal] = []
    for ask in request.certify:
        held = session.scalar(
            select(UserKeyCertificateRecord).where(
                UserKeyCertificateRecord.public_key == ask.public_key
            )
        )
        if held is not None:
            if held.mission_id != mission.id or held.user_id != ask.user_id:
                refused.append(KeyRefusal(public_key=ask.public_key, code=KEY_TAKEN))
            elif held.revoked_at is not None:
                refused.append(KeyRefusal(public_key=ask.public_key, code=KEY_REVOKED))
            continue
        row = UserKeyCertificateRecord(
            mission_id=mission.id,
            device_id=device.id,
            user_id=ask.user_id,
            public_key=ask.public_key,
            issued_at=utcnow().replace(microsecond=0),
            signature="",
        )
        session.add(row)
        session.flush()  # the serial is the certificate's number, part of what is signed
        row.signature = b64url(
            keys.user_ca.sign(
                certificate_bytes(
                    serial=row.serial,
                    mission_code=mission.code,
                    user_id=row.user_id,
                    public_key=row.public_key,
                    issued_at=_aware(row.issued_at),
                )
            )
        )
    for gone in request.revoke:
        found = session.scalar(
            select(UserKeyCertificateRecord).where(
                UserKeyCertificateRecord.public_key == gone.public_key,
                UserKeyCertificateRecord.mission_id == mission.id,
            )
        )
        if found is None:
            refused.append(KeyRefusal(public_key=gone.public_key, code=KEY_UNKNOWN))
        elif found.revoked_at is None:
            found.revoked_at = utcnow()
            found.reason_code = gone.reason_code
            log.info("key certificate %d revoked by device %s", found.serial, device.id)
    session.flush()
    return KeyAnswer(
        user_key_ca=keys.user_ca_public,
        certificates=mission_certificates(session, mission),
        refused=refused,
    )


def revoke_key(session: Session, mission_code: str, public_key: str, reason: str) -> int:
    """Revoke an officer's key from headquarters (``laissez-hq admin revoke-user-key``);
    returns the certificate's serial."""
    row = session.scalar(
        select(UserKeyCertificateRecord)
        .join(Mission, Mission.id == UserKeyCertificateRecord.mission_id)
        .where(Mission.code == mission_code, UserKeyCertificateRecord.public_key == public_key)
    )
    if row is None:
        raise NotFoundError(f"mission {mission_code} has no certificate for that key")
    if row.revoked_at is None:
        row.revoked_at, row.reason_code = utcnow(), reason
    return row.serial


def anchor_of(session: Session, device: Device) -> AuditAnchor:
    """The head headquarters holds for ``device`` (count 0 before the first)."""
    held = session.get(AuditAnchorRecord, device.id)
    if held is None:
        return AuditAnchor(count=0, hash=None)
    return AuditAnchor(count=held.count, hash=held.head_hash, status="anchored")


def _flag(session: Session, device: Device, code: str, held: int, sent: int) -> None:
    session.add(
        AuditFlag(
            mission_id=device.mission_id,
            device_id=device.id,
            code=code,
            held_count=held,
            sent_count=sent,
        )
    )
    log.warning("audit head of device %s flagged: %s (held %d, sent %d)", device.id, code,
                held, sent)  # fmt: skip


def _signer_certified(session: Session, device: Device, head: AuditHead) -> bool:
    signed = head.signed
    if signed is None:
        return True  # a trail with no signed event yet (a new installation)
    row = session.scalar(
        select(UserKeyCertificateRecord).where(
            UserKeyCertificateRecord.public_key == signed.public_key,
            UserKeyCertificateRecord.mission_id == device.mission_id,
            UserKeyCertificateRecord.user_id == signed.actor_id,
            UserKeyCertificateRecord.revoked_at.is_(None),
        )
    )
    return row is not None and signature_valid(
        signed.public_key, bytes.fromhex(signed.hash), signed.signature
    )


def anchor_head(session: Session, device: Device, head: AuditHead) -> AuditAnchor:
    """Anchor ``head`` if it extends the held one; else flag it and raise
    ``AuditHeadRefusedError`` (the caller commits the flag before answering)."""
    held = session.get(AuditAnchorRecord, device.id)
    if held is not None:
        if head.count == held.count and head.hash == held.head_hash:
            return AuditAnchor(count=held.count, hash=held.head_hash, status="anchored")
        code = None
        if head.count < held.count:
            code = REWOUND
        elif head.held_count is not None and head.held_count < held.count:
            # an offline bundle written before the device learnt the last anchor: nothing
            # to compare yet; the reply tells it the anchor, the next head must extend it
            return AuditAnchor(count=held.count, hash=held.head_hash, code=STALE)
        elif head.held_count != held.count or head.held_hash != held.head_hash:
            code = REWRITTEN
        if code is not None:
            _flag(session, device, code, held.count, head.count)
            raise AuditHeadRefusedError(
                code,
                f"the device's audit trail does not extend the head headquarters holds "
                f"(event {held.count}): it was cut or rewritten",
            )
    if not _signer_certified(session, device, head):
        _flag(session, device, UNCERTIFIED, held.count if held else 0, head.count)
    if held is None:
        held = AuditAnchorRecord(device_id=device.id, mission_id=device.mission_id, count=0)
        session.add(held)
    held.count, held.head_hash, held.anchored_at = head.count, head.hash, utcnow()
    session.flush()
    return AuditAnchor(count=held.count, hash=held.head_hash, status="anchored")


def with_certificates(
    session: Session, response: PullResponse, device: Device, keys: ServiceKeys
) -> PullResponse:
    """A pull answer completed with the user CA key and the mission's key certificates."""
    mission = session.get(Mission, device.mission_id)
    assert mission is not None
    return response.model_copy(
        update={
            "user_key_ca": keys.user_ca_public,
            "key_certificates": mission_certificates(session, mission),
        }
    )


def reset_anchor(session: Session, device_id: object) -> int:
    """After a person checked a flagged device (an older backup restored on purpose): forget
    its anchor so that its next head is anchored afresh, and mark its flags resolved; returns
    how many flags were resolved."""
    held = session.get(AuditAnchorRecord, device_id)
    if held is not None:
        session.delete(held)
    flags = [f for f in open_flags(session) if f.device_id == device_id]
    for flag in flags:
        flag.resolved_at = utcnow()
    return len(flags)


def open_flags(session: Session, mission_id: object | None = None) -> list[AuditFlag]:
    """Flags no person resolved yet (of one mission, or all)."""
    stmt = select(AuditFlag).where(AuditFlag.resolved_at.is_(None)).order_by(AuditFlag.flagged_at)
    if mission_id is not None:
        stmt = stmt.where(AuditFlag.mission_id == mission_id)
    return list(session.scalars(stmt))
