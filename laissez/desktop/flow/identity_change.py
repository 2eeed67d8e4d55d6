"""Asking before an identity already recorded changes (casework's rule in
``laissez.casework.identity_change``): what changes, and whether the interview answers stay."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.identity_change import IdentityChange
from laissez.desktop import theme
from laissez.i18n import N_, _, ngettext

FIELD_NAMES: dict[str, str] = {
    "name": N_("the name"),
    "date_of_birth": N_("the date of birth"),
    "sex": N_("the sex"),
    "nationality": N_("the nationality"),
    "document": N_("the identity document"),
}


class IdentityChangeDialog(QDialog):
    """Names what saving changes; for another person's document, asks whether the
    interview answers stay (unticked: they are discarded). Enter and Escape cancel."""

    def __init__(self, change: IdentityChange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identity_change_dialog")
        self.change = change
        replacing = change.replacement
        self.setWindowTitle(
            _("Replace the person in this case?") if replacing else _("Change the identity?")
        )
        fields = _(", ").join(_(FIELD_NAMES[f]) for f in change.fields if f in FIELD_NAMES)
        self.summary = QLabel(
            _("Saving changes what is recorded in this case: {fields}.").format(fields=fields)
        )
        self.summary.setObjectName("identity_change_fields")
        self.summary.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.keep = QCheckBox()
        self.keep.setObjectName("keep_interview")
        if replacing:
            self.explanation.setText(
                _(
                    "Another document was read: this replaces the person recorded in this "
                    "case, and the first person's document is removed from it."
                )
            )
            self.explanation.setStyleSheet(theme.WARNING_BANNER)
            self.keep.setText(
                ngettext(
                    "&Keep the {count} interview form already answered (only if this same "
                    "person gave the answers)",
                    "&Keep the {count} interview forms already answered (only if this same "
                    "person gave the answers)",
                    change.interview_forms,
                ).format(count=change.interview_forms)
            )
        else:
            self.explanation.setText(
                _("This corrects the same person's details; the interview answers stay.")
            )
        self.keep.setChecked(False)
        self.keep.setVisible(replacing and change.interview_forms > 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setObjectName("identity_change_confirm")
        self.confirm_button.setText(
            _("&Replace the person") if replacing else _("Save the &correction")
        )
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setDefault(False)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("identity_change_cancel")
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.explanation)
        layout.addWidget(self.keep)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.cancel_button.setFocus()
