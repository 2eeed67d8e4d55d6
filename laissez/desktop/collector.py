"""Garbage collection on the GUI thread only.

Python's cyclic garbage collector runs in whichever thread happens to allocate when a
threshold is crossed. If that is a pool thread (``run_in_pool``: key derivation, OCR) and
the garbage holds Qt objects (a window, a controller or a job relay from earlier), Qt
destroys them off their thread and the process crashes. We saw exactly that: a segfault
"Garbage-collecting" inside ``Database.open`` on a worker. So the automatic collector is
turned off and this timer collects, generation by generation, on the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

CHECK_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Disables automatic collection and collects from a GUI-thread timer instead."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Take over collection (idempotent)."""
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        """Give collection back to Python, after one full collection here."""
        self.timer.stop()
        gc.collect()
        gc.enable()

    def check(self) -> None:
        """Collect the generations whose counts passed Python's own thresholds."""
        count0, count1, count2 = gc.get_count()
        if count0 > self.threshold[0]:
            gc.collect(0)
            if count1 > self.threshold[1]:
                gc.collect(1)
                if count2 > self.threshold[2]:
                    gc.collect(2)


_COLLECTOR: GuiThreadCollector | None = None


def install(app: QApplication) -> GuiThreadCollector:
    """Start the application's collector (one per process) and return it."""
    global _COLLECTOR
    if _COLLECTOR is None:
        _COLLECTOR = GuiThreadCollector(app)
    _COLLECTOR.start()
    return _COLLECTOR


def uninstall() -> None:
    """Stop the collector if one runs (tests that leave the Qt world)."""
    if _COLLECTOR is not None:
        _COLLECTOR.stop()
