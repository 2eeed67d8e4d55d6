"""Withdrawing consent: possible at any time, from every step of the case."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from laissez.desktop.widgets import irreversible_dialog_layout
from laissez.i18n import N_, _

#: why consent is withdrawn: codes only (the audit log holds no free text)
WITHDRAW_REASONS: dict[str, str] = {
    "person_withdrew": N_("The person withdrew their consent"),
    "guardian_withdrew": N_("The guardian withdrew consent for the child"),
    "person_expressed_fear": N_("The person now expresses fear of return"),
    "person_reports_pressure": N_("The person reports pressure to return"),
}


class WithdrawDialog(QDialog):
    """Asks which reason applies, and says what withdrawing does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("withdraw_dialog")
        self.setWindowTitle(_("Withdraw consent"))
        explain = QLabel(
            _(
                "The person may withdraw consent at any time before departure. Every consent "
                "to return and to the travel document is withdrawn; a document already issued "
                "is voided and put on the revocation list sent to headquarters. This cannot "
                "be undone: new consent needs a new advisal."
            )
        )
        explain.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("withdraw_reason")
        for code, label in WITHDRAW_REASONS.items():
            self.reason.addItem(_(label), code)
        self.reason.setAccessibleName(_("Reason"))
        form = QFormLayout()
        form.addRow(_("&Reason"), self.reason)
        self.confirm_button, self.cancel_button = irreversible_dialog_layout(
            self, explain, form, _("Withdraw consent"), "withdraw"
        )

    def reason_code(self) -> str:
        """The chosen reason code."""
        return str(self.reason.currentData())
