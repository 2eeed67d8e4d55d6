"""PDF pages as images, in memory: for the preview (screen resolution) and for printing (the
printer's resolution). Nothing is written to disk. Call ``render_pages`` off the GUI thread
(``run_in_pool``); a lock keeps pdfium to one thread at a time (it is not thread-safe)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtGui import QImage

_PDFIUM = threading.Lock()
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageImage:
    """One page: the image and the page's size in points (1/72 inch)."""

    image: QImage
    width_pt: float
    height_pt: float


def render_pages(
    pdf: bytes,
    dpi: float,
    cancel: threading.Event | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[PageImage]:
    """Every page of ``pdf`` at ``dpi`` as an RGB ``QImage`` (white background)."""
    pages: list[PageImage] = []
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            count = len(document)
            for index in range(count):
                if cancel is not None and cancel.is_set():
                    break
                page = document[index]
                try:
                    width, height = page.get_size()
                    bitmap = page.render(
                        scale=dpi / POINTS_PER_INCH,
                        force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
                        may_draw_forms=True,
                    )
                    try:
                        image = QImage(
                            bitmap.buffer,
                            bitmap.width,
                            bitmap.height,
                            bitmap.stride,
                            QImage.Format.Format_ARGB32,
                        ).convertToFormat(QImage.Format.Format_RGB32)
                    finally:
                        bitmap.close()
                finally:
                    page.close()
                pages.append(PageImage(image, width, height))
                if progress is not None:
                    progress((index + 1) / count)
        finally:
            document.close()
    return pages
