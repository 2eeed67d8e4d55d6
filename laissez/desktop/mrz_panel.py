"""A panel that checks MRZ lines as they are typed and names every problem by position."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from laissez.desktop.mrz_editor import MrzEditor
from laissez.i18n import _


class MrzCheckPanel(QWidget):
    """Type or paste MRZ lines; the checks update on every keystroke.

    ``editor``, ``verdict`` and ``results`` are the editor's text field, verdict line and list
    of checks and problems.

    Emits:
        mrz_validated(bool): after each check, True when the MRZ is valid.
    """

    mrz_validated = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrz_check_panel")
        self.title = QLabel()
        self.title.setObjectName("panel_title")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.mrz = MrzEditor(report=True, point_size=13)
        self.mrz.editor.setFixedHeight(96)
        self.editor = self.mrz.editor
        self.verdict = self.mrz.verdict
        self.results = self.mrz.problems
        layout = QVBoxLayout(self)
        for widget in (self.title, self.hint, self.mrz):
            layout.addWidget(widget)
        self.mrz.validity_changed.connect(self.mrz_validated)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.title.setText(_("Check a machine-readable zone"))
        self.hint.setText(
            _(
                "Type or paste the two or three MRZ lines exactly as printed. "
                "Each check digit is verified as you type."
            )
        )
        self.mrz.retranslate()
