"""Creating, unlocking and using the encrypted database (real SQLCipher files)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import func, select

from laissez.protocol import kinds
from laissez.storage import audit, outbox
from laissez.storage.database import Database, keys_path
from laissez.storage.errors import (
    DatabaseExistsError,
    DatabaseMissingError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from laissez.storage.models import AuditEvent, Case, OutboxEntry, Person
from tests.support.storage import ADMIN, ADMIN_PASS


def _snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_created_file_is_encrypted_and_private(db: Database, db_path: Path) -> None:
    header = db_path.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert keys_path(db_path).stat().st_mode & 0o777 == 0o600
    plain = sqlcipher3.connect(str(db_path))
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    plain.close()


def test_create_refuses_to_overwrite(db: Database, db_path: Path) -> None:
    with pytest.raises(DatabaseExistsError):
        Database.create(db_path, username="x", passphrase="long enough passphrase")


def test_create_refuses_a_short_passphrase(db_path: Path) -> None:
    with pytest.raises(WeakPassphraseError):
        Database.create(db_path, username="x", passphrase="short")
    assert not db_path.exists()
    assert not keys_path(db_path).exists()


def test_open_missing_database(db_path: Path) -> None:
    with pytest.raises(DatabaseMissingError):
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)


@pytest.mark.parametrize("username", [ADMIN, "nobody"])
def test_wrong_passphrase_is_a_clear_error_and_writes_nothing(
    db: Database, db_path: Path, username: str
) -> None:
    db.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(WrongPassphraseError) as info:
        Database.open(db_path, username=username, passphrase="not the passphrase")
    assert info.value.code == "storage.wrong_passphrase"
    assert "passphrase" in str(info.value)
    assert _snapshot(db_path.parent) == before


def test_open_reports_user_and_roles(db: Database, db_path: Path) -> None:
    db.close()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert again.user.username == ADMIN
        assert again.user.has_role("administrator")
        assert not again.user.has_role("officer")


def test_session_commits_on_success_and_rolls_back_on_error(db: Database) -> None:
    with db.session() as session:
        person = Person(primary_name_latin="A", search_name="A")
        session.add(person)
        session.flush()
        case = Case(person_id=person.id, created_by=db.user.id, status="draft")
        session.add(case)
        audit.record(session, db.user.id, "case.created", "case", case.id)
        outbox.enqueue(session, kinds.CASE_OPENED, case.id, {"status": "draft"}, case_id=case.id)
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Case(created_by=db.user.id))
        session.flush()
        audit.record(session, db.user.id, "case.created", "case", None)
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 1
        actions = session.scalars(select(AuditEvent.action)).all()
        assert actions.count("case.created") == 1
    assert db.verify_audit().ok


def test_times_come_back_aware_utc(db: Database) -> None:
    with db.session() as session:
        case = Case(created_by=db.user.id)
        session.add(case)
    with db.session() as session:
        again = session.get(Case, case.id)
        assert again is not None
        assert again.created_at.utcoffset() is not None
        assert again.created_at.utcoffset().total_seconds() == 0
        assert again.id.version == 7


def test_pragmas_are_set(db: Database) -> None:
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cur.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert cur.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert cur.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cur.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cur.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    finally:
        raw.close()


def test_damage_is_reported_not_hidden(db: Database, db_path: Path) -> None:
    from laissez.storage.errors import DatabaseCorruptError, KeyFileError

    with db.session() as session:
        for i in range(50):
            session.add(Person(primary_name_latin=f"P{i}" * 200, search_name="P"))
    db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[len(data) - page + 100] ^= 0x01  # one bit in the last page (person rows)
    db_path.write_bytes(bytes(data))
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        problems = again.check_integrity()
    assert any(p.startswith("cipher_integrity_check: HMAC") for p in problems), problems
    assert any(p.startswith("integrity_check") for p in problems), problems
    for index in range(1, len(data) // page):  # wherever the damage is: a typed error or a
        damaged = bytearray(data)  # report from the checks, never a raw driver error
        damaged[index * page + 100] ^= 0x01
        for sidecar in db_path.parent.glob(db_path.name + "-*"):
            sidecar.unlink()
        db_path.write_bytes(bytes(damaged))
        try:
            with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
                assert again.check_integrity() != []
        except DatabaseCorruptError as exc:
            assert "laissez restore" in exc.message
        if index > 12:
            break
    data[100] ^= 0x01  # now the first page too: the file no longer opens
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError) as info:
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    assert info.value.code == "storage.corrupt"
    keys_path(db_path).unlink()
    with pytest.raises(KeyFileError):
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
