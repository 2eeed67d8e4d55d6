"""The small dialog that asks for the seal key's PIN when casework says the token needs it."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.errors import TokenPinRequiredError, TokenPinWrongError
from laissez.casework.etd import EtdData
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.widgets import confirm_buttons
from laissez.i18n import _


def token_pin_explanation() -> str:
    """What the token PIN is, for every place that asks for it."""
    return _(
        "The PIN of the seal key: the issuing supervisor keeps it. It is never stored; "
        "Laissez forgets it when the screen locks or you sign out."
    )


class TokenPinDialog(QDialog):
    """Asks for the seal key's PIN (masked); ``pin()`` is what was typed."""

    def __init__(self, parent: QWidget | None = None, action: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("token_pin_dialog")
        self.setWindowTitle(_("PIN of the seal key"))
        explain = QLabel(token_pin_explanation())
        explain.setWordWrap(True)
        explain.setMinimumWidth(380)
        self.field = QLineEdit()
        self.field.setObjectName("token_pin")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("PIN of the seal key"))
        form = QFormLayout()
        form.addRow(_("&PIN"), self.field)
        self.buttons, self.ok = confirm_buttons(self, action or _("Issue"), "token_pin_confirm")
        self.field.textChanged.connect(lambda text: self.ok.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def pin(self) -> str:
        """The PIN typed."""
        return self.field.text()


def ask_token_pin(parent: QWidget | None, action: str | None = None) -> str | None:
    """Show the dialog (``action``: its OK button's text, "Issue" by default); the PIN
    typed, or None when cancelled."""
    dialog = TokenPinDialog(parent, action)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.pin():
            return None
        return dialog.pin()
    finally:
        dialog.field.clear()
        dialog.deleteLater()


def issue_with_pin(parent: QWidget, context: FlowContext, case_id: uuid.UUID) -> EtdData:
    """Issue through casework; when the token needs its PIN, ask for it once and try again.

    A PIN the token refuses is forgotten and ``TokenPinWrongError`` goes to the caller (nothing
    was issued); a cancelled dialog leaves ``TokenPinRequiredError`` to it.
    """
    cw = context.casework()
    try:
        try:
            return cw.decisions.issue_document(case_id)
        except TokenPinRequiredError:
            pin = ask_token_pin(parent)
            if pin is None:
                raise
            context.session.remember_token_pin(pin)
            cw.signing.use_token_pin(pin)
            return cw.decisions.issue_document(case_id)
    except TokenPinWrongError:
        context.session.forget_token_pin()
        raise
