"""The hash-chained audit log: append-only, verified, first bad event named."""

from __future__ import annotations

import io
import itertools
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from laissez.cli import main
from laissez.storage import audit
from laissez.storage.database import Database
from laissez.storage.errors import AuditDetailsError
from laissez.storage.models import AuditEvent, Case
from tests.support.storage import ADMIN, ADMIN_PASS


def _events(db: Database, n: int) -> list[int]:
    seqs = []
    for i in range(n):
        with db.session() as session:
            case = Case(created_by=db.user.id)
            session.add(case)
            session.flush()
            event = audit.record(session, db.user.id, "case.created", "case", case.id,
                                 {"status": "draft", "index": i})  # fmt: skip
            seqs.append(event.seq)
    return seqs


def _tamper(db: Database, *statements: str) -> None:
    """What an insider with the key and an SQL shell could do: drop the guards, then edit."""
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("BEGIN")
        cur.execute("DROP TRIGGER audit_events_no_update")
        cur.execute("DROP TRIGGER audit_events_no_delete")
        for statement in statements:
            cur.execute(statement)
        cur.execute("COMMIT")
    finally:
        raw.close()


def test_event_is_written_in_the_callers_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        audit.record(session, db.user.id, "case.created", "case", uuid.uuid4())
        raise RuntimeError("the change failed")
    with db.session() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "case.created" not in actions
    assert db.verify_audit().ok


def test_each_event_carries_the_previous_hash(db: Database) -> None:
    _events(db, 3)
    with db.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert events[0].prev_hash == audit.GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
        assert after.seq == before.seq + 1


def test_the_database_refuses_updates_and_deletes(db: Database) -> None:
    _events(db, 1)
    raw = db.engine.raw_connection()
    try:
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(Exception, match="append-only"):
                raw.cursor().execute(statement)
    finally:
        raw.close()


@pytest.mark.parametrize(
    ("statements", "kind", "seq"),
    [
        (["UPDATE audit_events SET action = 'case.deleted' WHERE seq = 5"], "edited", 5),
        (["UPDATE audit_events SET details = '{\"status\": \"closed\"}' WHERE seq = 4"],
         "edited", 4),
        (["DELETE FROM audit_events WHERE seq = 4"], "deleted", 4),
        (["DELETE FROM audit_events WHERE seq >= 7"], "deleted", 7),
        (["UPDATE audit_events SET record_id = NULL WHERE seq = 8"], "edited", 8),
    ],
)  # fmt: skip
def test_verify_names_the_first_bad_event(
    db: Database, statements: list[str], kind: str, seq: int
) -> None:
    _events(db, 6)  # seq 1-2 come from creation; 3-8 here
    assert db.verify_audit().ok
    _tamper(db, *statements)
    report = db.verify_audit()
    assert report.problem is not None
    assert (report.problem.kind, report.problem.seq) == (kind, seq)
    assert str(seq) in report.problem.message


def test_reordered_chain_is_named_reordered(db: Database) -> None:
    """Swapping two events' positions keeps each hash valid but breaks the links."""
    _events(db, 4)
    _tamper(
        db,
        "UPDATE audit_events SET seq = -1 WHERE seq = 5",
        "UPDATE audit_events SET seq = 5 WHERE seq = 6",
        "UPDATE audit_events SET seq = 6 WHERE seq = -1",
    )
    report = db.verify_audit()
    assert report.problem is not None
    assert (report.problem.kind, report.problem.seq) == ("reordered", 5)


@pytest.mark.parametrize(
    "details",
    [
        {"name": "doe"},
        {"status": "John Doe"},
        {"number": "x"},
        {"document": "AB1234567"},
        {"doc": "ab1234567"},
        {"birth": "1990-01-01"},
        {"note": {"nested": 1}},
        {"Upper": 1},
        {"reason": "a" * 80},
    ],
)
def test_details_refuse_personal_data(db: Database, details: dict[str, object]) -> None:
    with pytest.raises(AuditDetailsError), db.session() as session:
        audit.record(session, db.user.id, "case.updated", "case", uuid.uuid4(), details)


def test_details_accept_ids_codes_and_counts(db: Database) -> None:
    details = {
        "person_id": uuid.uuid4(), "status": "consent_recorded", "scope": "data_sharing",
        "count": 3, "fear": False, "unmet": ["gate.advisal", "gate.consent"],
        "text_hash": "ab" * 32, "form": "interview.return_v2", "none": None,
    }  # fmt: skip
    with db.session() as session:
        event = audit.record(session, db.user.id, "case.updated", "case", uuid.uuid4(), details)
    assert event.details["person_id"] == str(details["person_id"])
    assert db.verify_audit().ok


def test_cli_audit_verify(db: Database, db_path: Path, monkeypatch, capsys) -> None:
    _events(db, 3)
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
    assert main(["audit", "verify", "--database", str(db_path), "--user", ADMIN]) == 0
    assert "chain intact" in capsys.readouterr().out
    _tamper(db, "UPDATE audit_events SET record_type = 'person' WHERE seq = 4")
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
    assert main(["audit", "verify", "--database", str(db_path), "--user", ADMIN]) == 1
    out = capsys.readouterr().out
    assert "BROKEN" in out
    with db.session() as session:
        bad = session.scalar(select(AuditEvent.event_id).where(AuditEvent.seq == 4))
    assert f"seq 4, id {bad}, edited" in out
    json.dumps(out)
