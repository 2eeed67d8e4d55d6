"""Signed publications: every published form, advisal text and consent-scope version carries
headquarters' signature of its key and content hash; versions published before (unsigned)
are never used by a device.

Revision ID: 0003_h20b_signed_publications
Revises: 0003_h15_trust
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_h20b_signed_publications"
down_revision = "0003_h15_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``form_versions.signature``."""
    with op.batch_alter_table("form_versions") as batch:
        batch.add_column(sa.Column("signature", sa.String(length=128), nullable=True))


def downgrade() -> None:
    """Remove it again."""
    with op.batch_alter_table("form_versions") as batch:
        batch.drop_column("signature")
