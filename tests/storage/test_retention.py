"""Retention policy and purge: personal data goes, the case skeleton and audit chain stay."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from laissez.cli import main
from laissez.storage import retention
from laissez.storage.database import Database
from laissez.storage.errors import RetentionPolicyError
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    AuditEvent,
    Case,
    ConsentDecision,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    OutboxEntry,
    Person,
    TravelDocument,
)
from tests.support.storage import (
    ADMIN,
    ADMIN_PASS,
    DOC_NUMBER,
    GIVEN,
    SURNAME,
    SURNAME_ORIGINAL,
    record_whole_case,
)

LONG_AGO = utcnow() - dt.timedelta(days=40)


def _dump(db: Database) -> str:
    """Every row of every table, as SQL text (read from the decrypted database)."""
    raw = db.engine.raw_connection()
    lines: list[str] = []
    try:
        cur = raw.cursor()
        tables = [r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in cur.execute(f'SELECT * FROM "{table}"').fetchall():
                cells = [
                    c.decode("utf-8", "replace") if isinstance(c, bytes) else str(c) for c in row
                ]
                lines.append(f"{table}: {cells}")
    finally:
        raw.close()
    return "\n".join(lines)


def _set_rule(db: Database, status: str = "closed", days: int = 30) -> None:
    with db.session() as session:
        retention.set_rule(session, db.user.id, status, days)


def test_rules_are_validated(db: Database) -> None:
    with pytest.raises(RetentionPolicyError), db.session() as session:
        retention.set_rule(session, db.user.id, "Closed Cases", 3)
    with pytest.raises(RetentionPolicyError), db.session() as session:
        retention.set_rule(session, db.user.id, "closed", -1)
    _set_rule(db, "closed", 30)
    _set_rule(db, "closed", 10)
    with db.session() as session:
        assert retention.rules(session) == {"closed": 10}
        assert retention.remove_rule(session, db.user.id, "closed")
        assert retention.rules(session) == {}


def test_purge_removes_personal_data_and_keeps_the_chain(db: Database) -> None:
    whole = record_whole_case(db, changed_at=LONG_AGO)
    assert SURNAME in _dump(db) and DOC_NUMBER in _dump(db)
    _set_rule(db)
    report = db.purge()
    assert report.purged == [whole.case_id] and report.deferred == []
    dump = _dump(db)
    for needle in (SURNAME, GIVEN, SURNAME_ORIGINAL, DOC_NUMBER, SURNAME.upper()):
        assert needle not in dump
    with db.session() as session:
        case = session.get(Case, whole.case_id)
        assert case is not None and case.purged_at is not None and case.status == "closed"
        person = session.get(Person, whole.person_id)
        assert person is not None and person.purged_at is not None
        assert person.primary_name is None and person.search_name is None
        for model in (IdentityDocument, DocumentImage, InterviewAnswers, OutboxEntry):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        # Decisions and the ETD number (for revocation) remain, without personal data.
        assert session.scalar(select(func.count()).select_from(ConsentDecision)) == 2
        # the drawn signature is personal data: gone, its kind (a code) stays
        decisions = session.scalars(select(ConsentDecision)).all()
        assert [d.signature for d in decisions] == [None, None]
        assert "signed" in [d.signature_kind for d in decisions]
        etd = session.scalars(select(TravelDocument)).one()
        assert etd.mrz_lines is None and etd.document_number
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "retention.purged")
        ).one()
        assert event.record_id == str(whole.case_id)
        assert event.details == {"status": "closed", "keep_days": 30}
    assert db.verify_audit().ok
    assert db.check_integrity() == []
    # A second purge finds nothing new.
    assert db.purge().purged == []


def test_cases_not_due_or_not_at_hq_are_kept(db: Database) -> None:
    recent = record_whole_case(db, number="RECENT001", etd_number="E1")
    open_case = record_whole_case(db, number="OPEN00001", etd_number="E2", status="interviewed",
                                  changed_at=LONG_AGO)  # fmt: skip
    unsynced = record_whole_case(db, number="UNSYNC001", etd_number="E3", changed_at=LONG_AGO,
                                 acked=False)  # fmt: skip
    _set_rule(db)
    dry = db.purge(dry_run=True)
    assert dry.purged == [] and dry.deferred == [unsynced.case_id]
    report = db.purge()
    assert report.purged == [] and report.deferred == [unsynced.case_id]
    with db.session() as session:
        for whole in (recent, open_case, unsynced):
            person = session.get(Person, whole.person_id)
            assert person is not None and person.primary_name_latin == SURNAME


def test_dry_run_changes_nothing(db: Database) -> None:
    record_whole_case(db, changed_at=LONG_AGO)
    _set_rule(db)
    before = _dump(db)
    report = db.purge(dry_run=True)
    assert len(report.purged) == 1 and report.dry_run
    assert _dump(db) == before


def test_a_person_with_another_live_case_keeps_their_data(db: Database) -> None:
    old = record_whole_case(db, changed_at=LONG_AGO)
    with db.session() as session:
        session.add(Case(person_id=old.person_id, created_by=db.user.id, status="draft"))
    _set_rule(db)
    assert db.purge().purged == [old.case_id]
    with db.session() as session:
        person = session.get(Person, old.person_id)
        assert person is not None and person.primary_name_latin == SURNAME
        assert session.scalar(select(func.count()).select_from(InterviewAnswers)) == 0


def test_purge_runs_at_start_up(db: Database, db_path: Path) -> None:
    whole = record_whole_case(db)
    _set_rule(db)
    db.close()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert again.last_purge is not None and again.last_purge.purged == []
    later = utcnow() + dt.timedelta(days=31)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, now=later) as again:
        assert again.last_purge is not None
        assert again.last_purge.purged == [whole.case_id]
        assert SURNAME not in _dump(again)
        with again.session() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "retention.purged")
            ).one()
            assert event.actor_id is None  # the system, not the user who happened to log in
        assert again.verify_audit().ok


def test_cli_retention_and_purge(db: Database, db_path: Path, monkeypatch, capsys) -> None:
    whole = record_whole_case(db, changed_at=LONG_AGO)
    db.close()
    base = ["--database", str(db_path), "--user", ADMIN]

    def run(*args: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
        return main([*args, *base])

    assert run("retention", "set", "closed", "30") == 0
    assert run("retention", "show") == 0
    assert "closed\t30 days" in capsys.readouterr().out
    assert run("purge", "--dry-run") == 0
    assert f"due\t{whole.case_id}" in capsys.readouterr().out
    assert run("purge") == 0
    assert f"purged\t{whole.case_id}" in capsys.readouterr().out
    assert run("audit", "verify") == 0


def test_purge_deletes_expired_automatic_backups(db: Database, db_path: Path) -> None:
    import os

    from laissez.storage import backup

    backups = db_path.parent / "backups"
    backups.mkdir()
    old = db.backup(backups / "pre-migration-0001-20200101T000000000000Z.laissez-backup")
    recent = db.backup(backups / "pre-migration-0001-20990101T000000000000Z.laissez-backup")
    manual = db.backup(backups / "manual.laissez-backup")
    long_ago = (utcnow() - dt.timedelta(days=100)).timestamp()
    for path in (old, manual):
        os.utime(path, (long_ago, long_ago))
    assert db.purge().backups_removed == []  # no rule, no retention period
    _set_rule(db, "closed", 30)
    _set_rule(db, "closed_without_document", 60)
    dry = db.purge(dry_run=True)
    assert dry.backups_removed == [old.name] and old.exists()
    assert db.purge().backups_removed == [old.name]
    assert not old.exists() and recent.exists() and manual.exists()
    assert backup.read_manifest(recent)["format"] == backup.FORMAT
