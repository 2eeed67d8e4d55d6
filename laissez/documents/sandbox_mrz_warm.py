"""Imported once by the sandbox's MRZ fork server (never by the application): loads the PP-OCR
models and runs each once on a blank page, so that every MRZ read starts with them loaded and
their kernels prepared instead of paying for that on each file (about half a second a read on
a 2-core machine). Only the MRZ server imports this: the models' address space would count
against every other boxed reader's memory cap."""

from __future__ import annotations

import contextlib

from laissez.documents.ocr import onnx


def _warm() -> None:
    if not onnx.available():
        return
    with contextlib.suppress(Exception):  # a missing or broken model is reported by the read
        onnx.warm_up()


_warm()
