"""How much an untrusted file may ask of its reader, checked from its header before decoding.

:class:`Limits` holds the caps (memory, processor time, wall time, bytes, pages, pixels) the
sandbox (:mod:`laissez.documents.sandbox`) applies; :func:`check_document` refuses an image or a
PDF whose header already shows it is over them (a 30,000 x 30,000 PNG, 2,000 pages, a 5 m page).
"""

from __future__ import annotations

from dataclasses import dataclass

from laissez.documents.errors import (
    ImageEmptyError,
    ImageTooLargeError,
    ImageUnreadableError,
    TooManyPagesError,
)

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one boxed read may use.

    Attributes:
        memory_bytes: cap on the child's whole address space (``RLIMIT_AS``), libraries included.
        cpu_seconds: cap on the child's CPU time (``RLIMIT_CPU``).
        wall_seconds: the parent kills the child after this long, whatever it is doing: a
            safety net only, well above the CPU cap, so that a busy machine does not change
            what a read gives (the CPU cap is what bounds the work).
        max_bytes: largest file or buffer accepted.
        max_pages: most PDF pages looked at.
        max_pixels: most pixels one image or rendered page may have.
    """

    memory_bytes: int = 900 * MiB
    cpu_seconds: int = 8
    wall_seconds: float = 60.0
    max_bytes: int = 50 * MiB
    max_pages: int = 10
    max_pixels: int = 60_000_000


#: The limits every entry point uses unless it says otherwise.
DEFAULT_LIMITS = Limits()
#: Reading an MRZ: the child starts from the MRZ fork server, which holds both OCR engines'
#: models (tesseract's and PP-OCR's: about 580 MB of address space, 240 MB resident), so it may
#: map more than other readers (still under 1 GB, so a hostile file cannot push its resident
#: memory past 1 GB either). That leaves room for a 50-megapixel PNG scan (the largest peaks at
#: about 1000 MB; a JPEG of that size at 700 MB); a larger one ends in a typed memory error.
#: Its work is a fixed number of OCR runs, bounded in CPU time, not in wall time.
MRZ_LIMITS = Limits(memory_bytes=1000 * MiB, cpu_seconds=20)


def check_document(data: bytes, limits: Limits = DEFAULT_LIMITS, *, dpi: float = 300.0) -> int:
    """Refuse ``data`` before any decoding when its header shows it is over ``limits``.

    An image is looked at only for its size; a PDF for its page count and each page's size
    rendered at ``dpi``. Runs in the child (the PDF parser is untrusted code too). Returns the
    number of pages (1 for an image).

    Raises:
        ImageEmptyError, ImageTooLargeError, TooManyPagesError, ImageUnreadableError.
    """
    if not data:
        raise ImageEmptyError("the file is empty (0 bytes)")
    if len(data) > limits.max_bytes:
        raise ImageTooLargeError(f"the file is larger than {limits.max_bytes // MiB} MB")
    if data[:5] == b"%PDF-":
        return _check_pdf(data, limits, dpi)
    _check_image(data, limits)
    return 1


def _check_pdf(data: bytes, limits: Limits, dpi: float) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except Exception:
        raise ImageUnreadableError("the PDF is damaged or protected") from None
    try:
        pages = len(document)
        if pages == 0:
            raise ImageEmptyError("the PDF has no pages")
        if pages > limits.max_pages:
            raise TooManyPagesError(
                f"the PDF has {pages} pages; at most {limits.max_pages} are read"
            )
        for index in range(pages):
            width, height = document.get_page_size(index)
            pixels = (width * dpi / 72.0) * (height * dpi / 72.0)
            if not (width > 0 and height > 0):
                raise ImageEmptyError(f"page {index + 1} of the PDF has no area")
            if pixels > limits.max_pixels:
                raise ImageTooLargeError(
                    f"page {index + 1} of the PDF is {width / 72 * 25.4:.0f} x "
                    f"{height / 72 * 25.4:.0f} mm, larger than a document page"
                )
        return pages
    finally:
        document.close()


def _check_image(data: bytes, limits: Limits) -> None:
    import io
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLargeError(f"the image has more than {limits.max_pixels} pixels") from None
    except Exception:
        raise ImageUnreadableError(
            "the data is not an image this reader understands, or it is damaged"
        ) from None
    if width <= 0 or height <= 0:
        raise ImageEmptyError("the image has no pixels")
    if width * height > limits.max_pixels:
        raise ImageTooLargeError(f"the image has more than {limits.max_pixels} pixels")
