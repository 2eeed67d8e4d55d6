"""a short human case reference (``DAC-2026-00042``: mission code, year opened, number in
that year), shown instead of the case id and searched by the case list

Cases made before this revision get their reference here, numbered in the order they were
opened (case ids are UUIDv7: creation order).

Revision ID: 0007_desktop17
Revises: 0007_insider_signed
Create Date: 2026-12-07 06:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_desktop17"
down_revision = "0007_insider_signed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_cases_reference"), ["reference"], unique=False)
    conn = op.get_bind()
    code = conn.execute(sa.text("SELECT code FROM missions ORDER BY code LIMIT 1")).scalar()
    prefix = _prefix(code)
    counters: dict[str, int] = {}
    rows = conn.execute(sa.text("SELECT id, created_at FROM cases ORDER BY id")).all()
    for case_id, created_at in rows:
        year = str(created_at)[:4] if created_at else "0000"
        counters[year] = counters.get(year, 0) + 1
        conn.execute(
            sa.text("UPDATE cases SET reference = :ref WHERE id = :id"),
            {"ref": f"{prefix}-{year}-{counters[year]:05d}", "id": case_id},
        )


def _prefix(code: str | None) -> str:
    letters = "".join(ch for ch in (code or "").upper() if ch.isascii() and ch.isalnum())
    return letters[:8] or "CASE"


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_reference"))
        batch_op.drop_column("reference")
