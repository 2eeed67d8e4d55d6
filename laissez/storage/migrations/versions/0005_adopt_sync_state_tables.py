"""adopt the sync client's state tables (identity, number ranges, revocations, forms,
signer certificates) into the schema

Before this revision the sync client created its ``sync_*`` tables itself on first use
(``CREATE TABLE IF NOT EXISTS``). A file that already has them keeps them and their rows: a
table that exists is not created again, and its two kinds of time column (made as
``DATETIME`` then) are changed to the UTC text the models use; the values already stored are
read the same way.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = (
    "sync_settings",
    "sync_number_ranges",
    "sync_revocations",
    "sync_form_versions",
    "sync_signer_certificates",
)
#: table -> its time columns, which the first (pre-0005) tables made as DATETIME
TIME_COLUMNS = {
    "sync_revocations": ("revoked_at",),
    "sync_signer_certificates": ("valid_from", "valid_until"),
}


def _columns(table: str) -> list[sa.schema.SchemaItem]:
    columns: dict[str, list[sa.schema.SchemaItem]] = {
        "sync_settings": [
            sa.Column("key", sa.String(length=64), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_settings")),
        ],
        "sync_number_ranges": [
            sa.Column("range_id", sa.String(length=36), nullable=False),
            sa.Column("series", sa.String(length=64), nullable=False),
            sa.Column("first", sa.BigInteger(), nullable=False),
            sa.Column("last", sa.BigInteger(), nullable=False),
            sa.Column("next_free", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("range_id", name=op.f("pk_sync_number_ranges")),
        ],
        "sync_revocations": [
            sa.Column("document_number", sa.String(length=32), nullable=False),
            sa.Column("reason_code", sa.String(length=40), nullable=False),
            sa.Column("source", sa.String(length=16), nullable=False),
            sa.Column("revoked_at", sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint("document_number", name=op.f("pk_sync_revocations")),
        ],
        "sync_form_versions": [
            sa.Column("form_id", sa.String(length=64), nullable=False),
            sa.Column("version", sa.String(length=32), nullable=False),
            sa.Column("language", sa.String(length=16), nullable=False),
            sa.Column("content_hash", sa.String(length=64), nullable=False),
            sa.Column("body", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint(
                "form_id", "version", "language", name=op.f("pk_sync_form_versions")
            ),
        ],
        "sync_signer_certificates": [
            sa.Column("certificate_id", sa.String(length=36), nullable=False),
            sa.Column("pem", sa.Text(), nullable=False),
            sa.Column("valid_from", sa.String(length=32), nullable=False),
            sa.Column("valid_until", sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint("certificate_id", name=op.f("pk_sync_signer_certificates")),
        ],
    }
    return columns[table]


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for table in TABLES:
        if table not in existing:
            op.create_table(table, *_columns(table))
            continue
        # made by the sync client before this revision: keep it and its rows
        if table in TIME_COLUMNS:
            with op.batch_alter_table(table, schema=None) as batch_op:
                for column in TIME_COLUMNS[table]:
                    batch_op.alter_column(
                        column, existing_type=sa.DateTime(), type_=sa.String(length=32)
                    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
