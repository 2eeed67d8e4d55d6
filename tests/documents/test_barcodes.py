"""Barcodes on documents: QR and 1D through pyzbar, DataMatrix and PDF417 through zxing-cpp."""

from __future__ import annotations

import numpy as np
import pytest

from laissez.documents.barcodes import Barcode, read_barcodes
from laissez.documents.errors import ImageUnreadableError

zxingcpp = pytest.importorskip("zxingcpp")

PAYLOAD = b"UTO\x00seal-payload-42"


def _symbol(fmt: str, data: bytes = b"UTO-TEST-123") -> np.ndarray:
    barcode = zxingcpp.create_barcode(data, getattr(zxingcpp.BarcodeFormat, fmt))
    return np.pad(np.asarray(barcode.to_image(scale=4)), 40, constant_values=255)


@pytest.mark.parametrize(
    ("fmt", "symbology"),
    [("QRCode", "QRCODE"), ("DataMatrix", "DATAMATRIX"), ("PDF417", "PDF417"),
     ("Code128", "CODE128")],
)  # fmt: skip
def test_symbologies(fmt: str, symbology: str) -> None:
    assert read_barcodes(_symbol(fmt)) == [Barcode(symbology, b"UTO-TEST-123")]


def test_binary_datamatrix_payload_and_two_codes_on_one_page() -> None:
    seal = _symbol("DataMatrix", PAYLOAD)
    qr = _symbol("QRCode", b"second")
    page = np.full((max(seal.shape[0], qr.shape[0]), seal.shape[1] + qr.shape[1]), 255, np.uint8)
    page[: seal.shape[0], : seal.shape[1]] = seal
    page[: qr.shape[0], seal.shape[1] :] = qr
    found = read_barcodes(page)
    assert Barcode("DATAMATRIX", PAYLOAD) in found and Barcode("QRCODE", b"second") in found


def test_blank_page_and_bad_input() -> None:
    assert read_barcodes(np.full((100, 100), 255, np.uint8)) == []
    with pytest.raises(ImageUnreadableError):
        read_barcodes(b"not an image")
