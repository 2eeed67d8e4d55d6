"""Editors for typed answers: free text (one line or several), dates with unknown parts, whole
numbers."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QIntValidator, QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from laissez.desktop.formview.editor_base import Editor
from laissez.forms.schema import Field
from laissez.i18n import _

#: text fields longer than this get a multi-line editor
LONG_TEXT = 200
_PARTIAL_TYPING = QRegularExpression(r"[0-9Xx]{0,4}(-[0-9Xx]{0,2}){0,2}")
_YEAR_ONLY = re.compile(r"^([0-9]{4}|XXXX)$")
_YEAR_MONTH = re.compile(r"^([0-9]{4}|XXXX)-([0-9]{2}|XX)$")


class TextEditor(Editor):
    """One line, or several lines for long answers."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.multiline = field.max_length is None or field.max_length > LONG_TEXT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit: QLineEdit | QPlainTextEdit
        if self.multiline:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setMinimumHeight(70)
            self.edit.setMaximumHeight(110)
            self.edit.textChanged.connect(self._emit_changed)
        else:
            self.edit = QLineEdit()
            if field.max_length:
                self.edit.setMaxLength(field.max_length)
            if field.pattern:
                # codes and references: Latin capitals, always left to right
                self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
                self.edit.textEdited.connect(self._upper)
            self.edit.textChanged.connect(self._emit_changed)
        self.edit.setObjectName(f"edit_{field.id}")
        layout.addWidget(self.edit)

    def _upper(self, text: str) -> None:
        assert isinstance(self.edit, QLineEdit)
        if text != text.upper():
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)

    def value(self) -> Any:
        text = (
            self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        )
        text = text.strip()
        return text or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def focus_widget(self) -> QWidget:
        return self.edit


class DateEditor(Editor):
    """``YYYY-MM-DD`` typed left to right; ``XXXX``/``XX`` for parts not known. Typing only a
    year (``1990``) or a year and month means the rest is not known."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"edit_{field.id}")
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.setMaxLength(10)
        self.edit.setValidator(QRegularExpressionValidator(_PARTIAL_TYPING, self.edit))
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaximumWidth(160)
        self.edit.textEdited.connect(self._upper)
        self.edit.textChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def _upper(self, text: str) -> None:
        if "x" in text:
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)

    def value(self) -> Any:
        text = self.edit.text().strip().upper()
        if not text:
            return None
        if _YEAR_ONLY.match(text):
            return f"{text}-XX-XX"
        if _YEAR_MONTH.match(text):
            return f"{text}-XX"
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit

    def retranslate(self, language: str) -> None:
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))


class IntegerEditor(Editor):
    """A whole number, within the field's range."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"edit_{field.id}")
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        low = field.minimum if field.minimum is not None else -(10**9)
        high = field.maximum if field.maximum is not None else 10**9
        self.edit.setValidator(QIntValidator(min(low, 0), high, self.edit))
        self.edit.setMaximumWidth(100)
        self.edit.textChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit
