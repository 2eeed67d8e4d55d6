"""Automatic lock after a period without keyboard or mouse input."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from laissez.desktop.config import DEFAULT_IDLE_LOCK_MS

#: Events that count as the officer being present.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Watches every input event of the application and emits when none came for a while.

    Emits:
        idle_timed_out(): no input for ``timeout_ms``; emitted once until activity resumes.
    """

    idle_timed_out = Signal()

    def __init__(
        self,
        app: QApplication,
        timeout_ms: int = DEFAULT_IDLE_LOCK_MS,
        parent: QObject | None = None,
    ) -> None:
        """``parent``: the object whose life the watching lasts (the main window); with none,
        the QApplication's. Qt removes a deleted event filter by itself, so a watcher owned by
        a window stops filtering when that window goes."""
        super().__init__(parent if parent is not None else app)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle_timed_out)
        self.set_timeout(timeout_ms)
        app.installEventFilter(self)

    def stop(self) -> None:
        """Stop watching: no more filtering of the application's events, no more timeout."""
        self._timer.stop()
        self._app.removeEventFilter(self)

    def set_timeout(self, timeout_ms: int) -> None:
        """Change the idle time; 0 disables the automatic lock."""
        self.timeout_ms = timeout_ms
        self.restart()

    def restart(self) -> None:
        """Start counting again from now."""
        if self.timeout_ms > 0:
            self._timer.start(self.timeout_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the countdown on any input; never consumes the event."""
        if event.type() in _ACTIVITY and self.timeout_ms > 0:
            self._timer.start(self.timeout_ms)
        return False
