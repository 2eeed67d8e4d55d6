"""Reading the MRZ of a document image on the worker pool, with progress and cancel.

:func:`laissez.documents.sandbox.read_mrz` runs off the GUI thread, in the sandbox's child
process; a thumbnail of the image is made in the same job. Results of a read that was
forgotten (or whose widget was deleted) are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from laissez.desktop.capture import images
from laissez.desktop.workers import Job, run_in_pool
from laissez.documents import sandbox

logger = logging.getLogger(__name__)


class ImageReader(QObject):
    """Reads one image at a time.

    Emits:
        progressed(float): the fraction of the read done, 0 to 1.
        done(object, object): the ``MrzReading`` and the preview JPEG bytes (or None).
        failed(object): the exception the read ended with (``OcrCancelledError`` when cancelled).
    """

    progressed = Signal(float)
    done = Signal(object, object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._generation = 0

    @property
    def busy(self) -> bool:
        """True while an image is being read."""
        return self.job is not None

    def start(self, load: Callable[[threading.Event], bytes]) -> bool:
        """Read the image ``load(cancel)`` returns (called on the pool, with the event Cancel
        sets); False while a read runs."""
        if self.job is not None:
            return False
        self._generation += 1
        generation = self._generation

        def work(cancel: threading.Event, progress: Callable[[float], None]) -> Any:
            data = load(cancel)
            # decoded and read in the sandbox's child process: a hostile file cannot take
            # the application down, and Cancel kills the child at once
            reading = sandbox.read_mrz(data, cancel=cancel, progress=progress)
            try:
                preview: bytes | None = images.preview_jpeg(data)
            except Exception as exc:  # the MRZ was read; a missing thumbnail is no failure
                logger.info("preview failed with %s", type(exc).__name__)
                preview = None
            return reading, preview

        self.job = run_in_pool(
            work,
            self._alive(lambda value: self._done(generation, value)),
            self._alive(lambda error: self._failed(generation, error)),
            self._alive(lambda fraction: self._progress(generation, fraction)),
        )
        self.destroyed.connect(self.job.cancel)  # a closed form stops its read
        return True

    def cancel(self) -> None:
        """Ask the read in progress to stop (it ends with ``failed``)."""
        if self.job is not None:
            self.job.cancel()

    def forget(self) -> None:
        """Stop the read in progress and drop whatever it still delivers."""
        self._generation += 1
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback``, skipped when the reader was deleted before the job ended."""

        # imported here, after PySide6: importing shiboken6 first breaks headless imports
        from shiboken6 import isValid

        def guarded(value: Any) -> None:
            if isValid(self):
                callback(value)

        return guarded

    def _progress(self, generation: int, fraction: float) -> None:
        if generation == self._generation:
            self.progressed.emit(fraction)

    def _done(self, generation: int, value: Any) -> None:
        if generation != self._generation:
            return
        self.job = None
        reading, preview = value
        self.done.emit(reading, preview)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.job = None
        self.failed.emit(error)
