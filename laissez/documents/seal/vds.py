"""Visible digital seals (ICAO Doc 9303 Part 13): header, message zone and signature zone.

A seal is ``header | message zone | 0xFF length signature``. The signature covers the header and
the whole message zone; :attr:`VisibleDigitalSeal.signed_bytes` keeps exactly the bytes read, so
verification never depends on re-encoding. Header versions 3 (byte ``0x02``) and 4 (``0x03``) are
read; version 4 is written (mandatory for ETDs).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from laissez.documents.seal.c40 import (
    c40_decode,
    c40_encode,
    c40_length,
    decode_date,
    decode_length,
    encode_date,
    encode_length,
)
from laissez.documents.seal.errors import SealEncodeError, SealFormatError

MAGIC = 0xDC
VERSION_3 = 0x02
VERSION_4 = 0x03
SIGNATURE_TAG = 0xFF

_SIGNER = re.compile(r"[A-Z]{2}[A-Z0-9]{2}")
_REFERENCE = re.compile(r"[0-9A-F]{1,255}")


@dataclass(frozen=True)
class SealHeader:
    """The seal header (Part 13 §2.2).

    ``signer_identifier`` is the 2-letter country and 2 alphanumerics (``UTTS``);
    ``certificate_reference`` is hex text (``5B``), the signer certificate's serial number in
    this project. ``version`` is the header version (3 or 4), not the version byte.
    """

    issuing_country: str
    signer_identifier: str
    certificate_reference: str
    issue_date: dt.date
    signature_date: dt.date
    feature_definition_reference: int
    document_type_category: int
    version: int = 4

    def encode(self) -> bytes:
        """The header bytes.

        Raises:
            SealEncodeError: a field that does not fit (signer format, reference, ranges).
        """
        if not _SIGNER.fullmatch(self.signer_identifier):
            raise SealEncodeError("signer_identifier must be 2 letters and 2 letters or digits")
        if not _REFERENCE.fullmatch(self.certificate_reference):
            raise SealEncodeError("certificate_reference must be 1-255 upper-case hex digits")
        if not re.fullmatch(r"[A-Z<]{1,3}", self.issuing_country):
            raise SealEncodeError("issuing_country must be 1-3 letters")
        if not (1 <= self.feature_definition_reference <= 254):
            raise SealEncodeError("feature_definition_reference must be 1-254")
        if not (1 <= self.document_type_category <= 254):
            raise SealEncodeError("document_type_category must be 1-254")
        if self.version == 4:
            signer = (
                self.signer_identifier
                + f"{len(self.certificate_reference):02X}"
                + self.certificate_reference
            )
            version_byte = VERSION_4
        elif self.version == 3:
            if len(self.certificate_reference) > 5:
                raise SealEncodeError("a version 3 certificate_reference has 5 hex digits")
            signer = self.signer_identifier + self.certificate_reference.rjust(5, "0")
            version_byte = VERSION_3
        else:
            raise SealEncodeError("version must be 3 or 4")
        return (
            bytes((MAGIC, version_byte))
            + c40_encode(self.issuing_country.ljust(3, "<"))
            + c40_encode(signer)
            + encode_date(self.issue_date)
            + encode_date(self.signature_date)
            + bytes((self.feature_definition_reference, self.document_type_category))
        )


@dataclass(frozen=True)
class Feature:
    """One message-zone feature: a tag (1-254) and its value bytes, as stored."""

    tag: int
    value: bytes

    def encode(self, version: int = 4) -> bytes:
        """``tag | length | value``; the length is DER-TLV (v4) or one byte (v3)."""
        if not (0 <= self.tag <= 254):
            raise SealEncodeError("a feature tag must be 0-254 (255 marks the signature)")
        if version == 3:
            if len(self.value) > 255:
                raise SealEncodeError("a version 3 feature holds at most 255 bytes")
            return bytes((self.tag, len(self.value))) + self.value
        return bytes((self.tag,)) + encode_length(len(self.value)) + self.value


@dataclass(frozen=True)
class VisibleDigitalSeal:
    """A decoded (or to-be-encoded) seal.

    ``signed_bytes`` is the header plus message zone exactly as read (empty for a seal built
    in memory; :meth:`signed_data` then encodes it). ``signature`` is raw r||s, or None.
    """

    header: SealHeader
    features: tuple[Feature, ...]
    signature: bytes | None = None
    signed_bytes: bytes = field(default=b"", repr=False)

    def feature(self, tag: int) -> bytes | None:
        """The value of the first feature with ``tag``, or None."""
        return next((f.value for f in self.features if f.tag == tag), None)

    def signed_data(self) -> bytes:
        """What the signature covers: the header and the complete message zone."""
        if self.signed_bytes:
            return self.signed_bytes
        return self.header.encode() + b"".join(f.encode(self.header.version) for f in self.features)

    def encode(self) -> bytes:
        """The whole seal; raises SealEncodeError when it carries no signature yet."""
        if self.signature is None:
            raise SealEncodeError("the seal has no signature yet")
        return (
            self.signed_data()
            + bytes((SIGNATURE_TAG,))
            + encode_length(len(self.signature))
            + self.signature
        )


def _decode_header(data: bytes) -> tuple[SealHeader, int]:
    if len(data) < 2 or data[0] != MAGIC:
        raise SealFormatError("the data does not start with the seal magic byte 0xDC")
    if data[1] not in (VERSION_3, VERSION_4):
        raise SealFormatError("unsupported seal header version")
    version = 3 if data[1] == VERSION_3 else 4
    offset = 2
    country = c40_decode(_take(data, offset, 2)).replace(" ", "<")
    offset += 2
    if version == 3:
        signer_text = c40_decode(_take(data, offset, 6))
        offset += 6
        signer, reference = signer_text[:4], signer_text[4:9]
    else:
        start = c40_decode(_take(data, offset, 4))
        if len(start) != 6:
            raise SealFormatError("the signer field of the header is malformed")
        signer = start[:4]
        try:
            ref_len = int(start[4:6], 16)
        except ValueError:
            raise SealFormatError("the certificate reference length is not hex") from None
        size = c40_length(6 + ref_len)
        signer_text = c40_decode(_take(data, offset, size))
        offset += size
        reference = signer_text[6 : 6 + ref_len]
        if len(reference) != ref_len:
            raise SealFormatError("the certificate reference is shorter than its length")
    issue = decode_date(_take(data, offset, 3))
    signed = decode_date(_take(data, offset + 3, 3))
    fdr, category = _take(data, offset + 6, 2)
    header = SealHeader(
        issuing_country=country.rstrip("<") or country,
        signer_identifier=signer,
        certificate_reference=reference,
        issue_date=issue,
        signature_date=signed,
        feature_definition_reference=fdr,
        document_type_category=category,
        version=version,
    )
    return header, offset + 8


def _take(data: bytes, offset: int, size: int) -> bytes:
    if offset + size > len(data):
        raise SealFormatError("the seal is truncated")
    return data[offset : offset + size]


def decode_seal(data: bytes) -> VisibleDigitalSeal:
    """Decode a seal's raw bytes (as read from its barcode).

    Padding after the signature is ignored; unknown feature tags are kept as they are.

    Raises:
        SealFormatError: naming the part that is malformed.
    """
    header, offset = _decode_header(bytes(data))
    features: list[Feature] = []
    signature: bytes | None = None
    signed_end = len(data)
    while offset < len(data):
        tag = data[offset]
        if tag == SIGNATURE_TAG:
            signed_end = offset
            length, start = decode_length(data, offset + 1)
            signature = _take(data, start, length)
            break
        if header.version == 3:
            length, start = _take(data, offset + 1, 1)[0], offset + 2
        else:
            length, start = decode_length(data, offset + 1)
        features.append(Feature(tag, _take(data, start, length)))
        offset = start + length
    return VisibleDigitalSeal(
        header=header,
        features=tuple(features),
        signature=signature,
        signed_bytes=bytes(data[:signed_end]),
    )
