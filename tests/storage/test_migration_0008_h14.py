"""Migration 0008_h14_backfill_flags: a case made before red flags were recorded keeps its
fear, its pending proceeding and its lodged asylum claim as flags (so re-saving a form cannot
lift them); a fear a protection officer already decided is not raised again; closed cases are
left alone; clearings get a signature column."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from sqlalchemy import select, text

from laissez.casework import facts
from laissez.casework import flags as red_flags
from laissez.casework.gate import evaluate
from laissez.forms import default_library
from laissez.storage.database import Database
from laissez.storage.ids import new_id
from laissez.storage.models import Case, CaseFlag
from tests.support.migrations import make_first_revision_database, schema_diff
from tests.support.storage import ADMIN, ADMIN_PASS
from tests.support.world import INTERVIEW

BEFORE_FLAGS = "0007_desktop17"
T = "2026-11-03T10:00:00.000000+00:00"
LATER = "2026-11-04T10:00:00.000000+00:00"


def _insert(db_path: Path, statement: str, **values: object) -> None:
    """Write in SQL, as the release before flags did (the models describe the head schema)."""
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        with db.engine.begin() as conn:
            conn.execute(text(statement), values)


def _case(db_path: Path, user: str, status: str) -> uuid.UUID:
    case_id = new_id()
    _insert(db_path, "INSERT INTO cases (id, created_by, status, is_minor, created_at, updated_at, "
            "status_changed_at, version) VALUES (:id, :u, :s, 0, :t, :t, :t, 3)",
            id=case_id.hex, u=user, s=status, t=T)  # fmt: skip
    return case_id


def _answers(db_path: Path, case_id: uuid.UUID, user: str, form: str, answers: dict) -> None:
    _insert(db_path, "INSERT INTO interview_answers (id, case_id, form_id, form_version, answers, "
            "completed, recorded_by, created_at, updated_at) VALUES (:id, :c, :f, '1', :a, 1, "
            ":u, :t, :t)", id=new_id().hex, c=case_id.hex, f=form, a=json.dumps(answers),
            u=user, t=T)  # fmt: skip


def _screening(db_path: Path, case_id: uuid.UUID, user: str, outcome: str | None) -> None:
    _insert(db_path, "INSERT INTO screenings (id, case_id, kind, fear_expressed, outcome, "
            "referral_outcome, screened_by, screened_at, decided_by, decided_at) VALUES "
            "(:id, :c, 'fear_of_return', 1, :o, :r, :u, :t, :d, :dt)", id=new_id().hex,
            c=case_id.hex, o="cleared" if outcome else "pending", r=outcome, u=user, t=T,
            d=user if outcome else None, dt=LATER if outcome else None)  # fmt: skip


def test_an_old_case_with_fear_recorded_stays_blocked(db_path: Path) -> None:
    closed = make_first_revision_database(db_path, BEFORE_FLAGS)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        with db.engine.connect() as conn:
            user = conn.scalar(text("SELECT id FROM users"))
    fear = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
    hearing = {**INTERVIEW["pending_proceedings"], "appeal_pending": "yes"}
    feared = _case(db_path, user, "interviewed")
    _answers(db_path, feared, user, "fear_of_return", fear)
    _answers(db_path, feared, user, "pending_proceedings", hearing)
    _screening(db_path, feared, user, None)  # saving the form recorded a pending screening
    decided = _case(db_path, user, "interviewed")
    _answers(db_path, decided, user, "fear_of_return", fear)
    _screening(db_path, decided, user, "no_protection_need")
    lodged = _case(db_path, user, "protection_referral")
    _screening(db_path, lodged, user, "asylum_claim_lodged")
    _answers(db_path, closed, user, "fear_of_return", fear)

    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert db.migrated_from == BEFORE_FLAGS
        assert schema_diff(db) == []
        with db.session() as session:
            rows = session.scalars(select(CaseFlag)).all()
            found = {(r.case_id, r.kind, r.detail, r.source) for r in rows}
            # the lodged claim's fear was decided (the claim is the referral outcome); the
            # decided case's fear too; the closed case is left alone
            assert found == {
                (feared, "fear", None, "fear_of_return"),
                (feared, "proceeding", "appeal", "pending_proceedings"),
                (lodged, "asylum_claim", None, "referral_outcome"),
            }
            assert all(r.cleared_at is None and r.clear_signature is None for r in rows)
            assert {r.raised_at.isoformat() for r in rows if r.case_id == feared} == {
                "2026-11-03T10:00:00+00:00"
            }
            # the gate reads the flags: the fear blocks, whatever the form says later
            case = session.get(Case, feared)
            assert case is not None
            snap = facts.build_snapshot(session, case, library=default_library())
            assert "fear.unresolved" in [i.code for i in evaluate(snap)]
            assert red_flags.open_flags(session, feared, red_flags.FEAR)
