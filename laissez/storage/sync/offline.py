"""Offline transfer on the desktop: ``export_bundle`` writes the pending outbox into an
encrypted, signed file for headquarters; ``import_reply`` applies headquarters' reply
(acknowledgements and a pull).

Exporting changes nothing in the outbox: entries stay ``pending`` until a reply (or an online
push) acknowledges them, so a bundle lost on the way loses nothing, and one delivered twice
is stored once.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.protocol import (
    MAX_BATCH_CHANGES,
    BundleError,
    BundleTooLargeError,
    NumberRangeRequest,
    PushBatch,
    PushBundleContent,
    ReplyBundleContent,
)
from laissez.protocol.bundle import (
    HEADQUARTERS,
    KIND_PUSH,
    KIND_REPLY,
    MAX_BUNDLE_BYTES,
    load_x25519_public,
    open_bundle,
    seal,
)
from laissez.protocol.signing import load_private_key, load_public_key
from laissez.storage.models import OutboxEntry
from laissez.storage.outbox import FAILED, PENDING
from laissez.storage.sync import protection_counts, signer, state, trust
from laissez.storage.sync.engine import (
    PullReport,
    PushReport,
    SessionScope,
    apply_acks,
    apply_pull,
    to_change,
    withheld,
)
from laissez.storage.sync.errors import AuditRewrittenError


@dataclass(frozen=True)
class ExportReport:
    """How many changes a bundle carries."""

    changes: int
    batches: int


def _identity_for_bundles(session: Session) -> state.Identity:
    identity = state.load_identity(session)
    if not (identity.bundle_key and identity.hq_bundle_key and identity.hq_signing_key):
        raise BundleError("this installation has no bundle keys: enrol it again online first")
    return identity


def export_bundle(
    session_scope: SessionScope, path: Path, *, numbers: int = 0, series: str = "etd"
) -> ExportReport:
    """Write every pending (or failed) outbox entry to an encrypted bundle at ``path``; with
    ``numbers`` > 0 the bundle also asks headquarters for that many document numbers (the
    request id is kept, like ``SyncEngine.request_numbers``, so a lost reply never costs a
    second range: the next bundle or online request asks with the same id).

    The file is written next to ``path`` and renamed into place, so a full disk never leaves
    half a bundle. Raises ``NotEnrolledError`` or ``BundleError``.
    """
    with session_scope() as session:
        identity = _identity_for_bundles(session)
        share = state.shares_protection_details(session)
        withheld(session, share)
        protection_counts.queue_closed_months(session)
        since = state.cursor(session)
        request = _number_request(session, numbers, series) if numbers > 0 else None
        entries = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.status.in_((PENDING, FAILED)))
            .order_by(OutboxEntry.created_at, OutboxEntry.id)
        ).all()
        keys = trust.key_requests(session)
        signer_request = signer.outgoing(session, bundle=True)
        head = trust.audit_head(session, trust.held_anchor(session))
        changes = []
        for entry in entries:
            try:
                changes.append(to_change(entry, share))
            except (ValueError, TypeError):
                continue  # left for ``laissez sync push`` to mark failed, with its code
    batches = [
        PushBatch(batch_id=uuid.uuid4(), changes=changes[i : i + MAX_BATCH_CHANGES])
        for i in range(0, len(changes), MAX_BATCH_CHANGES)
    ]
    content = PushBundleContent(
        device_id=identity.device_id,
        since=since,
        batches=batches,
        number_request=request,
        keys=keys,
        audit_head=head,
        signer_request=signer_request,
    )
    assert identity.hq_bundle_key is not None
    data = seal(
        content.model_dump(mode="json"),
        kind=KIND_PUSH,
        sender=str(identity.device_id),
        signing_key=load_private_key(identity.private_key),
        recipient=load_x25519_public(identity.hq_bundle_key),
    )
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return ExportReport(len(changes), len(batches))


def _number_request(session: Session, size: int, series: str) -> NumberRangeRequest:
    """The pending range request (made now if there is none), as ``request_numbers`` keeps it."""
    pending = state.get(session, state.KEY_RANGE_REQUEST)
    if pending is None:
        pending = json.dumps({"id": str(uuid.uuid4()), "size": size, "series": series},
                             sort_keys=True, separators=(",", ":"))  # fmt: skip
        state.put(session, state.KEY_RANGE_REQUEST, pending)
    saved = json.loads(pending)
    return NumberRangeRequest(
        request_id=uuid.UUID(saved["id"]), size=int(saved["size"]), series=saved["series"]
    )


def read_bundle_file(path: Path) -> bytes:
    """The bytes of a bundle file someone carried in: a regular file only (never a pipe or a
    device), at most ``MAX_BUNDLE_BYTES``. Raises ``BundleError`` with the reason's code."""
    from laissez.documents.errors import DocumentError
    from laissez.documents.sandbox import read_untrusted

    try:
        return read_untrusted(path, max_bytes=MAX_BUNDLE_BYTES)
    except DocumentError as exc:
        if exc.code.endswith("too_large"):
            raise BundleTooLargeError(
                f"the bundle file is larger than {MAX_BUNDLE_BYTES // 2**20} MB, which no bundle "
                "Laissez writes is"
            ) from None
        raise BundleError(f"the bundle file cannot be used ({exc.code}): {exc}") from None


def import_reply(
    session_scope: SessionScope, path: Path, *, trust_dir: Path | None = None
) -> tuple[PushReport, PullReport]:
    """Verify headquarters' reply bundle and apply it in one transaction: mark acknowledged
    entries, store revocations, ranges, forms, certificates (a signer certificate issued for
    this device's request is installed) and configuration; then write the offline trust files
    into ``trust_dir`` when given. Raises ``BundleError`` (changed, not from headquarters, not
    for this device)."""
    data = read_bundle_file(path)
    with session_scope() as session:
        identity = _identity_for_bundles(session)
        assert identity.bundle_key is not None and identity.hq_signing_key is not None
        hq_key = load_public_key(identity.hq_signing_key)

        def verify_key(sender: str) -> Ed25519PublicKey:
            if sender != HEADQUARTERS:
                raise BundleError("the reply bundle does not come from headquarters")
            return hq_key

        opened = open_bundle(
            data,
            recipient=X25519PrivateKey.from_private_bytes(identity.bundle_key),
            verify_key_for=verify_key,
            expect_kind=KIND_REPLY,
        )
        reply = ReplyBundleContent.model_validate(opened.content)
        if reply.device_id != identity.device_id:
            raise BundleError("the reply bundle was made for another device")
        pushed = PushReport(batches=len(reply.acks))
        for ack in reply.acks:
            apply_acks(session, [a.change_id for a in ack.acks], ack.acks, pushed)
        pulled = apply_pull(session, reply.pull, state.cursor(session))
        if pulled.number_ranges:
            # headquarters answered the pending request (it allocates before replying)
            state.delete_setting(session, state.KEY_RANGE_REQUEST)
        flagged = False
        if reply.key_answer is not None:
            trust.store_answer(session, reply.key_answer, clear_pending=True)
        if reply.anchor is not None and reply.anchor.status == "flagged":
            flagged = True
        elif reply.anchor is not None:
            trust.store_anchor(session, reply.anchor)
        if trust_dir is not None:
            signer.write_trust_files(session, trust_dir)
    if flagged:
        raise AuditRewrittenError(
            "this device's audit trail no longer extends what headquarters anchored: events "
            "were cut off or rewritten here, or an older backup was restored. Headquarters has "
            "flagged it; ask headquarters to check this device."
        )
    return pushed, pulled
