"""The sign-in page: user name and passphrase, nothing else before sign-in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laissez.desktop import theme
from laissez.desktop.widgets import busy_bar
from laissez.i18n import _


class SignInPage(QWidget):
    """User name and passphrase. A refusal shows inline, keeps the user name and clears the
    passphrase.

    Emits:
        sign_in_requested(str, str): user name and passphrase to check.
    """

    sign_in_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_page")
        self.title = QLabel()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("sign_in_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.ERROR_TEXT)
        self.error.hide()
        self.button = QPushButton()
        self.button.setObjectName("sign_in_button")
        self.button.setDefault(True)
        self.busy = busy_bar()
        form = QFormLayout()
        self.username_label = QLabel()
        self.passphrase_label = QLabel()
        form.addRow(self.username_label, self.username)
        form.addRow(self.passphrase_label, self.passphrase)
        self.username_label.setBuddy(self.username)
        self.passphrase_label.setBuddy(self.passphrase)
        box = QWidget()
        box.setMaximumWidth(440)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.busy)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTrailing)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.button.clicked.connect(self._submit)
        self.username.returnPressed.connect(self.passphrase.setFocus)
        self.passphrase.returnPressed.connect(self._submit)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.title.setText("<h2>{}</h2>".format(_("Sign in to Laissez")))
        self.username_label.setText(_("&User name"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.username.setAccessibleName(_("User name"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.button.setText(_("Sign in"))

    def _submit(self) -> None:
        if not self.username.text().strip() or not self.passphrase.text():
            self.show_error(_("Type your user name and your passphrase."))
            return
        self.error.hide()
        self.sign_in_requested.emit(self.username.text().strip(), self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator and block the form while the passphrase is checked."""
        self.busy.setVisible(busy)
        for widget in (self.username, self.passphrase, self.button):
            widget.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        """Show ``message`` inline, keep the user name, clear the passphrase."""
        self.passphrase.clear()
        self.error.setText(message)
        self.error.show()
        self.passphrase.setFocus()

    def reset(self, *, keep_username: bool = True) -> None:
        """Clear the passphrase and any message (and the user name unless kept)."""
        self.passphrase.clear()
        if not keep_username:
            self.username.clear()
        self.error.hide()
        (self.passphrase if self.username.text() else self.username).setFocus()
