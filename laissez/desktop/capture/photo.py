"""The person's photograph: from the document image just read (the officer marks the portrait in
:mod:`.crop`), from an image file, or from the camera.

It is kept in memory as a JPEG of at most 600 pixels without metadata (:func:`.images.photo_jpeg`,
run on the worker pool). Nothing about an image is written to disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from laissez.desktop.capture import images
from laissez.desktop.capture.controls import button, image_label, show_image
from laissez.desktop.workers import Job, run_in_pool
from laissez.i18n import _

PHOTO = QSize(110, 140)


class PhotoBox(QGroupBox):
    """The photograph and the buttons that take or remove it.

    ``photo`` is the JPEG bytes or None; ``portrait_dialog`` the ``PortraitDialog`` and
    ``camera_dialog`` the ``CameraDialog`` while they are open. A photograph still being
    prepared when :meth:`invalidate` is called is dropped.

    Emits:
        problem(object): the exception that kept an image from becoming the photograph.
    """

    problem = Signal(object)

    def __init__(self, *, camera: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture_photo_box")
        self.photo: bytes | None = None
        self.portrait_dialog: QDialog | None = None
        self.camera_dialog: QDialog | None = None
        self._document: bytes | None = None
        self._job: Job | None = None
        self._generation = 0
        self.label = image_label("capture_photo", PHOTO)
        self.from_document = button("capture_photo_document", self.use_document_photo)
        self.from_document.setEnabled(False)
        self.from_file = button("capture_photo_file", self.choose_photo)
        self.from_camera = button("capture_photo_camera", self.photo_from_camera_still)
        self.from_camera.setVisible(camera)
        self.remove_button = button("capture_photo_remove", self.remove_photo)
        self.remove_button.setEnabled(False)
        buttons = QVBoxLayout()
        for widget in (self.from_document, self.from_file, self.from_camera, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.label)
        row.addLayout(buttons)
        row.addStretch(1)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        texts = (
            (
                self.from_document,
                _("Photo from the &document"),
                _("Use the document image as the photograph"),
            ),
            (self.from_file, _("Photo from a &file…"), _("Open the photograph from a file")),
            (
                self.from_camera,
                _("Photo from the camer&a"),
                _("Take the photograph with the camera"),
            ),
            (self.remove_button, _("&Remove photo"), _("Remove the photograph")),
        )
        for widget, text, name in texts:
            widget.setText(text)
            widget.setAccessibleName(name)
        self.setTitle(_("Photograph"))
        self.label.setAccessibleName(_("Photograph of the person"))
        if self.photo is None:
            self.label.setText(_("No photo"))

    def invalidate(self) -> None:
        """Drop whatever photograph is still being prepared or chosen."""
        self._generation += 1

    def set_document_image(self, preview: bytes | None) -> None:
        """The image of the document just read (JPEG bytes), or None when there is none."""
        self._document = preview
        self.from_document.setEnabled(preview is not None)

    # ---------------------------------------------------------------- taking the photograph

    def choose_photo(self) -> None:
        """Ask for an image file holding the person's photograph."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open the photograph"),
            "",
            _("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"),
        )
        if path:
            self.load_photo_file(path)

    def load_photo_file(self, path: str | Path) -> None:
        """Take the photograph from the image at ``path`` (off the GUI thread)."""
        self._start(lambda: images.read_file(path))

    def set_photo_bytes(self, data: bytes) -> None:
        """Take the photograph from encoded image bytes (off the GUI thread)."""
        self._start(lambda: data)

    def use_document_photo(self) -> None:
        """Let the officer mark the portrait on the document image just read (or take the
        whole image); the dialog is ``portrait_dialog`` while it is open."""
        if self._document is None:
            return
        from laissez.desktop.capture.crop import PortraitDialog

        dialog = PortraitDialog(self._document, self.parentWidget() or self)
        generation = self._generation

        def chosen() -> None:
            if generation == self._generation:
                self._show(dialog.photo())

        dialog.accepted.connect(chosen)
        dialog.finished.connect(self._portrait_closed)
        self.portrait_dialog = dialog
        dialog.open()

    def _portrait_closed(self) -> None:
        dialog, self.portrait_dialog = self.portrait_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def photo_from_camera_still(self) -> None:
        """Take the photograph with the camera: its live picture opens (``camera_dialog``
        while it is open) and the frame the officer takes becomes the photograph."""
        if self.camera_dialog is not None:
            return
        from laissez.desktop.capture.camera import CameraDialog

        dialog = CameraDialog(self.parentWidget() or self, read=False)
        generation = self._generation

        def closed() -> None:
            self.camera_dialog = None
            dialog.deleteLater()
            if dialog.still is not None and generation == self._generation:
                self.set_photo_bytes(dialog.still)

        dialog.finished.connect(closed)
        self.camera_dialog = dialog
        dialog.open()
        dialog.start_camera()

    def _start(self, load: Callable[[], bytes]) -> None:
        generation = self._generation

        def work(_cancel: threading.Event, _progress: Callable[[float], None]) -> bytes:
            return images.photo_jpeg(load())

        def failed(error: BaseException) -> None:
            self._job = None
            if generation == self._generation:
                self.problem.emit(error)

        self._job = run_in_pool(work, lambda data: self._done(generation, data), failed)

    def _done(self, generation: int, data: bytes) -> None:
        self._job = None
        if generation == self._generation:
            self._show(data)

    def _show(self, data: bytes) -> None:
        if not show_image(self.label, data, PHOTO):
            return
        self.photo = data
        self.remove_button.setEnabled(True)

    def remove_photo(self) -> None:
        """Forget the photograph."""
        self.photo = None
        self.label.clear()
        self.label.setText(_("No photo"))
        if self.remove_button.hasFocus():
            self.from_file.setFocus()
        self.remove_button.setEnabled(False)
