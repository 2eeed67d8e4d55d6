"""the person across cases: person records, the cases linked to each, the normalised evidence
keys the match looks up, and the uncertain matches an officer decides

Cases made before this revision are linked when their identity is next recorded; until then
each stands alone, as before.

Revision ID: 0008_h20a_persons
Revises: 0008_h14_backfill_flags
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_h20a_persons"
down_revision = "0008_h14_backfill_flags"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_records")),
    )
    op.create_table(
        "person_case_links",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("person_record_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("linked_by", sa.Uuid(), nullable=True),
        sa.Column("linked_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_person_case_links_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["person_record_id"],
            ["person_records.id"],
            name=op.f("fk_person_case_links_person_record_id_person_records"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_by"], ["users.id"], name=op.f("fk_person_case_links_linked_by_users")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_person_case_links")),
    )
    with op.batch_alter_table("person_case_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_case_links_person_record_id"), ["person_record_id"], unique=False
        )
    op.create_table(
        "person_match_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_person_match_keys_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_match_keys")),
    )
    with op.batch_alter_table("person_match_keys", schema=None) as batch_op:
        batch_op.create_index("ix_person_match_keys_digest", ["digest"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_match_keys_case_id"), ["case_id"], unique=False)
    op.create_table(
        "person_match_proposals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("other_case_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("proposed_at", sa.String(length=32), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.Column("signature", sa.LargeBinary(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_person_match_proposals_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["other_case_id"],
            ["cases.id"],
            name=op.f("fk_person_match_proposals_other_case_id_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_person_match_proposals_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_match_proposals")),
    )
    with op.batch_alter_table("person_match_proposals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_match_proposals_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_match_proposals_other_case_id"), ["other_case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("person_match_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_match_proposals_other_case_id"))
        batch_op.drop_index(batch_op.f("ix_person_match_proposals_case_id"))
    op.drop_table("person_match_proposals")
    with op.batch_alter_table("person_match_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_match_keys_case_id"))
        batch_op.drop_index("ix_person_match_keys_digest")
    op.drop_table("person_match_keys")
    with op.batch_alter_table("person_case_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_case_links_person_record_id"))
    op.drop_table("person_case_links")
    op.drop_table("person_records")
