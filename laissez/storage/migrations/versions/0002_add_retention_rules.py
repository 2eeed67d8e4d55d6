"""add retention rules and link outbox entries to cases

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_rules",
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("keep_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("status", name=op.f("pk_retention_rules")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_case_id"))
        batch_op.drop_column("case_id")
    op.drop_table("retention_rules")
