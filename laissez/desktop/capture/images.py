"""In-memory image work for the capture widget: file bytes, previews and the portrait JPEG.

Files are read through the sandbox (:func:`laissez.documents.sandbox.read_untrusted`: regular
files only, size-capped) and decoded in its child process (:mod:`laissez.documents.pictures`).
Nothing is ever written to disk: files are read into memory once and every result is bytes.
"""

from __future__ import annotations

from pathlib import Path

from laissez.documents import sandbox
from laissez.documents.pictures import JPEG_QUALITY, PHOTO_SIDE, PREVIEW_SIDE, jpeg

__all__ = [
    "JPEG_QUALITY",
    "PHOTO_SIDE",
    "PREVIEW_SIDE",
    "SUFFIXES",
    "jpeg",
    "photo_jpeg",
    "preview_jpeg",
    "read_file",
]

#: File name endings the open dialog and drag and drop accept.
SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")


def read_file(path: str | Path) -> bytes:
    """The bytes of an image or PDF file, refusing folders, pipes, devices, empty and oversized
    files.

    Raises:
        FileNotRegularError, ImageEmptyError, ImageTooLargeError, ImageUnreadableError.
    """
    return sandbox.read_untrusted(path)


def preview_jpeg(data: bytes) -> bytes:
    """A preview of the document (at most ``PREVIEW_SIDE`` pixels) as JPEG bytes, made in the
    sandbox."""
    return sandbox.picture_jpeg(data, PREVIEW_SIDE)


def photo_jpeg(data: bytes) -> bytes:
    """The portrait from ``data`` as a metadata-free JPEG of at most ``PHOTO_SIDE`` pixels,
    made in the sandbox."""
    return sandbox.picture_jpeg(data, PHOTO_SIDE)
