"""The person's receipt: the rights advisal they received and the decisions they made.

Everything on it is in the person's language: the caller (casework, from the versioned texts in
``forms``) passes the advisal text and every caption already translated, with the language tag.
Arabic-script languages are set right to left and shaped; Bengali is shaped (conjuncts) too.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable, HRFlowable

from laissez.printing import typefaces
from laissez.printing.errors import DocumentDataError
from laissez.printing.script import has_rtl_letters, markup


@dataclass(frozen=True)
class ReceiptLabels:
    """Captions of the receipt, in the person's language (English defaults)."""

    title: str = "Receipt: information you received and decisions you made"
    person: str = "Name"
    date: str = "Date"
    authority: str = "Issued by"
    advisal: str = "Information you received"
    text_version: str = "Text version"
    interpreter: str = "Interpreter"
    decisions: str = "Your decisions"
    decision: str = "Question"
    answer: str = "Your answer"
    recorded: str = "Recorded"
    withdrawal: str = (
        "You may withdraw your consent at any time before you travel. Keep this receipt."
    )
    signature: str = "Signature"


@dataclass(frozen=True)
class Decision:
    """One decision: the question as put to the person, their answer, when it was recorded."""

    question: str
    answer: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class ReceiptData:
    """What a receipt shows. ``language`` is a BCP 47 tag (``ar``, ``ur``, ``bn``, ``en`` ...).

    ``advisal_text`` is the exact advisal shown, paragraphs separated by blank lines;
    ``advisal_version`` identifies that text (its version or hash). ``reference`` is an opaque
    receipt reference (never a case id, name or document number).
    """

    language: str
    person_name: str
    authority: str
    issued_at: dt.datetime
    advisal_title: str
    advisal_text: str = field(repr=False)
    advisal_version: str
    decisions: tuple[Decision, ...]
    reference: str = ""
    interpreter: str = ""
    labels: ReceiptLabels = field(default_factory=ReceiptLabels)


def _styles(language: str) -> dict[str, ParagraphStyle]:
    script = typefaces.style_for_language(language)
    body_font = typefaces.font(script.font)
    bold_font = typefaces.font(typefaces.SANS_BOLD) if script.font == typefaces.SANS else body_font
    align = TA_RIGHT if script.rtl else TA_LEFT
    common: dict[str, object] = {
        "alignment": align,
        "wordWrap": "RTL" if script.rtl else None,
        "shaping": 1,
        "textColor": colors.Color(0.1, 0.12, 0.16),
    }
    return {
        "title": ParagraphStyle(
            "title", fontName=bold_font, fontSize=15, leading=15 * script.leading, **common
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=bold_font,
            fontSize=12,
            leading=12 * script.leading,
            spaceBefore=8,
            spaceAfter=3,
            **common,
        ),
        "body": ParagraphStyle(
            "body",
            fontName=body_font,
            fontSize=10.5,
            leading=10.5 * script.leading,
            spaceAfter=4,
            **common,
        ),
        "small": ParagraphStyle(
            "small", fontName=body_font, fontSize=8.5, leading=8.5 * script.leading, **common
        ),
        # dates, versions and references: forced left to right, aligned with the text
        "ltr": ParagraphStyle(
            "ltr",
            fontName=typefaces.font(typefaces.SANS),
            fontSize=8.5,
            leading=12,
            alignment=align,
            textColor=common["textColor"],
        ),
    }


def _date(moment: dt.datetime) -> str:
    # ISO dates read the same in every script and are not reordered by bidi.
    return moment.strftime("%Y-%m-%d %H:%M")


def render_receipt(data: ReceiptData) -> bytes:
    """Lay out the receipt; returns the PDF bytes.

    Raises:
        DocumentDataError: no advisal text or no decision (named by field).
        FontMissingError: the language's font is not installed.
    """
    if not data.advisal_text.strip():
        raise DocumentDataError("advisal_text is empty; a receipt records the advisal shown")
    if not data.decisions:
        raise DocumentDataError("decisions is empty; a receipt records at least one decision")
    labels = data.labels
    styles = _styles(data.language)
    rtl = typefaces.style_for_language(data.language).rtl

    def para(text: str, style: str = "body") -> Paragraph:
        return _para(text, styles[style], rtl)

    story: list[Flowable] = [
        para(labels.title, "title"),
        Spacer(1, 3 * mm),
        _pairs(
            [
                (labels.person, data.person_name),
                (labels.date, _Ltr(_date(data.issued_at))),
                (labels.authority, data.authority),
            ],
            styles,
            rtl,
        ),
        HRFlowable(width="100%", thickness=0.6, color=colors.grey, spaceBefore=4, spaceAfter=2),
        para(labels.advisal, "heading"),
        para(data.advisal_title, "body"),
    ]
    for block in data.advisal_text.split("\n\n"):
        if block.strip():
            story.append(para(" ".join(block.split()), "body"))
    meta: list[tuple[str, str]] = [(labels.text_version, _Ltr(data.advisal_version))]
    if data.interpreter:
        meta.append((labels.interpreter, data.interpreter))
    story += [_pairs(meta, styles, rtl, small=True), para(labels.decisions, "heading")]
    rows = [
        [
            para(labels.decision, "small"),
            para(labels.answer, "small"),
            para(labels.recorded, "small"),
        ]
    ]
    rows += [
        [para(d.question), para(d.answer), para(_date(d.recorded_at), "ltr")]
        for d in data.decisions
    ]
    widths = [100 * mm, 40 * mm, 34 * mm]
    if rtl:
        rows = [list(reversed(r)) for r in rows]
        widths = list(reversed(widths))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.94, 0.97)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 5 * mm),
        para(labels.withdrawal),
        Spacer(1, 12 * mm),
        para(f"{labels.signature}: ____________________________"),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(210 * mm, 297 * mm),
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=labels.title,
        invariant=True,
    )
    footer = f"{data.reference}  ·  {data.language}" if data.reference else data.language

    def on_page(canvas: object, _doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(typefaces.font(typefaces.SANS), 7)  # type: ignore[attr-defined]
        canvas.setFillColor(colors.grey)  # type: ignore[attr-defined]
        canvas.drawString(18 * mm, 10 * mm, footer)  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


class _Ltr(str):
    """A value that reads left to right whatever the language (dates, versions)."""


def _para(text: str, style: ParagraphStyle, rtl: bool) -> Paragraph:
    if style.name == "ltr":
        return Paragraph(markup(text, typefaces.SANS), style)
    if rtl and not has_rtl_letters(text):
        # A Latin-only value (an authority's name) inside a right-to-left page: left to right,
        # aligned right; reportlab's bidi would reverse its words.
        ltr = ParagraphStyle(
            f"{style.name}-ltr",
            parent=style,
            fontName=typefaces.font(typefaces.SANS),
            wordWrap=None,
            shaping=0,
        )
        return Paragraph(markup(text, typefaces.SANS), ltr)
    return Paragraph(markup(text, style.fontName, rtl=rtl), style)


def _pairs(
    pairs: Sequence[tuple[str, str]],
    styles: dict[str, ParagraphStyle],
    rtl: bool,
    *,
    small: bool = False,
) -> Table:
    label_style = styles["small"]
    value_style = styles["small" if small else "body"]
    rows = [
        [
            _para(label, label_style, rtl),
            _para(value, styles["ltr"] if isinstance(value, _Ltr) else value_style, rtl),
        ]
        for label, value in pairs
    ]
    widths = [40 * mm, 134 * mm]
    if rtl:
        rows = [list(reversed(r)) for r in rows]
        widths = list(reversed(widths))
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
