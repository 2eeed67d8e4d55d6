"""What the desktop shows about sync, and one "sync now" run that remembers how it went.

``read_status`` counts the outbox entries headquarters has not acknowledged yet, the document
numbers left, and reads the enrolment and the outcome of the last run from ``sync_settings``.
``sync_now`` pushes and pulls (as ``laissez sync push`` then ``pull``) and records when it
last succeeded, or the stable code of the error that stopped it: codes and times only, never a
message, a payload or anything headquarters said in words.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from laissez.storage.ids import utcnow
from laissez.storage.models import OutboxEntry
from laissez.storage.outbox import ACKED, FAILED
from laissez.storage.sync import state
from laissez.storage.sync.client import DEFAULT_TIMEOUT_S
from laissez.storage.sync.engine import PullReport, PushReport, SessionScope
from laissez.storage.sync.enrolment import connect
from laissez.storage.sync.errors import HqUnreachableError, SyncError

log = logging.getLogger(__name__)

KEY_LAST_SUCCESS = "last_sync_success_at"
KEY_LAST_ATTEMPT = "last_sync_attempt_at"
KEY_LAST_ERROR = "last_sync_error_code"
#: the error code recorded when a push was cut off (the entries wait for the next run)
INTERRUPTED = HqUnreachableError.code
#: the error code recorded when headquarters refused some entries
SOME_REJECTED = "sync.rejected"


@dataclass(frozen=True)
class SyncStatus:
    """The sync state of this installation, without personal data.

    Attributes:
        enrolled: whether the device has an identity at headquarters.
        hq_url: the headquarters address it was enrolled with ("" when not enrolled).
        mission_code: the mission headquarters enrolled it in ("" when not enrolled).
        pending: outbox entries headquarters has not acknowledged yet.
        failed: of those, how many headquarters refused at the last attempt.
        numbers_left: unused ETD document numbers on this device.
        last_success: when the last sync run completed (None before the first).
        last_attempt: when the last run started or ended (None before the first).
        last_error: the stable code of the error of the last run (None when it succeeded).
        refused: how many entries headquarters refused, per refusal code (``kind.unknown``,
            ``kind.version_ahead``, ``payload.invalid`` ...): what the administrator must
            look into (an update of either side, usually); they are offered again each run.
    """

    enrolled: bool
    hq_url: str
    mission_code: str
    pending: int
    failed: int
    numbers_left: int
    last_success: dt.datetime | None
    last_attempt: dt.datetime | None
    last_error: str | None
    refused: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncOutcome:
    """What one ``sync_now`` run did: the reports, or the error code it stopped on."""

    push: PushReport | None
    pull: PullReport | None
    error: str | None


def _time(session: Session, key: str) -> dt.datetime | None:
    raw = state.get(session, key)
    if not raw:
        return None
    try:
        return state.aware(dt.datetime.fromisoformat(raw))
    except ValueError:
        return None


def read_status(session: Session, series: str = "etd") -> SyncStatus:
    """The sync status, read in ``session`` (a read-only session is enough)."""
    counts = dict(
        session.execute(
            select(OutboxEntry.status, func.count())
            .where(OutboxEntry.status != ACKED)
            .group_by(OutboxEntry.status)
        ).all()
    )
    refused = {
        str(code): int(n)
        for code, n in session.execute(
            select(OutboxEntry.last_error_code, func.count())
            .where(OutboxEntry.status == FAILED, OutboxEntry.last_error_code.is_not(None))
            .group_by(OutboxEntry.last_error_code)
        ).all()
    }
    try:
        identity = state.load_identity(session)
        enrolled, url, mission = True, identity.hq_url, identity.mission_code
    except SyncError:
        enrolled, url, mission = False, "", ""
    return SyncStatus(
        enrolled=enrolled,
        hq_url=url,
        mission_code=mission,
        pending=int(sum(counts.values())),
        failed=int(counts.get(FAILED, 0)),
        numbers_left=state.numbers_left(session, series),
        last_success=_time(session, KEY_LAST_SUCCESS),
        last_attempt=_time(session, KEY_LAST_ATTEMPT),
        last_error=state.get(session, KEY_LAST_ERROR) or None,
        refused=refused,
    )


def record_outcome(session: Session, error: str | None, now: dt.datetime | None = None) -> None:
    """Remember how a run ended: success (``error`` None) or the error's stable code."""
    stamp = (now or utcnow()).isoformat()
    state.put(session, KEY_LAST_ATTEMPT, stamp)
    if error is None:
        state.put(session, KEY_LAST_SUCCESS, stamp)
        state.delete_setting(session, KEY_LAST_ERROR)
    else:
        state.put(session, KEY_LAST_ERROR, error[:64])


def sync_now(
    session_scope: SessionScope,
    engine: Engine,
    *,
    hq_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    trust_dir: Path | None = None,
) -> SyncOutcome:
    """Push every pending change, exchange officers' key certificates, pull, then anchor the
    audit head; record the outcome and return it.

    Blocking: run it in a worker thread. Being offline is not an exception here: the outcome
    carries ``sync.unreachable`` and the changes wait. Errors other than ``SyncError`` (a
    closed database, a bug) are raised after the attempt is recorded when possible.
    """
    try:
        sync_engine = connect(
            session_scope, engine, hq_url=hq_url, timeout=timeout, trust_dir=trust_dir
        )
    except SyncError as exc:
        log.info("sync not started: %s", exc.code)
        _record(session_scope, exc.code)
        return SyncOutcome(None, None, exc.code)
    pushed: PushReport | None = None
    pulled: PullReport | None = None
    error: str | None = None
    try:
        sync_engine.recover()
        pushed = sync_engine.push()
        if pushed.interrupted:
            error = INTERRUPTED
        else:
            sync_engine.exchange_keys()
            pulled = sync_engine.pull()
            sync_engine.anchor_audit()
            if pushed.rejected or pushed.invalid:
                error = SOME_REJECTED
    except SyncError as exc:
        log.info("sync stopped with %s", exc.code)
        error = exc.code
    finally:
        sync_engine.close()
    _record(session_scope, error)
    return SyncOutcome(pushed, pulled, error)


def _record(session_scope: SessionScope, error: str | None) -> None:
    with session_scope() as session:
        record_outcome(session, error)
