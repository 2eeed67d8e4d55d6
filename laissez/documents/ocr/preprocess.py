"""Find the machine-readable zone in a page and prepare it for tesseract.

Zone finding is passporteye's (Hans Boone's method: black top-hat, vertical Sobel, closing,
Otsu, then long thin contours), imported lazily because passporteye takes seconds to import.
The variants here are the preprocessing tried, in order, when a first read is not valid.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter, ImageOps

GreyImage = NDArray[np.uint8]
#: Width the zone is scaled to before OCR (about 22 pixels a character for TD3).
OCR_WIDTH = 1000
#: White margin added around the zone, in pixels.
MARGIN = 12
#: Pictures with a side shorter than this cannot hold a readable zone.
MIN_SIDE = 16


def _passporteye() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from passporteye.mrz import image as pe_image
    return pe_image


def locate(image: GreyImage, max_width: int = 250, max_boxes: int = 4) -> list[Any]:
    """Candidate zone boxes (passporteye ``RotatedBox``) in ``image``, largest first, with the
    scale factor from ``image`` to the analysed copy stored as ``box.scale``."""
    if min(image.shape) < MIN_SIDE:
        return []
    pe = _passporteye()
    floats = image.astype(np.float64) / 255.0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            small, scale = pe.Scaler(max_width)(floats)
            binary = pe.BooneTransform()(small)
            boxes = pe.MRZBoxLocator(max_boxes=max_boxes)(binary)
    except Exception:
        return []
    for box in boxes:
        box.scale = scale
    return list(boxes)


def extract(image: GreyImage, box: Any) -> GreyImage:
    """The zone under ``box``, cut out of ``image`` and turned level, as uint8 (empty when the
    box cannot be cut out)."""
    floats = image.astype(np.float64) / 255.0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            roi = box.extract_from_image(floats, 1.0 / box.scale)
    except Exception:
        return np.zeros((0, 0), dtype=np.uint8)
    out: GreyImage = np.clip(roi * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return out


def _scaled(roi: GreyImage, width: int = OCR_WIDTH) -> Image.Image:
    image = Image.fromarray(roi, mode="L")
    factor = width / max(image.width, 1)
    factor = min(max(factor, 0.5), 5.0)
    size = (max(int(image.width * factor), 1), max(int(image.height * factor), 1))
    return image.resize(size, Image.Resampling.BICUBIC)


def _framed(image: Image.Image) -> GreyImage:
    return np.asarray(ImageOps.expand(image, border=MARGIN, fill=255), dtype=np.uint8)


def plain(roi: GreyImage) -> GreyImage:
    """Scaled to the OCR width, nothing else."""
    return _framed(_scaled(roi))


def _binarised(roi: GreyImage) -> NDArray[np.bool_]:
    """Scaled, then binarised with one Otsu threshold: True where dark."""
    from skimage.filters import threshold_otsu

    scaled = np.asarray(_scaled(roi).filter(ImageFilter.MedianFilter(3)), dtype=np.uint8)
    threshold = threshold_otsu(scaled) if scaled.min() != scaled.max() else 128  # type: ignore[no-untyped-call]
    dark: NDArray[np.bool_] = scaled <= threshold
    return dark


def otsu(roi: GreyImage) -> GreyImage:
    """Scaled, then binarised with one Otsu threshold (noise and JPEG artefacts)."""
    return _framed(Image.fromarray(np.where(_binarised(roi), 0, 255).astype(np.uint8)))


#: Above this share of dark pixels in an eighth of a zone's width, one threshold for the
#: whole zone floods that part (light falling off across the page): MRZ print covers well
#: under half of any part of its zone.
FLOODED = 0.6


def flooded(roi: GreyImage) -> bool:
    """True when one threshold for the whole of ``roi`` turns part of it black. Tesseract then
    reads noise for seconds (it binarises ``plain`` the same way): only the variants that
    even out the light are worth a run."""
    dark = _binarised(roi)
    strips = np.array_split(dark, 8, axis=1)
    return any(strip.size and float(strip.mean()) > FLOODED for strip in strips)


def flatten(roi: GreyImage) -> GreyImage:
    """Uneven light removed: each pixel divided by a blurred copy (background estimate)."""
    scaled = _scaled(roi)
    background = scaled.filter(ImageFilter.GaussianBlur(radius=max(scaled.height // 4, 8)))
    a = np.asarray(scaled, dtype=np.float64)
    b = np.maximum(np.asarray(background, dtype=np.float64), 1.0)
    ratio = np.clip(a / b * 235.0, 0, 255).astype(np.uint8)
    return _framed(ImageOps.autocontrast(Image.fromarray(ratio), cutoff=2))


def sharpen(roi: GreyImage) -> GreyImage:
    """Scaled, then an unsharp mask (blur)."""
    image = _scaled(roi).filter(ImageFilter.UnsharpMask(radius=3, percent=180, threshold=2))
    return _framed(ImageOps.autocontrast(image, cutoff=1))


def small(roi: GreyImage) -> GreyImage:
    """Scaled to a smaller width (thick strokes, low resolution)."""
    return _framed(ImageOps.autocontrast(_scaled(roi, 700), cutoff=1))


#: Variants tried after the first read (``flatten``), in order.
#: Those that keep the light as it is (all of them: only ``flatten`` evens it out), and are
#: not tried on a :func:`flooded` zone.
ONE_THRESHOLD = ("plain", "otsu", "sharpen", "small")
VARIANTS: tuple[tuple[str, Callable[[GreyImage], GreyImage]], ...] = (
    ("plain", plain),
    ("otsu", otsu),
    ("sharpen", sharpen),
    ("small", small),
)
