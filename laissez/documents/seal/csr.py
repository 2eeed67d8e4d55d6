"""Certificate requests and certificates signed by a key that never leaves its token.

The ``cryptography`` builders sign with an in-memory key only. For a key in a PKCS#11 token
(:class:`~laissez.documents.seal.token.TokenPrivateKey`) the to-be-signed part is built by
``cryptography`` with a throwaway key of the same curve, then signed through the token and
assembled (``SEQUENCE { tbs, ecdsa-with-SHA256, BIT STRING signature }``):

* a PKCS#10 request (:func:`build_request`): the throwaway key's SubjectPublicKeyInfo in
  ``CertificationRequestInfo`` is replaced by the token key's (same curve, same length), so
  the request's own signature, made in the token, is the proof of possession;
* a certificate (:func:`sign_certificate`): its ``TBSCertificate`` names the issuer and the
  issuer's key identifier explicitly, so only the signature is the token's.

Each result is parsed back with ``cryptography`` and its signature checked before it is
returned. P-256 with SHA-256 only (what the tokens make).
"""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from laissez.documents.seal.errors import SealKeyError
from laissez.documents.seal.token import TokenPrivateKey

#: AlgorithmIdentifier ecdsa-with-SHA256 (1.2.840.10045.4.3.2), no parameters (RFC 5758)
_ECDSA_SHA256 = bytes.fromhex("300a06082a8648ce3d040302")

SigningKey = ec.EllipticCurvePrivateKey | TokenPrivateKey


class RequestInvalidError(SealKeyError):
    """A certificate request that cannot be read or whose signature does not verify."""

    code = "seal.request_invalid"


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _tlv(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + _length(len(body)) + body


def _signed(tbs: bytes, key: SigningKey) -> bytes:
    """``tbs`` with its ECDSA-SHA256 signature by ``key`` (the outer SEQUENCE)."""
    if not isinstance(key.curve, ec.SECP256R1):
        raise SealKeyError("only P-256 keys sign requests and certificates here")
    signature = key.sign(tbs, ec.ECDSA(hashes.SHA256()))
    return _tlv(0x30, tbs + _ECDSA_SHA256 + _tlv(0x03, b"\x00" + signature))


def _spki(public: ec.EllipticCurvePublicKey) -> bytes:
    return public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def build_request(key: SigningKey, subject: x509.Name) -> x509.CertificateSigningRequest:
    """A PKCS#10 request for ``key``'s public half, signed by ``key`` (in a token or not)."""
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return builder.sign(key, hashes.SHA256())
    stand_in = ec.generate_private_key(ec.SECP256R1())
    tbs = builder.sign(stand_in, hashes.SHA256()).tbs_certrequest_bytes
    ours, theirs = _spki(stand_in.public_key()), _spki(key.public_key())
    if len(ours) != len(theirs) or tbs.count(ours) != 1:
        raise SealKeyError("the token's key is not a P-256 key")
    request = x509.load_der_x509_csr(_signed(tbs.replace(ours, theirs), key))
    if not request.is_signature_valid:
        raise SealKeyError("the token did not sign the certificate request correctly")
    return request


def load_request(pem: str | bytes) -> x509.CertificateSigningRequest:
    """A request checked for its proof of possession: an EC P-256 key whose own signature
    over the request verifies.

    Raises:
        RequestInvalidError: not a PEM request, another key type, or a signature that does not
        verify (the request was changed, or made without the private key).
    """
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    try:
        request = x509.load_pem_x509_csr(data)
        public = request.public_key()
        valid = request.is_signature_valid
    except (ValueError, TypeError, UnicodeError):
        raise RequestInvalidError("the certificate request cannot be read") from None
    if not isinstance(public, ec.EllipticCurvePublicKey) or not isinstance(
        public.curve, ec.SECP256R1
    ):
        raise RequestInvalidError("the certificate request is not for an EC P-256 key")
    if not valid:
        raise RequestInvalidError(
            "the certificate request's signature does not verify: it was changed on the way, "
            "or made without the private key (no proof of possession)"
        )
    return request


def sign_certificate(
    builder: x509.CertificateBuilder, key: SigningKey, issuer: x509.Certificate | None = None
) -> x509.Certificate:
    """``builder`` signed by ``key`` (in a token or not); ``issuer`` None: self-signed. The
    result is checked to verify under the issuer's public key."""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        cert = builder.sign(key, hashes.SHA256())
    else:
        stand_in = ec.generate_private_key(ec.SECP256R1())
        tbs = builder.sign(stand_in, hashes.SHA256()).tbs_certificate_bytes
        cert = x509.load_der_x509_certificate(_signed(tbs, key))
    try:
        cert.verify_directly_issued_by(issuer or cert)
    except (InvalidSignature, ValueError, TypeError):
        raise SealKeyError("the certificate does not verify under its issuer's key") from None
    return cert
