"""Encrypted backup and restore (``laissez backup`` / ``laissez restore``)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from laissez.cli import main
from laissez.storage import backup
from laissez.storage.database import Database, keys_path
from laissez.storage.errors import BackupError, WrongPassphraseError
from laissez.storage.models import AuditEvent, Person
from tests.support.storage import ADMIN, ADMIN_PASS, DOC_NUMBER, SURNAME, record_whole_case


def _people(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_backup_is_encrypted_and_restores(db: Database, db_path: Path, tmp_path: Path) -> None:
    record_whole_case(db)
    (tmp_path / "out").mkdir()
    made = db.backup(tmp_path / "out")  # a directory: the file is named after the time
    assert made.parent == tmp_path / "out" and made.name.endswith(backup.SUFFIX)
    assert made.stat().st_mode & 0o777 == 0o600
    content = made.read_bytes()
    assert SURNAME.encode() not in content and DOC_NUMBER.encode() not in content
    assert b"SQLite format 3" not in content
    # Later changes are lost by the restore, as expected; the replaced file is kept aside.
    record_whole_case(db, number="LATER0001", etd_number="E9")
    assert _people(db) == 2
    db.close()
    with backup.restore(made, db_path, username=ADMIN, passphrase=ADMIN_PASS) as restored:
        assert _people(restored) == 1
        assert restored.check_integrity() == []
        assert restored.verify_audit().ok
        with restored.session() as session:
            actions = session.scalars(select(AuditEvent.action)).all()
        assert actions[-1] == "database.restored"
    kept = list(db_path.parent.glob("replaced-*"))
    assert len(kept) == 1 and (kept[0] / db_path.name).exists()
    assert not list(db_path.parent.glob(".restore-*"))


def test_restore_into_an_empty_place(db: Database, tmp_path: Path) -> None:
    record_whole_case(db)
    made = db.backup(tmp_path / "copy.laissez-backup")
    target = tmp_path / "elsewhere" / "laissez.db"
    with backup.restore(made, target, username=ADMIN, passphrase=ADMIN_PASS) as restored:
        assert _people(restored) == 1
    assert keys_path(target).exists()


def test_restore_with_a_wrong_passphrase_changes_nothing(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    made = db.backup(tmp_path / "b.laissez-backup")
    db.close()
    before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(WrongPassphraseError):
        backup.restore(made, db_path, username=ADMIN, passphrase="not the passphrase")
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


def test_damaged_backup_is_refused(db: Database, db_path: Path, tmp_path: Path) -> None:
    made = db.backup(tmp_path / "b.laissez-backup")
    db.close()
    data = bytearray(made.read_bytes())
    with tarfile.open(made) as tar:
        offset = tar.getmember(backup.DB_MEMBER).offset_data
    data[offset + 5000] ^= 0xFF
    damaged = tmp_path / "damaged.laissez-backup"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        backup.restore(damaged, db_path, username=ADMIN, passphrase=ADMIN_PASS)
    not_a_backup = tmp_path / "x.laissez-backup"
    not_a_backup.write_bytes(b"hello")
    with pytest.raises(BackupError):
        backup.restore(not_a_backup, db_path, username=ADMIN, passphrase=ADMIN_PASS)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert again.check_integrity() == []


def test_cli_backup_and_restore(db: Database, db_path: Path, tmp_path: Path, monkeypatch, capsys):
    record_whole_case(db)
    db.close()
    out = tmp_path / "cli.laissez-backup"
    base = ["--database", str(db_path), "--user", ADMIN]
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
    assert main(["backup", str(out), *base]) == 0
    assert out.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong passphrase!!\n"))
    assert main(["restore", str(out), *base]) == 2
    assert "storage.wrong_passphrase" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
    assert main(["restore", str(out), *base]) == 0
    assert "restored" in capsys.readouterr().out
