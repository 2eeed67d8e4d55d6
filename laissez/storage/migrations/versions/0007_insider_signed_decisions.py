"""personal signing keys and signed decisions

``user_signing_keys`` holds the public half of each user's Ed25519 signing key (the private
half is wrapped by their passphrase in the key-slot file). ``approvals.signature`` and
``screenings.signature`` hold the deciding user's signature over the decision, and
``audit_events.signature`` the actor's signature over the event's hash.

Decisions made before this revision have no signature: the gate reports them
(``decision.unsigned``) and they must be made again by their author. Users get their key at
their next unlock.

Revision ID: 0007_insider_signed
Revises: 0007_insider_token
Create Date: 2026-12-07 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_insider_signed"
down_revision = "0007_insider_token"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_signing_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_signing_keys_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_signing_keys")),
        sa.UniqueConstraint("public_key", name=op.f("uq_user_signing_keys_public_key")),
    )
    op.create_index(
        op.f("ix_user_signing_keys_user_id"), "user_signing_keys", ["user_id"], unique=False
    )
    for table in ("approvals", "screenings"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("signature", sa.LargeBinary(length=64), nullable=True))
    # a plain ADD COLUMN: a batch copy would drop the append-only triggers
    op.add_column("audit_events", sa.Column("signature", sa.LargeBinary(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_events", "signature")
    for table in ("screenings", "approvals"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("signature")
    op.drop_index("ix_user_signing_keys_user_id", table_name="user_signing_keys")
    op.drop_table("user_signing_keys")
