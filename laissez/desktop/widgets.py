"""Small widgets that pages and dialogs share: a note, an error line and a busy bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar

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
