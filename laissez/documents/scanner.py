"""A flatbed scanner through SANE's ``scanimage`` (Linux, Debian package ``sane-utils``).

:func:`scan` runs ``scanimage --format=png`` and returns the PNG bytes it writes to its
standard output: nothing is written to disk. The image is untrusted like any file: the caller
reads it through :func:`laissez.documents.sandbox.read_mrz`, as it reads an opened file.

The device is the one ``LAISSEZ_SCANNER`` names (as ``scanimage -L`` lists it, ``test:0`` for
SANE's test backend), else the first device ``scanimage -L`` finds. ``SANE_CONFIG_DIR`` (SANE's
own setting) is passed on, so the tests point SANE at a configuration with only its ``test``
backend without touching ``/etc/sane.d``.

Every call has a deadline and honours a cancel event: the ``scanimage`` process is killed,
never left behind. Errors say what failed, never what ``scanimage`` printed.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time

from laissez.documents.errors import (
    OcrCancelledError,
    ScannerError,
    ScannerNotFoundError,
    ScannerTimeoutError,
)

logger = logging.getLogger(__name__)

SCANIMAGE = "scanimage"
#: the environment variable naming the SANE device to use
DEVICE_SETTING = "LAISSEZ_SCANNER"
#: finding the devices probes the network backends too: a few seconds on an ordinary desk
LIST_SECONDS = 30.0
#: a flatbed at 300 dpi takes well under a minute
SCAN_SECONDS = 120.0
#: enough for the MRZ's OCR-B characters, small enough to read quickly
RESOLUTION = 300
_POLL_SECONDS = 0.1


def available() -> bool:
    """True when ``scanimage`` is installed (a scanner may still be missing)."""
    return shutil.which(SCANIMAGE) is not None


def _scanimage() -> str:
    path = shutil.which(SCANIMAGE)
    if path is None:
        raise ScannerNotFoundError("scanimage is not installed")
    return path


def _system_environment() -> dict[str, str]:
    """The environment for a program of the system: in a PyInstaller bundle, without the
    bundle's library path (``scanimage`` must load the system's SANE, not the bundle's
    libraries)."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = env.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            env.pop("LD_LIBRARY_PATH", None)
        else:
            env["LD_LIBRARY_PATH"] = original
    return env


def _run(
    args: list[str], *, timeout: float, cancel: threading.Event | None
) -> tuple[int, bytes, bytes]:
    """Run ``args``; its exit status, standard output and standard error. The process is
    killed when ``cancel`` is set (``OcrCancelledError``) or after ``timeout`` seconds
    (``ScannerTimeoutError``)."""
    try:
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_system_environment(),
        )
    except OSError:
        raise ScannerNotFoundError("scanimage cannot be started") from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            out, err = process.communicate(timeout=_POLL_SECONDS)
        except subprocess.TimeoutExpired:
            stop: Exception | None = None
            if cancel is not None and cancel.is_set():
                stop = OcrCancelledError("scanning was cancelled")
            elif time.monotonic() > deadline:
                stop = ScannerTimeoutError(f"the scanner did not finish within {timeout:.0f} s")
            if stop is not None:
                process.kill()
                process.communicate()
                raise stop from None
            continue
        return process.returncode, out, err


def devices(*, cancel: threading.Event | None = None, timeout: float = LIST_SECONDS) -> list[str]:
    """The SANE device names ``scanimage -L`` finds, in its order."""
    status, out, _err = _run(
        [_scanimage(), "--formatted-device-list=%d%n"], timeout=timeout, cancel=cancel
    )
    if status != 0:
        logger.info("scanimage -L exited with status %s", status)
        raise ScannerError(f"listing the scanners failed (status {status})")
    return [line.strip() for line in out.decode("utf-8", "replace").splitlines() if line.strip()]


def scan(
    *,
    device: str | None = None,
    cancel: threading.Event | None = None,
    timeout: float = SCAN_SECONDS,
) -> bytes:
    """Scan one page; its PNG bytes.

    ``device`` defaults to ``LAISSEZ_SCANNER``, else the first device found.

    Raises:
        ScannerNotFoundError: no ``scanimage``, or no scanner.
        ScannerTimeoutError: the scanner took longer than ``timeout`` seconds.
        ScannerError: the scanner failed (busy, jammed, unplugged) or gave no image.
        OcrCancelledError: ``cancel`` was set.
    """
    program = _scanimage()
    name = device or os.environ.get(DEVICE_SETTING, "").strip()
    if not name:
        found = devices(cancel=cancel)
        if not found:
            raise ScannerNotFoundError("scanimage finds no scanner")
        name = found[0]
    args = [program, f"--device-name={name}", "--format=png"]
    status, out, err = _run([*args, f"--resolution={RESOLUTION}"], timeout=timeout, cancel=cancel)
    if status != 0 and b"unrecognized option" in err:
        # a device without a resolution option: its own default
        status, out, err = _run(args, timeout=timeout, cancel=cancel)
    if status != 0 or not out:
        logger.info("scanimage exited with status %s after %d bytes", status, len(out))
        raise ScannerError(f"the scanner failed (status {status})")
    return out
