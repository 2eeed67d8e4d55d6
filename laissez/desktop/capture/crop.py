"""Choose the portrait on the document image: drag a rectangle around it, or use the whole image.

The reader gives no portrait region, so the officer marks it. The image stays in memory; the
crop is done with Pillow on the preview bytes and the result is a metadata-free JPEG.
"""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from laissez.desktop.capture import images
from laissez.i18n import _

VIEW = QSize(640, 460)


class _Canvas(QWidget):
    """The document image, on which a rectangle is dragged with the mouse."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = pixmap
        self.setFixedSize(pixmap.size())
        self.selection = QRect()
        self._anchor: QPoint | None = None
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # image coordinates

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start a rectangle."""
        self._anchor = event.position().toPoint()
        self.selection = QRect(self._anchor, self._anchor)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Grow the rectangle."""
        if self._anchor is not None:
            point = event.position().toPoint()
            self.selection = QRect(self._anchor, point).normalized() & self.rect()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Finish the rectangle."""
        self.mouseMoveEvent(event)
        self._anchor = None

    def paintEvent(self, event: QPaintEvent) -> None:
        """The image and the rectangle."""
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.pixmap)
        if self.selection.width() > 2 and self.selection.height() > 2:
            painter.setPen(QPen(Qt.GlobalColor.red, 2, Qt.PenStyle.DashLine))
            painter.drawRect(self.selection)
        painter.end()


class PortraitDialog(QDialog):
    """Show the document image; the officer drags a rectangle around the portrait.

    ``photo()`` after ``exec()``: the selected portrait (or the whole image) as JPEG bytes.
    """

    def __init__(self, preview: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Photograph from the document"))
        self._preview = preview
        original = QPixmap()
        original.loadFromData(preview)
        self._scale = min(
            1.0, VIEW.width() / max(1, original.width()), VIEW.height() / max(1, original.height())
        )
        shown = original.scaled(
            original.size() * self._scale,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.canvas = _Canvas(shown, self)
        self.canvas.setAccessibleName(_("Image of the document"))
        hint = QLabel(
            _(
                "Drag a rectangle around the person's photograph, then choose “Use selection”. "
                "Or use the whole image."
            )
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_selection = self.buttons.addButton(
            _("Use &selection"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_selection.setAccessibleName(_("Use the selected part as the photograph"))
        self.use_whole = self.buttons.addButton(
            _("Use the &whole image"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.use_whole.setAccessibleName(_("Use the whole image as the photograph"))
        self.use_whole.setDefault(True)
        self.use_whole.clicked.connect(self._accept_whole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._whole = False

    def _accept_whole(self) -> None:
        self._whole = True
        self.accept()

    def set_selection(self, rect: QRect) -> None:
        """Select ``rect``, in the coordinates of the image as shown."""
        self.canvas.selection = rect.normalized() & self.canvas.rect()
        self.canvas.update()

    def photo(self) -> bytes:
        """The chosen part of the document image (the whole image without a selection)."""
        picture: Image.Image = Image.open(io.BytesIO(self._preview))
        rect = self.canvas.selection
        if not self._whole and rect.width() > 8 and rect.height() > 8:
            scale = self._scale
            box = (
                int(rect.left() / scale),
                int(rect.top() / scale),
                int((rect.right() + 1) / scale),
                int((rect.bottom() + 1) / scale),
            )
            picture = picture.crop(box)
        return images.jpeg(picture, images.PHOTO_SIDE)
