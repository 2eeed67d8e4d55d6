"""Editors for what is captured elsewhere: how the person signed (and the signature sheet's
reference, or why they declined), and the photograph, shown but not edited here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from laissez.desktop import theme
from laissez.desktop.formview.editor_base import Editor
from laissez.forms.schema import Field
from laissez.forms.validation import SIGNATURE_KINDS
from laissez.i18n import N_, _

SIGNATURE_LABELS: dict[str, str] = {
    "signed": N_("Signed"),
    "mark": N_("Made a mark"),
    "declined": N_("Declined to sign"),
}


class SignatureEditor(Editor):
    """How the person signed (signed, a mark, declined) and the reference of the signature
    sheet, or the reason for declining."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.kind = QComboBox()
        self.kind.setObjectName(f"edit_{field.id}")
        self.detail_label = QLabel()
        self.detail = QLineEdit()
        self.detail.setObjectName(f"edit_{field.id}_detail")
        self.detail.setMaxLength(200)
        self.detail_label.setBuddy(self.detail)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.detail.textChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.detail, 1)
        self._on_kind()

    def _on_kind(self, *_args: object) -> None:
        kind = self.kind.currentData()
        self.detail_label.setText(
            _("Reason:") if kind == "declined" else _("Reference of the signed sheet:")
        )
        self.detail.setAccessibleName(self.detail_label.text().rstrip(":"))
        self.detail.setEnabled(bool(kind))
        self.changed.emit()

    def value(self) -> Any:
        kind = self.kind.currentData()
        if not kind:
            return None
        detail = self.detail.text().strip()
        if kind == "declined":
            return {"kind": kind, "reason": detail} if detail else {"kind": kind}
        return {"kind": kind, "ref": detail} if detail else {"kind": kind}

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        index = self.kind.findData(value.get("kind")) if value.get("kind") else 0
        self.kind.setCurrentIndex(max(index, 0))
        self.detail.setText(str(value.get("reason") or value.get("ref") or ""))

    def focus_widget(self) -> QWidget:
        return self.kind

    def retranslate(self, language: str) -> None:
        current = self.value()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("— not answered —"), None)
        for kind in SIGNATURE_KINDS:
            self.kind.addItem(_(SIGNATURE_LABELS[kind]), kind)
        self.kind.blockSignals(False)
        self.set_value(current)
        self._on_kind()


class PhotoEditor(Editor):
    """The photograph: shown, not edited here (the capture takes it). Its stored answer, if
    any, is kept as given."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.image = QLabel()
        self.image.setObjectName(f"edit_{field.id}")
        self.image.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.image.setMinimumSize(90, 110)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet(theme.IMAGE_FRAME)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        layout.addStretch(1)
        self._answer: Any = None
        self.has_image = False

    def show_image(self, data: bytes | None) -> None:
        """Show the portrait (JPEG or PNG bytes; None: none yet)."""
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.image.setPixmap(
                pixmap.scaled(
                    90,
                    110,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.has_image = True
        else:
            self.image.clear()
            self.has_image = False
            self.image.setText(_("No photograph"))

    def value(self) -> Any:
        return self._answer

    def set_value(self, value: Any) -> None:
        self._answer = value or None
        self.changed.emit()

    def focus_widget(self) -> QWidget:
        return self.image

    def retranslate(self, language: str) -> None:
        if not self.has_image:
            self.image.setText(_("No photograph"))
