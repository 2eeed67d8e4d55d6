"""ICAO visible digital seals (Doc 9303 Part 13) and their ETD profile (Part 8 §6).

Sign at issuance, verify offline::

    authority = create_root("Headquarters", "UT")            # headquarters, once
    signer = create_signer(authority, "UTTS", mission="...")  # per mission
    seal = seal_etd(mrz_lines, signer, issue_date=today)      # bytes for the DataMatrix
    certs = CertificateList((authority.certificate,), (signer.certificate,))
    verify_etd_seal(seal, printed_mrz=mrz_lines, certificates=certs).verdict  # Verdict.VALID
"""

from laissez.documents.seal.c40 import c40_decode, c40_encode, decode_date, encode_date
from laissez.documents.seal.crypto import CURVES, DEFAULT_CURVE, sign_raw, verify_raw
from laissez.documents.seal.errors import SealEncodeError, SealError, SealFormatError, SealKeyError
from laissez.documents.seal.etd import (
    ETD_CATEGORY,
    ETD_FEATURE_DEFINITION,
    TAG_MRZ_TD2,
    Finding,
    SealVerification,
    Verdict,
    decode_td2,
    encode_td2,
    seal_etd,
    verify_etd_seal,
)
from laissez.documents.seal.pki import (
    Authority,
    CertificateList,
    RevocationList,
    SignerKey,
    create_root,
    create_signer,
)
from laissez.documents.seal.vds import Feature, SealHeader, VisibleDigitalSeal, decode_seal

__all__ = [
    "CURVES",
    "DEFAULT_CURVE",
    "ETD_CATEGORY",
    "ETD_FEATURE_DEFINITION",
    "TAG_MRZ_TD2",
    "Authority",
    "CertificateList",
    "Feature",
    "Finding",
    "RevocationList",
    "SealEncodeError",
    "SealError",
    "SealFormatError",
    "SealHeader",
    "SealKeyError",
    "SealVerification",
    "SignerKey",
    "Verdict",
    "VisibleDigitalSeal",
    "c40_decode",
    "c40_encode",
    "create_root",
    "create_signer",
    "decode_date",
    "decode_seal",
    "decode_td2",
    "encode_date",
    "encode_td2",
    "seal_etd",
    "sign_raw",
    "verify_etd_seal",
    "verify_raw",
]
