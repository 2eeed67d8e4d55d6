"""Which form, advisal-text and consent-scope versions count as published: those signed.

A version counts only when a publisher signed it: the statement signed is the version's key
(``forms/<id>@<version>``, ``advisal/<id>@<version>/<language>``, ``consent/<id>@<version>``)
and its content hash (``library.content_hash``), with Ed25519. Two publishers are trusted:

* **headquarters**, whose signing key the device received at enrolment: everything published
  with ``laissez-hq admin publish-form`` reaches the device by sync with its signature;
* **the Laissez release**, for the versions packaged with the application (so a fresh
  mission, not yet enrolled, has texts to work with): ``data/signatures.json`` holds their
  signatures, made once by the maintainers' packaging key, whose public half is
  ``PACKAGED_PUBLIC_KEY``. The private half is not in the repository: editing a packaged text
  and its ``published.json`` entry on disk cannot produce a signature that verifies.

A draft, a version nobody signed, or a file changed after signing is never used.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

#: the public half of the key that signed the versions packaged with Laissez (base64url)
PACKAGED_PUBLIC_KEY = "WruBUxe5NpNTHOmNT38WKu7y1XpZf9SzFyfvFi61Gnk"
SIGNATURES = "signatures.json"
_DOMAIN = b"laissez publication v1\n"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def statement(key: str, content_hash: str) -> bytes:
    """The bytes a publisher signs for one version: its key and its content hash."""
    body = json.dumps({"content_hash": content_hash, "key": key}, sort_keys=True)
    return _DOMAIN + body.encode("utf-8")


def sign(private_key: Ed25519PrivateKey, key: str, content_hash: str) -> str:
    """The publisher's signature (base64url) over ``statement(key, content_hash)``."""
    return _b64(private_key.sign(statement(key, content_hash)))


def verifies(public_key: str | None, key: str, content_hash: str, signature: str | None) -> bool:
    """Whether ``signature`` is ``public_key``'s signature of this version (False for any
    missing or malformed part)."""
    if not public_key or not signature:
        return False
    try:
        public = Ed25519PublicKey.from_public_bytes(_unb64(public_key))
        public.verify(_unb64(signature), statement(key, content_hash))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def public_text(private_key: Ed25519PrivateKey) -> str:
    """The base64url public half of ``private_key``."""
    from cryptography.hazmat.primitives import serialization

    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return _b64(raw)


@dataclass(frozen=True)
class Publication:
    """A version headquarters published: its key, content hash, signature and the definition
    itself (YAML or JSON text), as the device received it by sync."""

    key: str
    content_hash: str
    signature: str | None
    body: str


def split_key(key: str) -> tuple[str, str, str, str]:
    """``(kind, id, version, language)`` of a version key (language "" for forms and consent
    scopes); ``ValueError`` for a malformed key."""
    kind, _, rest = key.partition("/")
    ident, _, tail = rest.partition("@")
    version, _, language = tail.partition("/")
    if kind not in ("forms", "advisal", "consent") or not ident or not version:
        raise ValueError("not a version key")
    if (kind == "advisal") != bool(language):
        raise ValueError("not a version key")
    return kind, ident, version, language


def key_of(data: dict[str, object]) -> str:
    """The version key a parsed definition publishes under (``ValueError`` when its kind
    cannot be told: a form has ``sections``, an advisal text ``points``, a consent set
    ``scopes``)."""
    ident, version = data.get("id"), data.get("version")
    if "points" in data:
        return f"advisal/{ident}@{version}/{data.get('language')}"
    if "sections" in data:
        return f"forms/{ident}@{version}"
    if "scopes" in data:
        return f"consent/{ident}@{version}"
    raise ValueError("the file is not a form, an advisal text or a consent-scope set")
