"""The ETD profile of visible digital seals (Doc 9303 Part 8 §6 and Appendix A).

Feature definition ``0x5E``, category ``0x03``; tag ``0x02`` holds the TD2 MRZ as 48 bytes of
C40 (``<`` written as space). :func:`seal_etd` signs one; :func:`verify_etd_seal` checks one
against the printed MRZ, the certificate list and the revocation list, and reports every finding,
not just the first.

A printed MRZ read by OCR may be misread. So a difference between the printed and the sealed MRZ
makes the document INVALID only when the printed MRZ was read cleanly (the reader was sure and
every check digit passes); otherwise the answer is UNCERTAIN, and the officer compares by eye. A
wrong "valid" or "invalid" is worse than "not sure".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec

from laissez.documents.errors import MrzError
from laissez.documents.mrz import MrzFormat, parse
from laissez.documents.seal.c40 import c40_decode, c40_encode
from laissez.documents.seal.crypto import sign_raw, verify_raw
from laissez.documents.seal.errors import SealEncodeError, SealError
from laissez.documents.seal.pki import (
    CertificateList,
    RevocationList,
    SignerKey,
    key_usage_period,
)
from laissez.documents.seal.vds import Feature, SealHeader, VisibleDigitalSeal, decode_seal

ETD_FEATURE_DEFINITION = 0x5E
ETD_CATEGORY = 0x03
TAG_MRZ_TD2 = 0x02
TD2_LINE = 36
TD2_SEALED_BYTES = 48


class Finding(enum.StrEnum):
    """A reason a seal does not verify; values are stable codes."""

    MALFORMED_SEAL = "MALFORMED_SEAL"
    WRONG_PROFILE = "WRONG_PROFILE"
    INVALID_SEAL_MRZ = "INVALID_SEAL_MRZ"
    INVALID_PRINTED_MRZ = "INVALID_PRINTED_MRZ"
    PRINTED_MRZ_NOT_READ = "PRINTED_MRZ_NOT_READ"
    #: the printed MRZ was read with doubt and differs from the sealed one: misread or altered
    PRINTED_MRZ_UNCERTAIN = "PRINTED_MRZ_UNCERTAIN"
    SEAL_NOT_FOUND = "SEAL_NOT_FOUND"
    SEAL_DOCUMENT_MISMATCH = "SEAL_DOCUMENT_MISMATCH"
    MISSING_SIGNATURE = "MISSING_SIGNATURE"
    BAD_SIGNATURE = "BAD_SIGNATURE"
    UNKNOWN_SIGNER = "UNKNOWN_SIGNER"
    UNTRUSTED_SIGNER = "UNTRUSTED_SIGNER"
    EXPIRED_CERTIFICATE = "EXPIRED_CERTIFICATE"
    CERTIFICATE_NOT_YET_VALID = "CERTIFICATE_NOT_YET_VALID"
    SIGNED_OUTSIDE_KEY_PERIOD = "SIGNED_OUTSIDE_KEY_PERIOD"
    REVOKED_DOCUMENT = "REVOKED_DOCUMENT"


#: findings Part 8 Appendix A rates as "high fraud potential", plus a failed signature
FRAUD_FINDINGS = frozenset(
    {
        Finding.MALFORMED_SEAL,
        Finding.INVALID_SEAL_MRZ,
        Finding.INVALID_PRINTED_MRZ,
        Finding.SEAL_DOCUMENT_MISMATCH,
        Finding.BAD_SIGNATURE,
        Finding.MISSING_SIGNATURE,
        Finding.REVOKED_DOCUMENT,
    }
)


#: findings about reading the page, not about the document: never a reason to say INVALID
UNREAD_FINDINGS = frozenset({Finding.PRINTED_MRZ_NOT_READ, Finding.SEAL_NOT_FOUND})
DOUBT_FINDINGS = frozenset({Finding.PRINTED_MRZ_UNCERTAIN})


class Verdict(enum.StrEnum):
    """The overall answer: VALID; INVALID (do not accept: the seal or the data are wrong);
    UNCERTAIN (the printed MRZ was read with doubt: compare by eye); UNREADABLE (the seal or
    the printed MRZ could not be read: scan again)."""

    VALID = "VALID"
    INVALID = "INVALID"
    UNCERTAIN = "UNCERTAIN"
    UNREADABLE = "UNREADABLE"


#: what the person checking the document does next, for each verdict
ADVICE: dict[Verdict, str] = {
    Verdict.VALID: "The seal is genuine and the printed data match it. Compare the photograph "
    "and the printed details with the person in front of you.",
    Verdict.INVALID: "Do not accept this document: the seal or the printed data are not what "
    "the issuing mission signed. Keep the document and report it.",
    Verdict.UNCERTAIN: "The seal is genuine, but the printed machine-readable zone could not be "
    "read with certainty. Compare the printed data by eye with the data held in the seal "
    "('laissez etd verify --show-data' prints both), or scan the page again flat, in good "
    "light, at 300 dpi.",
    Verdict.UNREADABLE: "The seal or the printed machine-readable zone could not be read. Scan "
    "the page again flat, in good light, at 300 dpi, with the whole page in view.",
}


@dataclass(frozen=True)
class SealVerification:
    """The result of checking an ETD seal.

    ``sealed_mrz`` is personal data: :meth:`as_dict` leaves it out unless asked.
    """

    findings: tuple[Finding, ...]
    header: SealHeader | None = None
    sealed_mrz: tuple[str, ...] | None = None
    signature_checked: bool = False

    @property
    def verdict(self) -> Verdict:
        """INVALID on any finding about the seal or the data; otherwise UNCERTAIN when the
        printed MRZ was read with doubt, UNREADABLE when the MRZ or the seal was not read."""
        findings = set(self.findings)
        if not findings:
            return Verdict.VALID
        if findings - UNREAD_FINDINGS - DOUBT_FINDINGS:
            return Verdict.INVALID
        if findings & DOUBT_FINDINGS:
            return Verdict.UNCERTAIN
        return Verdict.UNREADABLE

    @property
    def advice(self) -> str:
        """One sentence: what to do next with this verdict."""
        return ADVICE[self.verdict]

    @property
    def valid(self) -> bool:
        """True when every check passed."""
        return self.verdict is Verdict.VALID

    def as_dict(self, *, include_data: bool = False) -> dict[str, object]:
        """JSON-ready: verdict, findings, signer, reference, dates; the MRZ only on request."""
        header = self.header
        out: dict[str, object] = {
            "verdict": self.verdict.value,
            "advice": self.advice,
            "findings": [f.value for f in self.findings],
            "signature_checked": self.signature_checked,
        }
        if header is not None:
            out.update(
                issuing_country=header.issuing_country,
                signer_identifier=header.signer_identifier,
                certificate_reference=header.certificate_reference,
                issue_date=header.issue_date.isoformat(),
                signature_date=header.signature_date.isoformat(),
            )
        if include_data and self.sealed_mrz is not None:
            out["sealed_mrz"] = list(self.sealed_mrz)
        return out


def encode_td2(lines: Sequence[str]) -> bytes:
    """The 48-byte C40 value of tag 0x02 for a TD2 MRZ (two lines of 36 characters)."""
    if len(lines) != 2 or any(len(line) != TD2_LINE for line in lines):
        raise SealEncodeError("an ETD seal holds a TD2 MRZ: two lines of 36 characters")
    return c40_encode("".join(lines))


def decode_td2(value: bytes) -> tuple[str, str]:
    """The two MRZ lines held in a tag 0x02 value (spaces turned back into ``<``)."""
    text = c40_decode(value).replace(" ", "<")
    return text[:TD2_LINE], text[TD2_LINE:]


def seal_etd(
    mrz_lines: Sequence[str],
    signer: SignerKey,
    *,
    issue_date: dt.date,
    signature_date: dt.date | None = None,
) -> bytes:
    """Sign an ETD seal for a valid TD2 MRZ; returns the seal bytes for the DataMatrix.

    The header's issuing country is the MRZ's issuing State.

    Raises:
        SealEncodeError: the MRZ is not a valid TD2 MRZ (named by check, never by value).
    """
    result = parse(list(mrz_lines), today=issue_date)
    if not result.valid or result.format is not MrzFormat.TD2:
        raise SealEncodeError("the MRZ to seal is not a valid TD2 MRZ")
    header = SealHeader(
        issuing_country=mrz_lines[0][2:5].rstrip("<"),
        signer_identifier=signer.signer_identifier,
        certificate_reference=signer.certificate_reference,
        issue_date=issue_date,
        signature_date=signature_date or dt.date.today(),
        feature_definition_reference=ETD_FEATURE_DEFINITION,
        document_type_category=ETD_CATEGORY,
    )
    unsigned = VisibleDigitalSeal(header, (_mrz_feature(mrz_lines),))
    signature = sign_raw(signer.key, unsigned.signed_data())
    return VisibleDigitalSeal(header, unsigned.features, signature).encode()


def _mrz_feature(lines: Sequence[str]) -> Feature:
    return Feature(TAG_MRZ_TD2, encode_td2(lines))


def _mrz_valid(lines: Sequence[str], today: dt.date) -> bool:
    """True for a valid TD2 MRZ; False for anything else, lines of the wrong length or count
    included (a damaged seal or a misread print is a finding, never an exception)."""
    try:
        result = parse(list(lines), today=today)
    except MrzError:
        return False
    return result.valid and result.format is MrzFormat.TD2


def verify_etd_seal(
    seal: bytes,
    *,
    printed_mrz: Sequence[str] | None,
    certificates: CertificateList,
    revocations: RevocationList | None = None,
    today: dt.date | None = None,
    printed_sure: bool = True,
) -> SealVerification:
    """Check an ETD seal (Part 8 Appendix A plus signature, certificate and revocation).

    ``printed_mrz`` is the MRZ read from the page (None when it could not be read, which makes
    the verdict UNREADABLE at best). ``printed_sure`` is False when the reader was not sure of
    what it read (low confidence, fields it marks uncertain). A printed MRZ that differs from
    the sealed one is a mismatch (INVALID) only when it was read cleanly: the reader was sure
    and its check digits pass; otherwise it is ``PRINTED_MRZ_UNCERTAIN`` (UNCERTAIN), since a
    misread cannot be told from an alteration. Never raises for bad input: a damaged seal is a
    finding.
    """
    today = today or dt.date.today()
    try:
        decoded = decode_seal(seal)
    except SealError:
        return SealVerification((Finding.MALFORMED_SEAL,))
    header = decoded.header
    if (
        header.feature_definition_reference != ETD_FEATURE_DEFINITION
        or header.document_type_category != ETD_CATEGORY
    ):
        return SealVerification((Finding.WRONG_PROFILE,), header)
    findings: list[Finding] = []
    value = decoded.feature(TAG_MRZ_TD2)
    sealed: tuple[str, str] | None = None
    if value is None or len(value) != TD2_SEALED_BYTES:
        findings.append(Finding.INVALID_SEAL_MRZ)
    else:
        try:
            sealed = decode_td2(value)
        except SealError:
            findings.append(Finding.INVALID_SEAL_MRZ)
        else:
            if not _mrz_valid(sealed, today):
                findings.append(Finding.INVALID_SEAL_MRZ)
    checked = _check_signature(decoded, certificates, today, findings)
    if printed_mrz is None:
        findings.append(Finding.PRINTED_MRZ_NOT_READ)
    else:
        printed = tuple(printed_mrz)
        clean = printed_sure and _mrz_valid(printed, today)
        if sealed is not None and printed != sealed and not clean:
            # a doubtful reading (the check digits fail on the OCR side while the sealed MRZ
            # is valid, or the reader was unsure): misread or altered, the eye decides
            findings.append(Finding.PRINTED_MRZ_UNCERTAIN)
        elif sealed is None or printed != sealed:
            if not _mrz_valid(printed, today):
                findings.append(Finding.INVALID_PRINTED_MRZ)
            findings.append(Finding.SEAL_DOCUMENT_MISMATCH)
    if revocations is not None and sealed is not None:
        if revocations.is_revoked(sealed[0][2:5], sealed[1][0:9]):
            findings.append(Finding.REVOKED_DOCUMENT)
    return SealVerification(tuple(findings), header, sealed, checked)


def _check_signature(
    seal: VisibleDigitalSeal,
    certificates: CertificateList,
    today: dt.date,
    findings: list[Finding],
) -> bool:
    """Append signature and certificate findings; True when the signature was checked."""
    header = seal.header
    if seal.signature is None:
        findings.append(Finding.MISSING_SIGNATURE)
        return False
    lookup = certificates.find(header.signer_identifier, header.certificate_reference)
    cert = lookup.certificate
    if cert is None:
        findings.append(Finding.UNKNOWN_SIGNER)
        return False
    if not lookup.trusted:
        findings.append(Finding.UNTRUSTED_SIGNER)
    public = cert.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey) or not verify_raw(
        public, seal.signed_data(), seal.signature
    ):
        findings.append(Finding.BAD_SIGNATURE)
    if today > cert.not_valid_after_utc.date():
        findings.append(Finding.EXPIRED_CERTIFICATE)
    elif today < cert.not_valid_before_utc.date():
        findings.append(Finding.CERTIFICATE_NOT_YET_VALID)
    start, end = key_usage_period(cert)
    if not (start.date() <= header.signature_date <= end.date()):
        findings.append(Finding.SIGNED_OUTSIDE_KEY_PERIOD)
    return True
