"""Migration 0007_desktop17: cases get a short human reference; cases made before it are
numbered in the order they were opened."""

from __future__ import annotations

from pathlib import Path

from laissez.storage.database import Database
from laissez.storage.models import Case
from tests.support.migrations import make_first_revision_database, schema_diff
from tests.support.storage import ADMIN, ADMIN_PASS


def test_a_0006_database_gets_references_for_its_cases(db_path: Path) -> None:
    case_id = make_first_revision_database(db_path, "0006")
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from == "0006"
        assert schema_diff(db) == []
        with db.session() as session:
            case = session.get(Case, case_id)
            assert case is not None and case.reference == "CASE-2026-00001"
