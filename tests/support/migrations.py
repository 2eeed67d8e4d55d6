"""Migration test helpers: a database as the first release made it, and the difference
between a database's schema and the models."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.orm import Session

from laissez.storage import audit, migrate
from laissez.storage.database import Database, keys_path
from laissez.storage.engine import make_engine
from laissez.storage.ids import new_id
from laissez.storage.keys import TEST_KDF, KeyFile, generate_database_key
from laissez.storage.models import Base, User, UserRole
from tests.support.storage import ADMIN, ADMIN_PASS

FIRST = "0001"


def make_first_revision_database(path: Path, revision: str = FIRST) -> uuid.UUID:
    """A database made by the first release (schema revision 0001, or ``revision``), with
    one case."""
    key = generate_database_key()
    key_file = KeyFile.new(keys_path(path))
    user_id = new_id()
    public = key_file.set_slot(ADMIN, user_id, ADMIN_PASS, key, TEST_KDF)
    engine = make_engine(path, key)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection, revision)
        case_id = new_id()
        with Session(engine) as session, session.begin():
            session.add(User(id=user_id, username=ADMIN, public_key=public,
                             roles=[UserRole(role="administrator")]))  # fmt: skip
            session.flush()
            # in SQL, not the ORM: the models describe the head schema, not this revision's
            session.execute(
                text("INSERT INTO cases (id, created_by, status, is_minor, created_at, "
                     "updated_at, status_changed_at, version) VALUES "
                     "(:id, :user, 'closed', 0, :t, :t, :t, 1)"),
                {"id": case_id.hex, "user": user_id.hex, "t": "2026-01-01 00:00:00.000000"},
            )  # fmt: skip
            audit.record(session, user_id, "case.created", "case", case_id)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO outbox (id, entity, entity_id, operation, payload, "
                     "schema_version, status, attempts, created_at, updated_at) VALUES "
                     "(:id, 'case', :cid, 'create', '{}', 1, 'pending', 0, :t, :t)"),
                {"id": new_id().hex, "cid": str(case_id), "t": "2026-01-01T00:00:00.000000+00:00"},
            )  # fmt: skip
    finally:
        engine.dispose()
    key_file.save()
    return case_id


def schema_diff(db: Database) -> list[object]:
    """What differs between the database's schema and the models (empty when they match)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))
