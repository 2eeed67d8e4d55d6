"""Helpers of the sync tests: a mission installation with a real SQLCipher database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from laissez.hq import admin
from laissez.hq.db import session_factory
from laissez.hq.models import ChangeRecord, Conflict, Mission
from laissez.protocol import kinds
from laissez.storage import outbox
from laissez.storage.database import Database
from laissez.storage.ids import uuid7
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import OutboxEntry
from laissez.storage.sync.engine import SyncEngine
from laissez.storage.sync.enrolment import connect, enrol_installation
from tests.support.pg import unique_code


@dataclass
class Installation:
    """One mission's desktop: its encrypted database and sync engine."""

    db: Database
    engine: SyncEngine
    mission_code: str

    def write(self, n: int) -> list[uuid.UUID]:
        """Record ``n`` changes (cases opened, each with its outbox entry); their ids."""
        ids = []
        with self.db.session() as s:
            for i in range(n):
                entry = outbox.enqueue(s, kinds.CASE_OPENED, uuid.uuid4(), {"status": "draft"})
                ids.append(entry.id)
        return ids

    def statuses(self) -> dict[str, int]:
        """Outbox entries per status."""
        with self.db.session() as s:
            rows = s.execute(select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status))
            return {status: int(n) for status, n in rows}

    def entries(self) -> dict[uuid.UUID, dict]:
        """Every outbox entry id with its payload."""
        with self.db.session() as s:
            return {e.id: e.payload for e in s.scalars(select(OutboxEntry))}


def legacy_entry(db: Database, entity: str, operation: str, payload: dict) -> uuid.UUID:
    """An outbox entry written as an installation from before the change-kind contract may
    hold one (any name, any payload): ``outbox.enqueue`` no longer writes such entries."""
    with db.session() as s:
        entry = OutboxEntry(
            id=uuid7(),
            entity=entity,
            entity_id="x",
            operation=operation,
            payload=payload,
            schema_version=1,
            status="pending",
            attempts=0,
        )
        s.add(entry)
        s.flush()
        return entry.id


def hq_counts(pg_url: str, mission_code: str) -> tuple[int, int, int]:
    """(stored change versions, distinct change ids, conflicts) of a mission at HQ."""
    engine = create_engine(pg_url)
    try:
        with Session(engine) as s:
            mission_id = s.scalar(select(Mission.id).where(Mission.code == mission_code))
            where = ChangeRecord.mission_id == mission_id
            versions = s.scalar(select(func.count()).select_from(ChangeRecord).where(where))
            ids = s.scalar(select(func.count(func.distinct(ChangeRecord.change_id))).where(where))
            conflicts = s.scalar(
                select(func.count()).select_from(Conflict).where(Conflict.mission_id == mission_id)
            )
            return int(versions or 0), int(ids or 0), int(conflicts or 0)
    finally:
        engine.dispose()


def hq_change_ids(pg_url: str, mission_code: str) -> set[uuid.UUID]:
    """Every change id HQ stored for a mission."""
    engine = create_engine(pg_url)
    try:
        with Session(engine) as s:
            mission_id = s.scalar(select(Mission.id).where(Mission.code == mission_code))
            return set(
                s.scalars(
                    select(ChangeRecord.change_id).where(ChangeRecord.mission_id == mission_id)
                )
            )
    finally:
        engine.dispose()


def new_mission(pg_url: str, **kwargs: object) -> tuple[str, str]:
    """Create a mission at HQ; returns (mission code, one-time enrolment code)."""
    engine = create_engine(pg_url)
    try:
        sessions = session_factory(engine)
        code = unique_code()
        with sessions() as s:
            admin.create_mission(s, code, f"Mission {code}", **kwargs)  # type: ignore[arg-type]
            enrolment = admin.create_enrolment_code(s, code)
            s.commit()
        return code, enrolment
    finally:
        engine.dispose()


def install(
    tmp: Path, pg_url: str, hq_url: str, *, via: str | None = None, batch_size: int = 200
) -> Installation:
    """A new encrypted database, enrolled in a new mission at ``hq_url``; the engine talks
    through ``via`` (a proxy URL) when given."""
    mission_code, enrolment = new_mission(pg_url)
    tmp.mkdir(parents=True, exist_ok=True)
    db = Database.create(
        tmp / "laissez.db", username="admin", passphrase="admin passphrase 1", kdf=TEST_KDF,
        mission_code=mission_code,
    )  # fmt: skip
    enrol_installation(db.session, db.engine, hq_url, enrolment, "desk-1")
    engine = connect(db.session, db.engine, batch_size=batch_size, hq_url=via, timeout=10)
    return Installation(db, engine, mission_code)
