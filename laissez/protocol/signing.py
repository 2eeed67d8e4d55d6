"""Request signing with Ed25519 device keys.

Every request a device makes (except enrolment) carries four headers:

* ``X-Laissez-Device``: the device id headquarters gave at enrolment;
* ``X-Laissez-Timestamp``: Unix seconds when the request was signed;
* ``X-Laissez-Nonce``: 32 random hex digits, never reused by the device;
* ``X-Laissez-Signature``: base64url Ed25519 signature over the *signing string*.

The signing string is, one item per line: the scheme tag ``laissez-sig-v1``, the upper-case
method, the path with its query string, the SHA-256 (hex) of the exact body bytes, the
timestamp, the nonce and the device id. So a captured request cannot be replayed against
another path, with another body, by another device, or later than the skew window; the server
remembers nonces for longer than that window to refuse replays inside it.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from laissez.protocol.canonical import sha256_hex
from laissez.protocol.errors import (
    BadKeyError,
    BadSignatureError,
    MissingHeaderError,
    StaleRequestError,
)

SCHEME = "laissez-sig-v1"
HEADER_DEVICE = "X-Laissez-Device"
HEADER_TIMESTAMP = "X-Laissez-Timestamp"
HEADER_NONCE = "X-Laissez-Nonce"
HEADER_SIGNATURE = "X-Laissez-Signature"
#: how far a request's timestamp may lie from the server's clock, either way
MAX_SKEW_S = 300
#: how long the server must remember a nonce: longer than the whole acceptance window
NONCE_TTL_S = 2 * MAX_SKEW_S + 60
_NONCE_HEX_LEN = 32


def b64url(data: bytes) -> str:
    """``data`` as unpadded base64url text."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Decode unpadded base64url text; raises ``ValueError`` when it is not base64url."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc


def generate_device_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 private key for a device (kept in the device's encrypted store)."""
    return Ed25519PrivateKey.generate()


def private_key_bytes(key: Ed25519PrivateKey) -> bytes:
    """The 32 raw bytes of a private key, for storing it encrypted."""
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def load_private_key(raw: bytes) -> Ed25519PrivateKey:
    """A private key from its 32 raw bytes; raises ``BadKeyError`` for anything else."""
    try:
        return Ed25519PrivateKey.from_private_bytes(raw)
    except ValueError as exc:
        raise BadKeyError("the device private key is not 32 raw Ed25519 bytes") from exc


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public half of ``key`` as base64url of its 32 raw bytes (what enrolment sends)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return b64url(raw)


def load_public_key(text: str) -> Ed25519PublicKey:
    """A public key from its base64url text; raises ``BadKeyError`` when it is not one."""
    try:
        raw = unb64url(text)
        if len(raw) != 32:
            raise ValueError("wrong length")
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise BadKeyError("public_key is not a base64url Ed25519 public key") from exc


def signing_string(
    method: str, path: str, body: bytes, timestamp: int, nonce: str, device_id: str
) -> bytes:
    """The exact bytes a device signs (see the module docstring)."""
    lines = [SCHEME, method.upper(), path, sha256_hex(body), str(timestamp), nonce, device_id]
    return "\n".join(lines).encode("utf-8")


def sign_request(
    key: Ed25519PrivateKey,
    device_id: str,
    method: str,
    path: str,
    body: bytes,
    *,
    now: float | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The four signing headers for one request.

    ``path`` includes the query string exactly as sent. ``now`` and ``nonce`` exist for tests
    (a stale or a replayed request); leave them out otherwise.
    """
    timestamp = int(time.time() if now is None else now)
    nonce = secrets.token_hex(_NONCE_HEX_LEN // 2) if nonce is None else nonce
    signature = key.sign(signing_string(method, path, body, timestamp, nonce, device_id))
    return {
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: b64url(signature),
    }


@dataclass(frozen=True)
class SignedHeaders:
    """The signing headers of a request, parsed but not yet verified."""

    device_id: str
    timestamp: int
    nonce: str
    signature: bytes


def parse_headers(headers: Mapping[str, str]) -> SignedHeaders:
    """Read the signing headers (case-insensitive mapping such as Starlette's ``Headers``).

    Raises ``MissingHeaderError`` naming the header that is absent or malformed.
    """
    lowered = {k.lower(): v for k, v in headers.items()}

    def get(name: str) -> str:
        value = lowered.get(name.lower())
        if not value:
            raise MissingHeaderError(f"header {name} is missing")
        return value

    device_id = get(HEADER_DEVICE)
    try:
        timestamp = int(get(HEADER_TIMESTAMP))
    except ValueError as exc:
        raise MissingHeaderError(f"header {HEADER_TIMESTAMP} is not an integer") from exc
    nonce = get(HEADER_NONCE)
    if len(nonce) != _NONCE_HEX_LEN or any(c not in "0123456789abcdef" for c in nonce):
        raise MissingHeaderError(f"header {HEADER_NONCE} must be {_NONCE_HEX_LEN} hex digits")
    try:
        signature = unb64url(get(HEADER_SIGNATURE))
    except ValueError as exc:
        raise MissingHeaderError(f"header {HEADER_SIGNATURE} is not base64url") from exc
    return SignedHeaders(device_id, timestamp, nonce, signature)


def verify_request(
    public_key: Ed25519PublicKey,
    signed: SignedHeaders,
    method: str,
    path: str,
    body: bytes,
    *,
    now: float | None = None,
    max_skew_s: int = MAX_SKEW_S,
) -> None:
    """Check a request's signature and timestamp; returns only when both are good.

    Raises ``StaleRequestError`` when the timestamp is more than ``max_skew_s`` seconds from
    ``now`` and ``BadSignatureError`` when the signature does not cover exactly this method,
    path, body, timestamp, nonce and device. Nonce reuse is the caller's check (it needs
    memory that outlives one request).
    """
    current = time.time() if now is None else now
    if abs(current - signed.timestamp) > max_skew_s:
        raise StaleRequestError(
            f"request timestamp is outside the {max_skew_s} s window; check the device clock"
        )
    message = signing_string(method, path, body, signed.timestamp, signed.nonce, signed.device_id)
    try:
        public_key.verify(signed.signature, message)
    except InvalidSignature as exc:
        raise BadSignatureError("request signature does not verify") from exc
