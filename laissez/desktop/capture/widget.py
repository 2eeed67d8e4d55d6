"""The document-capture widget the identity step embeds.

The officer gets the MRZ in one of three ways, and checks it in one editor:

* **Open image** (or drag a file onto the widget): PNG, JPEG, TIFF or PDF. The MRZ is read by
  :func:`laissez.documents.ocr.read_mrz` on the worker pool, with a progress bar and a Cancel
  button; the lines read go into the editor (``source="scan"``) for the officer to check.
* **Use camera**: only where ``PySide6.QtMultimedia`` is installed (see :mod:`.camera`); the
  still goes through the same reading path.
* **Typing**: every keystroke is checked by :func:`laissez.documents.mrz.parse`; each wrong
  character is highlighted and each problem listed by line and position.

The photograph comes from the document image just read (the reader gives no portrait region,
so the officer drags a rectangle around the portrait in :mod:`.crop`, or takes the whole
image), a separate image file, or the camera; it is kept in memory as a JPEG of at
most 600 pixels without metadata. Nothing about an image is written to disk.

Public API:
    ``MrzCapture(parent=None)``; signal ``captured(object)`` emitting a ``CaptureResult``;
    ``clear()``; ``retranslate()``.

Additions (for the identity step and tests):
    ``open_image(path)`` / ``read_image_bytes(data)``: read an MRZ from a file or from bytes;
    ``load_photo_file(path)`` / ``set_photo_bytes(data)``: take the photograph from a file or
    image bytes; ``use_document_photo()`` (opens ``portrait_dialog``, a ``PortraitDialog``);
    ``remove_photo()``; ``cancel_read()``;
    ``set_mrz_text(text)``; ``accept_typed()`` ("Use this MRZ");
    ``busy`` (a read is running); ``photo`` (the JPEG bytes or None); ``reading`` (the last
    ``MrzReading``, with its ``uncertain`` fields, or None);
    ``current_result()`` (the ``CaptureResult`` the editor holds now, or None);
    signal ``validity_changed(bool)`` after each check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QKeySequence,
    QPixmap,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from laissez.desktop.capture import images
from laissez.desktop.capture.camera import camera_available
from laissez.desktop.capture.result import CaptureResult
from laissez.desktop.messages import describe_error, describe_mrz_error, field_label
from laissez.desktop.workers import Job, run_in_pool
from laissez.documents.errors import MrzError, MrzLayoutError, OcrCancelledError
from laissez.documents.mrz import LAYOUTS, parse
from laissez.documents.mrz.layouts import Span
from laissez.documents.ocr import MrzReading, read_mrz
from laissez.i18n import _, ltr, ngettext

logger = logging.getLogger(__name__)

THUMB = QSize(220, 150)
PHOTO = QSize(110, 140)
ERROR_STYLE = "color: #b00020; font-weight: bold;"
VALID_STYLE = "color: #1b6e20; font-weight: bold;"
NOTE_STYLE = "color: #8a5300;"


def expected_length(lines: list[str]) -> int | None:
    """The line length the MRZ being typed should have, or None while it cannot be told."""
    if len(lines) >= 3:
        return 30
    if not lines:
        return None
    first = len(lines[0])
    if len(lines) == 2 or first > 30:
        return 44 if first > 40 else 36
    return None


class MrzCapture(QWidget):
    """Get an MRZ (and a photograph) from the officer.

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
        self.photo: bytes | None = None
        self.reading: MrzReading | None = None
        self.portrait_dialog: QDialog | None = None
        self._doubtful: dict[str, tuple[int, int, int, str]] = {}
        self._source = "manual"
        self._preview: bytes | None = None
        self._job: Job | None = None
        self._photo_job: Job | None = None
        self._generation = 0
        self._normalising = False
        self._camera = camera_available()
        self._build()
        self.retranslate()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        self.open_button = self._button("capture_open_button", self.choose_image)
        self.camera_button = self._button("capture_camera_button", self.scan_from_camera)
        self.camera_button.setVisible(self._camera)
        self.cancel_button = self._button("capture_cancel_button", self.cancel_read)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("capture_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("capture_status")
        self.status.setWordWrap(True)
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("capture_thumbnail")
        self.thumbnail.setFixedSize(THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFrameShape(QLabel.Shape.StyledPanel)

        actions = QHBoxLayout()
        for widget in (self.open_button, self.camera_button, self.cancel_button):
            actions.addWidget(widget)
        actions.addWidget(self.progress, 1)
        actions.addStretch(0)

        self.editor_label = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("capture_mrz_editor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(12)
        self.editor.setFont(font)
        # MRZ text is always left to right, even in a right-to-left interface.
        self.editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        option = self.editor.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.editor.document().setDefaultTextOption(option)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(True)
        # Isolated left to right: in an Arabic interface the placeholder would be reordered.
        self.editor.setPlaceholderText(ltr("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<") + "\n…")
        metrics = self.editor.fontMetrics()
        self.editor.setMinimumWidth(metrics.horizontalAdvance("M" * 46) + 24)
        self.editor.setFixedHeight(metrics.lineSpacing() * 3 + 18)
        self.editor_label.setBuddy(self.editor)
        self.counts = QLabel()
        self.counts.setObjectName("capture_counts")
        self.verdict = QLabel()
        self.verdict.setObjectName("capture_verdict")
        self.verdict.setWordWrap(True)
        self.protection = QLabel()
        self.protection.setObjectName("capture_protection")
        self.protection.setWordWrap(True)
        self.protection.setStyleSheet(
            "QLabel { background: #fff4e5; color: #663c00; padding: 4px; }"
        )
        self.protection.setVisible(False)
        self.problems = QListWidget()
        self.problems.setObjectName("capture_problems")
        self.problems.setMaximumHeight(110)
        self.problems.setWordWrap(True)
        self.problems.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setVisible(False)
        self.use_button = self._button("capture_use_button", self.accept_typed)
        self.use_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.use_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.use_shortcut.activated.connect(self.accept_typed)

        mrz = QVBoxLayout()
        mrz.addWidget(self.editor_label)
        mrz.addWidget(self.editor)
        mrz.addWidget(self.counts)
        mrz.addWidget(self.verdict)
        mrz.addWidget(self.protection)
        mrz.addWidget(self.problems)
        mrz.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignLeading)
        mrz.addStretch(1)

        document = QVBoxLayout()
        document.addWidget(self.thumbnail)
        document.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(document)
        middle.addLayout(mrz, 1)

        self.photo_box = QGroupBox()
        self.photo_box.setObjectName("capture_photo_box")
        self.photo_label = QLabel()
        self.photo_label.setObjectName("capture_photo")
        self.photo_label.setFixedSize(PHOTO)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.photo_from_document = self._button("capture_photo_document", self.use_document_photo)
        self.photo_from_document.setEnabled(False)
        self.photo_from_file = self._button("capture_photo_file", self.choose_photo)
        self.photo_from_camera = self._button("capture_photo_camera", self.photo_from_camera_still)
        self.photo_from_camera.setVisible(self._camera)
        self.remove_photo_button = self._button("capture_photo_remove", self.remove_photo)
        self.remove_photo_button.setEnabled(False)
        photo_buttons = QVBoxLayout()
        for widget in (
            self.photo_from_document,
            self.photo_from_file,
            self.photo_from_camera,
            self.remove_photo_button,
        ):
            photo_buttons.addWidget(widget)
        photo_buttons.addStretch(1)
        photo_row = QHBoxLayout(self.photo_box)
        photo_row.addWidget(self.photo_label)
        photo_row.addLayout(photo_buttons)
        photo_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addLayout(middle)
        layout.addWidget(self.photo_box)
        self.status.setVisible(False)

        self.editor.textChanged.connect(self._on_text_changed)
        self.setTabOrder(self.open_button, self.camera_button)
        self.setTabOrder(self.camera_button, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.editor)
        self.setTabOrder(self.editor, self.problems)
        self.setTabOrder(self.problems, self.use_button)
        self.setTabOrder(self.use_button, self.photo_from_document)
        self.setTabOrder(self.photo_from_document, self.photo_from_file)
        self.setTabOrder(self.photo_from_file, self.photo_from_camera)
        self.setTabOrder(self.photo_from_camera, self.remove_photo_button)

    def _button(self, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        texts = (
            (self.open_button, _("&Open image…"), _("Open an image of the document")),
            (self.camera_button, _("Use cam&era"), _("Read the document with the camera")),
            (self.cancel_button, _("&Cancel reading"), _("Cancel reading the document")),
            (self.use_button, _("&Use this MRZ"), _("Use this MRZ")),
            (
                self.photo_from_document,
                _("Photo from the &document"),
                _("Use the document image as the photograph"),
            ),
            (self.photo_from_file, _("Photo from a &file…"), _("Open the photograph from a file")),
            (
                self.photo_from_camera,
                _("Photo from the camer&a"),
                _("Take the photograph with the camera"),
            ),
            (self.remove_photo_button, _("&Remove photo"), _("Remove the photograph")),
        )
        for button, text, name in texts:
            button.setText(text)
            button.setAccessibleName(name)
        self.use_button.setToolTip(
            QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.editor_label.setText(_("&MRZ lines (read from the image, or type them)"))
        self.editor.setAccessibleName(_("Machine-readable zone, typed"))
        self.editor.setAccessibleDescription(
            _("Type or paste the two or three MRZ lines exactly as printed.")
        )
        self.progress.setAccessibleName(_("Reading progress"))
        self.thumbnail.setAccessibleName(_("Image of the document"))
        self.problems.setAccessibleName(_("Problems in the MRZ"))
        self.photo_box.setTitle(_("Photograph"))
        self.photo_label.setAccessibleName(_("Photograph of the person"))
        self.counts.setAccessibleName(_("Characters per line"))
        self.verdict.setAccessibleName(_("MRZ verdict"))
        self.status.setAccessibleName(_("Reading status"))
        if self._preview is None:
            self.thumbnail.setText(_("Drop an image of the document here"))
            self.thumbnail.setWordWrap(True)
        if self.photo is None:
            self.photo_label.setText(_("No photo"))
        self._check()

    # ---------------------------------------------------------------- reading an image

    @property
    def busy(self) -> bool:
        """True while an image is being read."""
        return self._job is not None

    def choose_image(self) -> None:
        """Ask for an image file of the document and read it."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open an image of the document"),
            "",
            _("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"),
        )
        if path:
            self.open_image(path)

    def open_image(self, path: str | Path) -> None:
        """Read the MRZ in the image or PDF at ``path`` (off the GUI thread)."""
        self._start_read(lambda: images.read_file(path))

    def read_image_bytes(self, data: bytes) -> None:
        """Read the MRZ in encoded image bytes (a camera still, a pasted image)."""
        self._start_read(lambda: data)

    def _start_read(self, load: Callable[[], bytes]) -> None:
        if self._job is not None:
            return
        self._generation += 1
        generation = self._generation

        def work(cancel: threading.Event, progress: Callable[[float], None]) -> Any:
            data = load()
            reading = read_mrz(data, cancel=cancel, progress=progress)
            try:
                preview: bytes | None = images.preview_jpeg(data)
            except Exception as exc:  # the MRZ was read; a missing thumbnail is no failure
                logger.info("preview failed with %s", type(exc).__name__)
                preview = None
            return reading, preview

        self._set_busy(True)
        self._forget_preview()  # the thumbnail shows only the image being read
        self._show_status(_("Reading the document…"))
        self._job = run_in_pool(
            work,
            self._alive(lambda value: self._read_done(generation, value)),
            self._alive(lambda error: self._read_failed(generation, error)),
            self._alive(lambda fraction: self._read_progress(generation, fraction)),
        )
        self.destroyed.connect(self._job.cancel)  # a closed form stops its read

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback``, skipped when the widget was deleted before the job ended."""

        # imported here, after PySide6: importing shiboken6 first breaks headless imports
        from shiboken6 import isValid

        def guarded(value: Any) -> None:
            if isValid(self):
                callback(value)

        return guarded

    def cancel_read(self) -> None:
        """Stop the read in progress (the widget stays usable)."""
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self._show_status(_("Cancelling…"))

    def _read_progress(self, generation: int, fraction: float) -> None:
        if generation == self._generation:
            self.progress.setValue(int(fraction * 100))

    def _read_done(self, generation: int, value: Any) -> None:
        if generation != self._generation:
            return
        self._job = None
        self._set_busy(False)
        reading, preview = value
        self.reading = reading
        if preview is not None:
            self._set_preview(preview)
        if not reading.lines:
            self._show_status(
                _(
                    "No MRZ was found in this image. Try a sharper, straighter image that shows "
                    "the whole MRZ, or type the MRZ below."
                ),
                error=True,
            )
            return
        self._source = "scan"
        self._doubtful = self._doubtful_fields(reading)
        self.set_mrz_text("\n".join(reading.lines))
        self._source = "scan"
        if reading.valid:
            self._show_status(
                _("MRZ read. Compare it with the document, then choose “Use this MRZ”.")
            )
        else:
            self._show_status(
                _(
                    "MRZ read, but some characters are doubtful. Compare each highlighted "
                    "character with the document and correct it."
                ),
                error=True,
            )
        self.editor.setFocus()

    def _read_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._job = None
        self._set_busy(False)
        if isinstance(error, OcrCancelledError):
            self._show_status(_("Reading cancelled. Open another image, or type the MRZ."))
            return
        self._show_status(describe_error(error), error=True)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.open_button.setEnabled(not busy)
        self.camera_button.setEnabled(not busy)
        if busy:
            self.cancel_button.setFocus()
        elif self.cancel_button.hasFocus() or self.focusWidget() is None:
            self.open_button.setFocus()

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setVisible(bool(text))

    def _set_preview(self, data: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return
        self._preview = data
        self.thumbnail.setPixmap(
            pixmap.scaled(
                THUMB - QSize(4, 4),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.photo_from_document.setEnabled(True)

    def _forget_preview(self) -> None:
        self._preview = None
        self.thumbnail.clear()
        self.thumbnail.setText(_("Drop an image of the document here"))
        self.photo_from_document.setEnabled(False)

    def scan_from_camera(self) -> None:
        """Take a still with the camera (where available) and read its MRZ."""
        if not self._camera:
            return
        from laissez.desktop.capture.camera import take_still

        data = take_still(self)
        if data:
            self.read_image_bytes(data)

    # ---------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept one local image or PDF file."""
        if self._dropped_path(event) is not None and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Read the MRZ of the dropped file."""
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_image(path)

    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = urls[0].toLocalFile()
        return path if path.lower().endswith(images.SUFFIXES) else None

    # ---------------------------------------------------------------- the MRZ editor

    def set_mrz_text(self, text: str) -> None:
        """Put ``text`` in the editor (it is checked at once)."""
        self.editor.setPlainText(text)

    def _on_text_changed(self) -> None:
        if self._normalising:
            return
        text = self.editor.toPlainText()
        upper = text.upper()
        if upper != text:
            cursor = self.editor.textCursor()
            position = cursor.position()
            self._normalising = True
            try:
                whole = QTextCursor(self.editor.document())
                whole.select(QTextCursor.SelectionType.Document)
                whole.insertText(upper)
                cursor = self.editor.textCursor()
                cursor.setPosition(min(position, len(upper)))
                self.editor.setTextCursor(cursor)
            finally:
                self._normalising = False
        self._source = "manual"  # typed or corrected here; a read sets "scan" after it
        if not upper.strip():
            self._doubtful = {}
        self._check()

    def _blocks(self) -> list[tuple[int, int, str]]:
        """(block number, offset of the first character, stripped text) of each MRZ line."""
        out = []
        block = self.editor.document().firstBlock()
        while block.isValid():
            raw = block.text()
            stripped = raw.strip()
            if stripped:
                out.append((block.blockNumber(), len(raw) - len(raw.lstrip()), stripped))
            block = block.next()
        return out

    def _check(self) -> None:
        """Check the editor's MRZ: highlights, counts, verdict and the list of problems."""
        self.problems.clear()
        blocks = self._blocks()
        lines = [text for _n, _o, text in blocks]
        self.protection.setVisible(False)
        if not lines:
            self.counts.clear()
            self.verdict.clear()
            self.problems.setVisible(False)
            self.editor.setExtraSelections([])
            self.validity_changed.emit(False)
            return
        expected = expected_length(lines)
        self.counts.setText(self._counts_text(lines, expected))
        marks: list[tuple[int, int, int]] = []  # (line, first position, last position)
        doubts: list[tuple[int, int, int]] = []  # fields the reader was not sure of
        try:
            result = parse(lines)
        except MrzLayoutError as exc:
            problems = [describe_mrz_error(exc)]
            if expected is not None:
                for number, line in enumerate(lines, start=1):
                    if len(line) > expected:
                        marks.append((number, expected + 1, len(line)))
            self.verdict.setText(_("Not an MRZ yet."))
            self.verdict.setStyleSheet(NOTE_STYLE)
            valid = False
        except MrzError as exc:
            problems = [describe_mrz_error(exc)]
            self.verdict.setText(_("Not an MRZ yet."))
            self.verdict.setStyleSheet(NOTE_STYLE)
            valid = False
        else:
            valid = bool(result.valid)
            problems = [describe_mrz_error(error) for error in result.errors]
            for error in result.errors:
                if error.line is not None and error.position is not None:
                    marks.append((error.line, error.position, error.end or error.position))
            wrong = {error.field for error in result.errors}
            for name, (line_no, first, last, text) in self._doubtful.items():
                if (
                    name in wrong
                    or line_no > len(lines)
                    or lines[line_no - 1][first - 1 : last] != text
                ):
                    continue  # already listed as wrong, or the officer has changed it
                doubts.append((line_no, first, last))
                problems.append(
                    _(
                        "Line {line}, positions {position}-{end}: the reader was not sure of "
                        "the {field}. Compare it with the document."
                    ).format(line=line_no, position=first, end=last, field=field_label(name))
                )
            if valid:
                self.verdict.setText(
                    "✓  "
                    + _("Valid {format} MRZ: every check digit matches.").format(
                        format=ltr(result.format.value)
                    )
                )
                self.verdict.setStyleSheet(VALID_STYLE)
            else:
                count = len(result.errors)
                self.verdict.setText(
                    "✗  "
                    + ngettext(
                        "Not valid: {count} problem.", "Not valid: {count} problems.", count
                    ).format(count=count)
                )
                self.verdict.setStyleSheet(ERROR_STYLE)
            if result.fields.protection_status:
                self.protection.setText(
                    "⚠  "
                    + _("Protection code (XXA/XXB/XXC): refer before any return.")
                    + " "
                    + _("You may still use this MRZ.")
                )
                self.protection.setVisible(True)
        for text in problems:
            QListWidgetItem(text, self.problems)
        self.problems.setVisible(bool(problems))
        self._highlight(blocks, marks, doubts)
        self.validity_changed.emit(valid)

    def _counts_text(self, lines: list[str], expected: int | None) -> str:
        parts = []
        for number, line in enumerate(lines, start=1):
            if expected is None:
                ratio = ltr(str(len(line)))
            else:
                mark = "✓" if len(line) == expected else "✗"
                ratio = ltr(f"{len(line)}/{expected}") + " " + mark
            parts.append(_("line {line}: {ratio}").format(line=number, ratio=ratio))
        return _("Characters per line:") + "  " + "   ·   ".join(parts)

    def _highlight(
        self,
        blocks: list[tuple[int, int, str]],
        marks: list[tuple[int, int, int]],
        doubts: list[tuple[int, int, int]],
    ) -> None:
        wrong = QTextCharFormat()
        wrong.setBackground(QColor("#ffd6d6"))
        wrong.setForeground(QColor("#b00020"))
        wrong.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        wrong.setUnderlineColor(QColor("#b00020"))
        doubtful = QTextCharFormat()
        doubtful.setBackground(QColor("#fff0c2"))
        doubtful.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        doubtful.setUnderlineColor(QColor("#8a5300"))
        selections = []
        document = self.editor.document()
        spans = [(span, doubtful) for span in doubts] + [(span, wrong) for span in marks]
        for (line, first, last), fmt in spans:
            if not 1 <= line <= len(blocks):
                continue
            number, offset, text = blocks[line - 1]
            first = max(1, first)
            last = min(max(first, last), len(text))
            if first > len(text):
                continue
            block = document.findBlockByNumber(number)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + offset + first - 1)
            cursor.setPosition(block.position() + offset + last, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    @staticmethod
    def _doubtful_fields(reading: MrzReading) -> dict[str, tuple[int, int, int, str]]:
        """The fields the reader was not sure of: name -> (line, first, last, text read)."""
        layout = LAYOUTS.get(reading.format) if reading.format is not None else None
        if layout is None:
            return {}
        out = {}
        checks = {check.name: check.digit for check in layout.checks}
        for name in reading.uncertain:
            span: Span | None
            try:
                span = layout.field(name).span
            except KeyError:
                span = checks.get(name)  # "composite": its check digit
            if span is None:
                continue
            if span.line <= len(reading.lines):
                text = reading.lines[span.line - 1][span.start - 1 : span.end]
                out[name] = (span.line, span.start, span.end, text)
        return out

    def highlighted(self, *, doubtful: bool = False) -> list[tuple[int, int, int]]:
        """The spans highlighted as wrong (or, with ``doubtful``, as read with doubt) as
        (line, first position, last position), 1-based."""
        blocks = {
            number: (index, offset) for index, (number, offset, _t) in enumerate(self._blocks())
        }
        out = []
        for selection in self.editor.extraSelections():
            is_doubt = selection.format.background().color() == QColor("#fff0c2")
            if is_doubt != doubtful:
                continue
            cursor = selection.cursor
            block = cursor.block()
            index, offset = blocks.get(block.blockNumber(), (None, 0))
            if index is None:
                continue
            start = cursor.selectionStart() - block.position() - offset + 1
            end = cursor.selectionEnd() - block.position() - offset
            out.append((index + 1, start, end))
        return out

    def current_result(self) -> CaptureResult | None:
        """The ``CaptureResult`` the editor holds now, or None when it is not an MRZ."""
        lines = tuple(text for _n, _o, text in self._blocks())
        try:
            return CaptureResult.from_lines(lines, source=self._source, photo=self.photo)
        except MrzError:
            return None

    def accept_typed(self) -> None:
        """Emit the MRZ in the editor if it is an MRZ at all (valid or not: the gate decides)."""
        result = self.current_result()
        if result is None:
            self._check()
            self.verdict.setText(
                _("This is not an MRZ yet: correct the lines listed below, then use it.")
            )
            self.verdict.setStyleSheet(ERROR_STYLE)
            self.editor.setFocus()
            return
        self.captured.emit(result)

    # ---------------------------------------------------------------- the photograph

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
        self._start_photo(lambda: images.read_file(path))

    def set_photo_bytes(self, data: bytes) -> None:
        """Take the photograph from encoded image bytes (off the GUI thread)."""
        self._start_photo(lambda: data)

    def use_document_photo(self) -> None:
        """Let the officer mark the portrait on the document image just read (or take the
        whole image); the dialog is ``portrait_dialog`` while it is open."""
        if self._preview is None:
            return
        from laissez.desktop.capture.crop import PortraitDialog

        dialog = PortraitDialog(self._preview, self)
        generation = self._generation

        def chosen() -> None:
            if generation == self._generation:
                self._show_photo(dialog.photo())

        dialog.accepted.connect(chosen)
        dialog.finished.connect(self._portrait_closed)
        self.portrait_dialog = dialog
        dialog.open()

    def _portrait_closed(self) -> None:
        dialog, self.portrait_dialog = self.portrait_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def photo_from_camera_still(self) -> None:
        """Take the photograph with the camera (where available)."""
        if not self._camera:
            return
        from laissez.desktop.capture.camera import take_still

        data = take_still(self)
        if data:
            self.set_photo_bytes(data)

    def _start_photo(self, load: Callable[[], bytes]) -> None:
        generation = self._generation

        def work(_cancel: threading.Event, _progress: Callable[[float], None]) -> bytes:
            return images.photo_jpeg(load())

        def failed(error: BaseException) -> None:
            self._photo_job = None
            if generation == self._generation:
                self._show_status(describe_error(error), error=True)

        self._photo_job = run_in_pool(work, lambda data: self._photo_done(generation, data), failed)

    def _photo_done(self, generation: int, data: bytes) -> None:
        self._photo_job = None
        if generation == self._generation:
            self._show_photo(data)

    def _show_photo(self, data: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return
        self.photo = data
        self.photo_label.setPixmap(
            pixmap.scaled(
                PHOTO - QSize(4, 4),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.remove_photo_button.setEnabled(True)

    def remove_photo(self) -> None:
        """Forget the photograph."""
        self.photo = None
        self.photo_label.clear()
        self.photo_label.setText(_("No photo"))
        if self.remove_photo_button.hasFocus():
            self.photo_from_file.setFocus()
        self.remove_photo_button.setEnabled(False)

    # ---------------------------------------------------------------- reset

    def clear(self) -> None:
        """Forget everything captured or typed: MRZ, image, photograph and messages."""
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._set_busy(False)
        self._source = "manual"
        self.reading = None
        self._doubtful = {}
        self.editor.clear()
        self._forget_preview()
        self.remove_photo()
        self._show_status("")
        self._check()
