"""ECDSA signatures in the form seals store them: raw r||s, hash chosen by the curve size.

Doc 9303 Part 13 §2.4: the hash is not encoded; SHA-224/256/384/512 follows the curve order's
bit length, and r and s are each zero-padded to the key length.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from laissez.documents.seal.errors import SealKeyError
from laissez.documents.seal.token import TokenPrivateKey

#: curve names this project signs with; P-256 is the default, brainpoolP256r1 is ICAO's example
CURVES: dict[str, type[ec.EllipticCurve]] = {
    "P-256": ec.SECP256R1,
    "brainpoolP256r1": ec.BrainpoolP256R1,
    "P-384": ec.SECP384R1,
    "brainpoolP384r1": ec.BrainpoolP384R1,
}
DEFAULT_CURVE = "P-256"


def curve_by_name(name: str) -> ec.EllipticCurve:
    """The curve object for a name in :data:`CURVES`.

    Raises:
        SealKeyError: an unsupported curve name.
    """
    try:
        return CURVES[name]()
    except KeyError:
        raise SealKeyError(f"unsupported curve; use one of {', '.join(CURVES)}") from None


def hash_for(curve: ec.EllipticCurve) -> hashes.HashAlgorithm:
    """The hash Part 13 prescribes for a curve of this size."""
    size = curve.key_size
    if size <= 224:
        return hashes.SHA224()
    if size <= 256:
        return hashes.SHA256()
    if size <= 384:
        return hashes.SHA384()
    return hashes.SHA512()


def _half(curve: ec.EllipticCurve) -> int:
    return (curve.key_size + 7) // 8


def sign_raw(key: ec.EllipticCurvePrivateKey | TokenPrivateKey, data: bytes) -> bytes:
    """Sign ``data``; returns r||s, each padded to the key length (64 bytes for 256-bit keys)."""
    der = key.sign(data, ec.ECDSA(hash_for(key.curve)))
    r, s = decode_dss_signature(der)
    half = _half(key.curve)
    return r.to_bytes(half, "big") + s.to_bytes(half, "big")


def verify_raw(key: ec.EllipticCurvePublicKey, data: bytes, signature: bytes) -> bool:
    """True when ``signature`` (raw r||s) is a valid signature of ``data`` by ``key``."""
    half = _half(key.curve)
    if len(signature) != 2 * half:
        return False
    r = int.from_bytes(signature[:half], "big")
    s = int.from_bytes(signature[half:], "big")
    if r == 0 or s == 0:
        return False
    try:
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hash_for(key.curve)))
    except InvalidSignature:
        return False
    return True
