"""The sync controller: reads the sync status for the status bar and runs sync, when the
officer asks ("Sync now") and on its own: on a schedule while someone is signed in, sooner
after a failed run (the link may be back), and at once when the system says the network
returned.

Reading the status is a few counts on indexed columns, so it runs on the GUI thread. A sync
run talks to headquarters and may wait for a timeout, so it runs in ``run_in_pool``; the
widgets only get the status dataclass, a busy flag and translated sentences. A failed run
never opens a dialog: its sentence replaces the last one in the status bar.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

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
#: after a failed automatic run, try again after this long, doubling up to the interval
FIRST_RETRY_MS = 60_000


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
        schedule_changed(object): when the next automatic run is due (an aware
            ``datetime``), or None when none is planned (signed out, not enrolled, off).
    """

    status_changed = Signal(object)
    status_cleared = Signal()
    busy_changed = Signal(bool)
    sync_failed = Signal(str)
    sync_succeeded = Signal()
    numbers_topped_up = Signal(object)
    schedule_changed = Signal(object)

    def __init__(
        self,
        session: SessionController,
        parent: QObject | None = None,
        *,
        interval_ms: int = 0,
    ) -> None:
        super().__init__(parent)
        self.session = session
        #: how often to sync on its own (0: never)
        self.interval_ms = interval_ms
        #: the wait before the next automatic run (shorter after a failure)
        self._wait_ms = interval_ms
        #: when the next automatic run is due (None: none planned)
        self.next_run: dt.datetime | None = None
        self.auto_timer = QTimer(self)
        self.auto_timer.setSingleShot(True)
        self.auto_timer.timeout.connect(self.on_auto_timer_timeout)
        self._network_info: Any = None  # QNetworkInformation (imported late)
        self._watch_network()
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
        planned = self.next_run is not None
        wanted = bool(self.interval_ms and self.status is not None and self.status.enrolled)
        if planned != wanted and not self.busy:
            self._plan()  # enrolled just now (or no longer): the schedule follows

    # --- the schedule ---------------------------------------------------------------------------

    def set_interval(self, interval_ms: int) -> None:
        """Sync on its own every ``interval_ms`` (0: never) from now on."""
        self.interval_ms = max(interval_ms, 0)
        self._wait_ms = self.interval_ms
        self._plan()

    def _plan(self, wait_ms: int | None = None) -> None:
        """Plan the next automatic run in ``wait_ms`` (the current wait by default), or none
        when no one is signed in, the schedule is off or the computer is not enrolled."""
        self.auto_timer.stop()
        enrolled = self.status is not None and self.status.enrolled
        if not (self.interval_ms and self.session.signed_in_now and enrolled):
            self.next_run = None
        else:
            wait = self._wait_ms if wait_ms is None else wait_ms
            self.auto_timer.start(wait)
            self.next_run = dt.datetime.now(dt.UTC) + dt.timedelta(milliseconds=wait)
        self.schedule_changed.emit(self.next_run)

    def on_auto_timer_timeout(self) -> None:
        """The schedule's turn: sync (a run already going on plans the next one itself)."""
        if self.busy:
            return
        self.sync_now()
        if not self.busy:  # could not start (signed out, not enrolled): plan again
            self._plan()

    def _watch_network(self) -> None:
        """Sync as soon as the system says the network is back (where Qt can tell)."""
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            info = QNetworkInformation.instance()
        except Exception as exc:  # no backend on this system: the schedule and retries do
            logger.info("no network reachability backend: %s", type(exc).__name__)
            return
        if info is not None:
            info.reachabilityChanged.connect(self.on_network_reachability_changed)
            self._network_info = info

    def on_network_reachability_changed(self, reachability: object) -> None:
        """Online again: sync now rather than at the next turn of the schedule."""
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online and self.next_run:
            self._plan(0)

    # --- a run ------------------------------------------------------------------------------------

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
                self._wait_ms = self.interval_ms
                self._plan()
                self.sync_succeeded.emit()
            else:
                self._retry_sooner()
                self.sync_failed.emit(describe_sync_error(outcome.error))

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._set_busy(False)
            self.refresh()
            self._retry_sooner()
            self.sync_failed.emit(describe_sync_failure(exc))

        def run(_cancel: object, _progress: object) -> tuple[SyncOutcome, NumbersTopUp | None]:
            outcome = sync_now(db)
            # numbers are topped up at each completed sync, when few are left
            return outcome, (top_up_numbers(db) if outcome.error is None else None)

        # a sync may wait its whole network timeout on a bad link: never in front of the
        # officer's own work (a passphrase check, a photograph, a preview)
        run_in_pool(run, done, failed, background=True)

    def _retry_sooner(self) -> None:
        """After a failed run: try again soon (the link may come back), then less often."""
        first = min(FIRST_RETRY_MS, self.interval_ms) if self.interval_ms else 0
        self._wait_ms = first if self._wait_ms >= self.interval_ms else self._wait_ms * 2
        self._wait_ms = min(self._wait_ms, self.interval_ms)
        self._plan()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def on_session_signed_in(self, _user: str) -> None:
        """Start refreshing the counts, and the schedule (its first run one interval on)."""
        self.refresh()
        self.timer.start()
        self._wait_ms = self.interval_ms
        self._plan()

    def stop(self) -> None:
        """No more runs of its own: timers stopped, the network no longer watched (the
        application is ending). A run already going on finishes without reporting."""
        self.timer.stop()
        self.auto_timer.stop()
        self._generation += 1
        info, self._network_info = self._network_info, None
        if info is not None:
            info.reachabilityChanged.disconnect(self.on_network_reachability_changed)

    def on_session_signed_out(self) -> None:
        """Forget the status; a run still going on finishes without reporting."""
        self.timer.stop()
        self.auto_timer.stop()
        self._generation += 1
        if self.busy:
            self._set_busy(False)
        self.refresh()
        self._plan()
