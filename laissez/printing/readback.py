"""Read a printed ETD back: rasterise, find the seal and the printed MRZ, verify the seal.

The readers are the project's own (``laissez.documents.ocr.read_mrz`` and
``laissez.documents.barcodes.read_barcodes``) when installed; otherwise zxing-cpp reads the
DataMatrix and passporteye (tesseract's legacy engine, which reads OCR-B ``<`` right) reads the
MRZ, first in the band at the foot of the page where this layout prints it, then anywhere.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import logging
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from laissez.documents.seal import (
    CertificateList,
    Finding,
    RevocationList,
    SealVerification,
    verify_etd_seal,
)
from laissez.documents.seal.vds import MAGIC
from laissez.printing.errors import ReadBackError

logger = logging.getLogger(__name__)

DPI = 300
#: height of the band at the foot of the page searched first for the MRZ (mm)
MRZ_BAND_MM = 45


@dataclass(frozen=True)
class PageReading:
    """What was read from one page: printed MRZ lines (or None), seal payloads, reader names."""

    mrz_lines: tuple[str, ...] | None
    seals: tuple[bytes, ...]
    mrz_reader: str
    barcode_reader: str


def load_pages(data: bytes, *, dpi: int = DPI) -> list[Image.Image]:
    """The pages of a PDF rendered at ``dpi`` (greyscale), or the single image in ``data``.

    Raises:
        ReadBackError: neither a PDF nor an image.
    """
    if data[:5] == b"%PDF-":
        import pypdfium2 as pdfium

        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            raise ReadBackError("the file is a damaged PDF") from None
        try:
            return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
        finally:
            document.close()
    try:
        with Image.open(io.BytesIO(data)) as image:
            return [image.convert("L")]
    except (UnidentifiedImageError, OSError):
        raise ReadBackError("the file is neither a PDF nor an image") from None


def _optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def read_seals(image: Image.Image) -> tuple[tuple[bytes, ...], str]:
    """Seal payloads (2D barcodes whose data starts with 0xDC) and the reader used."""
    barcodes = _optional("laissez.documents.barcodes")
    if barcodes is not None:
        found = [bytes(b.data) for b in barcodes.read_barcodes(image)]
        reader = "laissez.documents.barcodes"
    else:
        import zxingcpp

        # any 2D symbology may carry a seal (Part 13 §2.1); the 0xDC magic picks seals out
        found = [bytes(r.bytes) for r in zxingcpp.read_barcodes(image)]
        reader = "zxing-cpp"
    return tuple(d for d in found if d[:1] == bytes((MAGIC,))), reader


def _passporteye(image: Image.Image) -> tuple[str, ...] | None:
    from passporteye import read_mrz
    from passporteye.mrz.text import MRZOCRCleaner

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    params = f"--tessdata-dir {sys.prefix}/share/tessdata --oem 0"
    with warnings.catch_warnings():
        # passporteye 2.2 uses scikit-image APIs deprecated in 0.25; nothing for a user to do
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        mrz = read_mrz(buffer, extra_cmdline_params=params)
    if mrz is None or not mrz.aux.get("raw_text"):
        return None
    lines = tuple(MRZOCRCleaner.apply(mrz.aux["raw_text"]))
    return lines or None


def _project_reader(ocr: Any) -> Callable[[Image.Image], tuple[str, ...] | None]:
    def read(image: Image.Image) -> tuple[str, ...] | None:
        reading = ocr.read_mrz(image)
        lines = tuple(getattr(reading, "lines", ()) or ())
        return lines or None

    return read


def read_printed_mrz(image: Image.Image, *, dpi: int = DPI) -> tuple[tuple[str, ...] | None, str]:
    """The printed MRZ lines (None when none was read) and the reader used."""
    ocr = _optional("laissez.documents.ocr")
    if ocr is not None:
        reader, name = _project_reader(ocr), "laissez.documents.ocr"
    else:
        reader, name = _passporteye, "passporteye"
    band = int(MRZ_BAND_MM / 25.4 * dpi)
    if image.height > 2 * band:
        lines = reader(image.crop((0, image.height - band, image.width, image.height)))
        if lines:
            return lines, name
    return reader(image), name


def read_page(image: Image.Image, *, dpi: int = DPI) -> PageReading:
    """Read the seal(s) and the printed MRZ of one page image."""
    seals, barcode_reader = read_seals(image)
    lines, mrz_reader = read_printed_mrz(image, dpi=dpi)
    return PageReading(lines, seals, mrz_reader, barcode_reader)


@dataclass(frozen=True)
class DocumentCheck:
    """The verification of a printed document and how it was read."""

    verification: SealVerification
    reading: PageReading | None

    def as_dict(self, *, include_data: bool = False) -> dict[str, object]:
        """JSON-ready verdict (no personal data unless ``include_data``)."""
        out = self.verification.as_dict(include_data=include_data)
        if self.reading is not None:
            out["readers"] = {
                "mrz": self.reading.mrz_reader,
                "barcode": self.reading.barcode_reader,
            }
            out["printed_mrz_read"] = self.reading.mrz_lines is not None
            if include_data and self.reading.mrz_lines is not None:
                out["printed_mrz"] = list(self.reading.mrz_lines)
        return out


def verify_document(
    data: bytes,
    *,
    certificates: CertificateList,
    revocations: RevocationList | None = None,
    today: dt.date | None = None,
    dpi: int = DPI,
) -> DocumentCheck:
    """Verify a printed ETD given as PDF or image bytes (first page holding a seal).

    Raises:
        ReadBackError: the bytes are neither a PDF nor an image.
    """
    reading: PageReading | None = None
    for number, image in enumerate(load_pages(data, dpi=dpi)):
        seals, barcode_reader = read_seals(image)
        if not seals:
            continue
        lines, mrz_reader = read_printed_mrz(image, dpi=dpi)
        reading = PageReading(lines, seals, mrz_reader, barcode_reader)
        logger.info("seal found on page %d; printed MRZ read: %s", number + 1, lines is not None)
        result = verify_etd_seal(
            seals[0],
            printed_mrz=lines,
            certificates=certificates,
            revocations=revocations,
            today=today,
        )
        return DocumentCheck(result, reading)
    return DocumentCheck(SealVerification((Finding.SEAL_NOT_FOUND,)), reading)
