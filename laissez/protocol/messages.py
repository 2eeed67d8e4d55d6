"""The messages both sides exchange, as pydantic models (JSON on the wire).

Every top-level message carries ``protocol_version``; every change carries the
``schema_version`` of its payload. Headquarters refuses a protocol version it does not know
(HTTP 400, code ``protocol.version``) rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from laissez.protocol.canonical import canonical_json, change_content_hash
from laissez.protocol.signer import CountryCa, SignerRequest, SignerRequestStatus
from laissez.protocol.trust import AuditAnchor, AuditHead, KeyAnswer, KeyCertificate, KeyRequests

PROTOCOL_VERSION = 1
#: most changes one push may carry; the client splits larger outboxes into several batches
MAX_BATCH_CHANGES = 1000
_NAME = r"^[a-z][a-z0-9_.]{0,63}$"


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def to_bytes(self) -> bytes:
        """The message as canonical JSON bytes: exactly what is signed and sent."""
        return canonical_json(self.model_dump(mode="json"))


class Change(_Message):
    """One outbox entry on the wire.

    ``change_id`` is the idempotency key (the outbox entry's UUID); ``content_hash`` is
    ``change_content_hash`` of the other fields and must match them.
    """

    change_id: uuid.UUID
    entity: str = Field(pattern=_NAME)
    entity_id: str = Field(min_length=1, max_length=64)
    operation: str = Field(pattern=_NAME)
    schema_version: int = Field(ge=1)
    payload: dict[str, Any]
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    created_at: dt.datetime | None = None

    @classmethod
    def build(
        cls,
        *,
        change_id: uuid.UUID,
        entity: str,
        entity_id: str,
        operation: str,
        payload: dict[str, Any],
        schema_version: int = 1,
        created_at: dt.datetime | None = None,
    ) -> Change:
        """A change with its content hash computed from the other fields."""
        digest = change_content_hash(
            entity=entity,
            entity_id=entity_id,
            operation=operation,
            schema_version=schema_version,
            payload=payload,
        )
        return cls(
            change_id=change_id,
            entity=entity,
            entity_id=entity_id,
            operation=operation,
            schema_version=schema_version,
            payload=payload,
            content_hash=digest,
            created_at=created_at,
        )

    def hash_matches(self) -> bool:
        """Whether ``content_hash`` is the hash of this change's content (not damaged)."""
        return self.content_hash == change_content_hash(
            entity=self.entity,
            entity_id=self.entity_id,
            operation=self.operation,
            schema_version=self.schema_version,
            payload=self.payload,
        )


class PushBatch(_Message):
    """A batch of changes from one device, in outbox order."""

    protocol_version: int = PROTOCOL_VERSION
    batch_id: uuid.UUID
    changes: list[Change] = Field(max_length=MAX_BATCH_CHANGES)

    @model_validator(mode="after")
    def _unique_ids(self) -> PushBatch:
        ids = [c.change_id for c in self.changes]
        if len(ids) != len(set(ids)):
            raise ValueError("a batch carries each change_id at most once")
        return self


class AckStatus(StrEnum):
    """What headquarters did with one change.

    ``accepted``: stored now. ``duplicate``: the same content was stored before.
    ``conflict``: another content was stored under this id; both versions are kept and shown
    to a person at headquarters. ``rejected``: not stored (``reason`` says why); the client
    keeps the entry and retries later.
    """

    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


#: statuses after which the client may mark an outbox entry acknowledged: HQ holds the content
DURABLE_STATUSES = frozenset({AckStatus.ACCEPTED, AckStatus.DUPLICATE, AckStatus.CONFLICT})


class ChangeAck(_Message):
    """Headquarters' answer for one change. ``stripped`` names payload fields HQ did not keep
    (data minimisation); ``reason`` is a stable code for ``rejected``."""

    change_id: uuid.UUID
    status: AckStatus
    reason: str | None = None
    stripped: list[str] = Field(default_factory=list)


class PushAck(_Message):
    """The answer to a push, sent only after headquarters committed every accepted change."""

    protocol_version: int = PROTOCOL_VERSION
    batch_id: uuid.UUID
    acks: list[ChangeAck]
    committed_at: dt.datetime


class Revocation(_Message):
    """A revoked travel document: ``seq`` orders revocations for the pull cursor."""

    seq: int
    document_number: str
    revoked_at: dt.datetime
    reason_code: str
    source: Literal["mission", "headquarters"]


class NumberRange(_Message):
    """Document numbers ``first`` .. ``last`` (inclusive) of ``series``, for one device only."""

    range_id: uuid.UUID
    series: str
    first: int
    last: int
    allocated_at: dt.datetime


class NumberRangeRequest(_Message):
    """Ask for ``size`` numbers; ``request_id`` makes the request idempotent (a lost answer
    is fetched again with the same id and returns the same range)."""

    protocol_version: int = PROTOCOL_VERSION
    request_id: uuid.UUID
    series: str = Field(default="etd", pattern=_NAME)
    size: int = Field(ge=1, le=100_000)


class FormVersion(_Message):
    """A published form, advisal text or consent-scope version: ``form_id`` is
    ``forms/<id>``, ``advisal/<id>`` or ``consent/<id>``; ``content_hash`` is the canonical
    hash of the parsed ``body`` and ``signature`` headquarters' signature of the version's key
    and hash (``laissez.forms.trust``): a device uses the version only when it verifies."""

    form_id: str
    version: str
    language: str
    content_hash: str
    body: str
    published_at: dt.datetime
    signature: str | None = None


class SignerCertificate(_Message):
    """A document-signer certificate (PEM) the mission may use or must trust."""

    certificate_id: uuid.UUID
    pem: str
    valid_from: dt.datetime
    valid_until: dt.datetime


class PullResponse(_Message):
    """Everything a device should know, for its own mission only.

    Revocations are incremental: only those with ``seq`` above the request's ``since``; pass
    back ``cursor`` next time. Ranges, forms, certificates and configuration come whole.
    """

    protocol_version: int = PROTOCOL_VERSION
    mission_code: str
    cursor: int
    revocations: list[Revocation]
    number_ranges: list[NumberRange]
    form_versions: list[FormVersion]
    signer_certificates: list[SignerCertificate]
    configuration: dict[str, Any]
    #: headquarters' user CA key (base64url) and the mission's officers' key certificates,
    #: revoked ones included (``laissez.protocol.trust``)
    user_key_ca: str | None = None
    key_certificates: list[KeyCertificate] = Field(default_factory=list)
    #: the country signing CA certificates, signed by headquarters, and the state of this
    #: device's seal-signer certificate requests (``laissez.protocol.signer``)
    country_cas: list[CountryCa] = Field(default_factory=list)
    signer_requests: list[SignerRequestStatus] = Field(default_factory=list)


class EnrolRequest(_Message):
    """A device's enrolment: the one-time code an administrator gave, and its public key."""

    protocol_version: int = PROTOCOL_VERSION
    enrolment_code: str = Field(min_length=8, max_length=64)
    public_key: str = Field(min_length=40, max_length=64)
    device_name: str = Field(default="", max_length=100)
    #: the device's X25519 key (base64url) for offline reply bundles; optional
    bundle_public_key: str | None = Field(default=None, min_length=40, max_length=64)


class EnrolResponse(_Message):
    """The enrolled device's id and the mission it belongs to."""

    protocol_version: int = PROTOCOL_VERSION
    device_id: uuid.UUID
    mission_id: uuid.UUID
    mission_code: str
    #: headquarters' X25519 key for offline push bundles and Ed25519 key of its reply bundles
    hq_bundle_key: str | None = None
    hq_signing_key: str | None = None


class PushBundleContent(_Message):
    """What an offline push bundle carries: the batches and the device's pull cursor."""

    protocol_version: int = PROTOCOL_VERSION
    device_id: uuid.UUID
    since: int = 0
    batches: list[PushBatch]
    #: ask for document numbers too: headquarters allocates them (idempotent by request id)
    #: before it writes the reply, so the reply's pull carries the range
    number_request: NumberRangeRequest | None = None
    #: officers' keys to certify or revoke, and the audit head to anchor (as online)
    keys: KeyRequests | None = None
    audit_head: AuditHead | None = None
    #: a seal-signer certificate request (kept pending at headquarters until approved)
    signer_request: SignerRequest | None = None


class ReplyBundleContent(_Message):
    """What headquarters' reply bundle carries: the acknowledgements and a pull."""

    protocol_version: int = PROTOCOL_VERSION
    device_id: uuid.UUID
    acks: list[PushAck]
    pull: PullResponse
    key_answer: KeyAnswer | None = None
    #: the head headquarters holds after this bundle (``status`` ``flagged``: refused)
    anchor: AuditAnchor | None = None


class ErrorBody(_Message):
    """The body of every error answer: a stable ``code`` and a sentence without data."""

    code: str
    message: str
