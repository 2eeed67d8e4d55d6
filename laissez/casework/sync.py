"""Syncing with headquarters as the desktop sees it (no Qt): the status and one "sync now" run.

``sync_status`` is a few counts on indexed columns (cheap, read-only); ``sync_now`` pushes
every pending change, then pulls, and records when it last succeeded or the stable code of the
error that stopped it (``laissez.storage.sync.status``). Being offline is not an exception: the
outcome carries the error code and the changes wait. Errors are ``SyncError`` subclasses, each
with a stable ``code``.
"""

from __future__ import annotations

from dataclasses import dataclass

from laissez.casework.numbers import ETD_SERIES, LOW_NUMBERS_WARNING
from laissez.storage.database import Database
from laissez.storage.sync import state as _state
from laissez.storage.sync import status as _status
from laissez.storage.sync.enrolment import connect
from laissez.storage.sync.errors import SyncError
from laissez.storage.sync.status import SyncOutcome, SyncStatus

__all__ = [
    "TOP_UP_BELOW",
    "TOP_UP_SIZE",
    "NumbersTopUp",
    "SyncError",
    "SyncOutcome",
    "SyncStatus",
    "sync_now",
    "sync_status",
    "top_up_numbers",
]

#: a sync asks headquarters for more document numbers when fewer than this many are left
TOP_UP_BELOW = LOW_NUMBERS_WARNING
#: how many numbers one request asks for
TOP_UP_SIZE = 100


@dataclass(frozen=True)
class NumbersTopUp:
    """What a top-up did: numbers received (0 when none were needed or it failed), numbers
    left now, and the stable code of the error that stopped it (None when it did not fail)."""

    received: int
    left: int
    error: str | None = None


def sync_status(db: Database) -> SyncStatus:
    """The sync status alone (outbox counts, numbers left, last run), read-only."""
    with db.read_session() as session:
        return _status.read_status(session)


def sync_now(db: Database) -> SyncOutcome:
    """Push, then pull, as the signed-in user; record the outcome and return it.

    Blocking (it talks to headquarters and may wait for a timeout): run it in a worker."""
    return _status.sync_now(db.session, db.engine, trust_dir=db.path.parent)


def top_up_numbers(
    db: Database, *, below: int = TOP_UP_BELOW, size: int = TOP_UP_SIZE
) -> NumbersTopUp:
    """Ask headquarters for ``size`` document numbers when fewer than ``below`` are left on
    this device (an enrolled device only). Never raises ``SyncError``: its code is returned.

    Blocking (it talks to headquarters): run it in a worker."""
    with db.read_session() as session:
        left = _state.numbers_left(session, ETD_SERIES)
    if left >= below:
        return NumbersTopUp(0, left)
    try:
        engine = connect(db.session, db.engine)
    except SyncError as exc:
        return NumbersTopUp(0, left, exc.code)
    try:
        got = engine.request_numbers(size, ETD_SERIES)
    except SyncError as exc:
        return NumbersTopUp(0, left, exc.code)
    finally:
        engine.close()
    return NumbersTopUp(got.last - got.first + 1, left + got.last - got.first + 1)
