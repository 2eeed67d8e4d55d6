"""Printing the travel document: the system's print dialog, painting rendered pages on the
printer, the print log of one document and the dialog that asks why a document is printed again.

Casework decides and records (``reprint_document``, ``record_print``); these widgets and
functions only show, ask and paint. The pages come from ``pdf_pages.render_pages`` in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.views.prints import REPRINT_REASONS, DocumentPrints
from laissez.desktop.flow.pdf_pages import PageImage
from laissez.desktop.widgets import confirm_buttons
from laissez.i18n import N_, _, isolate, ltr

#: why a document is printed again (casework's codes; the audit log holds no free text)
REPRINT_LABELS: dict[str, str] = {
    "printer_jam": N_("The printer jammed"),
    "poor_print_quality": N_("The print is faint or smudged"),
    "damaged_copy": N_("The printed copy was damaged"),
    "lost_before_handover": N_("The copy was lost before it was handed over"),
    "wrong_paper": N_("It was printed on the wrong paper"),
}

#: the printer name recorded when the print dialog wrote a PDF file (never the file's name)
PDF_FILE_PRINTER = "PDF file"
#: printing renders each page at the printer's resolution, at most this (an A4 page at
#: 300 dpi is 35 MB in memory; the MRZ and the seal stay sharp)
MAX_PRINT_DPI = 300


class ReprintDialog(QDialog):
    """Asks why the document is printed again: one reason from a list, never free text."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reprint_dialog")
        self.setWindowTitle(_("Reprint the travel document"))
        explain = QLabel(
            _(
                "Document {number} is printed again with the same seal and machine-readable "
                "zone. The reprint and its reason are kept in the print log."
            ).format(number=ltr(number))
        )
        explain.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("reprint_reason")
        self.reason.addItem(_("Choose a reason…"), None)
        for code in REPRINT_REASONS:
            self.reason.addItem(_(REPRINT_LABELS.get(code, code)), code)
        self.reason.setAccessibleName(_("Reason for the reprint"))
        form = QFormLayout()
        form.addRow(_("&Reason"), self.reason)
        self.buttons, self.ok = confirm_buttons(self, _("Reprint"), "reprint_confirm")
        self.reason.currentIndexChanged.connect(
            lambda _index: self.ok.setEnabled(self.reason_code() is not None)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        explain.setMinimumWidth(440)

    def reason_code(self) -> str | None:
        """The chosen reason code (None until one is chosen)."""
        data = self.reason.currentData()
        return str(data) if data else None

    def accept(self) -> None:
        """Close only with a reason chosen."""
        if self.reason_code() is not None:
            super().accept()


class PrintLog(QTableWidget):
    """The print log of one document: the original and every reprint, read only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("print_log")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def retranslate(self) -> None:
        """Set the name and the column headers in the current interface language."""
        self.setAccessibleName(_("Print log"))
        self.setHorizontalHeaderLabels(
            [_("When"), _("Kind"), _("Printer"), _("Copies"), _("By"), _("Reason")]
        )

    def show_document(self, doc: DocumentPrints | None) -> None:
        """One line per print of ``doc`` (none without a document)."""
        lines = doc.lines if doc is not None else ()
        self.setRowCount(len(lines))
        for row, line in enumerate(lines):
            when = line.printed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            kind = _("Original") if line.kind == "original" else _("Reprint")
            if not line.printer:
                printer = _("not printed yet")
            elif line.printer == PDF_FILE_PRINTER:
                printer = _("PDF file")
            else:
                printer = line.printer
            reason = (
                _(REPRINT_LABELS[line.reason_code])
                if line.reason_code in REPRINT_LABELS
                else line.reason_code
            )
            values = [
                ltr(when),
                kind,
                printer,
                str(line.copies) if line.printer else "",
                # a Latin name ending in a full stop ("Farid B.") keeps it at its end in Arabic
                isolate(line.printed_by),
                reason,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)


def choose_printer(printer: QPrinter, parent: QWidget) -> bool:
    """Show the system's print dialog for an A4 page printed to the edges; False: cancelled."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("print_dialog")
    dialog.setWindowTitle(_("Print the travel document"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_dpi(printer: QPrinter) -> int:
    """The resolution to render the pages at for ``printer``."""
    return min(printer.resolution(), MAX_PRINT_DPI)


def copies_asked(printer: QPrinter) -> int:
    """How many copies the officer asked for in the print dialog (at least one)."""
    return max(printer.copyCount(), 1)


def paint_pages(printer: QPrinter, pages: list[PageImage]) -> bool:
    """On the GUI thread: paint ``pages`` on ``printer``, every copy asked for (the printer
    makes the copies when it can). False when the printer could not be used."""
    copies = copies_asked(printer)
    rounds = 1 if printer.supportsMultipleCopies() else copies
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return False
    dpi = printer.resolution()
    paper = printer.pageLayout().fullRectPixels(dpi)
    first = True
    for _round in range(rounds):
        for page in pages:
            if not first:
                printer.newPage()
            first = False
            width = page.width_pt / 72.0 * dpi
            height = page.height_pt / 72.0 * dpi
            scale = min(1.0, paper.width() / width, paper.height() / height)
            target = QRect(0, 0, round(width * scale), round(height * scale))
            painter.drawImage(target, page.image)
    return painter.end()


def printer_name(printer: QPrinter) -> str:
    """The printer's name for the print log (``PDF file`` for a file, never its name)."""
    name = printer.printerName() or PDF_FILE_PRINTER
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        name = PDF_FILE_PRINTER
    return name
