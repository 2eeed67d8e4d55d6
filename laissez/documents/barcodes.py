"""Read barcodes on identity documents: QR and 1D with pyzbar, DataMatrix with zxing-cpp.

pyzbar (libzbar0) cannot read DataMatrix, which the ICAO visible digital seal uses; zxing-cpp
reads it. Debian 12's zbar 0.23 is built without its PDF417 decoder, so zxing-cpp also reads
PDF417 (a PDF417 that pyzbar does report is not reported twice). Payloads are personal data:
they are returned, never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from laissez.documents.errors import BarcodeError
from laissez.documents.ocr.images import load_image

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Barcode:
    """One decoded barcode.

    Attributes:
        symbology: ``QRCODE``, ``PDF417``, ``CODE128``, ``EAN13``, ``DATAMATRIX`` ... (upper
            case, pyzbar's names; zxing-cpp's are mapped to them).
        data: the raw payload bytes.
    """

    symbology: str
    data: bytes


def _zbar(image: np.ndarray) -> list[Barcode]:
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError):
        raise BarcodeError("pyzbar or libzbar0 is not installed") from None
    try:
        found = pyzbar.decode(image)
    except Exception:
        raise BarcodeError("the QR/1D/PDF417 decoder failed on this image") from None
    return [Barcode(str(item.type).upper().replace("-", ""), bytes(item.data)) for item in found]


def _zxing(image: np.ndarray) -> list[Barcode]:
    try:
        import zxingcpp
    except ImportError:
        raise BarcodeError("zxing-cpp is not installed") from None
    try:
        formats = (zxingcpp.BarcodeFormat.DataMatrix, zxingcpp.BarcodeFormat.PDF417)
        found = zxingcpp.read_barcodes(image, formats=formats)  # type: ignore[arg-type]
    except Exception:
        raise BarcodeError("the DataMatrix/PDF417 decoder failed on this image") from None
    names = {
        zxingcpp.BarcodeFormat.DataMatrix: "DATAMATRIX",
        zxingcpp.BarcodeFormat.PDF417: "PDF417",
    }
    return [
        Barcode(names.get(item.format, str(item.format).upper()), bytes(item.bytes))
        for item in found
        if item.valid
    ]


def read_barcodes(source: object) -> list[Barcode]:
    """Every barcode found in ``source`` (path, bytes, array, image object; as
    :func:`laissez.documents.ocr.load_image`), in the order found, duplicates removed.

    Raises:
        ImageError: the source cannot be read as an image.
        BarcodeError: a decoder is missing or failed.
    """
    image = np.ascontiguousarray(load_image(source))
    found: list[Barcode] = []
    for code in _zbar(image) + _zxing(image):
        if code not in found:
            found.append(code)
    log.info("barcodes read: %d", len(found))
    return found
