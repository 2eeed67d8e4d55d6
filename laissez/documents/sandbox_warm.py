"""Imported once by the sandbox's fork server (never by the application): loads tesseract's
engines and the readers' lazy imports, so that every boxed child starts with them ready instead
of paying for them on each file (about 0.4 s a read on a 2-core machine)."""

from __future__ import annotations

import contextlib

import numpy as np

from laissez.documents.ocr.engine import Engine, recognise


def _warm() -> None:
    blank = np.full((32, 32), 255, dtype=np.uint8)
    for engine in Engine:
        with contextlib.suppress(Exception):  # a missing engine is reported by the real read
            recognise(blank, engine)


_warm()
