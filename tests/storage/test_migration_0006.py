"""Migration 0006: consent decisions get the person's signature; existing rows keep theirs
(none) and the file upgrades in place."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select, text

from laissez.storage import migrate
from laissez.storage.database import Database
from laissez.storage.ids import new_id
from laissez.storage.models import ConsentDecision
from tests.support.migrations import make_first_revision_database, schema_diff
from tests.support.storage import ADMIN, ADMIN_PASS

NEW_COLUMNS = {"signature", "signature_kind", "declined_reason", "interpreter_signed"}


def _columns(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return {c["name"] for c in inspect(connection).get_columns("consent_decisions")}


def test_a_0005_database_with_consent_upgrades_and_keeps_its_decisions(db_path: Path) -> None:
    case_id = make_first_revision_database(db_path, "0005")
    consent_id = new_id()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        assert not NEW_COLUMNS & _columns(db)
        with db.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO consent_decisions (id, case_id, scope, decision, decided_at) "
                     "VALUES (:id, :case, 'return', 'granted', :t)"),
                {"id": consent_id.hex, "case": case_id.hex,
                 "t": "2026-01-01T00:00:00.000000+00:00"},
            )  # fmt: skip
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from == "0005"
        assert NEW_COLUMNS <= _columns(db)
        assert schema_diff(db) == []
        with db.session() as session:
            row = session.scalars(select(ConsentDecision)).one()
            assert row.id == consent_id and row.decision == "granted"
            assert (row.signature, row.signature_kind, row.declined_reason) == (None, None, None)
            row.signature = b"\x89PNG\r\n\x1a\nstrokes"
            row.signature_kind = "signed"
        with db.session() as session:
            assert session.get(ConsentDecision, consent_id).signature_kind == "signed"  # type: ignore[union-attr]
        assert db.check_integrity() == []


def test_0006_downgrades_and_upgrades(db: Database) -> None:
    with db.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0005")
    assert not NEW_COLUMNS & _columns(db)
    with db.engine.begin() as connection:
        migrate.upgrade(connection)
    assert NEW_COLUMNS <= _columns(db)
    assert schema_diff(db) == []
