"""add the mission's seal signing keys, the seal of each travel document and the reason of a
reprint

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("signer_identifier", sa.String(length=4), nullable=False),
        sa.Column("certificate_reference", sa.String(length=40), nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("root_certificate_pem", sa.Text(), nullable=False),
        sa.Column("private_key_pem", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.String(length=32), nullable=False),
        sa.Column("valid_until", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("deactivated_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_signing_keys_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_keys")),
    )
    with op.batch_alter_table("travel_documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seal", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("signing_key_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_travel_documents_signing_key_id_signing_keys"),
            "signing_keys",
            ["signing_key_id"],
            ["id"],
        )
    with op.batch_alter_table("print_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_code", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("print_events", schema=None) as batch_op:
        batch_op.drop_column("reason_code")
    with op.batch_alter_table("travel_documents", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_travel_documents_signing_key_id_signing_keys"), type_="foreignkey"
        )
        batch_op.drop_column("signing_key_id")
        batch_op.drop_column("seal")
    op.drop_table("signing_keys")
