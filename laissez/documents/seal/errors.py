"""Typed errors of the digital-seal subpackage.

Messages name the part of the seal (header, feature tag, signature zone), never its values: a
seal's message zone carries an MRZ, which is personal data.
"""

from __future__ import annotations

from laissez.documents.errors import DocumentError


class SealError(DocumentError):
    """Base class of every seal error; ``code`` is stable (``seal.format`` ...)."""

    code = "seal"


class SealFormatError(SealError):
    """The bytes are not a well-formed Doc 9303 Part 13 seal (truncated, bad magic, bad C40)."""

    code = "seal.format"


class SealEncodeError(SealError):
    """A value cannot be written into a seal (a character outside C40, a date out of range)."""

    code = "seal.encode"


class SealKeyError(SealError):
    """A key or certificate is unusable: unsupported curve, wrong password, missing extension."""

    code = "seal.key"
