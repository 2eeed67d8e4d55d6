"""Find the native tools that a frozen (PyInstaller) Laissez carries inside its own folder.

A mission machine has no tesseract, no zbar and no OCR-B font installed: the installers ship
them in the bundle (see ``installers/laissez.spec``). Layout under the bundle root
(``sys._MEIPASS``, the ``_internal`` folder of a one-folder build):

* ``bin/tesseract`` (``tesseract.exe`` on Windows): the OCR engine. On Linux it is a small
  shell wrapper that runs ``tesseract/tesseract`` with the bundle's libraries, so the bundle
  folder never has to be on the library path of other programs;
* ``share/tessdata/eng.traineddata``: the full English data (legacy engine for OCR-B);
  ``sys.prefix`` is the bundle root when frozen, so code that looks in
  ``<sys.prefix>/share/tessdata`` (as ``laissez.documents.ocr.engine`` does) finds it;
* ``fonts/OCRB.otf`` (or ``.ttf``): the OCR-B font (public domain, Debian's fonts-ocr-b), and
  the Noto fonts the PDF printer needs (``LAISSEZ_FONT_DIR`` points there when frozen);
* the zbar library beside the Python extension modules.

Call :func:`prepare` once, early, before anything looks for tesseract or zbar: the frozen entry
point (``installers/entry.py``) and ``laissez self-test`` do. From source it changes nothing,
so the system's tesseract and zbar are used as before. This module imports nothing heavy and
never imports Qt.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

#: Names of the zbar library inside a bundle, per platform (first one present wins).
_ZBAR_NAMES = ("libzbar.so.0", "libzbar.0.dylib", "libzbar.dylib", "libzbar-64.dll")

_prepared = False


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle rather than from source."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def root() -> Path | None:
    """The bundle root (where data files and native tools live), or None from source."""
    if not is_frozen():
        return None
    return Path(sys._MEIPASS)  # type: ignore[attr-defined]


def tessdata_dir() -> Path | None:
    """The bundled tessdata folder when frozen and present, else None."""
    base = root()
    if base is None:
        return None
    folder = base / "share" / "tessdata"
    return folder if (folder / "eng.traineddata").is_file() else None


def tesseract() -> Path | None:
    """The bundled tesseract executable when frozen and present, else None."""
    base = root()
    if base is None:
        return None
    name = "tesseract.exe" if sys.platform == "win32" else "tesseract"
    path = base / "bin" / name
    return path if path.is_file() else None


def ocrb_font() -> Path | None:
    """The OCR-B font file: the bundled copy when frozen, else the system's (fonts-ocr-b)."""
    base = root()
    candidates = [base / "fonts" / n for n in ("OCRB.otf", "OCRB.ttf")] if base else []
    candidates += [
        Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
        Path("/usr/share/fonts/truetype/ocr-b/OCRB.ttf"),
    ]
    return next((path for path in candidates if path.is_file()), None)


def zbar_library() -> Path | None:
    """The bundled zbar library when frozen and present, else None."""
    base = root()
    if base is None:
        return None
    return next((base / n for n in _ZBAR_NAMES if (base / n).is_file()), None)


def start() -> None:
    """The first thing a frozen Laissez does (``installers/entry.py``), in this order:

    1. :func:`prepare`, so that every process of the bundle finds the bundled tools. The
       sandbox's fork server (``laissez.documents.sandbox``) is this same executable started
       again, and its children are forked from it: they inherit what ran before step 2, and
       only that. Prepared after step 2, a child would look for the system's zbar, which a
       mission machine does not have, and every seal read would fail.
    2. ``multiprocessing.freeze_support()``: when this process was started as the fork server
       (or a spawned child), it becomes that and never returns.
    """
    import multiprocessing

    prepare()
    multiprocessing.freeze_support()


def prepare() -> None:
    """Make the bundled tools the ones that are found; does nothing from source. Idempotent.

    When frozen: puts ``<root>/bin`` first on ``PATH`` (so ``shutil.which("tesseract")`` finds
    the bundled one), sets ``TESSDATA_PREFIX`` to the bundled tessdata, and makes
    ``ctypes.util.find_library("zbar")`` (how pyzbar looks) return the bundled zbar library,
    and sets ``LAISSEZ_FONT_DIR`` (where ``laissez.printing`` looks first) to the bundled fonts
    unless it is already set. Call it before pyzbar is imported.
    """
    global _prepared
    base = root()
    if _prepared or base is None:
        return
    _prepared = True
    binary = tesseract()
    if binary is not None:
        os.environ["PATH"] = os.pathsep.join([str(binary.parent), os.environ.get("PATH", "")])
    tessdata = tessdata_dir()
    if tessdata is not None:
        os.environ["TESSDATA_PREFIX"] = str(tessdata)
    fonts = base / "fonts"
    if fonts.is_dir():
        os.environ.setdefault("LAISSEZ_FONT_DIR", str(fonts))
    global _zbar, _system_find_library
    _zbar = zbar_library()
    if _zbar is not None:
        _system_find_library = ctypes.util.find_library
        ctypes.util.find_library = _find_library


_zbar: Path | None = None
_system_find_library = ctypes.util.find_library


def _find_library(name: str) -> str | None:
    """``ctypes.util.find_library`` that knows the bundled zbar (module level, so that it
    pickles by name)."""
    return str(_zbar) if name == "zbar" and _zbar is not None else _system_find_library(name)


def library(name: str) -> str | None:
    """What this process finds for library ``name`` (pyzbar asks ``ctypes.util`` for "zbar")."""
    return ctypes.util.find_library(name)
