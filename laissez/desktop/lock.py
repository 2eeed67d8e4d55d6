"""The lock screen: shown on demand or after idle time; hides everything behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from laissez.i18n import _


class LockScreen(QWidget):
    """A blank page with one message and an unlock button; no personal data on it.

    Emits:
        unlock_requested(): the officer asked to unlock.
    """

    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.clicked.connect(self.unlock_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.message.setText(
            "<h2>{}</h2><p>{}</p>".format(
                _("Laissez is locked"),
                _("Nothing is shown while the application is locked. Unlock to go on."),
            )
        )
        self.unlock_button.setText(_("Unlock"))
