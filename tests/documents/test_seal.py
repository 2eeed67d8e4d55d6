"""Visible digital seals: C40, header v4, the vdstools vectors, ETD signing and verification."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from laissez.documents.mrz import MrzFormat, MrzInput, build
from laissez.documents.seal import (
    CertificateList,
    Feature,
    Finding,
    RevocationList,
    SealEncodeError,
    SealFormatError,
    SealHeader,
    SealKeyError,
    SignerKey,
    Verdict,
    VisibleDigitalSeal,
    c40_decode,
    c40_encode,
    create_root,
    create_signer,
    decode_date,
    decode_seal,
    decode_td2,
    encode_date,
    seal_etd,
    verify_etd_seal,
)
from laissez.documents.seal.c40 import decode_length, encode_length

TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def _mrz(number: str = "E1234567") -> tuple[str, ...]:
    return build(
        MrzInput(
            format=MrzFormat.TD2,
            document_code="PU",
            issuing_state="UTO",
            primary_identifier="Eriksson",
            secondary_identifier="Anna Maria",
            document_number=number,
            nationality="UTO",
            date_of_birth="740812",
            sex="F",
            date_of_expiry="270115",
        )
    ).lines


@pytest.fixture(scope="module")
def pki() -> tuple[CertificateList, SignerKey]:
    root = create_root("Test Headquarters", "UT", now=NOW - dt.timedelta(days=30))
    signer = create_signer(root, "UTTS", mission="Test mission", now=NOW - dt.timedelta(days=1))
    return CertificateList((root.certificate,), (signer.certificate,)), signer


def _vectors(shared_testdata) -> dict[str, dict]:
    data = json.loads((shared_testdata / "vds" / "vdstools_vectors.json").read_text())
    return {v["name"]: v for v in data["vectors"]}


# --- encodings -------------------------------------------------------------------------------


def test_c40_matches_part13_example_and_round_trips() -> None:
    assert c40_encode("VISA01") == bytes.fromhex("DE515826")
    for text in ("A", "AB", "ABC", "ABCD", "UTTS025B", "X<Y"):
        encoded = c40_encode(text)
        assert len(encoded) % 2 == 0
        assert c40_decode(encoded) == text.replace("<", " ")


def test_c40_rejects_characters_outside_its_set() -> None:
    with pytest.raises(SealEncodeError):
        c40_encode("abc")
    with pytest.raises(SealFormatError):
        c40_decode(b"\x01")


def test_dates_are_mmddyyyy_integers() -> None:
    assert encode_date(dt.date(1957, 3, 25)) == bytes.fromhex("319EF5")
    assert decode_date(bytes.fromhex("0F7134")) == dt.date(2020, 1, 1)
    with pytest.raises(SealFormatError):
        decode_date((13312020).to_bytes(3, "big"))


@pytest.mark.parametrize("length", [0, 1, 127, 128, 255, 256, 65535])
def test_der_lengths_round_trip(length: int) -> None:
    encoded = encode_length(length)
    assert len(encoded) == (1 if length < 128 else 1 + (length.bit_length() + 7) // 8)
    assert decode_length(encoded, 0) == (length, len(encoded))


def test_long_feature_uses_a_multi_byte_der_length() -> None:
    header = SealHeader("UTO", "UTTS", "5B", TODAY, TODAY, 0x5E, 0x03)
    seal = VisibleDigitalSeal(header, (Feature(7, b"x" * 300),), b"s" * 64)
    decoded = decode_seal(seal.encode())
    assert decoded.feature(7) == b"x" * 300
    assert decoded.signature == b"s" * 64


# --- vectors ---------------------------------------------------------------------------------


def test_etd_vector_decodes(shared_testdata) -> None:
    vector = _vectors(shared_testdata)["emergency_travel_document"]
    expect = vector["expect"]
    seal = decode_seal(bytes.fromhex(vector["hex"]))
    header = seal.header
    assert header.version == 4
    assert header.issuing_country == expect["issuing_country"]
    assert header.signer_identifier == expect["signer_identifier"]
    assert header.certificate_reference == expect["certificate_reference"]
    assert header.issue_date.isoformat() == expect["issue_date"]
    assert header.signature_date.isoformat() == expect["signature_date"]
    assert header.feature_definition_reference == int(expect["feature_definition_reference"], 16)
    assert header.document_type_category == int(expect["document_type_category"], 16)
    value = seal.feature(0x02)
    assert value is not None and len(value) == expect["features"]["02"]["length"]
    assert list(decode_td2(value)) == expect["features"]["02"]["mrz_td2"]
    assert seal.signature is not None and len(seal.signature) == expect["signature_length"]
    # re-encoding the decoded header and features gives back the signed bytes exactly
    rebuilt = VisibleDigitalSeal(seal.header, seal.features, seal.signature)
    assert rebuilt.encode() == bytes.fromhex(vector["hex"])


def test_visa_vector_decodes(shared_testdata) -> None:
    vector = _vectors(shared_testdata)["visa_224bit_signature"]
    seal = decode_seal(bytes.fromhex(vector["hex"]))
    assert seal.header.feature_definition_reference == 0x5D
    assert seal.header.document_type_category == 0x01
    assert seal.signature is not None and len(seal.signature) == 56
    assert [f.tag for f in seal.features] == [2, 4, 5]


def test_etd_vector_is_reported_unknown_signer_not_crashed(shared_testdata, pki) -> None:
    certs, _ = pki
    vector = _vectors(shared_testdata)["emergency_travel_document"]
    lines = vector["expect"]["features"]["02"]["mrz_td2"]
    result = verify_etd_seal(
        bytes.fromhex(vector["hex"]), printed_mrz=lines, certificates=certs, today=TODAY
    )
    assert result.findings == (Finding.UNKNOWN_SIGNER,)
    assert result.verdict is Verdict.INVALID


@pytest.mark.parametrize("cut", [1, 5, 12, 20, 60])
def test_truncated_seal_is_malformed(shared_testdata, pki, cut: int) -> None:
    certs, _ = pki
    raw = bytes.fromhex(_vectors(shared_testdata)["emergency_travel_document"]["hex"])
    with pytest.raises(SealFormatError):
        decode_seal(raw[:cut])
    assert verify_etd_seal(raw[:cut], printed_mrz=None, certificates=certs).findings == (
        Finding.MALFORMED_SEAL,
    )


# --- signing and verification ----------------------------------------------------------------


@pytest.mark.parametrize("curve", ["P-256", "brainpoolP256r1"])
def test_signed_seal_verifies_with_raw_64_byte_signature(curve: str) -> None:
    root = create_root("HQ", "UT", now=NOW - dt.timedelta(days=5))
    signer = create_signer(root, "UTTS", mission="M", curve=curve, now=NOW)
    certs = CertificateList((root.certificate,), (signer.certificate,))
    seal = seal_etd(_mrz(), signer, issue_date=TODAY, signature_date=TODAY)
    decoded = decode_seal(seal)
    assert decoded.signature is not None and len(decoded.signature) == 64
    assert decoded.header.signer_identifier == "UTTS"
    assert decoded.header.certificate_reference == signer.certificate_reference
    assert len(decoded.feature(0x02) or b"") == 48
    result = verify_etd_seal(seal, printed_mrz=_mrz(), certificates=certs, today=TODAY)
    assert result.verdict is Verdict.VALID, result.findings
    assert "sealed_mrz" not in result.as_dict()


def test_one_changed_byte_anywhere_in_the_seal_is_rejected(pki) -> None:
    certs, signer = pki
    seal = seal_etd(_mrz(), signer, issue_date=TODAY, signature_date=TODAY)
    for index in range(len(seal)):
        altered = bytearray(seal)
        altered[index] ^= 0x01
        result = verify_etd_seal(
            bytes(altered), printed_mrz=_mrz(), certificates=certs, today=TODAY
        )
        assert result.verdict is not Verdict.VALID, f"byte {index} changed went unnoticed"


def test_appendix_a_results(pki) -> None:
    certs, signer = pki
    good = _mrz()
    seal = seal_etd(good, signer, issue_date=TODAY, signature_date=TODAY)
    # printed MRZ with a broken check digit beside a genuine seal: a misread as likely as an
    # alteration, so UNCERTAIN (compare by eye), never INVALID
    broken = (good[0], good[1][:9] + str((int(good[1][9]) + 1) % 10) + good[1][10:])
    result = verify_etd_seal(seal, printed_mrz=broken, certificates=certs, today=TODAY)
    assert result.findings == (Finding.PRINTED_MRZ_UNCERTAIN,)
    assert result.verdict is Verdict.UNCERTAIN and "by eye" in result.advice
    # another valid document: printed MRZ valid but not the sealed one
    other = _mrz("E7654321")
    result = verify_etd_seal(seal, printed_mrz=other, certificates=certs, today=TODAY)
    assert result.findings == (Finding.SEAL_DOCUMENT_MISMATCH,)
    assert result.verdict is Verdict.INVALID and "Do not accept" in result.advice
    # ... unless the reader was not sure of what it read
    result = verify_etd_seal(
        seal, printed_mrz=other, certificates=certs, today=TODAY, printed_sure=False
    )
    assert result.verdict is Verdict.UNCERTAIN
    # not read at all: scan again
    result = verify_etd_seal(seal, printed_mrz=None, certificates=certs, today=TODAY)
    assert result.verdict is Verdict.UNREADABLE and "Scan the page again" in result.advice
    # a doubtful reading never hides a bad seal
    damaged = seal[:-1] + bytes([seal[-1] ^ 1])
    result = verify_etd_seal(damaged, printed_mrz=broken, certificates=certs, today=TODAY)
    assert result.verdict is Verdict.INVALID
    # a seal holding an MRZ with a bad check digit (signed anyway by a forger with the key)
    header = decode_seal(seal).header
    from laissez.documents.seal import encode_td2, sign_raw

    forged = VisibleDigitalSeal(header, (Feature(0x02, encode_td2(broken)),))
    forged = VisibleDigitalSeal(header, forged.features, sign_raw(signer.key, forged.signed_data()))
    result = verify_etd_seal(forged.encode(), printed_mrz=broken, certificates=certs, today=TODAY)
    assert Finding.INVALID_SEAL_MRZ in result.findings
    assert Finding.BAD_SIGNATURE not in result.findings


def test_unknown_untrusted_expired_and_revoked(pki) -> None:
    certs, signer = pki
    seal = seal_etd(_mrz(), signer, issue_date=TODAY, signature_date=TODAY)
    empty = CertificateList(certs.roots, ())
    assert verify_etd_seal(seal, printed_mrz=_mrz(), certificates=empty).findings == (
        Finding.UNKNOWN_SIGNER,
    )
    other_root = create_root("Other", "UT", now=NOW)
    untrusted = CertificateList((other_root.certificate,), certs.signers)
    result = verify_etd_seal(seal, printed_mrz=_mrz(), certificates=untrusted, today=TODAY)
    assert result.findings == (Finding.UNTRUSTED_SIGNER,)
    late = TODAY + dt.timedelta(days=600)
    result = verify_etd_seal(seal, printed_mrz=_mrz(), certificates=certs, today=late)
    assert Finding.EXPIRED_CERTIFICATE in result.findings
    revoked = RevocationList().revoke("UTO", "E1234567")
    result = verify_etd_seal(
        seal, printed_mrz=_mrz(), certificates=certs, revocations=revoked, today=TODAY
    )
    assert result.findings == (Finding.REVOKED_DOCUMENT,)
    assert "E1234567" not in revoked.to_json()
    assert RevocationList.from_json(revoked.to_json()) == revoked


def test_signature_date_outside_key_usage_period_is_flagged(pki) -> None:
    certs, signer = pki
    after = TODAY + dt.timedelta(days=500)
    seal = seal_etd(_mrz(), signer, issue_date=TODAY, signature_date=after)
    result = verify_etd_seal(seal, printed_mrz=_mrz(), certificates=certs, today=TODAY)
    assert Finding.SIGNED_OUTSIDE_KEY_PERIOD in result.findings


def test_sealing_refuses_an_invalid_mrz(pki) -> None:
    _, signer = pki
    good = _mrz()
    with pytest.raises(SealEncodeError) as info:
        seal_etd((good[0], good[1][:-1] + "0"), signer, issue_date=TODAY)
    assert good[1] not in str(info.value)


def test_certificate_list_and_signer_key_serialise(pki) -> None:
    certs, signer = pki
    again = CertificateList.from_json(certs.to_json())
    assert again.find("UTTS", signer.certificate_reference).trusted
    pem = signer.private_key_pem(b"correct horse")
    assert b"ENCRYPTED" in pem
    loaded = SignerKey.load(pem, b"correct horse", signer.certificate_pem())
    seal = seal_etd(_mrz(), loaded, issue_date=TODAY, signature_date=TODAY)
    assert verify_etd_seal(seal, printed_mrz=_mrz(), certificates=certs, today=TODAY).valid
    with pytest.raises(SealKeyError):
        SignerKey.load(pem, b"wrong", signer.certificate_pem())
    with pytest.raises(SealKeyError):
        CertificateList.from_json("{}")
