"""Imported once by the sandbox's fork servers (never by the application): loads tesseract's
engines and the readers' lazy imports, so that every boxed child starts with them ready instead
of paying for them on each file (about 0.4 s a read on a 2-core machine)."""

from __future__ import annotations

import contextlib
import importlib

import numpy as np

from laissez.documents.ocr.engine import Engine, recognise


def _warm() -> None:
    from PIL import Image

    Image.init()  # every format plugin, not just the few Pillow loads at first
    for module in (  # scikit-image loads these lazily, at the first read of each child
        "skimage.filters.thresholding",
        "skimage.filters.edges",
        "skimage.measure",
        "skimage.measure._find_contours",
        "skimage.measure.block",
        "skimage.restoration",
        "skimage.transform",
        "skimage.transform._geometric",
        "skimage.transform._warps",
    ):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    blank = np.full((32, 32), 255, dtype=np.uint8)
    for engine in Engine:
        with contextlib.suppress(Exception):  # a missing engine is reported by the real read
            recognise(blank, engine)
    # PP-OCR's models are NOT loaded here: every child forked from the readers' server would
    # carry their address space into its memory cap, and the verify reader (a page rendered for
    # its barcode) then ran out and reported a valid seal as not found. The MRZ server, whose
    # children only read MRZs, loads them (``sandbox_mrz_warm``).


_warm()
