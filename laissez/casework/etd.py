"""What issuing a document hands to the printer: plain, frozen data (no ORM objects)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

#: an emergency travel document is valid for one journey; this many days from issue.
ETD_VALIDITY_DAYS = 30


@dataclass(frozen=True)
class EtdData:
    """The data an ETD page needs, as recorded in the case when it was issued.

    Dates are ISO text (``YYYY-MM-DD``; a date of birth may hold ``XX`` for unknown parts).
    ``issuing_state`` is the person's nationality (the State whose mission issues the ETD).
    ``photo`` holds the encoded portrait if one was captured.
    ``pdf`` is the printed document made by the issue transition (signed seal as a
    DataMatrix, OCR-B MRZ), and ``mrz_lines``/``seal`` are what it carries; the database keeps
    the MRZ and the seal (for verifying and reprinting), never the PDF itself.
    """

    case_id: uuid.UUID
    document_id: uuid.UUID
    document_number: str
    issuing_state: str
    primary_name: str
    secondary_name: str
    nationality: str
    date_of_birth: str | None
    sex: str | None
    valid_from: str
    valid_until: str
    place_of_issue: str
    photo: bytes | None = None
    photo_media_type: str | None = None
    mrz_lines: tuple[str, ...] = field(default=(), repr=False)
    seal: bytes = field(default=b"", repr=False)
    pdf: bytes = field(default=b"", repr=False)
