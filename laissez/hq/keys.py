"""Headquarters' own keys for offline bundles, made on first use and kept in the database."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.hq.db import insert_ignore
from laissez.hq.models import ServiceKey, utcnow
from laissez.protocol.bundle import x25519_public_text
from laissez.protocol.signing import public_key_text

BUNDLE, SIGNING = "bundle_x25519", "signing_ed25519"


@dataclass(frozen=True)
class ServiceKeys:
    """The private keys and their public texts (base64url)."""

    bundle: X25519PrivateKey
    signing: Ed25519PrivateKey

    @property
    def bundle_public(self) -> str:
        """The X25519 key devices encrypt push bundles to."""
        return x25519_public_text(self.bundle)

    @property
    def signing_public(self) -> str:
        """The Ed25519 key devices check reply bundles with."""
        return public_key_text(self.signing)


def _raw(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def service_keys(session: Session) -> ServiceKeys:
    """The service keys, made in the caller's transaction when missing. Two processes making
    them at once agree: the first insert wins and both read it back."""
    for name, make in ((BUNDLE, X25519PrivateKey.generate), (SIGNING, Ed25519PrivateKey.generate)):
        if session.get(ServiceKey, name) is None:
            session.execute(
                insert_ignore(
                    session,
                    ServiceKey,
                    {"name": name, "private_key": _raw(make()), "created_at": utcnow()},
                )
            )
    rows = {k.name: k.private_key for k in session.scalars(select(ServiceKey))}
    return ServiceKeys(
        X25519PrivateKey.from_private_bytes(rows[BUNDLE]),
        Ed25519PrivateKey.from_private_bytes(rows[SIGNING]),
    )
