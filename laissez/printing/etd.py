"""The emergency travel document: one A4 sheet following ICAO Doc 9303 Part 8.

:func:`issue_etd` is what casework's issue transition calls: it builds the ``PU`` TD2 MRZ, signs
the visible digital seal with the mission's :class:`SignerKey` and lays out the page.
:func:`render_etd` lays out a document whose MRZ and seal already exist (a reprint).
Internal references (case, consent record, officer, post-use state) travel in :class:`EtdData`
for the caller's convenience but are never printed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from laissez.documents.errors import DocumentError
from laissez.documents.mrz import MrzFormat, MrzInput, build
from laissez.documents.seal import SignerKey, decode_seal, seal_etd
from laissez.printing import layout
from laissez.printing.errors import DocumentDataError

TITLE = "EMERGENCY TRAVEL DOCUMENT"
TITLE_FR = "DOCUMENT DE VOYAGE D'URGENCE"
VALIDITY = "SINGLE JOURNEY"


@dataclass(frozen=True)
class EtdData:
    """Every field of an ETD (ICAO.md §2.5). Dates of birth are ISO text, ``XX`` for unknown.

    ``primary_identifier``/``secondary_identifier`` are the names in Latin letters as printed
    (the MRZ transliterates them); ``name_original_script`` is the name as the person writes it.
    ``photo`` holds JPEG or PNG bytes. ``mrz_lines`` and ``seal`` are filled by
    :func:`issue_etd`. ``case_id``, ``consent_record_id``, ``officer_id`` and ``status`` are
    internal and never printed.
    """

    document_number: str
    serial_number: str
    issuing_state: str
    issuing_state_name: str
    primary_identifier: str
    secondary_identifier: str
    nationality: str
    date_of_birth: str
    sex: str
    photo: bytes = field(repr=False)
    issue_date: dt.date
    issue_place: str
    authority: str
    expiry_date: dt.date
    final_destination: str
    name_original_script: str = ""
    place_of_birth: str = ""
    distinguishing_marks: str = ""
    travel_date: dt.date | None = None
    transit_points: tuple[str, ...] = ()
    previous_passport: str = ""
    remarks: str = ""
    document_code: str = "PU"
    mrz_lines: tuple[str, ...] = ()
    mrz_name_truncated: bool = False
    seal: bytes = field(default=b"", repr=False)
    officer_id: str = ""
    case_id: str = ""
    consent_record_id: str = ""
    status: str = "issued"


@dataclass(frozen=True)
class IssuedEtd:
    """An issued document: the PDF, and the MRZ and seal it carries (store all three)."""

    pdf: bytes = field(repr=False)
    mrz_lines: tuple[str, ...] = field(repr=False)
    seal: bytes = field(repr=False)
    data: EtdData = field(repr=False)


def build_mrz(data: EtdData) -> tuple[tuple[str, ...], bool]:
    """The ``PU`` TD2 MRZ of ``data`` and whether the name had to be truncated.

    Raises:
        DocumentDataError: a field the MRZ cannot hold (named by field).
    """
    try:
        built = build(
            MrzInput(
                format=MrzFormat.TD2,
                document_code=data.document_code,
                issuing_state=data.issuing_state,
                primary_identifier=data.primary_identifier,
                secondary_identifier=data.secondary_identifier,
                document_number=data.document_number,
                nationality=data.nationality,
                date_of_birth=data.date_of_birth,
                sex=data.sex,
                date_of_expiry=data.expiry_date,
            )
        )
    except DocumentError as error:
        raise DocumentDataError(f"the MRZ cannot be built: {error.message}") from None
    return tuple(built.lines), built.name.truncated


def issue_etd(data: EtdData, signer: SignerKey, *, today: dt.date | None = None) -> IssuedEtd:
    """Build the MRZ, sign the seal with ``signer`` and render the page.

    This is the single way a new ETD comes into being; casework calls it from the issue
    transition only, after the safeguard gate, with the key it unlocked from storage.

    Raises:
        DocumentDataError: unusable data (field named); SealError subclasses for key problems.
    """
    today = today or dt.date.today()
    lines, truncated = build_mrz(data)
    seal = seal_etd(lines, signer, issue_date=data.issue_date, signature_date=today)
    complete = replace(data, mrz_lines=lines, mrz_name_truncated=truncated, seal=seal)
    return IssuedEtd(render_etd(complete), lines, seal, complete)


def render_etd(data: EtdData) -> bytes:
    """Lay out an ETD whose ``mrz_lines`` and ``seal`` are set; returns the PDF bytes.

    Raises:
        DocumentDataError: no MRZ or seal, an unreadable photo, a seal that does not decode.
    """
    if len(data.mrz_lines) != 2 or not data.seal:
        raise DocumentDataError("mrz_lines and seal must be set; use issue_etd for a new ETD")
    try:
        header = decode_seal(data.seal).header
    except DocumentError:
        raise DocumentDataError("the seal does not decode") from None
    photo = _photo(data.photo)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=layout.A4, invariant=True, pageCompression=1)
    canvas.setTitle(f"{TITLE} - {data.issuing_state_name}")
    canvas.setAuthor(data.authority)
    layout.draw_background(canvas)
    layout.draw_header(canvas, data.issuing_state_name, TITLE, TITLE_FR)
    layout.draw_number(canvas, data.document_number, data.serial_number)
    layout.draw_validity(
        canvas,
        VALIDITY,
        [
            ("Valid until / Valable jusqu'au", layout.date_text(data.expiry_date)),
            ("Travel date / Date du voyage", layout.date_text(data.travel_date)),
        ],
    )
    canvas.drawImage(photo, *layout.PHOTO_BOX, preserveAspectRatio=True, anchor="c")
    layout.draw_fields(canvas, _person_fields(data), layout.PERSON_AREA)
    layout.draw_fields(canvas, _journey_fields(data), layout.JOURNEY_AREA)
    layout.draw_fields(canvas, _issue_fields(data), layout.ISSUE_AREA)
    layout.draw_signature_box(canvas)
    layout.draw_datamatrix(canvas, data.seal)
    layout.draw_verification(canvas, header.signer_identifier, header.certificate_reference)
    layout.draw_mrz(canvas, data.mrz_lines)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _photo(data: bytes) -> ImageReader:
    if not data:
        raise DocumentDataError("photo is missing; the ETD needs a digitally printed photo")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            rgb = image.convert("RGB")
    except (UnidentifiedImageError, OSError):
        raise DocumentDataError("photo is not a readable JPEG or PNG image") from None
    return ImageReader(rgb)


def _person_fields(data: EtdData) -> Sequence[layout.Field]:
    return [
        layout.Field("1 Surname / Nom", data.primary_identifier.upper()),
        layout.Field("2 Given names / Prénoms", data.secondary_identifier.upper()),
        layout.Field(
            "3 Name in original script / Nom en écriture d'origine", data.name_original_script
        ),
        layout.Field("4 Nationality / Nationalité", data.nationality, half=True),
        layout.Field("5 Sex / Sexe", data.sex if data.sex in ("F", "M") else "X", half=True),
        layout.Field(
            "6 Date of birth / Date de naissance",
            layout.partial_date(data.date_of_birth),
            half=True,
        ),
        layout.Field("7 Place of birth / Lieu de naissance", data.place_of_birth, half=True),
        layout.Field("8 Distinguishing marks / Signes particuliers", data.distinguishing_marks),
        layout.Field("9 Previous passport / Passeport antérieur", data.previous_passport),
    ]


def _journey_fields(data: EtdData) -> Sequence[layout.Field]:
    route = "  >  ".join(data.transit_points) if data.transit_points else "none / aucun"
    return [
        layout.Field("10 Final destination / Destination finale", data.final_destination),
        layout.Field("11 Transit points / Points de transit", route),
    ]


def _issue_fields(data: EtdData) -> Sequence[layout.Field]:
    return [
        layout.Field(
            "12 Date of issue / Date de délivrance", layout.date_text(data.issue_date), half=True
        ),
        layout.Field("13 Place of issue / Lieu de délivrance", data.issue_place, half=True),
        layout.Field("14 Authority / Autorité", data.authority),
        layout.Field("15 Remarks / Observations", data.remarks),
    ]
