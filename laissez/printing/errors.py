"""Typed errors of the printing package; messages name fields and files, never personal data."""

from __future__ import annotations


class PrintingError(Exception):
    """Base class of every error raised by ``laissez.printing``; ``code`` is stable."""

    code = "printing"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FontMissingError(PrintingError):
    """A font the layout needs is not installed; the message names the file and package."""

    code = "printing.font_missing"


class DocumentDataError(PrintingError):
    """The data given for a document is incomplete or unusable (named by field)."""

    code = "printing.data"


class ReadBackError(PrintingError):
    """A printed page or image could not be read (not a PDF or image, no page)."""

    code = "printing.read_back"
