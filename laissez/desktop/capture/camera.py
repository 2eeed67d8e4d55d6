"""Optional camera still capture (only where ``PySide6.QtMultimedia`` is installed).

PySide6-Essentials has no QtMultimedia: then :func:`camera_available` is False and the capture
widget hides its camera buttons. Nothing here is imported at module level from QtMultimedia,
and a frame never leaves memory (it is encoded to PNG bytes in a QBuffer).
"""

from __future__ import annotations

import importlib.util
import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from laissez.i18n import _

logger = logging.getLogger(__name__)


def camera_available() -> bool:
    """True when Qt Multimedia (and its widgets) can be imported and a camera is present."""
    try:
        if importlib.util.find_spec("PySide6.QtMultimedia") is None:
            return False
        if importlib.util.find_spec("PySide6.QtMultimediaWidgets") is None:
            return False
        from PySide6.QtMultimedia import QMediaDevices

        return bool(QMediaDevices.videoInputs())
    except Exception as exc:  # a broken multimedia backend must not break the form
        logger.info("camera check failed with %s", type(exc).__name__)
        return False


def image_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG bytes, in memory."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs want bytes; only str works
    buffer.close()
    return bytes(array.data())


def take_still(parent: QWidget) -> bytes | None:
    """Show the camera, let the officer take one still; its PNG bytes, or None if cancelled."""
    from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
    from PySide6.QtMultimediaWidgets import QVideoWidget

    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Camera"))
    viewer = QVideoWidget(dialog)
    viewer.setAccessibleName(_("Camera picture"))
    viewer.setMinimumSize(480, 360)
    hint = QLabel(_("Hold the document flat and still, then take the picture."), dialog)
    hint.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    shoot = buttons.addButton(_("&Take picture"), QDialogButtonBox.ButtonRole.ActionRole)
    shoot.setDefault(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(viewer)
    layout.addWidget(hint)
    layout.addWidget(buttons)
    camera = QCamera(dialog)
    capture = QImageCapture(dialog)
    session = QMediaCaptureSession(dialog)
    session.setCamera(camera)
    session.setImageCapture(capture)
    session.setVideoOutput(viewer)
    frames: list[QImage] = []

    def captured(_id: int, image: QImage) -> None:
        frames.append(image)
        dialog.accept()

    capture.imageCaptured.connect(captured)
    shoot.clicked.connect(capture.capture)
    buttons.rejected.connect(dialog.reject)
    camera.start()
    try:
        dialog.exec()
    finally:
        camera.stop()
        dialog.deleteLater()
    return image_bytes(frames[0]) if frames else None
