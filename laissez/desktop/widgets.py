"""Small widgets that pages and dialogs share: a note, an error line, a busy bar and the
confirm/cancel buttons of a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

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


def irreversible_dialog_layout(
    dialog: QDialog, explain: QLabel, form: QLayout, confirm_text: str, prefix: str
) -> tuple[QPushButton, QPushButton]:
    """Lay out a dialog that asks before something that cannot be undone: the explanation, the
    form, then the confirm and Cancel buttons (``<prefix>_confirm``, ``<prefix>_cancel``).
    Cancel is the default and has the focus: Enter and Escape both leave everything as it
    was. Returns the confirm and Cancel buttons."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    confirm = buttons.button(QDialogButtonBox.StandardButton.Ok)
    confirm.setText(confirm_text)
    confirm.setObjectName(f"{prefix}_confirm")
    confirm.setAutoDefault(False)  # the irreversible action is never the default button
    confirm.setDefault(False)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setObjectName(f"{prefix}_cancel")
    cancel.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(explain)
    layout.addLayout(form)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(520)
    cancel.setFocus()
    return confirm, cancel
