"""Pictures for people: a document preview and the person's portrait as metadata-free JPEG.

Pure Pillow and pypdfium2; nothing is written to disk. These functions decode untrusted bytes,
so callers run them in the sandbox (:mod:`laissez.documents.sandbox`), as the desktop does.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

from laissez.documents.errors import ImageEmptyError, ImageTooLargeError, ImageUnreadableError
from laissez.documents.ocr.images import MAX_PIXELS

#: Longest side of the document preview kept for the thumbnail and the "whole image" photo.
PREVIEW_SIDE = 1200
#: Longest side of the portrait kept in the capture result.
PHOTO_SIDE = 600
#: JPEG quality of previews and portraits.
JPEG_QUALITY = 85


def open_picture(data: bytes) -> Image.Image:
    """Decode ``data`` (an image or the first page of a PDF) to an upright RGB image.

    Raises:
        ImageEmptyError, ImageTooLargeError, ImageUnreadableError.
    """
    if not data:
        raise ImageEmptyError("the image data is empty (0 bytes)")
    if data[:5] == b"%PDF-":
        return _pdf_page(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageTooLargeError(f"the image is larger than {MAX_PIXELS} pixels")
            image.draft("RGB", (PREVIEW_SIDE * 2, PREVIEW_SIDE * 2))
            image.load()
            image = ImageOps.exif_transpose(image)
            return _rgb(image)
    except (ImageTooLargeError, ImageEmptyError):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLargeError(f"the image is larger than {MAX_PIXELS} pixels") from None
    except Exception:
        raise ImageUnreadableError("the data is not an image, or it is corrupt") from None


def jpeg(image: Image.Image, max_side: int) -> bytes:
    """``image`` scaled to at most ``max_side`` pixels, as JPEG bytes without any metadata."""
    copy = _rgb(image)
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", copy.size)
    clean.paste(copy)  # a fresh image carries no EXIF, ICC or comment from the source
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def preview_jpeg(data: bytes) -> bytes:
    """A preview of the document (at most ``PREVIEW_SIDE`` pixels) as JPEG bytes."""
    return jpeg(open_picture(data), PREVIEW_SIDE)


def photo_jpeg(data: bytes) -> bytes:
    """The portrait from ``data`` as a metadata-free JPEG of at most ``PHOTO_SIDE`` pixels."""
    return jpeg(open_picture(data), PHOTO_SIDE)


def _rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _pdf_page(data: bytes) -> Image.Image:
    import pypdfium2 as pdfium  # lazy: only PDFs need it

    try:
        document = pdfium.PdfDocument(data)
    except Exception:
        raise ImageUnreadableError("the PDF is corrupt or protected") from None
    try:
        if len(document) == 0:
            raise ImageEmptyError("the PDF has no pages")
        page = document[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            raise ImageEmptyError("the PDF page has no area")
        scale = min(200 / 72.0, PREVIEW_SIDE * 2 / max(width, height))
        return _rgb(page.render(scale=scale).to_pil())
    except (ImageEmptyError, ImageUnreadableError):
        raise
    except Exception:
        raise ImageUnreadableError("the PDF page cannot be rasterised") from None
    finally:
        document.close()
