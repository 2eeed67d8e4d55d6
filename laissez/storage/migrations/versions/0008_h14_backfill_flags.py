"""signed flag clearings, and red flags for the cases made before flags were recorded

``case_flags.clear_signature`` holds the clearing protection officer's Ed25519 signature over
``laissez.storage.signed.flag_clearing_payload``; a clearing without one that verifies is not
a clearing (casework treats the flag as open, and the gate reports ``decision.unsigned`` until
a protection officer clears it again, signed).

Cases still open that were made before revision 0007_safeguards had no flag rows: the gate
read their newest answers, so re-saving the fear-of-return form with "no" lifted the block.
This revision derives their flags from what they recorded (each saved form's answers by
``laissez.casework.flags.from_answers``, a fear said later, a pending proceeding kept, an
asylum claim lodged) with the time it was recorded, so an old case with fear recorded stays
blocked until a protection officer decides. A fear already decided by a protection officer's
referral outcome after it was raised is not raised again. Cases that already have flags are
left alone; closed cases too.

Revision ID: 0008_h14_backfill_flags
Revises: 0007_safeguards (the lead re-chains at the merge)
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008_h14_backfill_flags"
down_revision = "0007_safeguards"
branch_labels = None
depends_on = None

_CLOSED = ("closed", "closed_without_document")


def _tables() -> dict[str, sa.TableClause]:
    from laissez.storage.types import UtcDateTime

    return {
        "cases": sa.table("cases", sa.column("id", sa.Uuid()), sa.column("status", sa.String())),
        "answers": sa.table(
            "interview_answers",
            sa.column("case_id", sa.Uuid()),
            sa.column("form_id", sa.String()),
            sa.column("answers", sa.JSON()),
            sa.column("recorded_by", sa.Uuid()),
            sa.column("updated_at", UtcDateTime()),
        ),
        "screenings": sa.table(
            "screenings",
            sa.column("case_id", sa.Uuid()),
            sa.column("kind", sa.String()),
            sa.column("fear_expressed", sa.Boolean()),
            sa.column("referral_outcome", sa.String()),
            sa.column("screened_by", sa.Uuid()),
            sa.column("screened_at", UtcDateTime()),
            sa.column("decided_at", UtcDateTime()),
        ),
        "proceedings": sa.table(
            "legal_proceedings",
            sa.column("case_id", sa.Uuid()),
            sa.column("kind", sa.String()),
            sa.column("pending", sa.Boolean()),
            sa.column("recorded_by", sa.Uuid()),
            sa.column("recorded_at", UtcDateTime()),
        ),
        "flags": sa.table(
            "case_flags",
            sa.column("id", sa.Uuid()),
            sa.column("case_id", sa.Uuid()),
            sa.column("kind", sa.String()),
            sa.column("detail", sa.String()),
            sa.column("source", sa.String()),
            sa.column("raised_by", sa.Uuid()),
            sa.column("raised_at", UtcDateTime()),
        ),
    }


Found = dict[tuple[str, str | None], tuple[dt.datetime, uuid.UUID | None, str]]


def _derive(conn: sa.Connection, t: dict[str, sa.TableClause], case_id: uuid.UUID) -> Found:
    """The flags a case's records raise: (kind, detail) -> (when, by whom, from what)."""
    from laissez.casework.flags import from_answers

    found: Found = {}

    def add(kind: str, detail: str | None, when: dt.datetime, by: uuid.UUID | None,
            source: str) -> None:  # fmt: skip
        if (kind, detail) not in found or when < found[(kind, detail)][0]:
            found[(kind, detail)] = (when, by, source)

    a = t["answers"].c
    for form_id, answers, by, when in conn.execute(
        sa.select(a.form_id, a.answers, a.recorded_by, a.updated_at).where(a.case_id == case_id)
    ):
        for kind, detail in from_answers(form_id, answers or {}, when.date()):
            add(kind, detail, when, by, form_id)
    s = t["screenings"].c
    screenings = conn.execute(
        sa.select(s.fear_expressed, s.referral_outcome, s.screened_by, s.screened_at,
                  s.decided_at)
        .where(s.case_id == case_id, s.kind == "fear_of_return")
    ).all()  # fmt: skip
    for expressed, _outcome, by, when, _decided in screenings:
        if expressed:
            add("fear", None, when, by, "fear_expressed")
    for _expressed, outcome, by, _when, decided in screenings:
        if outcome == "asylum_claim_lodged" and decided is not None:
            add("asylum_claim", None, decided, by, "referral_outcome")
    if ("fear", None) in found:
        raised = found[("fear", None)][0]
        if any(o and d is not None and d >= raised for _e, o, _b, _w, d in screenings):
            del found[("fear", None)]  # decided by a protection officer after it was raised
    p = t["proceedings"].c
    for kind, by, when in conn.execute(
        sa.select(p.kind, p.recorded_by, p.recorded_at).where(
            p.case_id == case_id, p.pending.is_(True)
        )
    ):
        add("proceeding", kind, when, by, "pending_proceedings")
    return found


def upgrade() -> None:
    from laissez.storage.ids import new_id

    op.add_column("case_flags", sa.Column("clear_signature", sa.LargeBinary(), nullable=True))
    conn = op.get_bind()
    t = _tables()
    flagged = set(conn.scalars(sa.select(t["flags"].c.case_id).distinct()))
    cases = t["cases"].c
    for case_id in conn.scalars(sa.select(cases.id).where(cases.status.not_in(_CLOSED))):
        if case_id in flagged:
            continue
        for (kind, detail), (when, by, source) in sorted(_derive(conn, t, case_id).items(),
                                                         key=lambda i: i[1][0]):  # fmt: skip
            conn.execute(
                sa.insert(t["flags"]).values(
                    id=new_id(), case_id=case_id, kind=kind, detail=detail, source=source,
                    raised_by=by, raised_at=when,
                )
            )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("case_flags", schema=None) as batch_op:
        batch_op.drop_column("clear_signature")
