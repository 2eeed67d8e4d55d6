"""Seal signing keys and certificates: a headquarters root, mission signers, lists that sync.

Headquarters holds a root key (:class:`Authority`) and issues each mission a signer certificate
whose serial number, in upper-case hex, is the seal's certificate reference and whose common name
is the 4-character signer identifier (``UTTS``). Missions receive a :class:`CertificateList`
(roots and signer certificates, JSON) and a :class:`RevocationList` with sync, so a seal verifies
with no network. A mission's private key leaves this module only encrypted
(:meth:`SignerKey.private_key_pem`); storing that blob is the storage layer's job.

Key periods follow Part 8 §6: the signer key is used for 1 year + 2 months; its certificate stays
valid for that period plus the longest ETD validity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from laissez.documents.seal.crypto import DEFAULT_CURVE, curve_by_name
from laissez.documents.seal.errors import SealKeyError
from laissez.documents.seal.token import TokenPrivateKey

#: Part 8 §6: key usage period of an ETD signer (1 year + 2 months)
SIGNER_KEY_USAGE_DAYS = 365 + 61
#: the longest validity of a single-journey ETD this project issues
ETD_MAX_VALIDITY_DAYS = 90
ROOT_VALIDITY_DAYS = 10 * 365
_FORMAT = "laissez.certificates/1"
_REVOCATION_FORMAT = "laissez.revocations/1"


def _utc(moment: dt.datetime | None) -> dt.datetime:
    moment = moment or dt.datetime.now(dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _ec_private(key: object) -> ec.EllipticCurvePrivateKey:
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SealKeyError("the key is not an elliptic-curve private key")
    return key


@dataclass(frozen=True)
class Authority:
    """The headquarters root: its private key and self-signed certificate."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


def root_builder(
    common_name: str,
    country: str,
    public: ec.EllipticCurvePublicKey,
    *,
    now: dt.datetime | None = None,
    valid_days: int = ROOT_VALIDITY_DAYS,
) -> x509.CertificateBuilder:
    """The self-signed root (country signing CA) certificate of ``public``, to be signed by its
    own private key (in memory, or in a token: ``laissez.documents.seal.csr.sign_certificate``)."""
    start = _utc(now)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, country),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )


def create_root(
    common_name: str,
    country: str,
    *,
    curve: str = DEFAULT_CURVE,
    now: dt.datetime | None = None,
    valid_days: int = ROOT_VALIDITY_DAYS,
) -> Authority:
    """Create a headquarters root CA (``country`` is the 2-letter ISO code of the State)."""
    key = ec.generate_private_key(curve_by_name(curve))
    cert = root_builder(common_name, country, key.public_key(), now=now,
                        valid_days=valid_days).sign(key, hashes.SHA256())  # fmt: skip
    return Authority(key=key, certificate=cert)


@dataclass(frozen=True)
class SignerKey:
    """A mission's seal signer: private key and certificate (issued by an :class:`Authority`).

    ``key`` is in memory for tests and throwaway signers, or a :class:`TokenPrivateKey` whose
    private half stays in the mission's PKCS#11 token."""

    key: ec.EllipticCurvePrivateKey | TokenPrivateKey
    certificate: x509.Certificate

    @property
    def signer_identifier(self) -> str:
        """The 4-character signer identifier (the certificate's common name)."""
        return signer_identifier_of(self.certificate)

    @property
    def certificate_reference(self) -> str:
        """The certificate reference written in seals (serial number, upper-case hex)."""
        return reference_of(self.certificate)

    def private_key_pem(self, password: bytes) -> bytes:
        """The private key as encrypted PKCS#8 PEM, for storage; never unencrypted."""
        if not password:
            raise SealKeyError("a password is needed to export a signing key")
        if not isinstance(self.key, ec.EllipticCurvePrivateKey):
            raise SealKeyError("a signing key held in a token cannot be exported")
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password),
        )

    def certificate_pem(self) -> bytes:
        """The certificate as PEM."""
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @classmethod
    def load(cls, private_key_pem: bytes, password: bytes, certificate_pem: bytes) -> SignerKey:
        """Rebuild from :meth:`private_key_pem` and :meth:`certificate_pem` output.

        Raises:
            SealKeyError: a wrong password, a damaged PEM, or a key that does not match.
        """
        try:
            key = serialization.load_pem_private_key(private_key_pem, password=password)
            cert = x509.load_pem_x509_certificate(certificate_pem)
        except (ValueError, TypeError):
            raise SealKeyError("the signing key or certificate cannot be opened") from None
        private = _ec_private(key)
        public = cert.public_key()
        if (
            not isinstance(public, ec.EllipticCurvePublicKey)
            or private.public_key().public_numbers() != public.public_numbers()
        ):
            raise SealKeyError("the signing key does not match its certificate")
        return cls(key=private, certificate=cert)


def signer_identifier_of(cert: x509.Certificate) -> str:
    """The signer identifier (common name) of a signer certificate."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def reference_of(cert: x509.Certificate) -> str:
    """The certificate reference of a signer certificate (serial number in upper-case hex)."""
    return f"{cert.serial_number:X}"


def signer_builder(
    issuer: x509.Name,
    issuer_public: ec.EllipticCurvePublicKey,
    public: ec.EllipticCurvePublicKey,
    signer_identifier: str,
    *,
    mission: str,
    now: dt.datetime | None = None,
    key_usage_days: int = SIGNER_KEY_USAGE_DAYS,
    document_validity_days: int = ETD_MAX_VALIDITY_DAYS,
    serial: int | None = None,
) -> x509.CertificateBuilder:
    """The document-signer certificate of ``public`` (ICAO Doc 9303 Part 12 profile: subject
    C / OU mission / CN signer identifier, digitalSignature only, a private-key usage period,
    the issuer's key identifier), to be signed by the issuer's key."""
    if len(signer_identifier) != 4 or not signer_identifier.isalnum():
        raise SealKeyError("signer_identifier must be 4 letters or digits")
    start = _utc(now)
    usage_end = start + dt.timedelta(days=key_usage_days)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, signer_identifier[:2]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, mission),
            x509.NameAttribute(NameOID.COMMON_NAME, signer_identifier),
        ]
    )
    # A positive 32-bit serial keeps the certificate reference short in the seal (8 hex digits).
    serial = serial or secrets.randbits(31) | (1 << 30)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(serial)
        .not_valid_before(start)
        .not_valid_after(usage_end + dt.timedelta(days=document_validity_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.PrivateKeyUsagePeriod(not_before=start, not_after=usage_end), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public),
            critical=False,
        )
    )


def create_signer(
    authority: Authority,
    signer_identifier: str,
    *,
    mission: str,
    curve: str = DEFAULT_CURVE,
    now: dt.datetime | None = None,
    key_usage_days: int = SIGNER_KEY_USAGE_DAYS,
    document_validity_days: int = ETD_MAX_VALIDITY_DAYS,
) -> SignerKey:
    """Make a mission signer key and have ``authority`` certify it.

    ``signer_identifier`` is 2 letters of the country and 2 letters or digits (``UTTS``).
    The certificate carries a private-key usage period of ``key_usage_days`` and stays valid
    ``document_validity_days`` longer, so documents signed late in the period still verify.
    """
    key = ec.generate_private_key(curve_by_name(curve))
    builder = signer_builder(
        authority.certificate.subject, authority.key.public_key(), key.public_key(),
        signer_identifier, mission=mission, now=now, key_usage_days=key_usage_days,
        document_validity_days=document_validity_days,
    )  # fmt: skip
    cert = builder.sign(authority.key, hashes.SHA256())
    return SignerKey(key=key, certificate=cert)


def key_usage_period(cert: x509.Certificate) -> tuple[dt.datetime, dt.datetime]:
    """The private-key usage period (UTC); the certificate validity when the extension is absent."""
    try:
        ext = cert.extensions.get_extension_for_class(x509.PrivateKeyUsagePeriod).value
    except x509.ExtensionNotFound:
        return cert.not_valid_before_utc, cert.not_valid_after_utc
    start = _utc(ext.not_before) if ext.not_before else cert.not_valid_before_utc
    end = _utc(ext.not_after) if ext.not_after else cert.not_valid_after_utc
    return start, end


@dataclass(frozen=True)
class SignerLookup:
    """What a :class:`CertificateList` knows about a seal's signer.

    ``certificate`` is None when no certificate has that identifier and reference; ``trusted``
    says it was issued (validly signed) by one of the list's roots.
    """

    certificate: x509.Certificate | None
    trusted: bool


def _issued_by(cert: x509.Certificate, root: x509.Certificate) -> bool:
    if cert.issuer != root.subject:
        return False
    try:
        cert.verify_directly_issued_by(root)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class CertificateList:
    """Trusted roots and the signer certificates they issued, as synced to every mission.

    The roots in a list received by sync must be checked against the roots the application
    was installed with (:meth:`with_roots`) before the list is trusted.
    """

    roots: tuple[x509.Certificate, ...] = ()
    signers: tuple[x509.Certificate, ...] = ()

    def add(self, *certificates: x509.Certificate) -> CertificateList:
        """A copy with more signer certificates (duplicates dropped)."""
        known = {c.fingerprint(hashes.SHA256()) for c in self.signers}
        extra = [c for c in certificates if c.fingerprint(hashes.SHA256()) not in known]
        return CertificateList(self.roots, self.signers + tuple(extra))

    def with_roots(self, roots: Iterable[x509.Certificate]) -> CertificateList:
        """A copy whose trust anchors are exactly ``roots`` (e.g. the installed ones)."""
        return CertificateList(tuple(roots), self.signers)

    def find(self, signer_identifier: str, certificate_reference: str) -> SignerLookup:
        """The signer certificate for a seal header's identifier and reference."""
        wanted = certificate_reference.upper().lstrip("0") or "0"
        for cert in self.signers:
            if signer_identifier_of(cert) == signer_identifier and reference_of(cert) == wanted:
                trusted = any(_issued_by(cert, root) for root in self.roots)
                return SignerLookup(cert, trusted)
        return SignerLookup(None, False)

    def to_json(self) -> str:
        """Serialise (PEM certificates in JSON) for sync or a bundle file."""
        pem = serialization.Encoding.PEM
        return json.dumps(
            {
                "format": _FORMAT,
                "roots": [c.public_bytes(pem).decode("ascii") for c in self.roots],
                "signers": [c.public_bytes(pem).decode("ascii") for c in self.signers],
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> CertificateList:
        """Read :meth:`to_json` output.

        Raises:
            SealKeyError: not a certificate list, or a damaged certificate.
        """
        try:
            data = json.loads(text)
            if data.get("format") != _FORMAT:
                raise ValueError("format")
            roots = tuple(x509.load_pem_x509_certificate(p.encode()) for p in data["roots"])
            signers = tuple(x509.load_pem_x509_certificate(p.encode()) for p in data["signers"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise SealKeyError(
                "the certificate list is damaged or not a certificate list"
            ) from None
        return cls(roots, signers)


def revocation_digest(issuing_state: str, document_number: str) -> str:
    """The opaque entry a revocation list keeps for a document (no number in clear)."""
    text = f"{issuing_state.strip('<')}|{document_number.strip('<')}"
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class RevocationList:
    """Revoked travel documents, kept as digests of (issuing State, document number)."""

    entries: frozenset[str] = field(default_factory=frozenset)

    def revoke(self, issuing_state: str, document_number: str) -> RevocationList:
        """A copy that also lists this document."""
        digest = revocation_digest(issuing_state, document_number)
        return RevocationList(self.entries | {digest})

    def is_revoked(self, issuing_state: str, document_number: str) -> bool:
        """True when the document is on the list."""
        return revocation_digest(issuing_state, document_number) in self.entries

    def to_json(self) -> str:
        """Serialise for sync."""
        return json.dumps({"format": _REVOCATION_FORMAT, "entries": sorted(self.entries)})

    @classmethod
    def from_json(cls, text: str | bytes) -> RevocationList:
        """Read :meth:`to_json` output; raises SealKeyError when damaged."""
        try:
            data = json.loads(text)
            if data.get("format") != _REVOCATION_FORMAT:
                raise ValueError("format")
            entries = frozenset(str(e) for e in data["entries"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise SealKeyError("the revocation list is damaged or not a revocation list") from None
        return cls(entries)
