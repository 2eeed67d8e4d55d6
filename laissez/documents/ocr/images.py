"""Turn whatever the caller holds into one grey-scale image array, under a memory cap.

Accepted sources: a path (JPEG, PNG, TIFF, BMP, WebP or PDF; the first page of a PDF is
rasterised), encoded bytes, a numpy array (H x W grey, H x W x 3/4 colour, uint8 or float in
0..1), a Pillow image, a QImage (duck-typed, no Qt import here) or any object exposing the
buffer protocol. Nothing is written to disk. A photo's EXIF orientation is applied.

Large images are scaled down so their longer side is at most :data:`WORK_SIDE` pixels; images
over :data:`MAX_PIXELS` (decompression bombs) or files over :data:`MAX_BYTES` are refused.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFile, ImageOps

from laissez.documents.errors import ImageEmptyError, ImageTooLargeError, ImageUnreadableError

#: Longest side, in pixels, of the working image (a bigger one is scaled down).
WORK_SIDE = 2000
#: Hard cap on decoded pixels: an image larger than this is refused before decoding.
MAX_PIXELS = 120_000_000
#: Hard cap on the size of an encoded file or buffer.
MAX_BYTES = 200 * 1024 * 1024
#: Resolution, in dots per inch, a PDF page is rasterised at (then capped by WORK_SIDE).
PDF_DPI = 200

GreyImage = NDArray[np.uint8]

ImageFile.LOAD_TRUNCATED_IMAGES = False


def load_image(source: object, *, page: int = 0) -> GreyImage:
    """Decode ``source`` to a 2-D uint8 grey image whose longer side is <= ``WORK_SIDE``.

    Raises:
        ImageEmptyError: zero bytes, an empty array or a frame without pixels.
        ImageTooLargeError: over ``MAX_BYTES`` or ``MAX_PIXELS``.
        ImageUnreadableError: not an image or PDF, corrupt, truncated or of an unknown layout.
    """
    if isinstance(source, (str, os.PathLike)):
        return _from_bytes(read_file(Path(source)), page)
    if isinstance(source, (bytes, bytearray)):
        return _from_bytes(bytes(source), page)
    if isinstance(source, np.ndarray):
        return _from_array(source)
    if isinstance(source, Image.Image):
        return _from_pil(source)
    if _looks_like_qimage(source):
        return _from_qimage(source)
    try:
        view = memoryview(source)  # type: ignore[arg-type]
    except TypeError:
        raise ImageUnreadableError(
            f"cannot read an image from a {type(source).__name__}; give a path, bytes, "
            "a numpy array or an image object"
        ) from None
    if view.ndim >= 2:
        return _from_array(np.asarray(view))
    return _from_bytes(view.tobytes(), page)


def read_file(path: Path) -> bytes:
    """The bytes of an image or PDF file, refusing folders, empty, oversized and unreadable
    files (``ImageUnreadableError``, ``ImageEmptyError``, ``ImageTooLargeError``)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise ImageUnreadableError("the image file does not exist or cannot be opened") from None
    if path.is_dir():
        raise ImageUnreadableError("the path is a folder, not an image file")
    if size == 0:
        raise ImageEmptyError("the image file is empty (0 bytes)")
    if size > MAX_BYTES:
        raise ImageTooLargeError(f"the image file is larger than {MAX_BYTES // 2**20} MB")
    try:
        return path.read_bytes()
    except OSError:
        raise ImageUnreadableError("the image file cannot be read") from None


def _from_bytes(data: bytes, page: int) -> GreyImage:
    if not data:
        raise ImageEmptyError("the image data is empty (0 bytes)")
    if len(data) > MAX_BYTES:
        raise ImageTooLargeError(f"the image data is larger than {MAX_BYTES // 2**20} MB")
    if data[:5] == b"%PDF-":
        return _from_pdf(data, page)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width <= 0 or height <= 0:
                raise ImageEmptyError("the image has no pixels")
            if width * height > MAX_PIXELS:
                raise ImageTooLargeError(
                    f"the image has {width * height} pixels; the limit is {MAX_PIXELS}"
                )
            # JPEG can decode at 1/2, 1/4 or 1/8 scale directly: less memory, less time.
            image.draft("L", (WORK_SIDE, WORK_SIDE))
            image.load()
            # a phone photo is stored as the sensor saw it, with its turn in the EXIF data
            return _from_pil(ImageOps.exif_transpose(image))
    except (ImageEmptyError, ImageTooLargeError):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLargeError(f"the image is larger than {MAX_PIXELS} pixels") from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, KeyError):
        raise ImageUnreadableError(
            "the data is not an image this reader understands, or it is corrupt or truncated"
        ) from None
    except Exception:
        raise ImageUnreadableError("the image is corrupt") from None


def _from_pdf(data: bytes, page: int) -> GreyImage:
    import pypdfium2 as pdfium  # lazy: only PDFs need it

    try:
        document = pdfium.PdfDocument(data)
    except Exception:
        raise ImageUnreadableError("the PDF is corrupt or protected") from None
    try:
        if len(document) == 0:
            raise ImageEmptyError("the PDF has no pages")
        if not 0 <= page < len(document):
            raise ImageUnreadableError(f"the PDF has no page {page + 1}")
        pdf_page = document[page]
        width, height = pdf_page.get_size()
        if width <= 0 or height <= 0:
            raise ImageEmptyError("the PDF page has no area")
        scale = min(PDF_DPI / 72.0, WORK_SIDE / max(width, height))
        bitmap = pdf_page.render(scale=scale, grayscale=True)
        image = bitmap.to_pil()
        return _from_pil(image)
    except (ImageEmptyError, ImageUnreadableError):
        raise
    except Exception:
        raise ImageUnreadableError("the PDF page cannot be rasterised") from None
    finally:
        document.close()


def _from_pil(image: Image.Image) -> GreyImage:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ImageEmptyError("the image has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageTooLargeError(f"the image is larger than {MAX_PIXELS} pixels")
    try:
        if image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        ):
            # Transparent areas become white paper, not black.
            rgba = image.convert("RGBA")
            background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(background, rgba)
        grey = image.convert("L")
    except Exception:
        raise ImageUnreadableError("the image has a pixel format this reader cannot use") from None
    if max(grey.size) > WORK_SIDE:
        grey.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.LANCZOS)
    return np.asarray(grey, dtype=np.uint8).copy()


def _from_array(array: NDArray[Any]) -> GreyImage:
    if array.size == 0:
        raise ImageEmptyError("the frame has no pixels")
    if array.size > MAX_PIXELS * 4:
        raise ImageTooLargeError(f"the frame is larger than {MAX_PIXELS} pixels")
    if array.ndim == 3 and array.shape[2] in (1, 3, 4):
        channels = array[:, :, :3].astype(np.float64)
        if channels.shape[2] == 1:
            grey = channels[:, :, 0]
        else:
            grey = channels @ np.array([0.299, 0.587, 0.114])
        if array.shape[2] == 4:
            # transparent areas are paper: blend over white
            alpha = array[:, :, 3].astype(np.float64)
            full = 1.0 if array.dtype.kind == "f" or array.dtype == np.bool_ else 255.0
            if array.dtype.kind in "iu" and array.dtype.itemsize > 1:
                full = 65535.0
            alpha = np.clip(alpha / full, 0.0, 1.0)
            grey = grey * alpha + full * (1.0 - alpha)
    elif array.ndim == 2:
        grey = array.astype(np.float64)
    else:
        raise ImageUnreadableError(
            f"a frame must be H x W or H x W x 1/3/4, not {array.ndim} dimensions "
            f"with shape {tuple(array.shape)}"
        )
    if grey.shape[0] == 0 or grey.shape[1] == 0:
        raise ImageEmptyError("the frame has no pixels")
    if not np.all(np.isfinite(grey)):
        raise ImageUnreadableError("the frame holds values that are not finite numbers")
    if array.dtype.kind == "f" or array.dtype == np.bool_:
        top = float(grey.max()) if grey.size else 0.0
        if array.dtype == np.bool_ or top <= 1.0:
            grey = grey * 255.0
    elif array.dtype.kind in "iu" and array.dtype.itemsize > 1 and float(grey.max()) > 255:
        grey = grey / 257.0
    elif array.dtype.kind not in "iub":
        raise ImageUnreadableError(f"a frame of {array.dtype} values cannot be used")
    out = np.clip(grey, 0, 255).astype(np.uint8)
    return _from_pil(Image.fromarray(out, mode="L"))


def _looks_like_qimage(source: object) -> bool:
    return all(
        hasattr(source, name)
        for name in ("convertToFormat", "constBits", "bytesPerLine", "width", "height")
    )


def _from_qimage(image: Any) -> GreyImage:
    try:
        grey = image.convertToFormat(type(image).Format.Format_Grayscale8)
        width, height, stride = int(grey.width()), int(grey.height()), int(grey.bytesPerLine())
        if width <= 0 or height <= 0:
            raise ImageEmptyError("the frame has no pixels")
        buffer = bytes(grey.constBits())[: stride * height]
        array = np.frombuffer(buffer, dtype=np.uint8).reshape(height, stride)[:, :width]
    except ImageEmptyError:
        raise
    except Exception:
        raise ImageUnreadableError("the camera frame cannot be converted") from None
    return _from_array(array)
