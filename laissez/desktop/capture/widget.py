"""The capture widget (first version: typed MRZ only; image, camera and photo come next)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from laissez.desktop.capture.result import CaptureResult
from laissez.desktop.messages import describe_mrz_error
from laissez.documents.errors import MrzError
from laissez.i18n import _

logger = logging.getLogger(__name__)


class MrzCapture(QWidget):
    """Get an MRZ (and a photograph) from the officer.

    Emits:
        captured(object): a ``CaptureResult`` the officer accepted.
    """

    captured = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrz_capture")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("capture_mrz_editor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.setFont(font)
        self.editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.editor.setFixedHeight(80)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.use_button = QPushButton()
        self.use_button.setObjectName("capture_use_button")
        self.use_button.clicked.connect(self.accept_typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.verdict)
        layout.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.editor.setAccessibleName(_("Machine-readable zone, typed"))
        self.use_button.setText(_("Use this MRZ"))

    def accept_typed(self) -> None:
        """Emit the typed MRZ if it is an MRZ at all (valid or not: the gate decides)."""
        lines = tuple(
            line.strip().upper() for line in self.editor.toPlainText().splitlines() if line.strip()
        )
        try:
            result = CaptureResult.from_lines(lines, source="manual")
        except MrzError as exc:
            self.verdict.setText(describe_mrz_error(exc))
            return
        self.verdict.clear()
        self.captured.emit(result)

    def clear(self) -> None:
        """Forget everything captured or typed."""
        self.editor.clear()
        self.verdict.clear()
