"""The preview of a PDF: its pages rendered in memory at screen resolution (in a worker, see
``pdf_pages``), one label per page on a grey desk in a scroll area, with zoom. Nothing is written
to disk; ``clear`` forgets the document's bytes and images."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from laissez.desktop import theme
from laissez.desktop.flow.pdf_pages import PageImage, render_pages
from laissez.desktop.messages import describe_error
from laissez.desktop.workers import Job, run_in_pool
from laissez.i18n import _

A4_WIDTH_PT = 595.3
ZOOM_LEVELS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
DEFAULT_ZOOM = 1


class PdfPreview(QWidget):
    """The document's pages, rendered in memory at screen resolution, with zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.pdf: bytes | None = None
        self.pages: list[PageImage] = []
        self.zoom_index = DEFAULT_ZOOM
        #: the officer chose a zoom; until then the page is fitted to the preview's width
        self.user_zoomed = False
        self._job: Job | None = None
        self._generation = 0
        self.zoom_out = QPushButton()
        self.zoom_out.setObjectName("zoom_out")
        self.zoom_out.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in = QPushButton()
        self.zoom_in.setObjectName("zoom_in")
        self.zoom_in.clicked.connect(lambda: self.zoom_by(1))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom_level")
        self.note = QLabel()
        self.note.setObjectName("preview_note")
        self.note.setWordWrap(True)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("preview_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inner = QWidget()
        inner.setObjectName("preview_pages")
        inner.setStyleSheet(f"QWidget#preview_pages {{ {theme.PREVIEW_DESK} }}")
        self.page_layout = QVBoxLayout(inner)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_layout.setSpacing(12)
        self.scroll_area.setWidget(inner)
        self.page_labels: list[QLabel] = []
        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.scroll_area, 1)
        for keys, delta in (("Ctrl++", 1), ("Ctrl+=", 1), ("Ctrl+-", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.zoom_by(d))
        self.retranslate()
        self._update_zoom()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.zoom_out.setText(_("Zoom &out"))
        self.zoom_out.setAccessibleName(_("Zoom out of the preview"))
        self.zoom_in.setText(_("Zoom &in"))
        self.zoom_in.setAccessibleName(_("Zoom into the preview"))
        self.scroll_area.setAccessibleName(_("Preview of the travel document"))
        self._update_zoom()

    def zoom(self) -> float:
        """The zoom factor (1.0: the page's real size on a standard screen)."""
        return ZOOM_LEVELS[self.zoom_index]

    def zoom_by(self, steps: int) -> None:
        """The officer zooms in (``steps`` > 0) or out."""
        self.user_zoomed = True
        self.set_zoom(self.zoom_index + steps)

    def fit_index(self) -> int:
        """The largest zoom at which an A4 page fits the preview's width."""
        width = self.scroll_area.viewport().width() - 2 * self.page_layout.contentsMargins().left()
        page = A4_WIDTH_PT / 72.0 * self.logicalDpiX()
        fitting = [i for i, zoom in enumerate(ZOOM_LEVELS) if page * zoom <= width]
        return fitting[-1] if fitting else 0

    def _fit(self) -> None:
        if not self.user_zoomed and self.isVisible() and self.pdf is not None:
            self.set_zoom(self.fit_index())

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the page to the width when the preview appears."""
        super().showEvent(event)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the page fitted to the width until the officer zooms."""
        super().resizeEvent(event)
        self._fit()

    def set_zoom(self, index: int) -> None:
        """Zoom to ``ZOOM_LEVELS[index]`` and render again."""
        index = min(max(index, 0), len(ZOOM_LEVELS) - 1)
        if index == self.zoom_index:
            return
        self.zoom_index = index
        self._update_zoom()
        if self.pdf is not None:
            self._render()

    def _update_zoom(self) -> None:
        self.zoom_label.setText(_("{percent} %").format(percent=round(self.zoom() * 100)))
        self.zoom_out.setEnabled(self.zoom_index > 0)
        self.zoom_in.setEnabled(self.zoom_index < len(ZOOM_LEVELS) - 1)

    def show_pdf(self, pdf: bytes | None, note: str = "") -> None:
        """Show the pages of ``pdf`` (None: no pages, only ``note``)."""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if pdf is self.pdf and (self.pages or self._job is not None):
            return
        self.pdf = pdf
        self._set_pages([])
        if pdf is not None:
            if not self.user_zoomed and self.isVisible():
                self.zoom_index = self.fit_index()
                self._update_zoom()
            self._render()

    def _render(self) -> None:
        assert self.pdf is not None
        if self._job is not None:
            self._job.cancel()
        self._generation += 1
        generation, pdf = self._generation, self.pdf
        ratio = self.devicePixelRatioF() or 1.0
        dpi = self.logicalDpiX() * self.zoom() * ratio

        def done(pages: list[PageImage]) -> None:
            if generation == self._generation:
                self._job = None
                for page in pages:
                    page.image.setDevicePixelRatio(ratio)
                self._set_pages(pages)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._job = None
                self.note.setText(describe_error(exc))
                self.note.show()

        self._job = run_in_pool(
            lambda cancel, progress: render_pages(pdf, dpi, cancel, progress), done, failed
        )

    def busy(self) -> bool:
        """Whether pages are being rendered."""
        return self._job is not None

    def _set_pages(self, pages: list[PageImage]) -> None:
        self.pages = pages
        for label in self.page_labels:
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self.page_labels = []
        for number, page in enumerate(pages, start=1):
            label = QLabel()
            label.setObjectName(f"preview_page_{number}")
            label.setPixmap(QPixmap.fromImage(page.image))
            label.setAccessibleName(_("Page {number}").format(number=number))
            label.setStyleSheet(theme.PAPER)
            self.page_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)

    def clear(self) -> None:
        """Forget the document (its bytes and its images)."""
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._generation += 1
        self.pdf = None
        self._set_pages([])
        self.note.clear()
        self.note.hide()
