"""Roles as signed decisions (role_grants), data-sharing consent bound to its terms, and
headquarters' signature kept with every pulled form version.

* ``role_grants``: every role held before this revision gets one row marked ``legacy``
  (unsigned: nobody's passphrase is at hand during an upgrade). Legacy rows count only until
  the first administrator unlocks the upgraded database: that unlock signs every legacy
  grant again in the administrator's name (``laissez.storage.roles.resign_legacy``, audited
  ``role.legacy_resigned``) and from then on only signed grants count, so a legacy-looking
  row written later with SQL is ignored.
* ``consent_decisions``: ``shared_data``, ``purpose`` and ``terms_hash`` (decisions recorded
  before keep them empty; the gate reads their terms from the consent version they name).
* ``sync_form_versions.signature``: versions pulled before carry none and are not used (the
  next pull brings them again, signed).

Revision ID: 0008_h20b_role_grants
Revises: 0008_h20a_persons
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008_h20b_role_grants"
down_revision = "0008_h20a_persons"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "role_grants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("legacy", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_role_grants_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_role_grants_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_grants")),
    )
    with op.batch_alter_table("role_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_grants_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shared_data", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("purpose", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("terms_hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("sync_form_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signature", sa.String(length=128), nullable=True))

    conn = op.get_bind()
    grants = sa.table(
        "role_grants",
        sa.column("id", sa.Uuid()),
        sa.column("user_id", sa.Uuid()),
        sa.column("role", sa.String()),
        sa.column("action", sa.String()),
        sa.column("decided_by", sa.Uuid()),
        sa.column("decided_at", sa.String()),
        sa.column("signature", sa.LargeBinary()),
        sa.column("legacy", sa.Boolean()),
    )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    rows = conn.execute(sa.text("SELECT user_id, role FROM user_roles")).all()
    if rows:
        op.bulk_insert(
            grants,
            [
                {
                    "id": uuid.uuid4(),
                    "user_id": uuid.UUID(str(user_id))
                    if not isinstance(user_id, uuid.UUID)
                    else user_id,
                    "role": role,
                    "action": "grant",
                    "decided_by": None,
                    "decided_at": now,
                    "signature": None,
                    "legacy": True,
                }
                for user_id, role in rows
            ],
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_form_versions", schema=None) as batch_op:
        batch_op.drop_column("signature")
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.drop_column("terms_hash")
        batch_op.drop_column("purpose")
        batch_op.drop_column("shared_data")
    with op.batch_alter_table("role_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_grants_user_id"))
    op.drop_table("role_grants")
