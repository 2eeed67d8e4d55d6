"""Where the document image comes from: a file (opened or dropped), a scanner or the camera.

``DocumentSource`` holds the controls of the capture widget's top row (open, camera, cancel,
progress), the reading status line and the thumbnail of the image read, and runs each read
through an :class:`~laissez.desktop.capture.reading.ImageReader`. The capture widget lays the
controls out and decides what to do with the MRZ read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QProgressBar, QWidget

from laissez.desktop import theme
from laissez.desktop.capture import images
from laissez.desktop.capture.controls import button, image_label, show_image
from laissez.desktop.capture.reading import ImageReader
from laissez.desktop.messages import describe_error
from laissez.documents import scanner
from laissez.documents.errors import OcrCancelledError
from laissez.i18n import _

if TYPE_CHECKING:
    from laissez.desktop.capture.camera import CameraDialog

THUMB = QSize(220, 150)


def dropped_path(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The one local image or PDF file dragged in ``event``, or None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if path.lower().endswith(images.SUFFIXES) else None


class DocumentSource(QObject):
    """Read the MRZ of a document image, showing progress, a Cancel button and a thumbnail.

    ``parent`` is the widget the controls belong to (file dialogs and the camera open over it).
    The Scan button is shown only where SANE's ``scanimage`` is installed
    (:mod:`laissez.documents.scanner`); the page it scans is read like an opened file. The
    camera button (shown only where a camera is present) opens a
    :class:`~laissez.desktop.capture.camera.CameraDialog`, ``camera_dialog`` while it is open:
    the MRZ it read is used as if read from a file; a still the officer took is read here.

    Emits:
        started(): a read began.
        read(object): the ``MrzReading`` of the image (its ``lines`` are empty when no MRZ was
            found); the thumbnail is already shown.
        image_changed(object): the preview JPEG bytes of the document image, or None.
    """

    started = Signal()
    read = Signal(object)
    image_changed = Signal(object)

    def __init__(self, parent: QWidget, *, camera: bool) -> None:
        super().__init__(parent)
        self._parent = parent
        self.preview: bytes | None = None
        self.camera_dialog: CameraDialog | None = None
        self.reader = ImageReader(self)
        self.reader.done.connect(self._read_done)
        self.reader.failed.connect(self._read_failed)
        self.open_button = button("capture_open_button", self.choose_image)
        self.camera_button = button("capture_camera_button", self.scan_from_camera)
        self.camera_button.setVisible(camera)
        self.scan_button = button("capture_scan_button", self.scan_document)
        self.scan_button.setVisible(scanner.available())
        self.cancel_button = button("capture_cancel_button", self.cancel_read)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("capture_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.reader.progressed.connect(lambda fraction: self.progress.setValue(int(fraction * 100)))
        self.status = QLabel()
        self.status.setObjectName("capture_status")
        self.status.setWordWrap(True)
        self.thumbnail = image_label("capture_thumbnail", THUMB)

    def actions(self) -> QHBoxLayout:
        """The top row: open, camera, cancel and the progress bar."""
        row = QHBoxLayout()
        for widget in (self.open_button, self.scan_button, self.camera_button, self.cancel_button):
            row.addWidget(widget)
        row.addWidget(self.progress, 1)
        row.addStretch(0)
        return row

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        texts = (
            (self.open_button, _("&Open image…"), _("Open an image of the document")),
            (self.scan_button, _("Sca&n"), _("Scan the document with the scanner")),
            (self.camera_button, _("Use cam&era"), _("Read the document with the camera")),
            (self.cancel_button, _("&Cancel reading"), _("Cancel reading the document")),
        )
        for widget, text, name in texts:
            widget.setText(text)
            widget.setAccessibleName(name)
        self.progress.setAccessibleName(_("Reading progress"))
        self.thumbnail.setAccessibleName(_("Image of the document"))
        self.status.setAccessibleName(_("Reading status"))
        if self.preview is None:
            self.thumbnail.setText(_("Drop an image of the document here"))
            self.thumbnail.setWordWrap(True)

    # ---------------------------------------------------------------- starting a read

    @property
    def busy(self) -> bool:
        """True while an image is being read."""
        return self.reader.busy

    def choose_image(self) -> None:
        """Ask for an image file of the document and read it."""
        path, _filter = QFileDialog.getOpenFileName(
            self._parent,
            _("Open an image of the document"),
            "",
            _("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"),
        )
        if path:
            self.open_image(path)

    def open_image(self, path: str | Path) -> None:
        """Read the MRZ in the image or PDF at ``path`` (off the GUI thread)."""
        self._start(lambda _cancel: images.read_file(path))

    def read_image_bytes(self, data: bytes) -> None:
        """Read the MRZ in encoded image bytes (a camera still, a pasted image)."""
        self._start(lambda _cancel: data)

    def scan_document(self) -> None:
        """Scan the document with the scanner and read its MRZ (off the GUI thread)."""
        self._start(lambda cancel: scanner.scan(cancel=cancel), _("Scanning the document…"))

    def scan_from_camera(self) -> None:
        """Open the camera's live picture; its MRZ is read as the frames come (a missing or busy
        camera is said in the dialog)."""
        if self.busy or self.camera_dialog is not None:
            return
        from laissez.desktop.capture.camera import CameraDialog

        dialog = CameraDialog(self._parent, read=True)
        dialog.finished.connect(lambda _result: self._camera_closed(dialog))
        self.camera_dialog = dialog
        dialog.open()
        dialog.start_camera()

    def _camera_closed(self, dialog: CameraDialog) -> None:
        self.camera_dialog = None
        dialog.deleteLater()
        if dialog.reading is not None:  # read valid in the dialog: not read again
            self.started.emit()
            self._forget_preview()
            self._read_done(dialog.reading, dialog.preview)
        elif dialog.still is not None:
            self.read_image_bytes(dialog.still)

    def _start(self, load: Callable[[threading.Event], bytes], status: str = "") -> None:
        if not self.reader.start(load):
            return
        self.started.emit()
        self._set_busy(True)
        self._forget_preview()  # the thumbnail shows only the image being read
        self.show_status(status or _("Reading the document…"))

    def cancel_read(self) -> None:
        """Stop the read in progress (the widget stays usable)."""
        if self.reader.busy:
            self.reader.cancel()
            self.cancel_button.setEnabled(False)
            self.show_status(_("Cancelling…"))

    def forget(self) -> None:
        """Stop any read and forget the image."""
        self.reader.forget()
        self._set_busy(False)
        self._forget_preview()

    # ---------------------------------------------------------------- the outcome

    def _read_done(self, reading: object, preview: bytes | None) -> None:
        self._set_busy(False)
        if preview is not None and show_image(self.thumbnail, preview, THUMB):
            self.preview = preview
            self.image_changed.emit(preview)
        self.read.emit(reading)

    def _read_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, OcrCancelledError):
            self.show_status(_("Reading cancelled. Open another image, or type the MRZ."))
            return
        self.show_status(describe_error(error), error=True)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.open_button.setEnabled(not busy)
        self.scan_button.setEnabled(not busy)
        self.camera_button.setEnabled(not busy)
        if busy:
            self.cancel_button.setFocus()
        elif self.cancel_button.hasFocus() or self._parent.focusWidget() is None:
            self.open_button.setFocus()

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the status line (in red when it is an ``error``), or hide it."""
        self.status.setText(text)
        self.status.setStyleSheet(theme.ERROR_STRONG if error else "")
        self.status.setVisible(bool(text))

    def _forget_preview(self) -> None:
        self.preview = None
        self.thumbnail.clear()
        self.thumbnail.setText(_("Drop an image of the document here"))
        self.image_changed.emit(None)
