"""Migration 0008_h20b_role_grants: roles held before the upgrade keep counting, and the first
administrator to unlock the upgraded database signs them in their own name; from then on a
role row or an unsigned grant written with SQL counts for nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select, text

from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import AuditEvent, RoleGrant
from tests.support.migrations import make_first_revision_database, schema_diff
from tests.support.storage import ADMIN, ADMIN_PASS

OLGA_PASS = "a long test passphrase olga"


def test_roles_from_before_are_signed_by_the_first_administrator(db_path: Path) -> None:
    make_first_revision_database(db_path, "0007_safeguards")
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as admin:
        assert schema_diff(admin) == []
        assert admin.user.roles == frozenset({"administrator"})
        with admin.read_session() as s:
            grants = s.scalars(select(RoleGrant)).all()
            assert [(g.role, g.legacy, g.decided_by, bool(g.signature)) for g in grants] == [
                ("administrator", False, admin.user.id, True)
            ]
            resigned = s.scalars(
                select(AuditEvent).where(AuditEvent.action == "role.legacy_resigned")
            ).all()
            assert [e.details for e in resigned] == [{"grants": 1}]
        olga = admin.add_user("olga", OLGA_PASS, ["officer"], kdf=TEST_KDF)
        with admin.engine.begin() as connection:  # written around the application
            connection.execute(
                text("INSERT INTO user_roles (user_id, role) VALUES (:u, 'supervisor')"),
                {"u": olga.hex},
            )
            connection.execute(
                text(
                    "INSERT INTO role_grants (id, user_id, role, action, decided_by, decided_at,"
                    " signature, legacy) VALUES (:id, :u, 'supervisor', 'grant', NULL, :t, NULL,"
                    " 1)"
                ),
                {"id": uuid.uuid4().hex, "u": olga.hex, "t": "2026-01-01T00:00:00.000000+00:00"},
            )
    with Database.open(db_path, username="olga", passphrase=OLGA_PASS) as db:
        assert db.user.roles == frozenset({"officer"})
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as admin:
        assert admin.user.roles == frozenset({"administrator"})  # re-signing happens once
