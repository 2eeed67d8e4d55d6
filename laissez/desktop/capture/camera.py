"""The camera: a live picture that reads the MRZ by itself, or a still for the photograph.

:class:`CameraDialog` shows what the camera sees and takes its frames from a ``QVideoSink``
(``videoFrameChanged``): in use a ``QCamera`` feeds that sink through a
``QMediaCaptureSession`` (:meth:`CameraDialog.start_camera`); a test, or a video played by a
``QMediaPlayer``, can feed the same sink without a camera.

When it reads (``read=True``), one frame at a time goes to an
:class:`~laissez.desktop.capture.reading.ImageReader` (the sandboxed reader, off the GUI
thread): frames that come while a read runs are shown but not read (``dropped``); the first
frame after a read ended is read next. The dialog closes by itself, with ``reading`` set, as soon as
a reading is valid (every check passes and no field is uncertain). The officer can cancel,
or take the current frame as a still (``still``) that the capture widget then reads as an
image. Frames are encoded in memory (PNG bytes); nothing is written to disk.

Qt Multimedia comes from PySide6-Addons; without it, or without a camera,
:func:`camera_available` is False and the capture widget hides its camera buttons.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from laissez.desktop import theme
from laissez.desktop.capture.reading import ImageReader
from laissez.desktop.messages import describe_error
from laissez.desktop.mrz_editor import doubtful_labels
from laissez.documents.errors import OcrCancelledError
from laissez.i18n import N_, _

logger = logging.getLogger(__name__)

#: the most frames a second the preview shows (every frame is offered to the reader)
PREVIEW_FPS = 15
#: reads failing one after the other before the live reading stops trying
MAX_READ_FAILURES = 3
#: the camera resolution asked for: enough for the MRZ of a page that fills the picture, and a
#: read takes longer on bigger frames
WANTED = (1280, 720)


def multimedia_installed() -> bool:
    """True when Qt Multimedia (PySide6-Addons) can be imported."""
    return importlib.util.find_spec("PySide6.QtMultimedia") is not None


def camera_available() -> bool:
    """True when Qt Multimedia can be imported and a camera is present."""
    try:
        if not multimedia_installed():
            return False
        from PySide6.QtMultimedia import QMediaDevices

        return bool(QMediaDevices.videoInputs())
    except Exception as exc:  # a broken multimedia backend must not break the form
        logger.info("camera check failed with %s", type(exc).__name__)
        return False


def choose_format(options: Sequence[tuple[int, int, float]]) -> int | None:
    """The index of the camera format to ask for among ``options`` (width, height, frames a
    second): the size nearest ``WANTED``, no wider than 1920, then the most frames a second;
    None when there is none to choose."""
    usable = [i for i, (width, _height, _fps) in enumerate(options) if width <= 1920]
    if not usable:
        return None
    area = WANTED[0] * WANTED[1]
    return min(usable, key=lambda i: (abs(options[i][0] * options[i][1] - area), -options[i][2]))


def image_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG bytes, in memory."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs want bytes; only str works
    buffer.close()
    return bytes(array.data())


def frame_bytes(image: QImage) -> bytes:
    """A camera frame as greyscale PNG bytes for the reader (smaller and quicker to encode;
    the reader works in grey anyway). Safe on a pool thread: a QImage is reentrant."""
    return image_bytes(image.convertToFormat(QImage.Format.Format_Grayscale8))


class FramePreview(QWidget):
    """The camera's picture, scaled to fit and centred on a dark ground; never mirrored, even
    in a right-to-left interface (it is a picture of the world). Before the first frame it
    shows ``message`` instead (the camera starting, or why it cannot be used)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_preview")
        self.image: QImage | None = None
        self.message = ""
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        """Room for a 16:9 picture that still fits a 1366x768 screen with the dialog."""
        return QSize(800, 450)

    def show_frame(self, image: QImage) -> None:
        """Show ``image`` (the newest frame)."""
        self.image = image
        self.update()

    def show_message(self, text: str) -> None:
        """Show ``text`` where the picture will be (until the first frame)."""
        self.message = text
        self.setAccessibleDescription(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the frame, aspect kept."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202020"))
        if self.image is not None and not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(self.rect().center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
        elif self.message:
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            painter.setFont(font)
            painter.setPen(QColor("#f0f0f0"))
            painter.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # the text's own
            margin = self.width() // 8
            painter.drawText(
                self.rect().adjusted(margin, 0, -margin, 0),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.message,
            )
        painter.end()


class CameraDialog(QDialog):
    """The camera's live picture; with ``read``, the MRZ is read from it as it comes.

    Attributes (for the capture widget and tests): ``sink`` (the ``QVideoSink`` frames come
    from); ``reading`` (the valid ``MrzReading`` the dialog closed with, or None) and
    ``preview`` (its JPEG thumbnail); ``still`` (PNG bytes of the frame the officer took, or
    None); ``frames`` (frames received), ``reads`` (reads started), ``dropped`` (frames not
    read because a read was running); ``status`` (the status line).
    """

    def __init__(self, parent: QWidget | None = None, *, read: bool = True) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QVideoSink

        self.setObjectName("camera_dialog")
        self._read = read
        self.reading: Any = None
        self.preview: bytes | None = None
        self.still: bytes | None = None
        self.frames = 0
        self.reads = 0
        self.dropped = 0
        self._latest: QImage | None = None
        self._shown_at = -1.0
        self._camera: Any = None
        self._session: Any = None
        self._failed = False
        self._closed = False
        self._read_failures = 0
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self.reader = ImageReader(self)
        self.reader.done.connect(self._read_done)
        self.reader.failed.connect(self._read_failed)
        self._build()
        self.finished.connect(self._stop)

    def _build(self) -> None:
        self.viewer = FramePreview(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("camera_hint")
        self.hint.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("camera_status")
        self.status.setWordWrap(True)
        self.activity = QLabel(self)
        self.activity.setObjectName("camera_activity")
        self.activity.setStyleSheet(f"color: {theme.MUTED};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.take_button: QPushButton = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.take_button.setObjectName("camera_take_button")
        self.take_button.setEnabled(False)  # until there is a frame to take
        self.take_button.setDefault(True)  # Enter takes the picture, even from Cancel
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.take_button.clicked.connect(self.take_still)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.activity)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.show_status(_("Starting the camera…"))
        self.status.setVisible(False)  # said on the picture until the first frame
        self.activity.setVisible(self._read)  # a photograph is not read

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        if self._read:
            self.setWindowTitle(_("Read the document with the camera"))
            self.hint.setText(
                _(
                    "Hold the data page still in front of the camera, with the MRZ lines inside "
                    "the picture. This window closes by itself once the MRZ is read."
                )
            )
        else:
            self.setWindowTitle(_("Take the photograph with the camera"))
            self.hint.setText(_("Ask the person to look at the camera, then take the picture."))
        self.take_button.setText(_("&Take picture"))
        self.take_button.setAccessibleName(_("Take the picture"))
        self.viewer.setAccessibleName(_("Camera picture"))
        self.status.setAccessibleName(_("Reading status"))

    # ---------------------------------------------------------------- the camera

    def start_camera(self) -> None:
        """Feed ``sink`` from the system's default camera; a missing, busy or forbidden camera
        is said on the status line."""
        try:
            from PySide6.QtCore import QCameraPermission, QCoreApplication

            application = QCoreApplication.instance()
            permission = QCameraPermission()
            status = application.checkPermission(permission) if application else None
            if status == Qt.PermissionStatus.Undetermined and application is not None:
                application.requestPermission(permission, self, self._permission_answered)
                return
            if status == Qt.PermissionStatus.Denied:
                self._camera_failed(_NOT_ALLOWED)
                return
        except (ImportError, AttributeError, TypeError) as exc:  # no permission API here
            logger.info("camera permission check skipped: %s", type(exc).__name__)
        self._open_camera()

    def _permission_answered(self, permission: Any) -> None:
        if permission.status() == Qt.PermissionStatus.Granted:
            self._open_camera()
        else:
            self._camera_failed(_NOT_ALLOWED)

    def _open_camera(self) -> None:
        try:
            from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices

            device = QMediaDevices.defaultVideoInput()
            if device.isNull():
                self._camera_failed(_NO_CAMERA)
                return
            self._camera = QCamera(device, self)
            formats = device.videoFormats()
            chosen = choose_format(
                [
                    (f.resolution().width(), f.resolution().height(), f.maxFrameRate())
                    for f in formats
                ]
            )
            if chosen is not None:
                self._camera.setCameraFormat(formats[chosen])
            self._camera.errorOccurred.connect(lambda _error, text: self._camera_error(text))
            self._session = QMediaCaptureSession(self)
            self._session.setCamera(self._camera)
            self._session.setVideoSink(self.sink)
            self._camera.start()
            if self._camera.error() != QCamera.Error.NoError:
                self._camera_error(self._camera.errorString())
        except Exception as exc:  # a broken multimedia backend gives a sentence, not a crash
            logger.warning("camera start failed with %s", type(exc).__name__)
            self._camera_failed(_CANNOT_USE)

    def _camera_error(self, text: str) -> None:
        logger.info("camera error: %s", text)  # Qt's own words about the device, no one's data
        self._camera_failed(_CANNOT_USE)

    def _camera_failed(self, message: str) -> None:
        self._failed = True
        self.show_status(_(message), error=True)
        self.status.setVisible(self._latest is not None)  # else said on the picture

    def _stop(self) -> None:
        """The dialog closed: the camera off, any read forgotten."""
        self._closed = True
        if self._camera is not None:
            self._camera.stop()
        self.reader.forget()
        self.activity.clear()

    # ---------------------------------------------------------------- frames

    def _frame(self, frame: Any) -> None:
        """A new frame: read when the reader is idle (else counted in ``dropped``), and shown at
        most ``PREVIEW_FPS`` times a second (turning a full-HD frame into an image costs about
        10 ms of the GUI thread)."""
        if self._closed or not frame.isValid():
            return
        self.frames += 1
        read = self._read and not self.reader.busy and self._read_failures < MAX_READ_FAILURES
        if self._read and not read:
            self.dropped += 1  # one read at a time
        now = time.monotonic()
        if not read and now - self._shown_at < 1 / PREVIEW_FPS:
            return
        image = frame.toImage()
        if image.isNull():
            self.dropped += int(read)
            return
        self._shown_at = now
        self._latest = image
        self.viewer.show_frame(image)
        if not self.take_button.isEnabled() or self._failed:
            self.take_button.setEnabled(True)
            self._failed = False  # the camera works after all
            self.show_status(_("Hold the data page still…") if self._read else "")
            self.status.setVisible(self._read)
        if read and self.reader.start(lambda _cancel: frame_bytes(image)):
            self.reads += 1
            self.activity.setText(_("Reading…"))

    def _read_done(self, reading: Any, preview: bytes | None) -> None:
        self.activity.clear()
        self._read_failures = 0
        if reading.valid and not reading.uncertain:
            self.reading = reading
            self.preview = preview
            self.accept()
            return
        if not reading.lines:
            self.show_status(
                _(
                    "No MRZ in the picture yet. Hold the data page still, flat and well lit, "
                    "with the MRZ lines inside the picture."
                )
            )
        else:
            names = doubtful_labels(reading)
            if names:
                text = _(
                    "MRZ seen, but not yet sure of the {fields}. Hold the page still and flat, "
                    "in good light."
                ).format(fields=names)
            else:
                text = _(
                    "MRZ seen, but its check digits do not match yet. Hold the page still and "
                    "flat, in good light."
                )
            self.show_status(text)

    def _read_failed(self, error: BaseException) -> None:
        self.activity.clear()
        if isinstance(error, OcrCancelledError):
            return
        # the reader itself is failing (tesseract missing, say): after a few, stop trying and
        # leave the sentence up; the officer can still take a still or cancel
        self._read_failures += 1
        self.show_status(describe_error(error), error=True)

    # ---------------------------------------------------------------- the officer

    def take_still(self) -> None:
        """Close with the current frame as ``still`` (PNG bytes), for the capture widget to
        read (or use as the photograph)."""
        if self._latest is None:
            return
        self.reader.forget()
        self.still = image_bytes(self._latest)
        self.accept()

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the status line (in red when it is an ``error``), and on the
        picture while there is none."""
        self.status.setText(text)
        self.status.setStyleSheet(theme.ERROR_STRONG if error else "font-weight: bold;")
        if self._latest is None:
            self.viewer.show_message(text)


# Deferred: translated where they are shown.
_NO_CAMERA = N_(
    "No camera is connected. Connect a camera and open this window again, or open an image of "
    "the document instead."
)
_CANNOT_USE = N_(
    "The camera cannot be used: another program may be using it. Close that program and try "
    "again, or open an image of the document instead."
)
_NOT_ALLOWED = N_(
    "Laissez is not allowed to use the camera. Allow it in the system's privacy settings and "
    "try again, or open an image of the document instead."
)
