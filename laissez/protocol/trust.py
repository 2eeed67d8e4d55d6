"""Officers' key certificates and the audit head: what a mission sends so that headquarters
can vouch for who signed, and notice a trail that was cut or rewritten.

**Key certificates.** Every officer signs their decisions with a personal Ed25519 key made on
their device. At each sync the device sends, for every key headquarters has not certified yet,
a certification request (``KeyCertificationRequest``): the user id and the public key, over
the device's authenticated channel (the device vouches for its officers, as a registration
authority does; other officers' private keys are not unwrapped at sync time, so no proof of
possession can be made then). Headquarters signs a ``KeyCertificate`` with its user CA key
(``certificate_bytes``), never certifies one key for two officers, and refuses a key it
revoked; certificates and their revocations come back in every pull.
A device revokes a key the same way (``KeyRevocationRequest``), and every device of the
mission learns it at its next pull.

**Audit head.** After each push the device sends its audit chain's head (``AuditHead``):
the number of events, the last hash, the hash it holds at the count headquarters anchored
last time, and its latest signed event (actor, key, signature). Headquarters refuses (and
flags for a person) a head that does not extend the one it holds: fewer events, or another
hash where the old head was.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from cryptography.exceptions import InvalidSignature
from pydantic import BaseModel, ConfigDict, Field

from laissez.protocol.canonical import canonical_json
from laissez.protocol.errors import BadKeyError
from laissez.protocol.signing import b64url, load_public_key, unb64url

PROTOCOL_VERSION = 1
MAX_KEY_REQUESTS = 1000
_KEY = r"^[A-Za-z0-9_-]{43}$"
_SIG = r"^[A-Za-z0-9_-]{86}$"
_HEX = r"^[0-9a-f]{64}$"
_CODE = r"^[a-z][a-z0-9_.]{0,63}$"


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def to_bytes(self) -> bytes:
        """Canonical JSON bytes: exactly what is signed and sent."""
        return canonical_json(self.model_dump(mode="json"))


class KeyCertificationRequest(_Message):
    """Certify ``public_key`` (base64url Ed25519) as ``user_id``'s key."""

    user_id: uuid.UUID
    public_key: str = Field(pattern=_KEY)


class KeyRevocationRequest(_Message):
    """Revoke ``public_key``: every decision signed with it stops being trusted."""

    public_key: str = Field(pattern=_KEY)
    reason_code: str = Field(default="revoked", pattern=_CODE)


class KeyRequests(_Message):
    """What a device asks about its officers' keys in one call."""

    protocol_version: int = PROTOCOL_VERSION
    certify: list[KeyCertificationRequest] = Field(default_factory=list, max_length=1000)
    revoke: list[KeyRevocationRequest] = Field(default_factory=list, max_length=1000)


class KeyCertificate(_Message):
    """Headquarters' certificate of one officer's key. ``signature`` (by the user CA) covers
    ``certificate_bytes``; ``revoked_at`` and ``reason_code`` are the key's revocation."""

    serial: int
    mission_code: str
    user_id: uuid.UUID
    public_key: str = Field(pattern=_KEY)
    issued_at: dt.datetime
    signature: str = Field(pattern=_SIG)
    revoked_at: dt.datetime | None = None
    reason_code: str | None = None


class KeyRefusal(_Message):
    """A certification or revocation headquarters refused, with a stable ``code``."""

    public_key: str
    code: str


class KeyAnswer(_Message):
    """The answer to ``KeyRequests``: the user CA key, the mission's certificates, refusals."""

    protocol_version: int = PROTOCOL_VERSION
    user_key_ca: str
    certificates: list[KeyCertificate]
    refused: list[KeyRefusal] = Field(default_factory=list)


def certificate_bytes(
    *,
    serial: int,
    mission_code: str,
    user_id: uuid.UUID,
    public_key: str,
    issued_at: dt.datetime,
) -> bytes:
    """What the user CA signs for one certificate."""
    return canonical_json(
        {
            "v": 1,
            "kind": "user_key_certificate",
            "serial": serial,
            "mission": mission_code,
            "user": str(user_id),
            "key": public_key,
            "issued_at": issued_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        }
    )


def certificate_valid(ca_public: str, cert: KeyCertificate, mission_code: str) -> bool:
    """Whether ``cert`` was signed by the user CA ``ca_public`` for ``mission_code``."""
    if cert.mission_code != mission_code:
        return False
    signed = certificate_bytes(
        serial=cert.serial,
        mission_code=cert.mission_code,
        user_id=cert.user_id,
        public_key=cert.public_key,
        issued_at=cert.issued_at,
    )
    return signature_valid(ca_public, signed, cert.signature)


def signature_valid(public_key: str, payload: bytes, signature: str) -> bool:
    """Whether ``signature`` (base64url) over ``payload`` verifies under ``public_key``."""
    try:
        load_public_key(public_key).verify(unb64url(signature), payload)
    except (InvalidSignature, BadKeyError, ValueError):
        return False
    return True


class SignedEvent(_Message):
    """The latest audit event signed by its actor: sequence number, hash, actor, the key
    that verifies its signature (base64url) and the signature over the hash's bytes."""

    seq: int = Field(ge=1)
    hash: str = Field(pattern=_HEX)
    actor_id: uuid.UUID
    public_key: str = Field(pattern=_KEY)
    signature: str = Field(pattern=_SIG)


class AuditHead(_Message):
    """A device's audit chain head. ``held_count``/``held_hash``: the count headquarters
    anchored last (from ``AuditAnchor``) and this device's hash at that count (None when the
    device has fewer events)."""

    protocol_version: int = PROTOCOL_VERSION
    count: int = Field(ge=0)
    hash: str = Field(pattern=_HEX)
    held_count: int | None = Field(default=None, ge=0)
    held_hash: str | None = Field(default=None, pattern=_HEX)
    signed: SignedEvent | None = None


class AuditAnchor(_Message):
    """The head headquarters holds for a device (``count`` 0 before the first anchor), and
    whether the last head sent was ``anchored`` or ``flagged`` for a person."""

    protocol_version: int = PROTOCOL_VERSION
    count: int
    hash: str | None
    status: Literal["anchored", "flagged", "none"] = "none"
    code: str | None = None


__all__ = [
    "AuditAnchor",
    "AuditHead",
    "KeyAnswer",
    "KeyCertificate",
    "KeyCertificationRequest",
    "KeyRefusal",
    "KeyRequests",
    "KeyRevocationRequest",
    "SignedEvent",
    "b64url",
    "certificate_bytes",
    "certificate_valid",
    "signature_valid",
]
