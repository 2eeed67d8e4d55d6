"""What a capture hands to the identity step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from laissez.documents.mrz import parse


@dataclass(frozen=True)
class CaptureResult:
    """An MRZ the officer accepted, and the photograph if one was taken.

    ``lines``: the MRZ lines as accepted (read or typed); ``valid``: every check digit
    matched; ``fields``: the parsed fields by ``laissez.documents.mrz`` name, to pre-fill the
    identity form: ``name`` (an ``MrzName``: ``.primary``, ``.secondary``), ``date_of_birth``
    (an ``MrzDate``: ``.year``, ``.month``, ``.day``, None when unknown), ``sex`` (``F``/``M``/
    ``<``), ``nationality``, ``document_number``, ``document_code``, ``issuing_state``,
    ``protection_status`` (XXA/XXB/XXC); ``source``: ``scan`` (image file, scanner or
    camera), ``reader`` (typed by a desk document reader) or ``manual``; ``photo``: the
    portrait as JPEG or PNG bytes, or None.
    """

    lines: tuple[str, ...]
    valid: bool
    fields: dict[str, Any] = field(default_factory=dict)
    source: str = "manual"
    photo: bytes | None = None

    @staticmethod
    def from_lines(
        lines: tuple[str, ...], *, source: str, photo: bytes | None = None
    ) -> CaptureResult:
        """Parse ``lines`` (raises ``MrzError`` when they are not an MRZ at all)."""
        result = parse(list(lines))
        fields = {
            name: getattr(result.fields, name)
            for name in dir(result.fields)
            if not name.startswith("_") and not callable(getattr(result.fields, name))
        }
        return CaptureResult(tuple(lines), bool(result.valid), fields, source, photo)
