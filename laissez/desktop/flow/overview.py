"""The overview step: status, the gate as a checklist, the documents of the case."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

from laissez.casework.views.cases import CaseView
from laissez.desktop.flow.checklist import GateChecklist
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.flag_clearing import FlagClearingDialog
from laissez.desktop.flow.gate_actions import connect_checklist
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title
from laissez.i18n import _, ltr

#: the states in which this computer's supply (numbers, signing key) still matters
ISSUABLE = frozenset(
    {"draft", "identified", "interviewed", "advised", "consent_recorded", "approved"}
)


class OverviewStep(CaseStep):
    """Where a case opens: what is missing before a document can be issued, and its
    documents. Nothing here changes the case."""

    step_id = "overview"

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.gate_title = QLabel()
        self.gate = GateChecklist()
        self.gate.fix_requested.connect(self.context.go_to_step)
        connect_checklist(self, self.gate)
        self.gate.supply_requested.connect(self.context.supply_requested)
        self.documents_title = QLabel()
        self.documents = QListWidget()
        self.documents.setObjectName("document_list")
        self.documents.setMaximumHeight(140)
        self.flags_button = QPushButton()
        self.flags_button.setObjectName("open_flag_clearing")
        self.flags_button.clicked.connect(self.open_flags)
        self.flags_dialog: FlagClearingDialog | None = None
        self.body.addWidget(self.gate_title)
        self.body.addWidget(self.gate, 2)
        self.body.addWidget(self.flags_button)
        self.body.addWidget(self.documents_title)
        self.body.addWidget(self.documents, 1)
        self.retranslate()

    def title(self) -> str:
        return step_title("overview")

    def retranslate(self) -> None:
        self.gate_title.setText("<h3>{}</h3>".format(_("Before a travel document can be issued")))
        self.documents_title.setText("<h3>{}</h3>".format(_("Documents")))
        self.documents.setAccessibleName(_("Documents"))
        self.flags_button.setText(_("Red &flags…"))
        if self.case is not None:
            self.load(self.case)

    def load(self, case: CaseView) -> None:
        super().load(case)
        self.gate.can_install_signer = self.context.may_install_signer()
        supply = self.context.supply() if case.status in ISSUABLE else ()
        self.gate.show_issues(
            case.gate, case.flags, case.freshness_days, case.linked, case.matches, supply
        )
        self.documents.clear()
        if not case.documents:
            self.documents.addItem(_("No document recorded yet."))
        for doc in case.documents:
            kind = _("Identity document") if doc.kind == "identity" else _("Travel document")
            details = " ".join(p for p in (doc.document_code, doc.issuing_state) if p)
            self.documents.addItem(
                "{kind}: {number} {details}".format(
                    kind=kind, number=ltr(doc.number or "—"), details=ltr(details)
                ).strip()
            )

    def open_flags(self) -> FlagClearingDialog | None:
        """The case's open red flags, and clearing one for a protection officer (window-modal,
        does not block; the case reloads when it closes)."""
        if self.case is None:
            return None
        dialog = FlagClearingDialog(self.context, self.case, self)
        dialog.finished.connect(lambda _r: self.context.case_changed.emit(self.case.case_id)
                                if self.case is not None else None)  # fmt: skip
        self.flags_dialog = dialog
        dialog.open()
        return dialog

    def clear(self) -> None:
        super().clear()
        self.gate.clear()
        self.documents.clear()

    def focus_issue(self, code: str) -> None:
        button = self.gate.buttons.get(code)
        (button or self.gate).setFocus()
