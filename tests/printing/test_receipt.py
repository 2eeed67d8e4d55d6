"""Receipts in the person's language: fonts, shaping, right-to-left layout, required content."""

from __future__ import annotations

import dataclasses

import numpy as np
import pypdfium2 as pdfium
import pytest

from laissez.printing import typefaces
from laissez.printing.errors import DocumentDataError, FontMissingError
from laissez.printing.receipt import render_receipt
from laissez.printing.script import fix_rtl_punctuation, markup
from laissez.printing.specimen import SPECIMEN_LANGUAGES, specimen_receipt

FONT_IN_PDF = {
    "en": b"NotoSans",
    "ar": b"NotoNaskhArabic",
    "ur": b"NotoNastaliqUrdu",
    "bn": b"NotoSansBengali",
}


@pytest.fixture(scope="module")
def receipts() -> dict[str, bytes]:
    return {language: render_receipt(specimen_receipt(language)) for language in SPECIMEN_LANGUAGES}


def _page(pdf: bytes, dpi: int = 100):
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 1
        text = document[0].get_textpage().get_text_range()
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    return text, image


@pytest.mark.parametrize("language", SPECIMEN_LANGUAGES)
def test_receipt_uses_the_languages_font_and_keeps_dates_and_reference(receipts, language) -> None:
    pdf = receipts[language]
    assert FONT_IN_PDF[language] in pdf
    text, _ = _page(pdf)
    # (text extraction orders runs by reading direction; the page shows "2026-11-20 10:30")
    assert "2026-11-20" in text and "10:30" in text
    assert "R-7QX4-2KD9" in text
    assert "Embassy of Utopia, Lisbon" in text


@pytest.mark.parametrize("language", ["ar", "ur", "bn"])
def test_complex_scripts_are_shaped(receipts, language) -> None:
    # Shaped ligatures and conjuncts are glyphs with no single character; reportlab maps them
    # to private-use code points. Unshaped text would have none.
    text, _ = _page(receipts[language])
    assert any("\ue000" <= char <= "\uf8ff" for char in text)


def _title_ink(image) -> tuple[float, float]:
    ink = np.asarray(image) < 128
    rows = np.flatnonzero(ink.any(axis=1))
    top = rows[0]
    band = ink[top : top + 25]
    cols = np.flatnonzero(band.any(axis=0))
    to_mm = 25.4 / 100
    return cols[0] * to_mm, cols[-1] * to_mm


@pytest.mark.parametrize(("language", "rtl"), [("en", False), ("ar", True), ("ur", True)])
def test_right_to_left_languages_are_right_aligned(receipts, language, rtl) -> None:
    _, image = _page(receipts[language])
    left, right = _title_ink(image)
    if rtl:
        assert right == pytest.approx(192, abs=3)
        assert left > 30
    else:
        assert left == pytest.approx(18, abs=3)


def test_rtl_punctuation_moves_to_the_reading_end_of_arabic_words_only() -> None:
    assert fix_rtl_punctuation("هل توافق؟") == "هل ؟توافق"
    assert fix_rtl_punctuation("إيصال: نص") == ":إيصال نص"
    assert fix_rtl_punctuation("Lisbon, today.") == "Lisbon, today."


def test_markup_escapes_text() -> None:
    assert markup("a <b> & c", typefaces.SANS) == "a &lt;b&gt; &amp; c"


def test_latin_inside_arabic_keeps_its_order() -> None:
    receipt = dataclasses.replace(
        specimen_receipt("ar"), advisal_text="يمكنك الاتصال بمفوضية UNHCR في لشبونة."
    )
    text, _ = _page(render_receipt(receipt))
    assert "UNHCR" in text


@pytest.mark.parametrize("change", [{"decisions": ()}, {"advisal_text": "  "}])
def test_receipt_without_advisal_or_decisions_is_refused(change) -> None:
    with pytest.raises(DocumentDataError):
        render_receipt(dataclasses.replace(specimen_receipt("en"), **change))


def test_missing_font_names_the_package(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(typefaces, "SYSTEM_FONT_DIRS", (tmp_path,))
    with pytest.raises(FontMissingError) as info:
        typefaces._find("NotoSansBengali-Regular.ttf", False)
    assert "fonts-noto-core" in info.value.message
