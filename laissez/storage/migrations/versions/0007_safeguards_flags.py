"""red flags that only grow (case_flags), every saved version of an interview form
(interview_answer_versions), and each mission's freshness period for consent and approval

Cases made before this revision have no flags recorded: the gate still reads their answers,
screenings and proceedings as before, and raises flags from what is recorded after it.

Revision ID: 0007_safeguards
Revises: 0007_desktop17 (chained at the merge with main)
Create Date: 2026-12-07 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_safeguards"
down_revision = "0007_desktop17"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_flags",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=40), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("raised_by", sa.Uuid(), nullable=True),
        sa.Column("raised_at", sa.String(length=32), nullable=False),
        sa.Column("cleared_by", sa.Uuid(), nullable=True),
        sa.Column("cleared_at", sa.String(length=32), nullable=True),
        sa.Column("clear_reason", sa.String(length=40), nullable=True),
        sa.Column("clear_reference", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_flags_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["raised_by"], ["users.id"], name=op.f("fk_case_flags_raised_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["cleared_by"], ["users.id"], name=op.f("fk_case_flags_cleared_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_flags")),
    )
    with op.batch_alter_table("case_flags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_flags_case_id"), ["case_id"], unique=False)
    op.create_table(
        "interview_answer_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_interview_answer_versions_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_interview_answer_versions_recorded_by_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_answer_versions")),
    )
    with op.batch_alter_table("interview_answer_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_answer_versions_case_id"), ["case_id"], unique=False
        )
    # a plain ALTER TABLE: rebuilding missions (batch mode) would break the users' and cases'
    # foreign keys to it
    op.add_column("missions", sa.Column("freshness_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("missions", "freshness_days")
    with op.batch_alter_table("interview_answer_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_answer_versions_case_id"))
    op.drop_table("interview_answer_versions")
    with op.batch_alter_table("case_flags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_flags_case_id"))
    op.drop_table("case_flags")
