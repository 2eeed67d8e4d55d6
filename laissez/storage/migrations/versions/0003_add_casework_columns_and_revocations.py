"""add casework columns (advisal language and interpreter need, approval subject) and the
revocation list

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rights_advisals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_language", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("interpreter_needed", sa.Boolean(), nullable=True))
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(length=32), nullable=True))
    op.create_table(
        "revocations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("travel_document_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("document_number", sa.String(length=32), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=False),
        sa.Column("revoked_by", sa.Uuid(), nullable=True),
        sa.Column("revoked_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_revocations_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["users.id"], name=op.f("fk_revocations_revoked_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["travel_document_id"],
            ["travel_documents.id"],
            name=op.f("fk_revocations_travel_document_id_travel_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revocations")),
    )
    with op.batch_alter_table("revocations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revocations_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_revocations_travel_document_id"), ["travel_document_id"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("revocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revocations_travel_document_id"))
        batch_op.drop_index(batch_op.f("ix_revocations_case_id"))
    op.drop_table("revocations")
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_column("subject")
    with op.batch_alter_table("rights_advisals", schema=None) as batch_op:
        batch_op.drop_column("interpreter_needed")
        batch_op.drop_column("person_language")
