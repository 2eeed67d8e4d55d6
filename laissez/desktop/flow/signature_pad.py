"""A pad where the person signs (or makes a mark) with a mouse, a finger or a pen."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from laissez.i18n import _


class SignaturePad(QWidget):
    """Draw strokes with the mouse, touch or a pen (Qt turns touch and tablet input into mouse
    events); ``png_bytes()`` exports what was drawn on white, ``clear()`` starts again.

    The pad never mirrors in a right-to-left interface: a signature is drawn as it is. The
    keyboard cannot draw, so the consent step offers "declined to sign" with a reason; Delete
    or Backspace clears the pad.

    Emits:
        changed(): a stroke was added or the pad was cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(300, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._strokes: list[QPolygonF] = []
        self._current: QPolygonF | None = None
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(420, 180)

    def retranslate(self) -> None:
        """Set the accessible texts in the interface language."""
        self.setAccessibleName(_("Signature pad"))
        self.setAccessibleDescription(
            _("The person signs or makes a mark here with the mouse, a finger or a pen.")
        )
        self.setToolTip(_("Sign here. Delete clears the pad."))

    # --- state -----------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether nothing has been drawn."""
        return not any(not s.isEmpty() for s in self._strokes)

    def stroke_count(self) -> int:
        """How many strokes were drawn."""
        return len(self._strokes)

    def clear(self) -> None:
        """Forget every stroke."""
        had = bool(self._strokes)
        self._strokes = []
        self._current = None
        self.update()
        if had:
            self.changed.emit()

    def png_bytes(self) -> bytes | None:
        """What was drawn, black on white, as PNG bytes (None when the pad is empty)."""
        if self.is_empty():
            return None
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._paint_strokes(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs want bytes; only str works
        buffer.close()
        return bytes(data.data())

    # --- drawing ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._current = QPolygonF([event.position()])
            self._strokes.append(self._current)
            self.update()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            point = event.position()
            self._current.append(QPointF(min(max(point.x(), 0), self.width()),
                                         min(max(point.y(), 0), self.height())))  # fmt: skip
            self.update()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is not None and event.button() == Qt.MouseButton.LeftButton:
            if self._current.size() == 1:  # a dot is a mark too
                self._current.append(self._current.at(0) + QPointF(0.5, 0.5))
            self._current = None
            self.changed.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        # the signing line, a quarter from the bottom
        y = self.height() * 0.75
        painter.setPen(QPen(QColor("#9e9e9e"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(12, y), QPointF(self.width() - 12, y))
        border = QColor("#1565c0") if self.hasFocus() else QColor("#757575")
        painter.setPen(QPen(border, 2 if self.hasFocus() else 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        self._paint_strokes(painter)
        painter.end()

    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("black"), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)  # fmt: skip
        painter.setPen(pen)
        for stroke in self._strokes:
            painter.drawPolyline(stroke)
