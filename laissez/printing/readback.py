"""Read a printed ETD back: rasterise, find the seal and the printed MRZ, verify the seal.

The readers are the project's own (``laissez.documents.ocr.read_mrz`` and
``laissez.documents.barcodes.read_barcodes``) when installed; otherwise zxing-cpp reads the
DataMatrix and passporteye (tesseract's legacy engine, which reads OCR-B ``<`` right) reads the
MRZ, first in the band at the foot of the page where this layout prints it, then anywhere.

The reader says how sure it is (``PageReading.mrz_sure``): a printed MRZ read with doubt that
differs from the sealed one makes the verdict UNCERTAIN, never INVALID (see
:func:`laissez.documents.seal.verify_etd_seal`). So does one or two letters dropped or doubled
where no check digit protects them (a letter of the name rubbed out), even from a sure reader.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import io
import logging
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from laissez.documents import sandbox
from laissez.documents.seal import (
    TAG_MRZ_TD2,
    CertificateList,
    Finding,
    RevocationList,
    SealError,
    SealVerification,
    decode_seal,
    decode_td2,
    verify_etd_seal,
)
from laissez.documents.seal.vds import MAGIC
from laissez.printing.errors import ReadBackError

logger = logging.getLogger(__name__)

DPI = 300
sandbox.preload(__name__)
#: height of the band at the foot of the page searched first for the MRZ (mm)
MRZ_BAND_MM = 45


@dataclass(frozen=True)
class PageReading:
    """What was read from one page: printed MRZ lines (or None), seal payloads, reader names,
    and whether the MRZ reader was sure of its reading (None when it cannot say)."""

    mrz_lines: tuple[str, ...] | None
    seals: tuple[bytes, ...]
    mrz_reader: str
    barcode_reader: str
    mrz_sure: bool | None = None


def load_pages(data: bytes, *, dpi: int = DPI) -> list[Image.Image]:
    """The pages of a PDF rendered at ``dpi`` (greyscale), or the single image in ``data``.
    No cap on pages or pixels: trusted input only; untrusted bytes go through
    :func:`read_printed`, which checks them first (``sandbox.check_document``).

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
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
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


#: a reader: the MRZ lines (None when none was read) and whether it is sure of them (None when
#: it cannot say)
Reader = Callable[[Image.Image], tuple[tuple[str, ...] | None, bool | None]]


def _passporteye_reader(image: Image.Image) -> tuple[tuple[str, ...] | None, bool | None]:
    return _passporteye(image), None


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


def _project_reader(ocr: Any, engine: str | None = None) -> Reader:
    def read(image: Image.Image) -> tuple[tuple[str, ...] | None, bool | None]:
        reading = ocr.read_mrz(image, engine=engine)
        lines = tuple(getattr(reading, "lines", ()) or ())
        # valid: every check digit passes and no field is uncertain (low confidence, two
        # engines disagreeing, two equally good readings)
        return (lines or None), bool(lines) and bool(reading.valid) and not reading.uncertain

    return read


def read_printed_mrz(
    image: Image.Image, *, dpi: int = DPI
) -> tuple[tuple[str, ...] | None, str, bool | None]:
    """The printed MRZ lines (None when none was read), the reader used, and whether the
    reader is sure of them (None when it cannot say).

    The band at the foot of the page is read first, the whole page when the band gives
    nothing. The project's reader reads the whole page with PP-OCR alone when its models are
    installed: tesseract's search of a whole page that holds no MRZ (rubbed out, cut off) takes
    longer than the read-back's processor allowance, and the answer would then be an error
    instead of UNREADABLE.
    """
    ocr = _optional("laissez.documents.ocr")
    reader: Reader
    whole: Reader
    if ocr is not None:
        reader, name = _project_reader(ocr), "laissez.documents.ocr"
        onnx = _optional("laissez.documents.ocr.onnx")
        whole = _project_reader(ocr, "onnx") if onnx and onnx.available() else reader
    else:
        reader = whole = _passporteye_reader
        name = "passporteye"
    band = int(MRZ_BAND_MM / 25.4 * dpi)
    if image.height > 2 * band:
        lines, sure = reader(image.crop((0, image.height - band, image.width, image.height)))
        if lines:
            return lines, name, sure
        lines, sure = whole(image)
    else:
        lines, sure = reader(image)
    return lines, name, sure


def read_page(image: Image.Image, *, dpi: int = DPI) -> PageReading:
    """Read the seal(s) and the printed MRZ of one page image."""
    seals, barcode_reader = read_seals(image)
    lines, mrz_reader, sure = read_printed_mrz(image, dpi=dpi)
    return PageReading(lines, seals, mrz_reader, barcode_reader, sure)


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
            out["printed_mrz_sure"] = self.reading.mrz_sure
            if include_data and self.reading.mrz_lines is not None:
                out["printed_mrz"] = list(self.reading.mrz_lines)
        return out


def read_document(data: bytes, *, dpi: int = DPI) -> PageReading | None:
    """The reading of the first page of ``data`` (PDF or image bytes) that holds a seal, or
    None when no page does. Runs the rasteriser and the readers in this process: for trusted
    bytes only (use :func:`read_printed` for a file someone handed over)."""
    for number, image in enumerate(load_pages(data, dpi=dpi)):
        seals, barcode_reader = read_seals(image)
        if not seals:
            continue
        lines, mrz_reader, sure = read_printed_mrz(image, dpi=dpi)
        logger.info(
            "seal found on page %d; printed MRZ read: %s, sure: %s",
            number + 1,
            lines is not None,
            sure,
        )
        return PageReading(lines, seals, mrz_reader, barcode_reader, sure)
    return None


def _read_document_child(data: bytes, dpi: int, limits: sandbox.Limits) -> PageReading | None:
    sandbox.check_document(data, limits, dpi=dpi)
    return read_document(data, dpi=dpi)


def read_printed(
    source: bytes | str | os.PathLike[str],
    *,
    dpi: int = DPI,
    limits: sandbox.Limits = sandbox.DEFAULT_LIMITS,
) -> PageReading | None:
    """:func:`read_document` on an untrusted file or buffer, in the sandbox's child process
    (:mod:`laissez.documents.sandbox`): pages, pixels, bytes, memory and time are capped.

    Raises:
        ImageError: the file is not a regular file, empty, too large, has too many pages,
            is damaged, or needed more memory or time than a document can (each typed).
        ReadBackError: neither a PDF nor an image.
    """
    data = sandbox.load_untrusted(source, limits)
    return sandbox.run_boxed(_read_document_child, data, dpi, limits, limits=limits)


def verify_reading(
    reading: PageReading | None,
    *,
    certificates: CertificateList,
    revocations: RevocationList | None = None,
    today: dt.date | None = None,
) -> DocumentCheck:
    """The verdict on what :func:`read_printed` read (no seal found when ``reading`` is None)."""
    if reading is None:
        return DocumentCheck(SealVerification((Finding.SEAL_NOT_FOUND,)), None)
    seal = reading.seals[0]
    sure = reading.mrz_sure is not False
    if sure and reading.mrz_lines is not None:
        sure = not _dropped_or_doubled(reading.mrz_lines, _sealed_mrz(seal))
    result = verify_etd_seal(
        seal,
        printed_mrz=reading.mrz_lines,
        certificates=certificates,
        revocations=revocations,
        today=today,
        printed_sure=sure,
    )
    return DocumentCheck(result, reading)


#: TD2 positions (line, 0-based column) no check digit covers: the document code, issuing
#: State and name (line 1), the nationality and sex (line 2). OCR misreads there go unnoticed.
_UNPROTECTED = frozenset({(0, col) for col in range(36)} | {(1, col) for col in (10, 11, 12, 20)})
#: the most characters a sure reading may drop or double and still be called a misread
_MAX_MISREADS = 2


def _sealed_mrz(seal: bytes) -> tuple[str, str] | None:
    try:
        value = decode_seal(seal).feature(TAG_MRZ_TD2)
        return decode_td2(value) if value else None
    except SealError:
        return None


def _dropped_or_doubled(printed: tuple[str, ...], sealed: tuple[str, str] | None) -> bool:
    """True when ``printed`` differs from ``sealed`` only by one or two characters dropped or
    doubled where no check digit protects the text (a letter of the name half rubbed out or
    smeared), the fillers after them shifted to keep the line's length. The reader fills a
    line read too short with fillers and may then say it is sure, and no check digit catches
    a letter missing from the name: the verdict is UNCERTAIN (compare by eye), not INVALID. A
    character read as another (R as B) from a sure reader stays a mismatch, as does any
    difference a check digit covers."""
    if sealed is None or len(printed) != len(sealed):
        return False
    edits = 0
    for line, (seen, truth) in enumerate(zip(printed, sealed, strict=True)):
        matcher = difflib.SequenceMatcher(None, truth, seen, autojunk=False)
        for op, t1, t2, s1, s2 in matcher.get_opcodes():
            if op == "equal":
                continue
            span = range(t1, max(t2, t1 + 1))
            if any((line, min(col, len(truth) - 1)) not in _UNPROTECTED for col in span):
                return False
            lost, added = truth[t1:t2], seen[s1:s2]
            if lost.strip("<") == "" and added.strip("<") == "":
                continue  # fillers shifted by a dropped or doubled character
            if op == "replace":
                return False
            edits += len(lost) + len(added)
    return 0 < edits <= _MAX_MISREADS


def verify_document(
    data: bytes | str | os.PathLike[str],
    *,
    certificates: CertificateList,
    revocations: RevocationList | None = None,
    today: dt.date | None = None,
    dpi: int = DPI,
    limits: sandbox.Limits = sandbox.DEFAULT_LIMITS,
) -> DocumentCheck:
    """Verify a printed ETD given as PDF or image bytes or a path (first page holding a seal).
    The file is read in the sandbox (:func:`read_printed`); the seal is checked here.

    Raises:
        ImageError: the file is unusable or hostile (typed, see :func:`read_printed`).
        ReadBackError: the bytes are neither a PDF nor an image.
    """
    reading = read_printed(data, dpi=dpi, limits=limits)
    return verify_reading(reading, certificates=certificates, revocations=revocations, today=today)
