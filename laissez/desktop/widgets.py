"""Small widgets that pages and dialogs share: a note, an error line, a busy bar and the
confirm/cancel buttons of a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton

from laissez.desktop import theme


def note(text: str = "") -> QLabel:
    """A wrapped, selectable line of explanation."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def error_label() -> QLabel:
    """A hidden, wrapped, selectable line for an error, in red."""
    label = note()
    label.setStyleSheet(theme.ERROR_TEXT)
    label.hide()
    return label


def busy_bar() -> QProgressBar:
    """A thin, indeterminate progress bar that only says "working", hidden until work starts."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


def confirm_buttons(
    dialog: QDialog, ok_text: str, object_name: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """OK and Cancel for ``dialog``: OK says ``ok_text``, starts disabled (the dialog enables it
    once its input is complete) and accepts; Cancel rejects. The box and its OK button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName(object_name)
    ok.setEnabled(False)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok
