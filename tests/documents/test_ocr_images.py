"""Image inputs: formats, frames, PDF pages, size caps and typed errors for bad files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from laissez.documents.errors import ImageEmptyError, ImageTooLargeError, ImageUnreadableError
from laissez.documents.ocr import images
from laissez.documents.ocr.images import load_image


def _png(array: np.ndarray, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, fmt)
    return buffer.getvalue()


GREY = np.tile(np.arange(0, 250, 2, dtype=np.uint8), (40, 1))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_formats_from_path_and_bytes(tmp_path: Path, fmt: str) -> None:
    data = _png(GREY, fmt)
    path = tmp_path / f"x.{fmt.lower()}"
    path.write_bytes(data)
    for source in (path, str(path), data, bytearray(data), memoryview(data)):
        out = load_image(source)
        assert out.shape == GREY.shape and out.dtype == np.uint8


def test_frames() -> None:
    rgb = np.dstack([GREY, GREY, GREY])
    assert load_image(rgb).shape == GREY.shape
    assert load_image(GREY.astype(np.float32) / 255.0).max() >= 240
    rgba = np.dstack([GREY, GREY, GREY, np.zeros_like(GREY)])
    assert load_image(rgba).min() >= 250  # transparent is paper, not ink
    assert load_image(Image.fromarray(GREY)).shape == GREY.shape


def test_qimage_frame() -> None:
    qtgui = pytest.importorskip("PySide6.QtGui")
    frame = qtgui.QImage(120, 40, qtgui.QImage.Format.Format_RGB32)
    frame.fill(0xFFFFFF)
    out = load_image(frame)
    assert out.shape == (40, 120) and int(out.min()) == 255


def test_pdf_page() -> None:
    reportlab = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    canvas = reportlab.Canvas(buffer, pagesize=(400, 200))
    canvas.drawString(50, 100, "page")
    canvas.save()
    out = load_image(buffer.getvalue())
    assert out.ndim == 2 and out.shape[1] > out.shape[0] and out.min() < 128


def test_large_image_scaled_down() -> None:
    big = np.full((3000, 5000), 200, dtype=np.uint8)
    out = load_image(big)
    assert max(out.shape) == images.WORK_SIDE


def test_bad_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ImageEmptyError):
        load_image(empty)
    with pytest.raises(ImageEmptyError):
        load_image(b"")
    with pytest.raises(ImageEmptyError):
        load_image(np.zeros((0, 5), dtype=np.uint8))
    with pytest.raises(ImageUnreadableError):
        load_image(tmp_path / "missing.jpg")
    with pytest.raises(ImageUnreadableError):
        load_image(b"this is a text file, not an image")
    with pytest.raises(ImageUnreadableError):
        load_image(_png(GREY, "JPEG")[:200])  # truncated
    with pytest.raises(ImageUnreadableError):
        load_image(b"%PDF-1.4 broken")
    with pytest.raises(ImageUnreadableError):
        load_image(np.zeros((2, 2, 2, 2), dtype=np.uint8))
    with pytest.raises(ImageUnreadableError):
        load_image(object())


def test_decompression_bomb_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    with pytest.raises(ImageTooLargeError):
        load_image(_png(GREY))


def test_exif_orientation_is_applied() -> None:
    # stored as the sensor saw it (wide, dark on the left), shown turned a quarter clockwise
    stored = np.full((40, 100), 255, dtype=np.uint8)
    stored[:, :30] = 0
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    buffer = io.BytesIO()
    Image.fromarray(stored).save(buffer, "JPEG", exif=exif, quality=95)
    out = load_image(buffer.getvalue())
    assert out.shape == (100, 40)
    assert out[:25].mean() < 60 and out[40:].mean() > 200  # the dark band is now at the top
