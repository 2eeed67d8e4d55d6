"""Closing a case: after departure (with how the departure is known), or without a document
(with a reason). Both are final, so Enter and Escape cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from laissez.casework.decisions import DEPARTURE_EVIDENCE
from laissez.desktop.widgets import irreversible_dialog_layout
from laissez.i18n import N_, _

#: how a departure is known (codes of ``casework.decisions.DEPARTURE_EVIDENCE``)
DEPARTURE_LABELS: dict[str, str] = {
    "boarding_confirmed": N_("The carrier confirmed boarding"),
    "exit_stamp_seen": N_("An exit stamp was seen"),
    "escort_report": N_("The escort reported the departure"),
    "person_confirmed_from_abroad": N_("The person confirmed it from abroad"),
}
#: why a case ends without a document: codes only (the audit log holds no free text)
NO_DOCUMENT_REASONS: dict[str, str] = {
    "person_declined_return": N_("The person declined to return"),
    "consent_withdrawn": N_("The person withdrew consent"),
    "protection_referral": N_("The person was referred for international protection"),
    "person_left_otherwise": N_("The person left by other means"),
    "person_unreachable": N_("The person can no longer be reached"),
    "opened_by_mistake": N_("The case was opened by mistake, or twice"),
}
assert set(DEPARTURE_LABELS) == set(DEPARTURE_EVIDENCE)


class CloseCaseDialog(QDialog):
    """Asks how the departure is known (``after_departure``: a document was issued), or why
    the case ends without a document. ``choice()`` is the chosen code (None: no evidence,
    the planned departure date passed)."""

    def __init__(self, after_departure: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("close_case_dialog")
        self.after_departure = after_departure
        self.setWindowTitle(_("Close the case"))
        if after_departure:
            text = _(
                "Close the case once the person has departed with the travel document. "
                "Until then the person may still withdraw consent, which revokes the "
                "document. Closing cannot be undone."
            )
        else:
            text = _(
                "Close the case without a travel document. Nothing more can be recorded in "
                "it afterwards; closing cannot be undone."
            )
        self.explain = QLabel(text)
        self.explain.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("close_reason")
        if after_departure:
            for code, label in DEPARTURE_LABELS.items():
                self.reason.addItem(_(label), code)
            self.reason.addItem(_("No evidence: the planned departure date has passed"), None)
        else:
            for code, label in NO_DOCUMENT_REASONS.items():
                self.reason.addItem(_(label), code)
        self.reason_label = QLabel(
            _("How the departure is &known") if after_departure else _("&Reason")
        )
        self.reason_label.setBuddy(self.reason)
        self.reason.setAccessibleName(self.reason_label.text().replace("&", ""))
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        self.confirm_button, self.cancel_button = irreversible_dialog_layout(
            self, self.explain, form, _("Close the case"), "close_case"
        )

    def choice(self) -> str | None:
        """The chosen code (None: closed on the planned departure date)."""
        data = self.reason.currentData()
        return None if data is None else str(data)
