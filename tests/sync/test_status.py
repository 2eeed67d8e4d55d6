"""The sync status the desktop shows, and the outcome a "sync now" run records."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from laissez.protocol import kinds
from laissez.storage import outbox
from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from laissez.storage.sync import state
from laissez.storage.sync.status import read_status, record_outcome, sync_now
from tests.support.pg import free_port


def _db(tmp_path: Path) -> Database:
    return Database.create(
        tmp_path / "laissez.db", username="admin", passphrase="admin passphrase 1",
        kdf=TEST_KDF, mission_code="DAC",
    )  # fmt: skip


def test_status_counts_unacknowledged_changes_and_remembers_outcomes(tmp_path: Path) -> None:
    db = _db(tmp_path)
    try:
        with db.read_session() as s:
            start = read_status(s)
        assert not start.enrolled and start.last_success is None and start.last_error is None
        with db.session() as s:
            for i in range(3):
                outbox.enqueue(s, kinds.CASE_OPENED, uuid.uuid4(), {"status": "draft"})
        with db.session() as s:
            record_outcome(s, "sync.unreachable")
        with db.read_session() as s:
            status = read_status(s)
        assert status.pending == start.pending + 3
        assert status.last_error == "sync.unreachable" and status.last_success is None
        when = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
        with db.session() as s:
            record_outcome(s, None, now=when)
        with db.read_session() as s:
            status = read_status(s)
        assert status.last_error is None and status.last_success == when
    finally:
        db.close()


def test_sync_now_offline_or_not_enrolled_records_a_code_and_keeps_changes(
    tmp_path: Path,
) -> None:
    db = _db(tmp_path)
    try:
        with db.session() as s:
            outbox.enqueue(s, kinds.CASE_OPENED, uuid.uuid4(), {"status": "draft"})
        with db.read_session() as s:
            before = read_status(s).pending
        assert sync_now(db.session, db.engine).error == "sync.not_enrolled"
        with db.session() as s:  # enrolled once, but headquarters does not answer any more
            from laissez.protocol.signing import generate_device_key, private_key_bytes

            state.save_identity(
                s,
                state.Identity(uuid.uuid4(), private_key_bytes(generate_device_key()),
                               f"http://127.0.0.1:{free_port()}", "DAC"),
            )  # fmt: skip
        outcome = sync_now(db.session, db.engine, timeout=5)
        assert outcome.error == "sync.unreachable" and outcome.push is not None
        with db.read_session() as s:
            status = read_status(s)
        assert status.pending == before and status.last_error == "sync.unreachable"
    finally:
        db.close()
