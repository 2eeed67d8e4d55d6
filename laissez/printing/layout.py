"""Drawing helpers and the geometry of the ETD page (millimetres, origin at the bottom left).

The MRZ is set in OCR-B at 10 characters per 25.4 mm (Doc 9303 Part 3), in a clear band at the
foot of the page; the seal is a DataMatrix with 0.508 mm modules (6 dots at 300 dpi, above the
0.34 mm Part 13 asks for inkjet printing).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import zxingcpp
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4 as _A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from laissez.printing import typefaces
from laissez.printing.errors import DocumentDataError
from laissez.printing.script import markup

A4 = _A4
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 8.0
LEFT, RIGHT = 15.0, 195.0
#: photo box: x, y, width, height in points
PHOTO_BOX = (LEFT * mm, 188 * mm, 35 * mm, 45 * mm)
#: field areas: x, top, width (mm)
PERSON_AREA = (56.0, 238.0, RIGHT - 56.0)
JOURNEY_AREA = (LEFT, 156.0, RIGHT - LEFT)
ISSUE_AREA = (LEFT, 130.0, RIGHT - LEFT)
ROW_MM = 10.5
MODULE_MM = 0.508
MRZ_PITCH_MM = 2.54
MRZ_X, MRZ_Y1, MRZ_Y2 = LEFT, 21.5, 15.0
SEAL_RIGHT, SEAL_BOTTOM = RIGHT, 64.0
INK = colors.Color(0.1, 0.12, 0.16)
LABEL_INK = colors.Color(0.35, 0.38, 0.45)
NUMBER_INK = colors.Color(0.72, 0.05, 0.08)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@dataclass(frozen=True)
class Field:
    """A labelled value; ``half`` fields share a row with the next half field."""

    label: str
    value: str
    half: bool = False


def date_text(date: dt.date | None) -> str:
    """``15 JAN 2027`` (ICAO visual-zone style), or ``-`` when there is no date."""
    if date is None:
        return "-"
    return f"{date.day:02d} {_MONTHS[date.month - 1]} {date.year}"


def partial_date(iso: str) -> str:
    """A date of birth given as ISO text with ``XX`` for unknown parts, in visual-zone style."""
    parts = iso.split("-")
    if len(parts) != 3:
        return iso
    year, month, day = parts
    month_text = _MONTHS[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else "XXX"
    return f"{day if day.isdigit() else 'XX'} {month_text} {year}"


def draw_background(canvas: Canvas) -> None:
    """A frame and a fine guilloche-like background, kept clear of the MRZ and seal zone."""
    canvas.saveState()
    canvas.setStrokeColor(colors.Color(0.80, 0.86, 0.93))
    canvas.setLineWidth(0.3)
    path = canvas.beginPath()
    for k in range(22):
        phase = k * 0.55
        base = 100 + k * 8.2
        for i in range(91):
            x = MARGIN + i * (PAGE_W - 2 * MARGIN) / 90
            y = base + 3.2 * math.sin(x / 9.0 + phase) + 1.6 * math.sin(x / 3.7 - phase)
            if i == 0:
                path.moveTo(x * mm, y * mm)
            else:
                path.lineTo(x * mm, y * mm)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.rect(MARGIN * mm, MARGIN * mm, (PAGE_W - 2 * MARGIN) * mm, (PAGE_H - 2 * MARGIN) * mm)
    canvas.restoreState()


def draw_header(canvas: Canvas, state_name: str, title: str, subtitle: str) -> None:
    """Issuing State and the document title."""
    draw_text(canvas, LEFT, 280, state_name.upper(), 12.5, bold=True)
    draw_text(canvas, LEFT, 271.5, title, 17, bold=True)
    draw_text(canvas, LEFT, 266, subtitle, 9, color=LABEL_INK)


def draw_number(canvas: Canvas, number: str, serial: str) -> None:
    """The document number (from the allocated range) and serial, top right, in red."""
    canvas.setFillColor(LABEL_INK)
    canvas.setFont(typefaces.font(typefaces.SANS), 6.5)
    canvas.drawRightString(RIGHT * mm, 281 * mm, "Document No. / N° du document")
    canvas.setFillColor(NUMBER_INK)
    canvas.setFont(typefaces.font(typefaces.OCRB), 15)
    canvas.drawRightString(RIGHT * mm, 274 * mm, number)
    canvas.setFillColor(LABEL_INK)
    canvas.setFont(typefaces.font(typefaces.SANS), 7)
    canvas.drawRightString(RIGHT * mm, 269 * mm, f"Serial / Série {serial}")


def draw_validity(canvas: Canvas, validity: str, items: Sequence[tuple[str, str]]) -> None:
    """The validity box: "single journey" and its dates."""
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1)
    canvas.rect(LEFT * mm, 243 * mm, (RIGHT - LEFT) * mm, 18 * mm, fill=1)
    canvas.restoreState()
    draw_text(canvas, LEFT + 3, 256.5, "Validity / Validité", 6.5, color=LABEL_INK)
    draw_text(canvas, LEFT + 3, 248, validity, 15, bold=True)
    draw_text(canvas, LEFT + 3, 244.6, "VOYAGE UNIQUE", 6.5, color=LABEL_INK)
    x = 112.0
    for label, value in items:
        draw_text(canvas, x, 256.5, label, 6.5, color=LABEL_INK)
        draw_text(canvas, x, 249, value, 11, bold=True)
        x += 42


def draw_text(
    canvas: Canvas,
    x_mm: float,
    y_mm: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    color: colors.Color = INK,
) -> None:
    """One line of text; non-Latin scripts are shaped (and set right to left) by a Paragraph."""
    style = typefaces.style_for_text(text)
    canvas.setFillColor(color)
    if style.font == typefaces.SANS:
        canvas.setFont(typefaces.font(typefaces.SANS_BOLD if bold else typefaces.SANS), size)
        canvas.drawString(x_mm * mm, y_mm * mm, text)
        return
    leading = size * 1.2
    para_style = ParagraphStyle(
        "field",
        fontName=typefaces.font(style.font),
        fontSize=size,
        leading=leading,
        alignment=TA_LEFT,
        wordWrap="RTL" if style.rtl else None,
        shaping=1,
        textColor=color,
    )
    paragraph = Paragraph(markup(text, style.font, rtl=style.rtl), para_style)
    paragraph.wrapOn(canvas, 130 * mm, 2 * leading)
    paragraph.drawOn(canvas, x_mm * mm, y_mm * mm - leading + size)


def draw_fields(canvas: Canvas, fields: Sequence[Field], area: tuple[float, float, float]) -> None:
    """Labelled values in rows of :data:`ROW_MM`; long values wrap to two smaller lines.

    Raises:
        DocumentDataError: a value too long for its box (named by its label).
    """
    x0, top, width = area
    y = top
    column = 0
    for field in fields:
        box = width / 2 if field.half else width
        x = x0 + (width / 2 if field.half and column == 1 else 0)
        draw_text(canvas, x, y - 2.6, field.label, 6.2, color=LABEL_INK)
        _draw_value(canvas, x, y - 7.2, box - 3, field)
        if field.half and column == 0:
            column = 1
            continue
        column = 0
        y -= ROW_MM


def _draw_value(canvas: Canvas, x: float, y: float, width_mm: float, field: Field) -> None:
    value = field.value or "-"
    style = typefaces.style_for_text(value)
    fontname = typefaces.font(style.font)
    size = 10.5
    if stringWidth(value, fontname, size) <= width_mm * mm or style.rtl:
        draw_text(canvas, x, y, value, size)
        return
    for size in (9.0, 8.0, 7.0, 6.2):
        lines = simpleSplit(value, fontname, size, width_mm * mm)
        if len(lines) <= 2:
            for i, line in enumerate(lines):
                draw_text(canvas, x, y + 1.2 - i * size * 0.42, line, size)
            return
    raise DocumentDataError(f"the value of '{field.label}' is too long to print")


def datamatrix_modules(data: bytes) -> np.ndarray:
    """The DataMatrix symbol for ``data`` as a boolean module matrix (True = dark)."""
    symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.DataMatrix)
    image = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False))
    return image < 128


def draw_datamatrix(canvas: Canvas, seal: bytes) -> tuple[float, float]:
    """Draw the seal as a vector DataMatrix at the seal position; returns (width, height) mm."""
    modules = datamatrix_modules(seal)
    rows, cols = modules.shape
    width, height = cols * MODULE_MM, rows * MODULE_MM
    x0, y0 = SEAL_RIGHT - width, SEAL_BOTTOM
    canvas.saveState()
    canvas.setFillColor(colors.white)
    quiet = 2 * MODULE_MM
    canvas.rect(
        (x0 - quiet) * mm,
        (y0 - quiet) * mm,
        (width + 2 * quiet) * mm,
        (height + 2 * quiet) * mm,
        stroke=0,
        fill=1,
    )
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    step = MODULE_MM * mm
    for r in range(rows):
        row = modules[r]
        y = (y0 + (rows - 1 - r) * MODULE_MM) * mm
        c = 0
        while c < cols:
            if row[c]:
                start = c
                while c < cols and row[c]:
                    c += 1
                path.rect(x0 * mm + start * step, y, (c - start) * step, step)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    canvas.setFillColor(LABEL_INK)
    canvas.setFont(typefaces.font(typefaces.SANS), 5.8)
    canvas.drawRightString(SEAL_RIGHT * mm, (y0 - 3.2) * mm, "Digital seal / Cachet numérique")
    canvas.drawRightString(SEAL_RIGHT * mm, (y0 - 5.6) * mm, "ICAO Doc 9303-13")
    return width, height


def draw_signature_box(canvas: Canvas) -> None:
    """An empty box for the issuing officer's signature and stamp."""
    canvas.saveState()
    canvas.setStrokeColor(LABEL_INK)
    canvas.setLineWidth(0.5)
    canvas.rect(LEFT * mm, 62 * mm, 85 * mm, 24 * mm)
    canvas.restoreState()
    draw_text(
        canvas, LEFT + 2, 83, "Signature and stamp / Signature et cachet", 6.2, color=LABEL_INK
    )


VERIFY_TEXT = (
    "How to verify: scan the digital seal with an ICAO visible digital seal reader "
    "(Doc 9303-13) or 'laissez etd verify'; its signature must check against the certificate "
    "of signer {signer}, reference {reference}, and the MRZ in the seal must equal the MRZ "
    "printed below, character for character. This document is valid for one journey only "
    "and is withdrawn at the final border."
)


def draw_verification(canvas: Canvas, signer: str, reference: str) -> None:
    """The short line telling a border officer how to verify the seal."""
    text = VERIFY_TEXT.format(signer=signer, reference=reference)
    fontname = typefaces.font(typefaces.SANS)
    lines = simpleSplit(text, fontname, 6.8, (RIGHT - LEFT) * mm)
    canvas.setFillColor(INK)
    canvas.setFont(fontname, 6.8)
    for i, line in enumerate(lines):
        canvas.drawString(LEFT * mm, (52 - i * 3.0) * mm, line)


def draw_mrz(canvas: Canvas, lines: Sequence[str]) -> None:
    """The MRZ in OCR-B at a pitch of 2.54 mm per character, on a clear white band."""
    fontname = typefaces.font(typefaces.OCRB)
    advance = stringWidth("<", fontname, 1000) / 1000
    size = MRZ_PITCH_MM * mm / advance
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(
        (MARGIN + 0.5) * mm,
        (MARGIN + 0.5) * mm,
        (PAGE_W - 2 * MARGIN - 1) * mm,
        30 * mm,
        stroke=0,
        fill=1,
    )
    canvas.setFillColor(colors.black)
    canvas.setFont(fontname, size)
    for line, y in zip(lines, (MRZ_Y1, MRZ_Y2), strict=True):
        canvas.drawString(MRZ_X * mm, y * mm, line)
    canvas.restoreState()
