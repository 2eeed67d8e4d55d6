"""The base of every field editor: a widget that turns what the officer typed or chose into the
answer shape ``laissez.forms.validation`` expects (``None`` while empty) and back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from laissez.forms.schema import Field


class Editor(QWidget):
    """The base of every editor. Emits ``changed`` when the answer changes."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field.id}")

    def _emit_changed(self, *_args: object) -> None:
        # a method, not a signal-to-signal connection (see FormView)
        self.changed.emit()

    def value(self) -> Any:
        """The answer (None while nothing is given)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (None clears)."""
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        """The widget that takes the keyboard focus for this field."""
        return self

    def set_label(self, label: str, help_text: str) -> None:
        """Name the controls for screen readers."""
        self.setAccessibleName(label)
        self.focus_widget().setAccessibleName(label)
        self.focus_widget().setAccessibleDescription(help_text)

    def retranslate(self, language: str) -> None:
        """Set option texts in ``language`` (form words) and the interface language."""
