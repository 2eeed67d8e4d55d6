"""signed flag clearings, and red flags for the cases made before flags were recorded

``case_flags.clear_signature`` holds the clearing protection officer's Ed25519 signature over
``laissez.storage.signed.flag_clearing_payload``; a clearing without one that verifies is not
a clearing (casework treats the flag as open, and the gate reports ``decision.unsigned`` until
a protection officer clears it again, signed).

Cases still open that were made before revision 0007_safeguards had no flag rows: the gate
read their newest answers, so re-saving the fear-of-return form with "no" lifted the block.
This revision derives their flags from what they recorded (each saved form's answers, a fear
said later, a pending proceeding kept, an asylum claim lodged) with the time it was recorded,
so an old case with fear recorded stays blocked until a protection officer decides. The rules
are those of ``laissez.casework.flags.from_answers`` when this revision was written, copied
here (a migration must not change with the application, nor import casework). A fear already
decided by a protection officer's referral outcome after it was raised is not raised again.
Cases that already have flags are left alone; closed cases too.

Revision ID: 0008_h14_backfill_flags
Revises: 0007_safeguards (the lead re-chains at the merge)
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import uuid
from typing import Any

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


_RISKY = ("yes", "unknown")
_PROTECTION_CODES = ("XXA", "XXB", "XXC")
_PROCEEDINGS = ("asylum", "appeal", "court_hearing", "immigration_hearing")
_DATE = re.compile(r"(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)")


def _may_be_child(date_of_birth: object, today: dt.date) -> bool:
    """Under 18 on ``today`` by the latest birth date the known parts allow."""
    m = _DATE.fullmatch(str(date_of_birth or "").strip())
    if m is None or m.group(1) == "XXXX":
        return False
    year = int(m.group(1))
    month = 12 if m.group(2) == "XX" else int(m.group(2))
    if m.group(3) == "XX":
        day = calendar.monthrange(year, month)[1]
    else:
        day = int(m.group(3))
    try:
        adult_on = dt.date(year + 18, month, day)
    except ValueError:  # 29 February, or a day the month does not have
        return False
    return today < adult_on


def _from_answers(form_id: str, a: dict[str, Any], today: dt.date) -> list[tuple[str, str | None]]:
    """The flags a form's answers raise (casework's rules at this revision)."""
    found: list[tuple[str, str | None]] = []
    if form_id == "identity":
        if a.get("stateless_claim") == "yes" or a.get("refugee_status") == "yes":
            found.append(("protection_status", None))
        if a.get("nationality") in _PROTECTION_CODES:
            found.append(("protection_status", None))
        if _may_be_child(a.get("date_of_birth"), today):
            found.append(("child", None))
    elif form_id == "vulnerability":
        if a.get("is_child") in _RISKY:
            found.append(("child", None))
        if a.get("trafficking_indicators"):
            found.append(("trafficking", None))
    elif form_id == "fear_of_return":
        if a.get("fears_return") != "no":
            found.append(("fear", None))
        if a.get("prefers_return_to_detention") in _RISKY or a.get("pressure_reported") in _RISKY:
            found.append(("pressure", None))
    elif form_id == "pending_proceedings":
        found += [("proceeding", k) for k in _PROCEEDINGS if a.get(f"{k}_pending") in _RISKY]
    return found


Found = dict[tuple[str, str | None], tuple[dt.datetime, uuid.UUID | None, str]]


def _derive(conn: sa.Connection, t: dict[str, sa.TableClause], case_id: uuid.UUID) -> Found:
    """The flags a case's records raise: (kind, detail) -> (when, by whom, from what)."""
    found: Found = {}

    def add(kind: str, detail: str | None, when: dt.datetime, by: uuid.UUID | None,
            source: str) -> None:  # fmt: skip
        if (kind, detail) not in found or when < found[(kind, detail)][0]:
            found[(kind, detail)] = (when, by, source)

    a = t["answers"].c
    for form_id, answers, by, when in conn.execute(
        sa.select(a.form_id, a.answers, a.recorded_by, a.updated_at).where(a.case_id == case_id)
    ):
        for kind, detail in _from_answers(form_id, answers or {}, when.date()):
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
