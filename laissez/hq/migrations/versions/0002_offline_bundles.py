"""Offline bundles: a device's X25519 key and headquarters' own keys.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``devices.bundle_public_key`` and the ``service_keys`` table."""
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("bundle_public_key", sa.String(length=64), nullable=True))
    op.create_table(
        "service_keys",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_service_keys")),
    )


def downgrade() -> None:
    """Remove them again."""
    op.drop_table("service_keys")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("bundle_public_key")
