"""The protection officer's screen for a case's red flags: every open flag, and for those a
protection officer clears with a reason (trafficking indicators, a pending proceeding, a lodged
asylum claim, a possible child), the reason and, where the flag needs one, the reference.

Anyone can read the flags; only a signed-in protection officer can clear one. For anyone else
the controls are disabled and a sentence says who can; casework refuses the clearing anyway
(``RoleRequiredError``). The clearing is recorded by casework, signed with the protection
officer's own key.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.flags import CLEAR_REASONS, NEEDS_REFERENCE
from laissez.casework.views import cases as queries
from laissez.casework.views.cases import CaseView, FlagRow
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.messages import flag_sentence
from laissez.i18n import N_, _

PROTECTION_OFFICER = "protection_officer"
#: the reasons a protection officer gives for clearing a flag (codes owned by casework)
CLEAR_REASON_LABELS: dict[str, str] = {
    "assessed_no_risk": N_("Assessed: no risk of trafficking"),
    "referred_to_support_and_consents": N_("Referred to support; the person still consents"),
    "decided": N_("Decided (give the reference)"),
    "withdrawn": N_("Withdrawn (give the reference)"),
    "age_assessed_adult": N_("Age assessed: an adult"),
}


class FlagClearingDialog(QDialog):
    """The open red flags of the case shown, and clearing one (protection officers only)."""

    step_id: ClassVar[str] = "flags"

    def __init__(self, context: FlowContext, case: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flag_clearing_dialog")
        self.setWindowTitle(_("Red flags"))
        self.context = context
        self.case = case
        self.allowed = context.session.has_role(PROTECTION_OFFICER)
        self.flags = QListWidget()
        self.flags.setObjectName("open_flags")
        self.flags.setAccessibleName(_("Open red flags"))
        self.flags.currentRowChanged.connect(self._selected)
        self.note = QLabel()
        self.note.setObjectName("flag_note")
        self.note.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("clear_reason")
        self.reason.setAccessibleName(_("Reason"))
        self.reference = QLineEdit()
        self.reference.setObjectName("clear_reference")
        self.reference.setAccessibleName(_("Reference"))
        self.reference.setMaxLength(80)
        form = QFormLayout()
        form.addRow(_("&Reason"), self.reason)
        form.addRow(_("Re&ference"), self.reference)
        self.clear_button = QPushButton(_("&Clear the flag"))
        self.clear_button.setObjectName("clear_flag")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self._clear)
        self.message = QLabel()
        self.message.setObjectName("flag_message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flags)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._fill()

    def open_rows(self) -> list[FlagRow]:
        """The case's flags that still stand, in the order shown."""
        return [f for f in self.case.flags if f.open]

    def _fill(self) -> None:
        self.flags.clear()
        rows = self.open_rows()
        for row in rows:
            item = QListWidgetItem(flag_sentence(row))
            self.flags.addItem(item)
        if not rows:
            self.flags.addItem(_("No red flag is open in this case."))
        self.flags.setCurrentRow(0 if rows else -1)
        self._selected(0 if rows else -1)

    def _current(self) -> FlagRow | None:
        rows = self.open_rows()
        index = self.flags.currentRow()
        return rows[index] if 0 <= index < len(rows) else None

    def _selected(self, _index: int) -> None:
        row = self._current()
        self.reason.clear()
        self.reference.clear()
        clearable = row is not None and row.kind in CLEAR_REASONS
        if row is not None and clearable:
            for code in CLEAR_REASONS[row.kind]:
                self.reason.addItem(_(CLEAR_REASON_LABELS.get(code, code)), code)
        if not self.allowed:
            self.note.setText(
                _(
                    "Only a protection officer can clear a red flag. Ask a protection officer to "
                    "sign in on this computer."
                )
            )
        elif row is not None and not clearable:
            self.note.setText(_("This flag is cleared by its own decision on the Approval step."))
        else:
            self.note.setText("")
        enabled = self.allowed and clearable
        self.reason.setEnabled(enabled)
        self.reference.setEnabled(enabled and row is not None and row.kind in NEEDS_REFERENCE)
        self.clear_button.setEnabled(enabled)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Where ``FlowContext.attempt`` reports (a refusal's sentence, or "")."""
        self.message.setText(text)
        self.message.setProperty("error", error)

    def _clear(self) -> None:
        row = self._current()
        if row is None:
            return
        if not self.allowed:  # the button is disabled; said again should it be reached
            self.show_message(_("Only a protection officer can clear a red flag."), error=True)
            return
        reason = str(self.reason.currentData())
        reference = self.reference.text().strip() or None
        case_id = self.case.case_id
        cw = self.context.casework()
        done = self.context.attempt(
            self,
            lambda: cw.decisions.clear_flag(
                case_id, row.kind, reason, reference=reference, detail=row.detail
            ),
        )
        if done:
            self.case = queries.case_view(self.context.database(), case_id)
            self._fill()
            self.show_message(_("The flag is cleared; the decision is signed in your name."))
