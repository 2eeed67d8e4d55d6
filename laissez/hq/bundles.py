"""Offline transfer at headquarters: read a device's push bundle, store its changes exactly
as a push would, and write the reply bundle (acknowledgements and a pull) for the device."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from laissez.hq import csca, trust
from laissez.hq import sync as hq_sync
from laissez.hq.errors import DeviceRevokedError, UnknownDeviceError
from laissez.hq.keys import service_keys
from laissez.hq.models import Device
from laissez.hq.trust import with_certificates
from laissez.protocol import BundleError, PushBundleContent, ReplyBundleContent
from laissez.protocol.bundle import (
    HEADQUARTERS,
    KIND_PUSH,
    KIND_REPLY,
    load_x25519_public,
    open_bundle,
    seal,
)
from laissez.protocol.signing import load_public_key


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the device, counts, and the reply bundle's bytes."""

    device_id: uuid.UUID
    changes: int
    reply: bytes


def import_bundle(session: Session, data: bytes) -> ImportResult:
    """Verify and store a push bundle; the caller commits, then hands out ``reply``.

    A bundle that asks for document numbers gets them in the reply (asking again with the
    same request id gives the same range). Raises ``BundleError`` (not a bundle, changed, not
    for this headquarters),
    ``UnknownDeviceError`` or ``DeviceRevokedError``. Importing the same bundle twice stores
    nothing new (the changes are idempotent by id and hash).
    """
    keys = service_keys(session)
    device: Device | None = None

    def verify_key(sender: str) -> Ed25519PublicKey:
        nonlocal device
        try:
            device = session.get(Device, uuid.UUID(sender))
        except ValueError as exc:
            raise BundleError("the bundle's sender is not a device id") from exc
        if device is None:
            raise UnknownDeviceError(f"device {sender} is not enrolled")
        if device.revoked_at is not None:
            raise DeviceRevokedError(f"device {sender} was revoked")
        return load_public_key(device.public_key)

    opened = open_bundle(
        data, recipient=keys.bundle, verify_key_for=verify_key, expect_kind=KIND_PUSH
    )
    assert device is not None
    content = PushBundleContent.model_validate(opened.content)
    if content.device_id != device.id:
        raise BundleError("the bundle's content names another device than its signer")
    if not device.bundle_public_key:
        raise BundleError("the device enrolled without a bundle key: it cannot receive replies")
    acks = [hq_sync.ingest(session, device, batch) for batch in content.batches]
    if content.number_request is not None:
        hq_sync.allocate_range(session, device, content.number_request)
    key_answer = anchor = None
    if content.keys is not None:
        key_answer = trust.answer_keys(session, device, content.keys, keys)
    if content.audit_head is not None:
        try:
            anchor = trust.anchor_head(session, device, content.audit_head)
        except trust.AuditHeadRefusedError as exc:  # the flag is committed with the import
            held = trust.anchor_of(session, device)
            anchor = held.model_copy(update={"status": "flagged", "code": exc.code})
    if content.signer_request is not None:
        csca.receive(session, device, content.signer_request)
    pulled = with_certificates(session, hq_sync.pull(session, device, content.since), device, keys)
    pulled = csca.with_signer_state(session, pulled, device, keys)
    reply = ReplyBundleContent(
        device_id=device.id, acks=acks, pull=pulled, key_answer=key_answer, anchor=anchor
    )
    sealed = seal(
        reply.model_dump(mode="json"),
        kind=KIND_REPLY,
        sender=HEADQUARTERS,
        signing_key=keys.signing,
        recipient=load_x25519_public(device.bundle_public_key),
    )
    return ImportResult(device.id, sum(len(b.changes) for b in content.batches), sealed)
