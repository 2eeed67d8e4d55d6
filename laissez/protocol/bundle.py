"""Offline-transfer bundles: encrypted, signed files for missions without a usable link.

A bundle is a JSON document::

    {"format": "laissez-bundle", "version": 1, "kind": "push" | "reply",
     "bundle_id": ..., "sender": <device id or "headquarters">, "recipient": <key id>,
     "created_at": ..., "ephemeral_key": ..., "nonce": ..., "ciphertext": ..., "signature": ...}

The content is encrypted to the recipient's X25519 key (an ephemeral X25519 exchange, HKDF-SHA256,
AES-256-GCM with the header as associated data) and the whole header plus ciphertext is signed
with the sender's Ed25519 key. So only the recipient can read it, and a changed byte, a
swapped header or another sender is detected before anything is decrypted or applied.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from laissez.protocol.bounded import JsonBoundsError, loads_bounded
from laissez.protocol.canonical import canonical_json, sha256_hex
from laissez.protocol.errors import BundleError, BundleTooLargeError
from laissez.protocol.signing import b64url, unb64url

FORMAT, VERSION = "laissez-bundle", 1
KIND_PUSH, KIND_REPLY = "push", "reply"
HEADQUARTERS = "headquarters"
_INFO = b"laissez-bundle-v1"
_HEADER_FIELDS = ("format", "version", "kind", "bundle_id", "sender", "recipient", "created_at")

#: The largest bundle file read (a full outbox of 10,000 changes is far smaller).
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
#: The most JSON values a bundle's outer body holds (it has a dozen fields, all plain).
_MAX_BODY_VALUES = 64
#: The most JSON values its decrypted content may hold (about 60,000 changes).
MAX_CONTENT_VALUES = 2_000_000
#: How deep the content may nest (a change's payload sits about six levels down).
MAX_CONTENT_DEPTH = 32


def x25519_public_text(key: X25519PrivateKey | X25519PublicKey) -> str:
    """The public half of an X25519 key as base64url of its 32 raw bytes."""
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return b64url(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def load_x25519_public(text: str) -> X25519PublicKey:
    """An X25519 public key from base64url; raises ``BundleError`` when it is not one."""
    try:
        raw = unb64url(text)
        if len(raw) != 32:
            raise ValueError("wrong length")
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise BundleError("the bundle encryption key is not an X25519 public key") from exc


def key_id(public_text: str) -> str:
    """A short id of a recipient key (the first 16 hex digits of its SHA-256)."""
    return sha256_hex(public_text.encode("ascii"))[:16]


def _derive(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(shared)


@dataclass(frozen=True)
class OpenedBundle:
    """A verified, decrypted bundle."""

    kind: str
    bundle_id: uuid.UUID
    sender: str
    created_at: dt.datetime
    content: dict[str, Any]


def seal(
    content: dict[str, Any],
    *,
    kind: str,
    sender: str,
    signing_key: Ed25519PrivateKey,
    recipient: X25519PublicKey,
    now: dt.datetime | None = None,
) -> bytes:
    """``content`` (JSON-ready) as bundle bytes, readable only by ``recipient``'s holder."""
    recipient_text = x25519_public_text(recipient)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "bundle_id": str(uuid.uuid4()),
        "sender": sender,
        "recipient": key_id(recipient_text),
        "created_at": (now or dt.datetime.now(dt.UTC)).isoformat(),
    }
    ephemeral = X25519PrivateKey.generate()
    ephemeral_text = x25519_public_text(ephemeral)
    key = _derive(ephemeral.exchange(recipient), unb64url(ephemeral_text))
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, canonical_json(content), canonical_json(header))
    body = dict(
        header, ephemeral_key=ephemeral_text, nonce=b64url(nonce), ciphertext=b64url(ciphertext)
    )
    body["signature"] = b64url(signing_key.sign(canonical_json(body)))
    return json.dumps(body, indent=1, sort_keys=True).encode("utf-8")


def peek_sender(data: bytes) -> str:
    """The claimed sender of a bundle (unverified: use it only to find the verifying key)."""
    return str(_parse(data)["sender"])


def _parse(data: bytes) -> dict[str, Any]:
    if data.lstrip()[:1] != b"{":
        raise BundleError("the file is not a Laissez bundle")
    try:
        body = loads_bounded(
            data, max_bytes=MAX_BUNDLE_BYTES, max_values=_MAX_BODY_VALUES, max_depth=2
        )
    except JsonBoundsError as exc:
        if exc.reason == "syntax":
            raise BundleError("the file is not a Laissez bundle") from None
        raise BundleTooLargeError(
            f"the file is not a bundle Laissez wrote: {exc}. Nothing was read from it"
        ) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BundleError("the file is not a Laissez bundle")
    if body.get("version") != VERSION:
        raise BundleError(f"bundle version {body.get('version')} is not supported")
    missing = [
        f
        for f in (*_HEADER_FIELDS, "ephemeral_key", "nonce", "ciphertext", "signature")
        if f not in body
    ]
    if missing:
        raise BundleError(f"the bundle lacks {', '.join(missing)}")
    return body


def open_bundle(
    data: bytes,
    *,
    recipient: X25519PrivateKey,
    verify_key_for: Callable[[str], Ed25519PublicKey],
    expect_kind: str,
) -> OpenedBundle:
    """Verify, then decrypt a bundle.

    ``verify_key_for(sender)`` returns the sender's Ed25519 public key (or raises). Raises
    ``BundleError`` for a foreign format, another recipient, a bad signature, a changed byte
    or the wrong kind; nothing is decrypted before the signature verifies.
    """
    body = _parse(data)
    if body["kind"] != expect_kind:
        raise BundleError(f"expected a {expect_kind} bundle, got {body['kind']}")
    if body["recipient"] != key_id(x25519_public_text(recipient)):
        raise BundleError("the bundle was made for another recipient")
    signed = {k: v for k, v in body.items() if k != "signature"}
    try:
        verify_key_for(str(body["sender"])).verify(
            unb64url(str(body["signature"])), canonical_json(signed)
        )
    except (InvalidSignature, ValueError) as exc:
        raise BundleError("the bundle signature does not verify") from exc
    header = {k: body[k] for k in _HEADER_FIELDS}
    try:
        ephemeral = load_x25519_public(str(body["ephemeral_key"]))
        key = _derive(recipient.exchange(ephemeral), unb64url(str(body["ephemeral_key"])))
        plain = AESGCM(key).decrypt(
            unb64url(str(body["nonce"])), unb64url(str(body["ciphertext"])), canonical_json(header)
        )
        content = _content(plain)
        return OpenedBundle(
            kind=str(body["kind"]),
            bundle_id=uuid.UUID(str(body["bundle_id"])),
            sender=str(body["sender"]),
            created_at=dt.datetime.fromisoformat(str(body["created_at"])),
            content=content,
        )
    except BundleError:
        raise
    except (InvalidTag, ValueError) as exc:
        raise BundleError(
            "the bundle cannot be decrypted: it was changed or is not for this key"
        ) from exc


def _content(plain: bytes) -> Any:
    """The decrypted content, parsed within bounds (its signer may still be hostile)."""
    try:
        return loads_bounded(
            plain, max_bytes=MAX_BUNDLE_BYTES, max_values=MAX_CONTENT_VALUES,
            max_depth=MAX_CONTENT_DEPTH,
        )  # fmt: skip
    except JsonBoundsError as exc:
        if exc.reason == "syntax":
            raise BundleError("the bundle's content is not well-formed") from None
        raise BundleTooLargeError(
            f"the bundle's content is not what Laissez writes: {exc}. Nothing was applied"
        ) from None
