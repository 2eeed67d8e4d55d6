"""Small helpers shared by the parts of the capture widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy


def button(name: str, slot: Callable[[], Any]) -> QPushButton:
    """A push button named ``name`` (its text is set on retranslation) that calls ``slot``."""
    widget = QPushButton()
    widget.setObjectName(name)
    widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def image_label(name: str, size: QSize) -> QLabel:
    """A framed label of a fixed ``size`` that shows an image, centred."""
    label = QLabel()
    label.setObjectName(name)
    label.setFixedSize(size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    return label


def show_image(label: QLabel, data: bytes, size: QSize) -> bool:
    """Show the encoded image ``data`` in ``label``, scaled to fit ``size``; False when
    ``data`` is no image Qt can decode."""
    pixmap = QPixmap()
    if not pixmap.loadFromData(data):
        return False
    label.setPixmap(
        pixmap.scaled(
            size - QSize(4, 4),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    return True
