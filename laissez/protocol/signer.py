"""The seal signer's certificate, requested by a mission and issued by headquarters.

A mission's administrator makes the document-signer key inside the mission's token and sends
a PKCS#10 request (``SignerRequest``; its own signature is the proof of possession) at the
next push (``POST /v1/signer-requests``) or in an offline bundle. Headquarters keeps it
pending until one of its administrators approves it, then issues a certificate signed by its
country signing CA (CSCA). Every pull (and reply bundle) carries the state of the device's
requests (``SignerRequestStatus``, with the certificate once issued) and the CSCA
certificates (``CountryCa``), each signed with headquarters' Ed25519 key that the device
received at enrolment (``country_ca_statement``), so a CSCA is trusted only when that
signature verifies.
"""

from __future__ import annotations

import uuid
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ConfigDict, Field

from laissez.protocol.canonical import canonical_json, sha256_hex
from laissez.protocol.errors import BadKeyError
from laissez.protocol.signing import b64url, load_public_key, unb64url

PENDING, ISSUED, REFUSED = "pending", "issued", "refused"
MAX_PEM = 16_384
_CODE = r"^[a-z][a-z0-9_.]{0,63}$"


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignerRequest(_Message):
    """A certificate request for the mission's seal signer (PEM PKCS#10); ``request_id``
    makes sending it again safe."""

    request_id: uuid.UUID
    csr_pem: str = Field(min_length=64, max_length=MAX_PEM)


class SignerRequestStatus(_Message):
    """Where a request stands at headquarters: ``pending``, ``issued`` (with the certificate,
    PEM) or ``refused`` (with a stable ``reason_code``)."""

    request_id: uuid.UUID
    status: Literal["pending", "issued", "refused"]
    reason_code: str | None = Field(default=None, pattern=_CODE)
    certificate_pem: str | None = Field(default=None, max_length=MAX_PEM)


class CountryCa(_Message):
    """A country signing CA certificate (PEM) and headquarters' Ed25519 signature of it."""

    pem: str = Field(max_length=MAX_PEM)
    signature: str


def country_ca_statement(pem: str) -> bytes:
    """What headquarters signs for a CSCA certificate."""
    return canonical_json(
        {"v": 1, "kind": "country_signing_ca", "sha256": sha256_hex(pem.encode())}
    )


def sign_country_ca(key: Ed25519PrivateKey, pem: str) -> CountryCa:
    """The CSCA certificate with headquarters' signature."""
    return CountryCa(pem=pem, signature=b64url(key.sign(country_ca_statement(pem))))


def country_ca_verifies(public_key: str | None, ca: CountryCa) -> bool:
    """Whether ``ca`` carries headquarters' valid signature (``public_key``, base64url)."""
    if not public_key:
        return False
    try:
        load_public_key(public_key).verify(unb64url(ca.signature), country_ca_statement(ca.pem))
    except (InvalidSignature, BadKeyError, ValueError):
        return False
    return True
