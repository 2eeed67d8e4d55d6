"""The sync controller: reads the sync status for the status bar and runs "Sync now".

Reading the status is a few counts on indexed columns, so it runs on the GUI thread. A sync
run talks to headquarters and may wait for a timeout, so it runs in ``run_in_pool``; the
widgets only get the status dataclass, a busy flag and translated sentences.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from laissez.casework.sync import (
    NumbersTopUp,
    SyncOutcome,
    SyncStatus,
    sync_now,
    sync_status,
    top_up_numbers,
)
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_sync_error, describe_sync_failure
from laissez.desktop.workers import run_in_pool

logger = logging.getLogger(__name__)
#: how often the status bar re-reads the counts while someone is signed in
REFRESH_INTERVAL_MS = 30_000


class SyncController(QObject):
    """Keeps the sync status current and runs one sync at a time off the GUI thread.

    Emits:
        status_changed(object): the new ``SyncStatus`` (never None: emitting None through
            a ``Signal(object)`` upsets PySide's reference counting).
        status_cleared(): no one is signed in (or the status cannot be read): show nothing.
        busy_changed(bool): a sync run started (True) or ended (False).
        sync_failed(str): a translated sentence when a run could not complete.
        sync_succeeded(): a run completed.
        numbers_topped_up(object): after a completed run, the ``NumbersTopUp`` (document
            numbers asked for when few were left: how many came, or why none did).
    """

    status_changed = Signal(object)
    status_cleared = Signal()
    busy_changed = Signal(bool)
    sync_failed = Signal(str)
    sync_succeeded = Signal()
    numbers_topped_up = Signal(object)

    def __init__(self, session: SessionController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.busy = False
        self.status: SyncStatus | None = None
        self._generation = 0
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        session.signed_in.connect(self.on_session_signed_in)
        session.signed_out.connect(self.on_session_signed_out)

    def refresh(self) -> None:
        """Re-read the status (cheap) and emit ``status_changed`` or ``status_cleared``."""
        if not self.session.signed_in_now:
            self.status = None
        else:
            try:
                self.status = sync_status(self.session.database())
            except Exception as exc:  # a damaged or closed database: keep the window usable
                logger.info("reading the sync status failed with %s", type(exc).__name__)
                self.status = None
        if self.status is None:
            self.status_cleared.emit()
        else:
            self.status_changed.emit(self.status)

    def sync_now(self) -> None:
        """Push and pull in a worker; nothing happens while a run is going on."""
        if self.busy or not self.session.signed_in_now:
            return
        db = self.session.database()
        generation = self._generation
        self._set_busy(True)

        def done(result: tuple[SyncOutcome, NumbersTopUp | None]) -> None:
            if generation != self._generation:
                return
            outcome, numbers = result
            self._set_busy(False)
            self.refresh()
            if numbers is not None:
                self.numbers_topped_up.emit(numbers)
            if outcome.error is None:
                self.sync_succeeded.emit()
            else:
                self.sync_failed.emit(describe_sync_error(outcome.error))

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._set_busy(False)
            self.refresh()
            self.sync_failed.emit(describe_sync_failure(exc))

        def run(_cancel: object, _progress: object) -> tuple[SyncOutcome, NumbersTopUp | None]:
            outcome = sync_now(db)
            # numbers are topped up at each completed sync, when few are left
            return outcome, (top_up_numbers(db) if outcome.error is None else None)

        run_in_pool(run, done, failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def on_session_signed_in(self, _user: str) -> None:
        """Start refreshing the counts."""
        self.refresh()
        self.timer.start()

    def on_session_signed_out(self) -> None:
        """Forget the status; a run still going on finishes without reporting."""
        self.timer.stop()
        self._generation += 1
        if self.busy:
            self._set_busy(False)
        self.refresh()
