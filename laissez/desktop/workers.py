"""Run one-shot jobs (OCR, barcode scan, PDF render) off the GUI thread (STYLE.md §2).

``run_in_pool(fn, on_done, on_error)`` runs ``fn`` on Qt's global thread pool and delivers
its result or exception back on the GUI thread through a queued signal. Workers never touch
widgets; cancellation goes through a ``threading.Event`` the function receives.

Work nobody waits for (the scheduled sync, which may hang on a bad link for its whole network
timeout) runs with ``background=True`` on a pool of its own, and the global pool keeps at least
:data:`MIN_THREADS` threads: jobs mostly wait on a child process, the network or the disk, and
on a two-core laptop a passphrase check (the supervisor's, in the approval dialog) otherwise
queued behind two such waits, for up to half a minute.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals cross threads as queued connections."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(float)


class Job(QRunnable):
    """A cancellable one-shot job. ``fn(cancel, progress)`` returns the result."""

    def __init__(self, fn: Callable[[threading.Event, Callable[[float], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.cancel_event = threading.Event()
        self.relay = _Relay()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        """Ask the job to stop at its next check of the event."""
        self.cancel_event.set()

    def run(self) -> None:
        """Executed on a pool thread."""
        try:
            try:
                result = self.fn(self.cancel_event, self.relay.progressed.emit)
            except Exception as exc:
                logger.info("job failed with %s", type(exc).__name__)
                self.relay.failed.emit(exc)
            else:
                self.relay.done.emit(result)
        except RuntimeError:
            # the relay was deleted under the job (the application is quitting): nobody is
            # left to tell, and no traceback is printed on the way out
            logger.info("job ended after its relay was deleted")


_RUNNING: set[Job] = set()
#: the fewest threads of the global pool (Qt's default is one per core)
MIN_THREADS = 4
_BACKGROUND: QThreadPool | None = None


def _pool(background: bool) -> QThreadPool:
    global _BACKGROUND
    if background:
        if _BACKGROUND is None:
            _BACKGROUND = QThreadPool()
            _BACKGROUND.setObjectName("laissez_background")
            _BACKGROUND.setMaxThreadCount(1)
        return _BACKGROUND
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_THREADS:
        pool.setMaxThreadCount(MIN_THREADS)
    return pool


def run_in_pool(
    fn: Callable[[threading.Event, Callable[[float], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[float], None] | None = None,
    *,
    background: bool = False,
) -> Job:
    """Start ``fn`` on the global pool (``background``: on the pool of work nobody waits
    for, one job at a time); callbacks run on the GUI thread. Returns the job, whose
    ``cancel()`` sets the event ``fn`` receives."""
    job = Job(fn)
    _RUNNING.add(job)

    def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def deliver(value: Any) -> None:
            _RUNNING.discard(job)
            callback(value)

        return deliver

    job.relay.done.connect(finish(on_done))
    job.relay.failed.connect(finish(on_error))
    if on_progress is not None:
        job.relay.progressed.connect(on_progress)
    _pool(background).start(job)
    return job
