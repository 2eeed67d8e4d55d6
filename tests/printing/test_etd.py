"""The ETD page: fields, title, validity, MRZ geometry, seal size, photo, internal data kept off."""

from __future__ import annotations

import dataclasses

import pypdfium2 as pdfium
import pytest
import zxingcpp

from laissez.documents.mrz import MrzFormat, parse
from laissez.printing import layout
from laissez.printing.errors import DocumentDataError
from laissez.printing.etd import render_etd
from laissez.printing.specimen import SPECIMEN_DAY, specimen_etd

MM = 72 / 25.4


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


def test_page_carries_every_printed_field(issued) -> None:
    text = _text(issued.pdf)
    for expected in (
        "EMERGENCY TRAVEL DOCUMENT",
        "REPUBLIC OF UTOPIA",
        "SINGLE JOURNEY",
        "UE0001234",  # document number from the allocated range
        "000001234",  # serial
        "AHMED",
        "SARA",
        "UTO",
        "17 APR 1990",
        "Port Utopia",
        "Scar on left hand",
        "24 DEC 2026",  # expiry
        "01 DEC 2026",  # travel date
        "Madrid (ESP) > Istanbul (TUR)",
        "Port Utopia (UTO)",
        "24 NOV 2026",
        "Lisbon",
        "Embassy of Utopia, Lisbon",
        "How to verify",
        "signer UTTS",
    ):
        assert expected in text, expected
    assert "سارة" in text or "أحمد" in text  # the name in its original script


def test_internal_references_are_never_printed(issued) -> None:
    text = _text(issued.pdf)
    for secret in ("case-0001", "consent-0001", "OFF-9", "issued"):
        assert secret not in text


def test_mrz_is_a_valid_pu_td2_and_printed_in_ocr_b_at_ten_per_inch(issued) -> None:
    result = parse(list(issued.mrz_lines), today=SPECIMEN_DAY)
    assert result.valid and result.format is MrzFormat.TD2
    assert issued.mrz_lines[0].startswith("PUUTO")
    document = pdfium.PdfDocument(issued.pdf)
    textpage = document[0].get_textpage()
    full = textpage.get_text_range()
    for line in issued.mrz_lines:
        start = full.index(line)
        first = textpage.get_charbox(start)
        last = textpage.get_charbox(start + len(line) - 1)
        pitch_mm = (last[0] - first[0]) / (len(line) - 1) / MM
        assert pitch_mm == pytest.approx(2.54, abs=0.02)
    document.close()
    assert b"LaissezOCRB" in issued.pdf or b"OCRB" in issued.pdf


def test_seal_modules_are_at_least_0_34_mm_on_the_printed_page(issued, page) -> None:
    modules = layout.datamatrix_modules(issued.seal)
    assert layout.MODULE_MM >= 0.34
    found = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.DataMatrix)
    assert len(found) == 1 and found[0].bytes == issued.seal
    position = found[0].position
    width_px = abs(position.top_right.x - position.top_left.x)
    module_mm = width_px / modules.shape[1] * 25.4 / 300
    assert module_mm >= 0.34


def test_photo_is_printed(issued) -> None:
    document = pdfium.PdfDocument(issued.pdf)
    images = [o for o in document[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    document.close()
    assert len(images) == 1
    left, _bottom, right, _top = images[0].get_bounds()
    assert (right - left) / MM == pytest.approx(35, abs=1)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"photo": b""}, "photo"),
        ({"photo": b"not an image"}, "photo"),
        ({"remarks": "word " * 200}, "Remarks"),
    ],
)
def test_unusable_data_is_a_typed_error_naming_the_field(issued, change, field) -> None:
    data = dataclasses.replace(issued.data, **change)
    with pytest.raises(DocumentDataError) as info:
        render_etd(data)
    assert field in info.value.message


def test_render_needs_mrz_and_seal() -> None:
    with pytest.raises(DocumentDataError, match="issue_etd"):
        render_etd(specimen_etd())


def test_bad_mrz_data_names_the_field_not_the_value(pki) -> None:
    from laissez.printing.etd import issue_etd

    _, signer = pki
    with pytest.raises(DocumentDataError) as info:
        issue_etd(specimen_etd(document_number="UE#12345"), signer)
    assert "UE#12345" not in info.value.message
