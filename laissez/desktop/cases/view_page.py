"""The read-only case view: status, the gate as a checklist, the documents.

The guided editing pages (identity, interview, advisal, consent, approval, issue) come later
and will be reached from here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.queries import CaseView
from laissez.desktop.cases.labels import status_label
from laissez.i18n import _, isolate, ltr


class CaseViewPage(QWidget):
    """Shows one ``CaseView``; nothing here can change the case.

    Emits:
        back_requested(): the officer wants the case list again.
    """

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_view_page")
        self.view: CaseView | None = None
        self.back_button = QPushButton()
        self.back_button.setObjectName("back_button")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("case_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLabel()
        self.name.setObjectName("case_name")
        self.name.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.status = QLabel()
        self.status.setObjectName("case_status")
        self.gate_title = QLabel()
        self.gate = QListWidget()
        self.gate.setObjectName("gate_list")
        self.gate.setWordWrap(True)
        self.documents_title = QLabel()
        self.documents = QListWidget()
        self.documents.setObjectName("document_list")
        self.documents.setMaximumHeight(140)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.name)
        layout.addWidget(self.status)
        layout.addWidget(self.gate_title)
        layout.addWidget(self.gate, 2)
        layout.addWidget(self.documents_title)
        layout.addWidget(self.documents, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.back_button.setText(_("← Case list"))
        self.back_button.setAccessibleName(_("Back to the case list"))
        self.gate_title.setText("<h3>{}</h3>".format(_("Before a travel document can be issued")))
        self.documents_title.setText("<h3>{}</h3>".format(_("Documents")))
        if self.view is not None:
            self.show_case(self.view)

    def show_case(self, view: CaseView) -> None:
        """Fill the page from ``view``."""
        self.view = view
        self.title.setText(
            "<h2>{}</h2>".format(_("Case {number}").format(number=ltr(str(view.case_id))))
        )
        names = [isolate(n) for n in dict.fromkeys((view.name, view.name_latin)) if n]
        # A direction mark of the interface first: an Arabic name must not turn the whole
        # line right to left in an English screen (nor a Latin one in an Arabic screen).
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        mark = "\u200f" if rtl else "\u200e"
        shown = "{}<b>{}</b>".format(mark, escape(" — ".join(names)))
        self.name.setText(shown if names else _("Identity not recorded yet"))
        self.status.setText(_("Status: {status}").format(status=status_label(view.status)))
        self.gate.clear()
        if not view.gate:
            self.gate.addItem(_("✓ Every condition is met."))
        for issue in view.gate:
            item = QListWidgetItem("☐ " + isolate(issue.sentence))
            item.setData(Qt.ItemDataRole.UserRole, issue.code)
            self.gate.addItem(item)
        self.documents.clear()
        if not view.documents:
            self.documents.addItem(_("No document recorded yet."))
        for doc in view.documents:
            kind = _("Identity document") if doc.kind == "identity" else _("Travel document")
            details = " ".join(p for p in (doc.document_code, doc.issuing_state) if p)
            self.documents.addItem(
                "{kind}: {number} {details}".format(
                    kind=kind, number=ltr(doc.number or "—"), details=ltr(details)
                ).strip()
            )

    def clear(self) -> None:
        """Forget the case shown (lock, sign out)."""
        self.view = None
        for label in (self.title, self.name, self.status):
            label.clear()
        self.gate.clear()
        self.documents.clear()
