"""The lock screen: shown on demand or after idle time; hides everything behind it.

Unlocking needs the signed-in user's passphrase again; "Sign out" closes the database.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from laissez.desktop import theme
from laissez.desktop.widgets import busy_bar
from laissez.i18n import _, isolate


class LockScreen(QWidget):
    """A blank page with one message, a passphrase field and two buttons; nothing personal
    beyond the name of the user who locked it.

    Emits:
        unlock_requested(str): the officer typed their passphrase to unlock.
        sign_out_requested(): the officer (or a colleague) chose to sign out instead.
    """

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.user = ""
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("lock_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMaximumWidth(320)
        self.passphrase.setMinimumWidth(260)
        self.error = QLabel()
        self.error.setObjectName("lock_error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setStyleSheet(theme.ERROR_TEXT)
        self.error.hide()
        self.busy = busy_bar()
        self.busy.setMaximumWidth(320)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("lock_sign_out_button")
        self.unlock_button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_out_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.message.setText(
            "<h2>{}</h2><p>{}</p><p>{}</p>".format(
                _("Laissez is locked"),
                _("Nothing is shown while the application is locked. Unlock to go on."),
                "{}<br>{}".format(
                    _("Signed in as {user}").format(user=isolate(escape(self.user))),
                    _("Type your passphrase to unlock."),
                )
                if self.user
                else "",
            )
        )
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.unlock_button.setText(_("Unlock"))
        self.sign_out_button.setText(_("Sign out"))

    def prepare(self, user: str) -> None:
        """Show the lock for ``user`` with an empty passphrase field."""
        self.user = user
        self.passphrase.clear()
        self.error.hide()
        self.set_busy(False)
        self.retranslate()
        self.passphrase.setFocus()

    def _submit(self) -> None:
        if self.passphrase.text():
            self.unlock_requested.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator while the passphrase is checked."""
        self.busy.setVisible(busy)
        for widget in (self.passphrase, self.unlock_button, self.sign_out_button):
            widget.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        """Show ``message`` and clear the passphrase."""
        self.passphrase.clear()
        self.error.setText(message)
        self.error.show()
        self.passphrase.setFocus()
