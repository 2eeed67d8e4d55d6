"""add the person's signature to consent decisions (drawn signature or mark, or declined to
sign with a reason code) and whether the interpreter signed

Rows made before this revision keep NULL in every new column: their signature, if any, is on
the paper form kept with the case file.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signature", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("signature_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("declined_reason", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("interpreter_signed", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.drop_column("interpreter_signed")
        batch_op.drop_column("declined_reason")
        batch_op.drop_column("signature_kind")
        batch_op.drop_column("signature")
