"""The Settings dialog's small dialog that adds a user or gives a user a new passphrase.

It only collects what the administrator types; the Users tab runs the work and reports back
through ``set_busy``, ``show_error`` and ``accept``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laissez.casework import staff
from laissez.desktop.messages import passphrase_rule
from laissez.desktop.widgets import busy_bar, error_label
from laissez.i18n import N_, _, ltr

#: role codes in words (the check boxes carry a mnemonic, the list does not)
ROLE_LABELS: dict[str, str] = {
    "officer": N_("Officer"),
    "supervisor": N_("Supervisor"),
    "protection_officer": N_("Protection officer"),
    "administrator": N_("Administrator"),
}
ROLE_BOXES: dict[str, str] = {
    "officer": N_("&Officer"),
    "supervisor": N_("&Supervisor"),
    "protection_officer": N_("Pro&tection officer"),
    "administrator": N_("Ad&ministrator"),
}


class UserDialog(QDialog):
    """Asks for a new user (``username`` empty) or for a user's new passphrase.

    Emits:
        submitted(): the administrator pressed the main button; the tab runs the work and
            calls ``finish_failed`` or ``accept``.
    """

    submitted = Signal()

    def __init__(self, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reset_for = username
        self.setObjectName("user_dialog")
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("user_username")
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.display_name = QLineEdit()
        self.display_name.setObjectName("user_display_name")
        self.display_label = QLabel()
        self.display_label.setBuddy(self.display_name)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("user_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeated = QLineEdit()
        self.repeated.setObjectName("user_repeated")
        self.repeated.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeated_label = QLabel()
        self.repeated_label.setBuddy(self.repeated)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.roles_box = QGroupBox()
        roles_layout = QVBoxLayout(self.roles_box)
        self.role_checks: dict[str, QCheckBox] = {}
        for code in staff.ROLE_ORDER:
            check = QCheckBox()
            check.setObjectName(f"user_role_{code}")
            roles_layout.addWidget(check)
            self.role_checks[code] = check
        if not self.reset_for:
            form.addRow(self.username_label, self.username)
            form.addRow(self.display_label, self.display_name)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeated_label, self.repeated)
        form.addRow(self.rule)
        if not self.reset_for:
            form.addRow(self.roles_box)
        else:
            self.username.hide()
            self.display_name.hide()
            self.roles_box.hide()
        self.busy = busy_bar()
        self.error = error_label()
        self.ok_button = QPushButton()
        self.ok_button.setObjectName("user_ok")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton()
        buttons = QDialogButtonBox()
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        if self.reset_for:
            self.setWindowTitle(_("New passphrase for {user}").format(user=ltr(self.reset_for)))
            self.ok_button.setText(_("&Set passphrase"))
        else:
            self.setWindowTitle(_("Add a user"))
            self.ok_button.setText(_("&Add user"))
        self.cancel_button.setText(_("Cancel"))
        self.username_label.setText(_("&User name"))
        self.username.setAccessibleName(_("User name"))
        self.display_label.setText(_("&Display name"))
        self.display_name.setAccessibleName(_("Display name"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeated_label.setText(_("&Repeat passphrase"))
        self.repeated.setAccessibleName(_("Repeat passphrase"))
        self.rule.setText(
            passphrase_rule()
            + " "
            + _("Give it to the user in person; they can change it after signing in.")
        )
        self.roles_box.setTitle(_("Roles (at least one)"))
        for code, check in self.role_checks.items():
            check.setText(_(ROLE_BOXES[code]))
            check.setAccessibleName(_(ROLE_LABELS[code]))
        self.busy.setAccessibleName(_("Working"))

    def roles(self) -> list[str]:
        """The ticked role codes."""
        return [code for code, check in self.role_checks.items() if check.isChecked()]

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator and block the buttons while the work runs."""
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        """Show a translated sentence ("" hides it)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _submit(self) -> None:
        if self.ok_button.isEnabled():
            self.show_error("")
            self.submitted.emit()

    def reject(self) -> None:
        """Cancel, unless the work is still running."""
        if self.busy.isVisible():
            return
        super().reject()
