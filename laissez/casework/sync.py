"""Syncing with headquarters as the desktop sees it (no Qt): the status and one "sync now" run.

``sync_status`` is a few counts on indexed columns (cheap, read-only); ``sync_now`` pushes
every pending change, then pulls, and records when it last succeeded or the stable code of the
error that stopped it (``laissez.storage.sync.status``). Being offline is not an exception: the
outcome carries the error code and the changes wait. Errors are ``SyncError`` subclasses, each
with a stable ``code``.
"""

from __future__ import annotations

from laissez.storage.database import Database
from laissez.storage.sync import status as _status
from laissez.storage.sync.errors import SyncError
from laissez.storage.sync.status import SyncOutcome, SyncStatus

__all__ = ["SyncError", "SyncOutcome", "SyncStatus", "sync_now", "sync_status"]


def sync_status(db: Database) -> SyncStatus:
    """The sync status alone (outbox counts, numbers left, last run), read-only."""
    with db.read_session() as session:
        return _status.read_status(session)


def sync_now(db: Database) -> SyncOutcome:
    """Push, then pull, as the signed-in user; record the outcome and return it.

    Blocking (it talks to headquarters and may wait for a timeout): run it in a worker."""
    return _status.sync_now(db.session, db.engine)
