"""Alembic migrations: head matches the models, an old file is backed up then upgraded."""

from __future__ import annotations

import datetime as dt
import tarfile
import uuid
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from laissez.storage import backup, migrate, retention
from laissez.storage.database import Database
from laissez.storage.errors import MigrationError, SchemaTooNewError
from laissez.storage.models import (
    AuditEvent,
    Case,
    OutboxEntry,
    SyncRevocation,
)
from laissez.storage.sync import state as sync_state
from laissez.storage.sync.errors import SyncSchemaMissingError
from tests.support.migrations import FIRST, make_first_revision_database, schema_diff
from tests.support.storage import ADMIN, ADMIN_PASS


def test_head_matches_the_models(db: Database) -> None:
    assert schema_diff(db) == []
    with db.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()


def test_every_step_downgrades_and_upgrades(db: Database) -> None:
    def schema() -> dict[str, list[str]]:
        with db.engine.connect() as connection:
            insp = inspect(connection)
            return {
                t: sorted(c["name"] for c in insp.get_columns(t)) for t in insp.get_table_names()
            }

    before = schema()
    with db.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), FIRST)
    assert "retention_rules" not in schema()
    with db.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "base")
    assert set(schema()) <= {"alembic_version"}
    with db.engine.begin() as connection:
        migrate.upgrade(connection)
    assert schema() == before
    assert schema_diff(db) == []


def test_first_revision_database_is_backed_up_then_upgraded(db_path: Path) -> None:
    case_id = make_first_revision_database(db_path)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from == FIRST
        with db.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
        assert schema_diff(db) == []
        with db.session() as session:
            assert session.get(Case, case_id) is not None
            entry = session.scalars(select(OutboxEntry)).one()
            assert entry.case_id is None and entry.entity_id == str(case_id)
            retention.set_rule(session, db.user.id, "closed", 30)
            actions = session.scalars(select(AuditEvent.action)).all()
        assert "database.migrated" in actions
        assert db.verify_audit().ok
        assert db.check_integrity() == []
    made = sorted((db_path.parent / "backups").glob("pre-migration-0001-*"))
    assert len(made) == 1
    manifest = backup.read_manifest(made[0])
    assert manifest["schema_revision"] == FIRST
    with tarfile.open(made[0]) as tar:
        member = tar.extractfile(backup.DB_MEMBER)
        assert member is not None
        assert not member.read(16).startswith(b"SQLite format 3")
    # The backup is a working copy of the file as it was before the upgrade.
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from is None  # already at head: no second backup
    assert len(list((db_path.parent / "backups").iterdir())) == 1


def test_a_newer_schema_is_refused_untouched(db: Database, db_path: Path) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError) as info:
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    assert info.value.code == "storage.schema_too_new"
    assert not (db_path.parent / "backups").exists()
    assert db_path.read_bytes() == before


def test_a_failed_migration_changes_nothing(db_path: Path, monkeypatch) -> None:
    """The upgrade runs in one transaction: if it fails half-way, the file stays at its old
    revision, the error is typed, and the automatic backup is there."""
    make_first_revision_database(db_path)
    real_upgrade = migrate.upgrade

    def failing_upgrade(connection, target: str = "head") -> None:
        real_upgrade(connection, target)  # the DDL runs ...
        raise RuntimeError("disk unplugged")  # ... then something breaks before the commit

    monkeypatch.setattr(migrate, "upgrade", failing_upgrade)
    with pytest.raises(MigrationError) as info:
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    assert info.value.code == "storage.migration"
    assert "pre-migration-0001" in info.value.message
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        with db.engine.connect() as connection:
            assert migrate.current_revision(connection) == FIRST
            assert "retention_rules" not in inspect(connection).get_table_names()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from == FIRST
        assert db.verify_audit().ok


SYNC_TABLES = {
    "sync_settings",
    "sync_number_ranges",
    "sync_revocations",
    "sync_form_versions",
    "sync_signer_certificates",
}


def test_0005_adds_and_removes_the_sync_tables(db: Database) -> None:
    with db.engine.connect() as connection:
        assert SYNC_TABLES <= set(inspect(connection).get_table_names())
    with db.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0004")
    with db.engine.connect() as connection:
        assert not SYNC_TABLES & set(inspect(connection).get_table_names())
    with pytest.raises(SyncSchemaMissingError) as info:
        sync_state.ensure_tables(db.engine)
    assert "sync_settings" in info.value.message
    with db.engine.begin() as connection:
        migrate.upgrade(connection)
    sync_state.ensure_tables(db.engine)
    assert schema_diff(db) == []


def _old_sync_metadata() -> MetaData:
    """The ``sync_*`` tables exactly as the sync client made them itself before 0005."""
    md = MetaData()
    Table(
        "sync_settings",
        md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    Table(
        "sync_number_ranges",
        md,
        Column("range_id", String(36), primary_key=True),
        Column("series", String(64), nullable=False),
        Column("first", BigInteger, nullable=False),
        Column("last", BigInteger, nullable=False),
        Column("next_free", BigInteger, nullable=False),
    )
    Table(
        "sync_revocations",
        md,
        Column("document_number", String(32), primary_key=True),
        Column("reason_code", String(40), nullable=False),
        Column("source", String(16), nullable=False),
        Column("revoked_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "sync_form_versions",
        md,
        Column("form_id", String(64), primary_key=True),
        Column("version", String(32), primary_key=True),
        Column("language", String(16), primary_key=True),
        Column("content_hash", String(64), nullable=False),
        Column("body", Text, nullable=False),
    )
    Table(
        "sync_signer_certificates",
        md,
        Column("certificate_id", String(36), primary_key=True),
        Column("pem", Text, nullable=False),
        Column("valid_from", DateTime(timezone=True), nullable=False),
        Column("valid_until", DateTime(timezone=True), nullable=False),
    )
    return md  # fmt: skip


def test_sync_tables_made_the_old_way_are_adopted_with_their_rows(db_path: Path) -> None:
    """A 0004 file whose sync client already made its tables opens, upgrades to 0005 and
    keeps the enrolment, the ranges (and how far they were used) and the revocations."""
    make_first_revision_database(db_path, "0004")
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        old = _old_sync_metadata()
        old.create_all(db.engine)
        revoked = dt.datetime(2026, 11, 1, 12, 30, tzinfo=dt.UTC)
        with db.engine.begin() as connection:
            t = old.tables
            connection.execute(t["sync_settings"].insert().values(key="mission_code", value="ABC"))
            connection.execute(
                t["sync_number_ranges"]
                .insert()
                .values(
                    range_id=str(uuid.uuid4()), series="etd", first=101, last=110, next_free=104
                )
            )
            connection.execute(t["sync_revocations"].insert().values(
                document_number="ABC000007", reason_code="lost", source="headquarters",
                revoked_at=revoked))  # fmt: skip
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from == "0004"
        assert schema_diff(db) == []
        sync_state.ensure_tables(db.engine)
        with db.session() as session:
            assert sync_state.get(session, "mission_code") == "ABC"
            assert sync_state.numbers_left(session) == 7
            assert sync_state.take_number(session) == 104
            assert sync_state.is_revoked(session, "ABC000007")
            row = session.get(SyncRevocation, "ABC000007")
            assert row is not None and row.revoked_at == revoked
        assert db.check_integrity() == []
