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

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.gate import GateIssue
from laissez.casework.numbers import LOW_NUMBERS_WARNING
from laissez.casework.readiness import NO_NUMBERS
from laissez.casework.sync import TOP_UP_BELOW, TOP_UP_SIZE
from laissez.casework.views.cases import CaseView
from laissez.casework.views.prints import DocumentPrints, document_prints
from laissez.desktop import theme
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.pdf_pages import PageImage, render_pages
from laissez.desktop.flow.pdf_preview import PdfPreview
from laissez.desktop.flow.printing import (
    PrintLog,
    ReprintDialog,
    choose_printer,
    copies_asked,
    paint_pages,
    print_dpi,
    printer_name,
)
from laissez.desktop.flow.report_lost import ReportLostDialog
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title
from laissez.desktop.flow.token_pin import issue_with_pin
from laissez.desktop.messages import describe_error, gate_sentence
from laissez.desktop.workers import Job, run_in_pool
from laissez.i18n import N_, _, isolate, ltr, ngettext

logger = logging.getLogger(__name__)

DOCUMENT_STATUS: dict[str, str] = {
    "issued": N_("Issued"),
    "voided": N_("VOIDED"),
    "revoked": N_("REVOKED"),
}


class IssueStep(CaseStep):
    """Issue the ETD, look at it, print it; the print log; reprints with a reason."""

    step_id = "issue"

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.documents: list[DocumentPrints] = []
        #: document numbers left on this computer (-1: unknown, or a document is issued)
        self.numbers_left = -1
        #: this computer's unmet conditions other than numbers (the signing key)
        self.supply: tuple[GateIssue, ...] = ()
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
        self.numbers_line.setStyleSheet(theme.WARNING_BANNER)
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
        self.lost_button = QPushButton()
        self.lost_button.setObjectName("report_lost_button")
        self.lost_button.clicked.connect(self.report_lost)
        actions.addWidget(self.lost_button)
        actions.addStretch(1)
        self.log_title = QLabel()
        self.log = PrintLog()
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
        self.setTabOrder(self.reprint_button, self.lost_button)
        self.setTabOrder(self.lost_button, self.log)
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
        self.lost_button.setText(_("Lost or s&tolen…"))
        self.lost_button.setAccessibleName(_("Report the travel document lost or stolen"))
        self.log_title.setText("<b>{}</b>".format(_("Print &log")))
        self.empty_note.setText(_("No travel document has been issued in this case yet."))
        self.log.retranslate()
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
        self.supply = ()
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
        # the numbers line says what to do about numbers; the signing key is said here
        self.supply = (
            tuple(i for i in self.context.supply() if i.code != NO_NUMBERS)
            if self.issued() is None
            else ()
        )
        can_issue = (
            self.issued() is None
            and case.status == "approved"
            and self.numbers_left != 0
            and not self.supply
        )
        blocking = (case.gate if case.status != "approved" else ()) + self.supply
        if self.issued() is None and blocking:
            lines = [_("Before the travel document can be issued:")]
            lines += ["• " + isolate(gate_sentence(issue)) for issue in blocking]
            self.blockers.setText("\n".join(lines))
        else:
            self.blockers.clear()
        self.blockers.setVisible(bool(self.blockers.text()))
        self.approval_button.setVisible(self.issued() is None and case.status != "approved")
        self.issue_button.setVisible(self.issued() is None)
        tip = ""
        if not can_issue:
            tip = (
                _("Only an approved case can be issued a travel document.")
                if case.status != "approved"
                else _("No seal signing key is installed on this computer.")
                if self.supply
                else _("No document numbers are left on this computer.")
            )
        self.issue_button.setToolTip(tip)
        self.document_list.blockSignals(True)
        self.document_list.clear()
        for doc in self.documents:
            item = QListWidgetItem(self._document_text(doc))
            if not doc.printable:
                item.setForeground(QColor(theme.ERROR))
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
        """How many document numbers are left, always (before a document is issued); with
        none left, exactly what to do, and the issue button waits."""
        text, warn = "", False
        self.numbers_left = -1
        if self.issued() is None:
            try:
                left = self.context.casework().numbers.numbers_left()
            except Exception as exc:
                logger.info("reading the numbers left failed with %s", type(exc).__name__)
                left = -1
            self.numbers_left = left
            if left == 0:
                warn = True
                text = _(
                    "No document numbers are left on this computer, so no travel document "
                    "can be issued yet. Press Sync now (F5, in the status bar): an enrolled "
                    "computer receives {size} numbers when fewer than {low} are left. Not "
                    "enrolled yet: an administrator enrols it in Tools → Settings → "
                    "Headquarters with the one-time code from headquarters. No link to "
                    "headquarters: an administrator loads the numbers from headquarters' "
                    "bundle in the same place."
                ).format(size=TOP_UP_SIZE, low=TOP_UP_BELOW)
            elif 0 < left < LOW_NUMBERS_WARNING:
                warn = True
                text = ngettext(
                    "Only {count} document number is left on this computer: sync with "
                    "headquarters soon, or load numbers from an offline bundle.",
                    "Only {count} document numbers are left on this computer: sync with "
                    "headquarters soon, or load numbers from an offline bundle.",
                    left,
                ).format(count=left)
            elif left > 0:
                text = ngettext(
                    "{count} document number is left on this computer.",
                    "{count} document numbers are left on this computer.",
                    left,
                ).format(count=left)
        self.numbers_line.setText("⚠ " + text if warn else text)
        self.numbers_line.setStyleSheet(theme.WARNING_BANNER if warn else "")
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
        self.log.show_document(doc)
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

    def _update_controls(self) -> None:
        doc = self.selected()
        idle = not self.printing
        self.print_button.setEnabled(idle and doc is not None and doc.waiting)
        self.reprint_button.setEnabled(
            idle and doc is not None and doc.printable and not doc.waiting
        )
        self.issue_button.setEnabled(idle and self.numbers_left != 0 and not self.supply)
        # a document the person still holds: issued, sealed, not revoked (its case issued or
        # closed after departure)
        self.lost_button.setEnabled(
            idle
            and doc is not None
            and doc.printable
            and self.case is not None
            and self.case.status in ("document_issued", "closed")
        )

    # --- actions --------------------------------------------------------------------------------

    def issue(self) -> None:
        """Issue the document through casework (the gate decides), then show its preview."""
        case_id = self.context.case_id
        if case_id is None:
            return
        etd = self.context.attempt(
            self, lambda: issue_with_pin(self, self.context, case_id), changed=False
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

    def report_lost(self) -> None:
        """Ask whether the selected document was lost or stolen, then revoke it through
        casework (the case goes back to approval for a replacement)."""
        doc = self.selected()
        if doc is None or self.context.case_id is None:
            return
        dialog = ReportLostDialog(doc.number, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            kind = dialog.kind()
        finally:
            dialog.deleteLater()
        cw = self.context.casework()
        document_id = doc.document_id

        def report() -> bool:
            cw.lost.report_lost(document_id, kind)
            return True

        if not self.context.attempt(self, report):
            return
        self.show_message(
            _(
                "Document {number} is revoked. A replacement needs a new approval and is "
                "issued as a new document."
            ).format(number=ltr(doc.number))
        )

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
        if not choose_printer(self.printer, self):
            self.show_message(_("Printing cancelled. Nothing was recorded."))
            return
        self._send(doc.document_id, pdf)

    def _send(self, document_id: uuid.UUID, pdf: bytes) -> None:
        printer = self.printer
        dpi = print_dpi(printer)
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
        copies = copies_asked(printer)
        if not paint_pages(printer, pages):
            self.show_message(
                _("The printer could not be used. Check that it is on and connected, then try "
                  "again. Nothing was recorded."), error=True)  # fmt: skip
            return
        name = printer_name(printer)
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
