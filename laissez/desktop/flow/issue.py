"""The last step: issue the travel document, look at it, print it, and reprint it with a reason.

Casework decides everything: ``issue_document`` (through the safeguard gate), the reprint
(``reprint_document`` with a reason code), and ``record_print`` (the printer accepted the
layout waiting for it; a second sheet needs a reprint with a reason). This page keeps the PDF
in memory only: the preview and the printed pages are rendered to images in memory, and
nothing is written to disk except where the officer's print dialog sends it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QPageSize,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.print_view import REPRINT_REASONS, DocumentPrints, document_prints
from laissez.casework.queries import CaseView
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.pdf_pages import PageImage, render_pages
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title
from laissez.desktop.messages import describe_error, gate_sentence
from laissez.desktop.workers import Job, run_in_pool
from laissez.i18n import N_, _, isolate, ltr, ngettext

logger = logging.getLogger(__name__)

#: why a document is printed again (casework's codes; the audit log holds no free text)
REPRINT_LABELS: dict[str, str] = {
    "printer_jam": N_("The printer jammed"),
    "poor_print_quality": N_("The print is faint or smudged"),
    "damaged_copy": N_("The printed copy was damaged"),
    "lost_before_handover": N_("The copy was lost before it was handed over"),
    "wrong_paper": N_("It was printed on the wrong paper"),
}

DOCUMENT_STATUS: dict[str, str] = {
    "issued": N_("Issued"),
    "voided": N_("VOIDED"),
    "revoked": N_("REVOKED"),
}

#: the printer name recorded when the print dialog wrote a PDF file (never the file's name)
PDF_FILE_PRINTER = "PDF file"
#: printing renders each page at the printer's resolution, at most this (an A4 page at
#: 300 dpi is 35 MB in memory; the MRZ and the seal stay sharp)
MAX_PRINT_DPI = 300
A4_WIDTH_PT = 595.3
ZOOM_LEVELS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
DEFAULT_ZOOM = 1


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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Reprint"))
        self.ok.setObjectName("reprint_confirm")
        self.ok.setEnabled(False)
        self.reason.currentIndexChanged.connect(
            lambda _index: self.ok.setEnabled(self.reason_code() is not None)
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
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


class PdfPreview(QWidget):
    """The document's pages, rendered in memory at screen resolution, with zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.pdf: bytes | None = None
        self.pages: list[PageImage] = []
        self.zoom_index = DEFAULT_ZOOM
        #: the officer chose a zoom; until then the page is fitted to the preview's width
        self.user_zoomed = False
        self._job: Job | None = None
        self._generation = 0
        self.zoom_out = QPushButton()
        self.zoom_out.setObjectName("zoom_out")
        self.zoom_out.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in = QPushButton()
        self.zoom_in.setObjectName("zoom_in")
        self.zoom_in.clicked.connect(lambda: self.zoom_by(1))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom_level")
        self.note = QLabel()
        self.note.setObjectName("preview_note")
        self.note.setWordWrap(True)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("preview_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inner = QWidget()
        inner.setObjectName("preview_pages")
        inner.setStyleSheet("QWidget#preview_pages { background: #8a8f98; }")
        self.page_layout = QVBoxLayout(inner)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_layout.setSpacing(12)
        self.scroll_area.setWidget(inner)
        self.page_labels: list[QLabel] = []
        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.scroll_area, 1)
        for keys, delta in (("Ctrl++", 1), ("Ctrl+=", 1), ("Ctrl+-", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.zoom_by(d))
        self.retranslate()
        self._update_zoom()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.zoom_out.setText(_("Zoom &out"))
        self.zoom_out.setAccessibleName(_("Zoom out of the preview"))
        self.zoom_in.setText(_("Zoom &in"))
        self.zoom_in.setAccessibleName(_("Zoom into the preview"))
        self.scroll_area.setAccessibleName(_("Preview of the travel document"))
        self._update_zoom()

    def zoom(self) -> float:
        """The zoom factor (1.0: the page's real size on a standard screen)."""
        return ZOOM_LEVELS[self.zoom_index]

    def zoom_by(self, steps: int) -> None:
        """The officer zooms in (``steps`` > 0) or out."""
        self.user_zoomed = True
        self.set_zoom(self.zoom_index + steps)

    def fit_index(self) -> int:
        """The largest zoom at which an A4 page fits the preview's width."""
        width = self.scroll_area.viewport().width() - 2 * self.page_layout.contentsMargins().left()
        page = A4_WIDTH_PT / 72.0 * self.logicalDpiX()
        fitting = [i for i, zoom in enumerate(ZOOM_LEVELS) if page * zoom <= width]
        return fitting[-1] if fitting else 0

    def _fit(self) -> None:
        if not self.user_zoomed and self.isVisible() and self.pdf is not None:
            self.set_zoom(self.fit_index())

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the page to the width when the preview appears."""
        super().showEvent(event)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the page fitted to the width until the officer zooms."""
        super().resizeEvent(event)
        self._fit()

    def set_zoom(self, index: int) -> None:
        """Zoom to ``ZOOM_LEVELS[index]`` and render again."""
        index = min(max(index, 0), len(ZOOM_LEVELS) - 1)
        if index == self.zoom_index:
            return
        self.zoom_index = index
        self._update_zoom()
        if self.pdf is not None:
            self._render()

    def _update_zoom(self) -> None:
        self.zoom_label.setText(_("{percent} %").format(percent=round(self.zoom() * 100)))
        self.zoom_out.setEnabled(self.zoom_index > 0)
        self.zoom_in.setEnabled(self.zoom_index < len(ZOOM_LEVELS) - 1)

    def show_pdf(self, pdf: bytes | None, note: str = "") -> None:
        """Show the pages of ``pdf`` (None: no pages, only ``note``)."""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if pdf is self.pdf and (self.pages or self._job is not None):
            return
        self.pdf = pdf
        self._set_pages([])
        if pdf is not None:
            if not self.user_zoomed and self.isVisible():
                self.zoom_index = self.fit_index()
                self._update_zoom()
            self._render()

    def _render(self) -> None:
        assert self.pdf is not None
        if self._job is not None:
            self._job.cancel()
        self._generation += 1
        generation, pdf = self._generation, self.pdf
        ratio = self.devicePixelRatioF() or 1.0
        dpi = self.logicalDpiX() * self.zoom() * ratio

        def done(pages: list[PageImage]) -> None:
            if generation == self._generation:
                self._job = None
                for page in pages:
                    page.image.setDevicePixelRatio(ratio)
                self._set_pages(pages)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._job = None
                self.note.setText(describe_error(exc))
                self.note.show()

        self._job = run_in_pool(
            lambda cancel, progress: render_pages(pdf, dpi, cancel, progress), done, failed
        )

    def busy(self) -> bool:
        """Whether pages are being rendered."""
        return self._job is not None

    def _set_pages(self, pages: list[PageImage]) -> None:
        self.pages = pages
        for label in self.page_labels:
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self.page_labels = []
        for number, page in enumerate(pages, start=1):
            label = QLabel()
            label.setObjectName(f"preview_page_{number}")
            label.setPixmap(QPixmap.fromImage(page.image))
            label.setAccessibleName(_("Page {number}").format(number=number))
            label.setStyleSheet("QLabel { border: 1px solid #555; background: white; }")
            self.page_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)

    def clear(self) -> None:
        """Forget the document (its bytes and its images)."""
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._generation += 1
        self.pdf = None
        self._set_pages([])
        self.note.clear()
        self.note.hide()


class IssueStep(CaseStep):
    """Issue the ETD, look at it, print it; the print log; reprints with a reason."""

    step_id = "issue"

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.documents: list[DocumentPrints] = []
        self.selected_id: uuid.UUID | None = None
        #: PDFs laid out in this session, by document id (memory only; cleared with the case)
        self.pdfs: dict[uuid.UUID, bytes] = {}
        #: the printer the officer last chose (the system's default printer at first)
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printing = False
        self._print_job: Job | None = None

        self.heading = QLabel()
        self.numbers_line = QLabel()
        self.numbers_line.setObjectName("numbers_notice")
        self.numbers_line.setWordWrap(True)
        self.numbers_line.setStyleSheet(
            "QLabel { background: #fff4e5; color: #663c00; padding: 6px; }"
        )
        self.numbers_line.hide()
        self.blockers = QLabel()
        self.blockers.setObjectName("issue_blockers")
        self.blockers.setWordWrap(True)
        self.blockers.setTextFormat(Qt.TextFormat.PlainText)
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issue_button")
        self.issue_button.setDefault(True)
        self.issue_button.setAutoDefault(True)
        self.issue_button.clicked.connect(self.issue)
        self.approval_button = QPushButton()
        self.approval_button.setObjectName("go_to_approval")
        self.approval_button.clicked.connect(lambda: self.context.go_to_step.emit("approval", ""))
        top = QHBoxLayout()
        top.addWidget(self.issue_button)
        top.addWidget(self.approval_button)
        top.addStretch(1)

        self.documents_title = QLabel()
        self.document_list = QListWidget()
        self.document_list.setObjectName("travel_documents")
        self.document_list.setMaximumHeight(90)
        self.document_list.currentRowChanged.connect(self._on_document_changed)
        self.documents_title.setBuddy(self.document_list)
        self.document_state = QLabel()
        self.document_state.setObjectName("document_state")
        self.document_state.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self.print_document)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprint_button")
        self.reprint_button.clicked.connect(self.reprint)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.reprint_button)
        actions.addStretch(1)
        self.log_title = QLabel()
        self.log = QTableWidget(0, 6)
        self.log.setObjectName("print_log")
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.verticalHeader().hide()
        self.log.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log_title.setBuddy(self.log)

        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.documents_title)
        side.addWidget(self.document_list)
        side.addWidget(self.document_state)
        side.addLayout(actions)
        side.addWidget(self.log_title)
        side.addWidget(self.log, 1)
        self.preview = PdfPreview()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self.body.addWidget(self.heading)
        self.body.addWidget(self.numbers_line)
        self.body.addWidget(self.blockers)
        self.body.addLayout(top)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("no_travel_document")
        self.body.addWidget(self.empty_note)
        self.body.addWidget(self.splitter, 1)
        self.body.addStretch(0)
        self.setTabOrder(self.issue_button, self.approval_button)
        self.setTabOrder(self.approval_button, self.document_list)
        self.setTabOrder(self.document_list, self.print_button)
        self.setTabOrder(self.print_button, self.reprint_button)
        self.setTabOrder(self.reprint_button, self.log)
        self.setTabOrder(self.log, self.preview.zoom_out)
        self.setTabOrder(self.preview.zoom_out, self.preview.zoom_in)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.main_action)
        self.retranslate()
        self._update_controls()

    def main_action(self) -> None:
        """Return or Enter: issue while no document is issued, else print the waiting one."""
        if self.issue_button.isVisible() and self.issue_button.isEnabled():
            self.issue_button.click()
        elif self.print_button.isEnabled():
            self.print_button.click()

    # --- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return step_title("issue")

    def retranslate(self) -> None:
        self.heading.setText("<h3>{}</h3>".format(_("Issue and print the travel document")))
        self.issue_button.setText(_("&Issue travel document"))
        self.issue_button.setAccessibleName(_("Issue the travel document"))
        self.approval_button.setText(_("Go to &approval"))
        self.approval_button.setAccessibleName(_("Go to the approval step"))
        self.documents_title.setText("<b>{}</b>".format(_("&Travel documents of the case")))
        self.document_list.setAccessibleName(_("Travel documents of the case"))
        self.print_button.setText(_("&Print…"))
        self.print_button.setAccessibleName(_("Print the travel document"))
        self.reprint_button.setText(_("&Reprint…"))
        self.reprint_button.setAccessibleName(_("Reprint the travel document with a reason"))
        self.log_title.setText("<b>{}</b>".format(_("Print &log")))
        self.log.setAccessibleName(_("Print log"))
        self.empty_note.setText(_("No travel document has been issued in this case yet."))
        self.log.setHorizontalHeaderLabels(
            [_("When"), _("Kind"), _("Printer"), _("Copies"), _("By"), _("Reason")]
        )
        self.preview.retranslate()
        if self.case is not None:
            self._show(keep_selection=True)

    # --- loading --------------------------------------------------------------------------------

    def load(self, case: CaseView) -> None:
        super().load(case)
        self.documents = self.read(document_prints, case) or []
        self._show(keep_selection=True)

    def clear(self) -> None:
        super().clear()
        if self._print_job is not None:
            self._print_job.cancel()
        self._print_job = None
        self.printing = False
        self.documents = []
        self.selected_id = None
        self.pdfs.clear()
        self.document_list.clear()
        self.log.setRowCount(0)
        self.preview.clear()
        self.blockers.clear()
        self.numbers_line.hide()
        self.document_state.clear()
        self._update_controls()

    def done(self) -> bool:
        return any(d.status == "issued" and d.printed for d in self.documents)

    def issued(self) -> DocumentPrints | None:
        """The case's document that may still be printed (issued, not voided), if any."""
        return next((d for d in reversed(self.documents) if d.printable), None)

    def selected(self) -> DocumentPrints | None:
        """The document chosen in the list."""
        row = self.document_list.currentRow()
        return self.documents[row] if 0 <= row < len(self.documents) else None

    def _show(self, *, keep_selection: bool) -> None:
        case = self.case
        if case is None:
            return
        previous = self.selected_id
        self._show_numbers()
        can_issue = self.issued() is None and case.status == "approved"
        if self.issued() is None and case.status != "approved" and case.gate:
            lines = [_("Before the travel document can be issued:")]
            lines += ["• " + isolate(gate_sentence(issue)) for issue in case.gate]
            self.blockers.setText("\n".join(lines))
        else:
            self.blockers.clear()
        self.blockers.setVisible(bool(self.blockers.text()))
        self.approval_button.setVisible(self.issued() is None and case.status != "approved")
        self.issue_button.setVisible(self.issued() is None)
        self.issue_button.setToolTip(
            "" if can_issue else _("Only an approved case can be issued a travel document.")
        )
        self.document_list.blockSignals(True)
        self.document_list.clear()
        for doc in self.documents:
            item = QListWidgetItem(self._document_text(doc))
            if not doc.printable:
                item.setForeground(QColor("#a31515"))
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
            self.document_list.addItem(item)
        self.document_list.blockSignals(False)
        self.splitter.setVisible(bool(self.documents))
        self.empty_note.setVisible(not self.documents)
        ids = [d.document_id for d in self.documents]
        row = len(self.documents) - 1
        current = self.issued()
        kept = (
            ids.index(previous)
            if keep_selection and previous is not None and previous in ids
            else None
        )
        if kept is not None and (current is None or self.documents[kept].printable):
            row = kept
        elif current is not None:
            row = ids.index(current.document_id)
        self.document_list.setCurrentRow(row)
        self._on_document_changed(row)

    def _show_numbers(self) -> None:
        text = ""
        if self.issued() is None:
            try:
                cw = self.context.casework()
                notice = cw.numbers.numbers_notice()
                left = cw.numbers.numbers_left() if notice is not None else -1
            except Exception as exc:
                logger.info("reading the numbers left failed with %s", type(exc).__name__)
                notice, left = None, -1
            if notice is not None and left == 0:
                text = _(
                    "No document numbers are left on this computer: sync with headquarters, or "
                    "load numbers from an offline bundle."
                )
            elif notice is not None:
                text = ngettext(
                    "Only {count} document number is left on this computer: sync with "
                    "headquarters soon, or load numbers from an offline bundle.",
                    "Only {count} document numbers are left on this computer: sync with "
                    "headquarters soon, or load numbers from an offline bundle.",
                    left,
                ).format(count=left)
        self.numbers_line.setText("⚠ " + text if text else "")
        self.numbers_line.setAccessibleDescription(text)
        self.numbers_line.setVisible(bool(text))

    @staticmethod
    def _document_text(doc: DocumentPrints) -> str:
        status = "revoked" if doc.revoked and doc.status == "issued" else doc.status
        label = DOCUMENT_STATUS.get(status)
        shown = _(label) if label else status
        mark = "✕ " if not doc.printable else ""
        return f"{mark}{ltr(doc.number)} — {shown}"

    def _on_document_changed(self, row: int) -> None:
        doc = self.documents[row] if 0 <= row < len(self.documents) else None
        self.selected_id = doc.document_id if doc is not None else None
        self._fill_log(doc)
        self._update_controls()
        if doc is None:
            self.document_state.clear()
            self.preview.show_pdf(None)
            return
        if not doc.printable:
            state = _("Voided: this document is on the revocation list and cannot be printed.")
        elif doc.waiting:
            state = _("Ready to print: the document has not been printed yet.")
        else:
            state = _("Printed. To print it again, choose Reprint and a reason.")
        self.document_state.setText(state)
        pdf = self.pdfs.get(doc.document_id)
        if pdf is None and doc.waiting:
            pdf = self._pending_pdf(doc)
        if pdf is not None:
            self.preview.show_pdf(pdf)
        elif not doc.printable:
            self.preview.show_pdf(None, _("A voided document is not shown."))
        else:
            self.preview.show_pdf(None, _("The preview appears when the document is reprinted."))

    def _pending_pdf(self, doc: DocumentPrints) -> bytes | None:
        try:
            pdf = self.context.casework().prints.pending_pdf(doc.document_id)
        except Exception as exc:  # shown, not raised: the rest of the page still works
            logger.info("laying out the waiting document failed with %s", type(exc).__name__)
            self.show_message(describe_error(exc), error=True)
            return None
        self.pdfs[doc.document_id] = pdf
        return pdf

    def _fill_log(self, doc: DocumentPrints | None) -> None:
        lines = doc.lines if doc is not None else ()
        self.log.setRowCount(len(lines))
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
                line.printed_by,
                reason,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
                self.log.setItem(row, column, item)

    def _update_controls(self) -> None:
        doc = self.selected()
        idle = not self.printing
        self.print_button.setEnabled(idle and doc is not None and doc.waiting)
        self.reprint_button.setEnabled(
            idle and doc is not None and doc.printable and not doc.waiting
        )
        self.issue_button.setEnabled(idle)

    # --- actions --------------------------------------------------------------------------------

    def issue(self) -> None:
        """Issue the document through casework (the gate decides), then show its preview."""
        case_id = self.context.case_id
        if case_id is None:
            return
        cw = self.context.casework()
        etd = self.context.attempt(
            self, lambda: cw.decisions.issue_document(case_id), changed=False
        )
        if etd is None:
            return
        self.pdfs[etd.document_id] = etd.pdf
        self.context.case_changed.emit(case_id)
        self.show_message(
            _("Document {number} issued. Check the preview, then print it.").format(
                number=ltr(etd.document_number)
            )
        )
        self.print_button.setFocus()

    def reprint(self) -> None:
        """Ask for the reason, reprint through casework, then print."""
        doc = self.selected()
        case_id = self.context.case_id
        if doc is None or case_id is None:
            return
        dialog = ReprintDialog(doc.number, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.reason_code() is None:
            return
        reason = dialog.reason_code()
        cw = self.context.casework()
        pdf = self.context.attempt(
            self, lambda: cw.signing.reprint_document(doc.document_id, reason), changed=False
        )
        if pdf is None:
            return
        self.pdfs[doc.document_id] = pdf
        self.context.case_changed.emit(case_id)
        self.print_document()

    def print_document(self) -> None:
        """Choose the printer in the system's print dialog, then print the waiting layout."""
        doc = self.selected()
        if doc is None or self.printing:
            return
        if not doc.waiting:
            self.show_message(
                _("This document was already printed. To print it again, choose Reprint and a "
                  "reason."), error=True)  # fmt: skip
            return
        pdf = self.pdfs.get(doc.document_id) or self._pending_pdf(doc)
        if pdf is None:
            return
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setFullPage(True)
        dialog = QPrintDialog(self.printer, self)
        dialog.setObjectName("print_dialog")
        dialog.setWindowTitle(_("Print the travel document"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.show_message(_("Printing cancelled. Nothing was recorded."))
            return
        self._send(doc.document_id, pdf)

    def _send(self, document_id: uuid.UUID, pdf: bytes) -> None:
        printer = self.printer
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        self.printing = True
        self._update_controls()
        self.show_message(_("Printing…"))

        def render(cancel: threading.Event, progress: Callable[[float], None]) -> list[PageImage]:
            return render_pages(pdf, dpi, cancel, progress)

        def failed(exc: BaseException) -> None:
            self._print_job = None
            self.printing = False
            self._update_controls()
            self.show_message(describe_error(exc), error=True)

        self._print_job = run_in_pool(render, lambda pages: self._paint(document_id, pages), failed)

    def _paint(self, document_id: uuid.UUID, pages: list[PageImage]) -> None:
        """On the GUI thread: paint the rendered pages on the printer, then record the print."""
        self._print_job = None
        self.printing = False
        self._update_controls()
        if self.context.case_id is None:
            return  # the case was closed (lock, sign-out) while rendering
        printer = self.printer
        copies = max(printer.copyCount(), 1)
        rounds = 1 if printer.supportsMultipleCopies() else copies
        painter = QPainter()
        if not pages or not painter.begin(printer):
            self.show_message(
                _("The printer could not be used. Check that it is on and connected, then try "
                  "again. Nothing was recorded."), error=True)  # fmt: skip
            return
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
        if not painter.end():
            self.show_message(
                _("The printer could not be used. Check that it is on and connected, then try "
                  "again. Nothing was recorded."), error=True)  # fmt: skip
            return
        name = printer.printerName() or PDF_FILE_PRINTER
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            name = PDF_FILE_PRINTER
        cw = self.context.casework()
        if self.context.attempt(self, lambda: cw.prints.record_print(document_id, name, copies)):
            self.show_message(
                ngettext(
                    "Printed {count} copy. The print log has a new line.",
                    "Printed {count} copies. The print log has a new line.",
                    copies,
                ).format(count=copies)
            )

    def focus_issue(self, code: str) -> None:
        (self.issue_button if self.issue_button.isVisible() else self.print_button).setFocus()
