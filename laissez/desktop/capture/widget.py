"""The document-capture widget the identity step embeds.

The officer gets the MRZ in one of these ways, and checks it in one editor:

* **Open image** (or drag a file onto the widget): PNG, JPEG, TIFF or PDF. The MRZ is read by
  :func:`laissez.documents.ocr.read_mrz` on the worker pool, with a progress bar and a Cancel
  button (:mod:`.source`, :mod:`.reading`); the lines read go into the editor
  (``source="scan"``) for the officer to check.
* **Scan**: only where SANE's ``scanimage`` is installed (:mod:`laissez.documents.scanner`);
  the page scanned goes through the same reading path.
* **Use camera**: only where Qt Multimedia (PySide6-Addons) is installed and a camera is
  present (see :mod:`.camera`). Its live picture is read frame after frame, off the GUI thread,
  and closes by itself on the first valid MRZ, which goes into the editor (``source="scan"``);
  or the officer takes a still, read like an opened image.
* **A desk document reader** that types the MRZ like a keyboard, wherever the focus is on the
  identity step (:mod:`.wedge`): its lines go into the editor (``source="reader"``) and a
  valid MRZ is used at once.
* **Typing**: every keystroke is checked by :func:`laissez.documents.mrz.parse`; each wrong
  character is highlighted and each problem listed by line and position
  (:class:`laissez.desktop.mrz_editor.MrzEditor`, shared with the MRZ check tab).

The photograph comes from the document image just read (the reader gives no portrait region,
so the officer drags a rectangle around the portrait in :mod:`.crop`, or takes the whole
image), a separate image file, or the camera (:mod:`.photo`); it is kept in memory as a JPEG of
at most 600 pixels without metadata. Nothing about an image is written to disk.

Public API:
    ``MrzCapture(parent=None)``; signal ``captured(object)`` emitting a ``CaptureResult``;
    ``clear()``; ``retranslate()``.

Additions (for the identity step and tests):
    ``open_image(path)`` / ``read_image_bytes(data)``: read an MRZ from a file or from bytes;
    ``load_photo_file(path)`` / ``set_photo_bytes(data)``: take the photograph from a file or
    image bytes; ``use_document_photo()`` (opens ``portrait_dialog``, a ``PortraitDialog``);
    ``remove_photo()``; ``cancel_read()``;
    ``scan_document()``: scan the page on the scanner and read it;
    ``use_reader_lines(lines)``: the MRZ a desk document reader typed;
    ``set_mrz_text(text)``; ``accept_typed()`` ("Use this MRZ");
    ``busy`` (a read is running); ``photo`` (the JPEG bytes or None); ``reading`` (the last
    ``MrzReading``, with its ``uncertain`` fields, or None);
    ``current_result()`` (the ``CaptureResult`` the editor holds now, or None);
    ``highlighted(doubtful=False)``: the spans highlighted in the editor;
    signal ``validity_changed(bool)`` after each check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from laissez.desktop import theme
from laissez.desktop.capture.camera import camera_available
from laissez.desktop.capture.controls import button
from laissez.desktop.capture.photo import PhotoBox
from laissez.desktop.capture.result import CaptureResult
from laissez.desktop.capture.source import DocumentSource, dropped_path
from laissez.desktop.messages import describe_error
from laissez.desktop.mrz_editor import MrzEditor, doubtful_fields, doubtful_labels
from laissez.documents.errors import MrzError
from laissez.i18n import _

if TYPE_CHECKING:  # not at start-up: numpy and Pillow come with it
    from laissez.documents.ocr import MrzReading


class MrzCapture(QWidget):
    """Get an MRZ (and a photograph) from the officer.

    The parts: ``source`` (the document image and its reading), ``mrz`` (the editor) and
    ``photo_box`` (the photograph); this widget lays them out and turns what the officer
    accepts into a ``CaptureResult``.

    Emits:
        captured(object): a ``CaptureResult`` the officer accepted.
        validity_changed(bool): after each check of the editor, True when the MRZ is valid.
    """

    captured = Signal(object)
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrz_capture")
        self.setAcceptDrops(True)
        self.reading: MrzReading | None = None
        self._source = "manual"
        camera = camera_available()
        self.source = DocumentSource(self, camera=camera)
        self.mrz = MrzEditor()
        self.photo_box = PhotoBox(camera=camera)
        self._name_parts()
        self._build()
        self.source.started.connect(self.photo_box.invalidate)
        self.source.read.connect(self._use_reading)
        self.source.image_changed.connect(self.photo_box.set_document_image)
        self.photo_box.problem.connect(
            lambda error: self.source.show_status(describe_error(error), error=True)
        )
        self.mrz.validity_changed.connect(self.validity_changed)
        self.mrz.editor.textChanged.connect(self._on_text_changed)
        self.retranslate()

    def _name_parts(self) -> None:
        """The parts' controls under the names the identity step and the tests use."""
        self.open_button = self.source.open_button
        self.scan_button = self.source.scan_button
        self.camera_button = self.source.camera_button
        self.cancel_button = self.source.cancel_button
        self.progress = self.source.progress
        self.status = self.source.status
        self.thumbnail = self.source.thumbnail
        self.editor = self.mrz.editor
        self.counts = self.mrz.counts
        self.verdict = self.mrz.verdict
        self.protection = self.mrz.protection
        self.problems = self.mrz.problems
        for widget, name in (
            (self.mrz, "capture_mrz"),
            (self.editor, "capture_mrz_editor"),
            (self.counts, "capture_counts"),
            (self.verdict, "capture_verdict"),
            (self.protection, "capture_protection"),
            (self.problems, "capture_problems"),
        ):
            widget.setObjectName(name)
        self.photo_label = self.photo_box.label
        self.photo_from_document = self.photo_box.from_document
        self.photo_from_file = self.photo_box.from_file
        self.photo_from_camera = self.photo_box.from_camera
        self.remove_photo_button = self.photo_box.remove_button

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        self.editor_label = QLabel()
        self.editor_label.setBuddy(self.editor)
        self.use_button = button("capture_use_button", self.accept_typed)
        self.use_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.use_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.use_shortcut.activated.connect(self.accept_typed)

        mrz = QVBoxLayout()
        mrz.addWidget(self.editor_label)
        mrz.addWidget(self.mrz)
        mrz.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignLeading)
        mrz.addStretch(1)
        document = QVBoxLayout()
        document.addWidget(self.thumbnail)
        document.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(document)
        middle.addLayout(mrz, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.source.actions())
        layout.addWidget(self.status)
        layout.addLayout(middle)
        layout.addWidget(self.photo_box)
        self.status.setVisible(False)

        order = (
            self.open_button,
            self.scan_button,
            self.camera_button,
            self.cancel_button,
            self.editor,
            self.problems,
            self.use_button,
            self.photo_from_document,
            self.photo_from_file,
            self.photo_from_camera,
            self.remove_photo_button,
        )
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.source.retranslate()
        self.photo_box.retranslate()
        self.use_button.setText(_("&Use this MRZ"))
        self.use_button.setAccessibleName(_("Use this MRZ"))
        self.use_button.setToolTip(
            QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.editor_label.setText(_("&MRZ lines (read from the image, or type them)"))
        self.mrz.retranslate()

    # ---------------------------------------------------------------- the document image

    @property
    def busy(self) -> bool:
        """True while an image is being read."""
        return self.source.busy

    def open_image(self, path: str | Path) -> None:
        """Read the MRZ in the image or PDF at ``path`` (off the GUI thread)."""
        self.source.open_image(path)

    def read_image_bytes(self, data: bytes) -> None:
        """Read the MRZ in encoded image bytes (a camera still, a pasted image)."""
        self.source.read_image_bytes(data)

    def scan_document(self) -> None:
        """Scan the document on the scanner and read its MRZ (off the GUI thread)."""
        self.source.scan_document()

    def cancel_read(self) -> None:
        """Stop the read in progress (the widget stays usable)."""
        self.source.cancel_read()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept one local image or PDF file."""
        if dropped_path(event) is not None and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Read the MRZ of the dropped file."""
        path = dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_image(path)

    def _use_reading(self, reading: MrzReading) -> None:
        """Put the MRZ read into the editor, its doubtful fields marked, for the officer to
        compare with the document."""
        self.reading = reading
        if not reading.lines:
            self.source.show_status(
                _(
                    "No MRZ was found in this image. Try a sharper, straighter image that shows "
                    "the whole MRZ, or type the MRZ below."
                ),
                error=True,
            )
            return
        self._source = "scan"
        self.mrz.set_doubtful(doubtful_fields(reading))
        self.set_mrz_text("\n".join(reading.lines))
        self._source = "scan"
        if reading.valid:
            self.source.show_status(
                _("MRZ read. Compare it with the document, then choose “Use this MRZ”.")
            )
        else:
            names = doubtful_labels(reading)
            if names:
                text = _(
                    "Uncertain reading: the reader was not sure of the {fields}. Compare each "
                    "highlighted character with the document and correct it, or read a "
                    "sharper, straighter image, or type the MRZ. Until then it does not count "
                    "as a valid MRZ."
                ).format(fields=names)
            else:
                text = _(
                    "MRZ read, but some characters are doubtful. Compare each highlighted "
                    "character with the document and correct it."
                )
            self.source.show_status(text, error=True)
        self.editor.setFocus()

    # ---------------------------------------------------------------- the MRZ

    def set_mrz_text(self, text: str) -> None:
        """Put ``text`` in the editor (it is checked at once)."""
        self.mrz.set_text(text)

    def _on_text_changed(self) -> None:
        self._source = "manual"  # typed or corrected here; a read sets "scan" after it

    def use_reader_lines(self, lines: Sequence[str]) -> None:
        """The MRZ lines a desk document reader typed: they replace the editor's text (and
        any read in progress); a valid MRZ is used at once, else the officer corrects it."""
        if self.busy:
            self.source.forget()
        self.reading = None
        self.mrz.set_doubtful({})
        self.set_mrz_text("\n".join(lines))
        self._source = "reader"
        result = self.current_result()
        if result is not None and result.valid:
            self.source.show_status(_("MRZ read by the document reader."))
            self.accept_typed()
            return
        self.source.show_status(
            _(
                "The document reader's MRZ is not valid: compare it with the document and "
                "correct it, or read the document again."
            ),
            error=True,
        )
        self.editor.setFocus()

    def highlighted(self, *, doubtful: bool = False) -> list[tuple[int, int, int]]:
        """The spans highlighted as wrong (or, with ``doubtful``, as read with doubt) as
        (line, first position, last position), 1-based."""
        return self.mrz.highlighted(doubtful=doubtful)

    def current_result(self) -> CaptureResult | None:
        """The ``CaptureResult`` the editor holds now, or None when it is not an MRZ."""
        lines = tuple(self.mrz.lines())
        try:
            result = CaptureResult.from_lines(lines, source=self._source, photo=self.photo)
        except MrzError:
            return None
        if result.valid and self.highlighted(doubtful=True):
            # characters the reader was not sure of, left as read: never passed on as valid
            return replace(result, valid=False)
        return result

    def accept_typed(self) -> None:
        """Emit the MRZ in the editor if it is an MRZ at all (valid or not: the gate decides)."""
        result = self.current_result()
        if result is None:
            self.mrz.check()
            self.verdict.setText(
                _("This is not an MRZ yet: correct the lines listed below, then use it.")
            )
            self.verdict.setStyleSheet(theme.ERROR_STRONG)
            self.editor.setFocus()
            return
        self.captured.emit(result)

    # ---------------------------------------------------------------- the photograph

    @property
    def photo(self) -> bytes | None:
        """The photograph as JPEG bytes, or None."""
        return self.photo_box.photo

    @property
    def portrait_dialog(self) -> QDialog | None:
        """The dialog in which the officer marks the portrait, while it is open."""
        return self.photo_box.portrait_dialog

    def load_photo_file(self, path: str | Path) -> None:
        """Take the photograph from the image at ``path`` (off the GUI thread)."""
        self.photo_box.load_photo_file(path)

    def set_photo_bytes(self, data: bytes) -> None:
        """Take the photograph from encoded image bytes (off the GUI thread)."""
        self.photo_box.set_photo_bytes(data)

    def use_document_photo(self) -> None:
        """Let the officer mark the portrait on the document image just read."""
        self.photo_box.use_document_photo()

    def remove_photo(self) -> None:
        """Forget the photograph."""
        self.photo_box.remove_photo()

    # ---------------------------------------------------------------- reset

    def clear(self) -> None:
        """Forget everything captured or typed: MRZ, image, photograph and messages."""
        self.photo_box.invalidate()
        self.source.forget()
        self._source = "manual"
        self.reading = None
        self.mrz.clear()
        self.remove_photo()
        self.source.show_status("")
        self.mrz.check()
