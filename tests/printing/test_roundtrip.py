"""Round trip (issue 6 item 5): print, rasterise at 300 dpi, read back, verify; alterations fail."""

from __future__ import annotations

import dataclasses
import io

import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

from laissez.documents.seal import (
    Feature,
    Finding,
    Verdict,
    VisibleDigitalSeal,
    decode_seal,
    encode_td2,
    verify_etd_seal,
)
from laissez.printing import readback
from laissez.printing.etd import render_etd
from laissez.printing.layout import MARGIN
from laissez.printing.specimen import SPECIMEN_DAY

pytestmark = pytest.mark.slow


def _band(page):
    height = int(readback.MRZ_BAND_MM / 25.4 * 300)
    return page.crop((0, page.height - height, page.width, page.height))


def _rename(lines: tuple[str, ...]) -> tuple[str, ...]:
    # One character of the name: no check digit covers it, only the seal does.
    first = lines[0].replace("SARA", "SARO", 1)
    assert first != lines[0]
    return (first, lines[1])


def test_printed_page_reads_back_exactly_with_zxing_and_passporteye(issued, page, pki) -> None:
    certificates, _ = pki
    found = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.DataMatrix)
    assert [bytes(b.bytes) for b in found] == [issued.seal]
    printed = readback._passporteye(_band(page))
    assert printed == issued.mrz_lines  # exact match, character for character
    result = verify_etd_seal(
        found[0].bytes, printed_mrz=printed, certificates=certificates, today=SPECIMEN_DAY
    )
    assert result.verdict is Verdict.VALID, result.findings
    assert result.sealed_mrz == printed


def test_verify_document_accepts_the_genuine_pdf(issued, pki) -> None:
    certificates, _ = pki
    check = readback.verify_document(issued.pdf, certificates=certificates, today=SPECIMEN_DAY)
    assert check.verification.verdict is Verdict.VALID, check.verification.findings
    assert check.reading is not None and check.reading.mrz_lines == issued.mrz_lines


def test_printed_mrz_altered_in_one_character_is_rejected(issued, pki) -> None:
    certificates, _ = pki
    forged = render_etd(dataclasses.replace(issued.data, mrz_lines=_rename(issued.mrz_lines)))
    check = readback.verify_document(forged, certificates=certificates, today=SPECIMEN_DAY)
    assert check.verification.verdict is Verdict.INVALID
    assert Finding.SEAL_DOCUMENT_MISMATCH in check.verification.findings
    assert check.reading is not None and check.reading.mrz_sure  # read cleanly: truly differs
    assert check.verification.advice.startswith("Do not accept this document")


def test_seal_altered_in_one_character_is_rejected(issued, pki) -> None:
    certificates, _ = pki
    original = decode_seal(issued.seal)
    lines = _rename(issued.mrz_lines)
    tampered = VisibleDigitalSeal(
        original.header, (Feature(0x02, encode_td2(lines)),), original.signature
    ).encode()
    assert len(tampered) == len(issued.seal)
    assert sum(a != b for a, b in zip(tampered, issued.seal, strict=True)) <= 2
    forged = render_etd(dataclasses.replace(issued.data, mrz_lines=lines, seal=tampered))
    check = readback.verify_document(forged, certificates=certificates, today=SPECIMEN_DAY)
    assert check.verification.verdict is Verdict.INVALID
    assert Finding.BAD_SIGNATURE in check.verification.findings


def test_project_readers_read_the_printed_page(issued, page, pki) -> None:
    ocr = pytest.importorskip("laissez.documents.ocr")
    barcodes = pytest.importorskip("laissez.documents.barcodes")
    certificates, _ = pki
    assert tuple(ocr.read_mrz(page).lines) == issued.mrz_lines
    assert issued.seal in [bytes(b.data) for b in barcodes.read_barcodes(page)]
    check = readback.verify_document(issued.pdf, certificates=certificates, today=SPECIMEN_DAY)
    assert check.reading is not None
    assert check.reading.mrz_reader == "laissez.documents.ocr"
    assert check.reading.barcode_reader == "laissez.documents.barcodes"
    assert check.verification.verdict is Verdict.VALID, check.verification.findings


def _px(mm: float) -> int:
    return round(mm / 25.4 * 300)


def _png(image: Image.Image, *, jpeg: int | None = None) -> bytes:
    out = io.BytesIO()
    if jpeg:
        image.save(out, format="JPEG", quality=jpeg)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def test_a_skewed_blurred_photo_of_a_genuine_etd_is_never_called_invalid(page, pki) -> None:
    """A page photographed askew, soft and JPEG-compressed: VALID or UNCERTAIN (compare by
    eye), never INVALID."""
    certificates, _ = pki
    skewed = page.rotate(3.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    photo = _png(skewed.filter(ImageFilter.GaussianBlur(1.5)), jpeg=35)
    check = readback.verify_document(photo, certificates=certificates, today=SPECIMEN_DAY)
    assert check.verification.verdict in (Verdict.VALID, Verdict.UNCERTAIN), check.as_dict()


def test_a_letter_the_reader_dropped_from_the_name_is_doubt_not_a_forgery(page, pki) -> None:
    """A sure reading with one letter of the name missing (the line filled out with fillers:
    what a reader gave for a rubbed-out letter, SAA for SARA) beside a genuine seal: UNCERTAIN
    with the advice to compare by eye; the same reading with the letter read as another (R as
    B: no reader dropped anything) stays INVALID."""
    certificates, _ = pki
    reading = readback.read_printed(_png(page))
    assert reading is not None and reading.mrz_lines is not None
    first, second = reading.mrz_lines
    at = first.index("SARA") + 2
    dropped = (first[:at] + first[at + 1 :] + "<", second)
    check = readback.verify_reading(
        dataclasses.replace(reading, mrz_lines=dropped, mrz_sure=True),
        certificates=certificates,
        today=SPECIMEN_DAY,
    )
    assert check.verification.verdict is Verdict.UNCERTAIN, check.as_dict()
    assert check.verification.findings == (Finding.PRINTED_MRZ_UNCERTAIN,)
    assert "Compare the printed data by eye" in check.verification.advice
    replaced = (first[:at] + "B" + first[at + 1 :], second)
    check = readback.verify_reading(
        dataclasses.replace(reading, mrz_lines=replaced, mrz_sure=True),
        certificates=certificates,
        today=SPECIMEN_DAY,
    )
    assert check.verification.verdict is Verdict.INVALID


def test_a_page_whose_mrz_cannot_be_read_is_unreadable(page, pki) -> None:
    certificates, _ = pki
    blank = page.copy()
    ImageDraw.Draw(blank).rectangle(
        (0, page.height - _px(MARGIN + 32), page.width, page.height), fill=255
    )
    check = readback.verify_document(_png(blank), certificates=certificates, today=SPECIMEN_DAY)
    result = check.verification
    assert check.reading is not None and check.reading.seals  # the seal itself was read
    assert result.findings == (Finding.PRINTED_MRZ_NOT_READ,), check.as_dict()
    assert result.verdict is Verdict.UNREADABLE
    assert "Scan the page again flat, in good light" in result.advice
