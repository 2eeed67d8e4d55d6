"""Typed errors of the documents package.

Messages name lines, positions and fields, never values: an MRZ is personal data and an
error message may end up in a log.
"""

from __future__ import annotations


class DocumentError(Exception):
    """Base class of every error raised by ``laissez.documents``.

    Attributes:
        code: a stable machine-readable code (``mrz.layout``, ``mrz.check_digit`` ...) that the
            desktop maps to translated words.
    """

    code = "document"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MrzError(DocumentError):
    """A problem at a place in an MRZ.

    Attributes:
        line: 1-based line number, or None when the problem is the whole input.
        position: 1-based position in the line (the first of a range), or None.
        end: last position of the range the problem covers (equal to ``position`` for one).
        field: the MRZ field concerned (``document_number``, ``composite`` ...), or "".
        expected: what was expected there, in words (``a digit 0-9``, ``check digit 6``).
    """

    code = "mrz"

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        position: int | None = None,
        end: int | None = None,
        field: str = "",
        expected: str = "",
    ) -> None:
        super().__init__(message)
        self.line = line
        self.position = position
        self.end = end if end is not None else position
        self.field = field
        self.expected = expected

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready description: code, line, position, end, field, expected, message."""
        return {
            "code": self.code,
            "line": self.line,
            "position": self.position,
            "end": self.end,
            "field": self.field,
            "expected": self.expected,
            "message": self.message,
        }


class MrzLayoutError(MrzError):
    """The input is not an MRZ of any known layout (line count or line length)."""

    code = "mrz.layout"


class MrzCharacterError(MrzError):
    """A character that is not allowed at its position."""

    code = "mrz.character"


class MrzCheckDigitError(MrzError):
    """A check digit that does not match the characters it protects."""

    code = "mrz.check_digit"


class MrzCodeError(MrzError):
    """A document code or three-letter State code that Doc 9303 does not define."""

    code = "mrz.code"


class MrzDateError(MrzError):
    """A date that does not exist, or unknown parts where Doc 9303 allows none."""

    code = "mrz.date"


class MrzInvalidError(MrzError):
    """Raised by :meth:`MrzResult.raise_if_invalid`; ``errors`` holds every problem found."""

    code = "mrz.invalid"

    def __init__(self, errors: tuple[MrzError, ...]) -> None:
        first = errors[0]
        super().__init__(
            f"MRZ is not valid: {len(errors)} problem(s), first: {first.message}",
            line=first.line,
            position=first.position,
            end=first.end,
            field=first.field,
            expected=first.expected,
        )
        self.errors = errors


class MrzBuildError(MrzError):
    """A field given to the MRZ builder cannot be written (too long, bad characters ...)."""

    code = "mrz.build"


class TransliterationError(DocumentError):
    """A name holds a character that has no Doc 9303 transliteration (a digit, say)."""

    code = "transliteration"

    def __init__(self, message: str, *, index: int | None = None) -> None:
        super().__init__(message)
        self.index = index


class ImageError(DocumentError):
    """An image (file, bytes, frame or PDF page) that cannot be used for reading.

    Messages say what is wrong with the input (size, kind), never what it shows.
    """

    code = "image"


class ImageUnreadableError(ImageError):
    """Not an image or PDF this reader understands, or a corrupt or truncated one."""

    code = "image.unreadable"


class ImageEmptyError(ImageError):
    """A zero-byte file, an empty buffer, or a frame with no pixels."""

    code = "image.empty"


class ImageTooLargeError(ImageError):
    """An image over the hard pixel or byte cap (larger ones are scaled down, not refused)."""

    code = "image.too_large"


class OcrError(DocumentError):
    """The OCR engine (tesseract) is missing or failed."""

    code = "ocr.engine"


class OcrCancelledError(DocumentError):
    """The caller set the cancel event while an MRZ was being read."""

    code = "ocr.cancelled"


class BarcodeError(DocumentError):
    """A barcode decoder is missing or failed on an image it accepted."""

    code = "barcode"


class FileNotRegularError(ImageUnreadableError):
    """A folder, pipe (FIFO), socket or device where a file was expected; refused unread."""

    code = "file.not_regular"


class TooManyPagesError(ImageTooLargeError):
    """A PDF with more pages than a document to be read can have."""

    code = "file.too_many_pages"


class ReaderTimeoutError(ImageError):
    """Reading the file used up its processor time or its deadline (a file built to stall)."""

    code = "file.too_slow"


class ReaderMemoryError(ImageError):
    """Reading the file needed more memory than a document can need (a file built to exhaust)."""

    code = "file.too_much_memory"


class ReaderCrashedError(ImageError):
    """The child process reading the file died without an answer."""

    code = "file.reader_failed"


class ScannerError(DocumentError):
    """The scanner (SANE's ``scanimage``) failed, or gave no image."""

    code = "scanner"


class ScannerNotFoundError(ScannerError):
    """``scanimage`` is not installed, or it finds no scanner."""

    code = "scanner.none"


class ScannerTimeoutError(ScannerError):
    """The scanner did not finish within its deadline and was stopped."""

    code = "scanner.too_slow"
