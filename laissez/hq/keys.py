"""Headquarters' own keys, made on first use and kept in the database encrypted at rest.

Three keys: ``bundle_x25519`` (reads offline push bundles), ``signing_ed25519`` (signs reply
bundles) and ``user_ca_ed25519`` (the CA that certifies officers' personal signing keys,
``laissez.hq.certify``). Each row holds ``LZK1 | salt | nonce | AES-256-GCM(raw key)``, the
AES key derived with scrypt from the operator's key passphrase
(``$LAISSEZ_HQ_KEY_PASSPHRASE``), which never enters PostgreSQL: a database dump alone
yields no private key. A wrong passphrase is refused at start (``KeyPassphraseError``); a
plaintext row left by an older version is encrypted in place the first time it is read.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from laissez.hq.db import insert_ignore
from laissez.hq.errors import ConfigurationError
from laissez.hq.models import ServiceKey, utcnow
from laissez.protocol.bundle import x25519_public_text
from laissez.protocol.signing import public_key_text

BUNDLE, SIGNING, USER_CA = "bundle_x25519", "signing_ed25519", "user_ca_ed25519"
ENV_KEY_PASSPHRASE = "LAISSEZ_HQ_KEY_PASSPHRASE"  # noqa: S105 - a variable name
#: the passphrase ``laissez-hq --demo`` uses when none is set: for demonstrations only
DEMO_PASSPHRASE = "laissez-hq demo only"  # noqa: S105 - documented, demo databases only
MAGIC = b"LZK1"
_SALT, _NONCE = 16, 12
#: a plaintext row (older versions) holds the bare 32-byte key
_RAW_BYTES = 32
#: scrypt cost: about 30 ms and 16 MiB, paid once per key and process (cached)
_SCRYPT_N = 2**14


class KeyPassphraseError(ConfigurationError):
    """The key passphrase is missing or does not open headquarters' keys."""

    code = "hq.key_passphrase"


@dataclass(frozen=True)
class ServiceKeys:
    """The private keys and their public texts (base64url)."""

    bundle: X25519PrivateKey
    signing: Ed25519PrivateKey
    user_ca: Ed25519PrivateKey

    @property
    def bundle_public(self) -> str:
        """The X25519 key devices encrypt push bundles to."""
        return x25519_public_text(self.bundle)

    @property
    def signing_public(self) -> str:
        """The Ed25519 key devices check reply bundles with."""
        return public_key_text(self.signing)

    @property
    def user_ca_public(self) -> str:
        """The Ed25519 key devices check officers' key certificates with."""
        return public_key_text(self.user_ca)


def key_passphrase(given: str | None = None) -> str:
    """``given``, else ``$LAISSEZ_HQ_KEY_PASSPHRASE``; ``KeyPassphraseError`` when neither."""
    found = given if given is not None else os.environ.get(ENV_KEY_PASSPHRASE)
    if not found:
        raise KeyPassphraseError(
            f"headquarters' private keys are encrypted: set ${ENV_KEY_PASSPHRASE} to the "
            "operator's key passphrase before starting the service"
        )
    return found


@functools.lru_cache(maxsize=16)
def _kek(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=8, p=1).derive(passphrase.encode("utf-8"))


def encrypt_key(raw: bytes, passphrase: str) -> bytes:
    """``raw`` sealed under ``passphrase`` (what a ``service_keys`` row holds)."""
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    return MAGIC + salt + nonce + AESGCM(_kek(passphrase, salt)).encrypt(nonce, raw, MAGIC)


def decrypt_key(stored: bytes, passphrase: str) -> bytes:
    """The raw key of a row; ``KeyPassphraseError`` when ``passphrase`` does not open it."""
    salt = stored[len(MAGIC) : len(MAGIC) + _SALT]
    nonce = stored[len(MAGIC) + _SALT : len(MAGIC) + _SALT + _NONCE]
    try:
        return AESGCM(_kek(passphrase, salt)).decrypt(
            nonce, stored[len(MAGIC) + _SALT + _NONCE :], MAGIC
        )
    except InvalidTag:
        raise KeyPassphraseError(
            f"the key passphrase (${ENV_KEY_PASSPHRASE}) does not open headquarters' private "
            "keys: start the service with the passphrase they were made with"
        ) from None


def _raw(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


_MAKERS: dict[str, Callable[[], X25519PrivateKey | Ed25519PrivateKey]] = {
    BUNDLE: X25519PrivateKey.generate,
    SIGNING: Ed25519PrivateKey.generate,
    USER_CA: Ed25519PrivateKey.generate,
}


def service_keys(session: Session, passphrase: str | None = None) -> ServiceKeys:
    """The service keys, made (encrypted) in the caller's transaction when missing. Two
    processes making them at once agree: the first insert wins and both read it back.

    Raises:
        KeyPassphraseError: no passphrase, or one that does not open the stored keys.
    """
    secret = key_passphrase(passphrase)
    for name, make in _MAKERS.items():
        if session.get(ServiceKey, name) is None:
            session.execute(
                insert_ignore(
                    session,
                    ServiceKey,
                    {
                        "name": name,
                        "private_key": encrypt_key(_raw(make()), secret),
                        "created_at": utcnow(),
                    },
                )
            )
    raw: dict[str, bytes] = {}
    for row in session.scalars(select(ServiceKey)):
        if len(row.private_key) != _RAW_BYTES:
            raw[row.name] = decrypt_key(row.private_key, secret)
        else:  # written in plaintext by an older version: encrypt it now
            raw[row.name] = row.private_key
            session.execute(
                update(ServiceKey)
                .where(ServiceKey.name == row.name)
                .values(private_key=encrypt_key(row.private_key, secret))
            )
    return ServiceKeys(
        X25519PrivateKey.from_private_bytes(raw[BUNDLE]),
        Ed25519PrivateKey.from_private_bytes(raw[SIGNING]),
        Ed25519PrivateKey.from_private_bytes(raw[USER_CA]),
    )
