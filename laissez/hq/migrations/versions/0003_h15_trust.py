"""Officers' key certificates, audit chain anchors and the flags of refused heads.

Revision ID: 0003_h15_trust
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_h15_trust"
down_revision = "0002"
branch_labels = None
depends_on = None

_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create ``user_key_certificates``, ``audit_anchors`` and ``audit_flags``."""
    op.create_table(
        "user_key_certificates",
        sa.Column("serial", _SEQ, autoincrement=True, nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason_code", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"],
            name=op.f("fk_user_key_certificates_mission_id_missions"),
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_user_key_certificates_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_user_key_certificates")),
        sa.UniqueConstraint("public_key", name=op.f("uq_user_key_certificates_public_key")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_user_key_certificates_mission_id"), "user_key_certificates", ["mission_id"]
    )
    op.create_table(
        "audit_anchors",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("anchored_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_audit_anchors_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_audit_anchors_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_audit_anchors")),
    )
    op.create_index(op.f("ix_audit_anchors_mission_id"), "audit_anchors", ["mission_id"])
    op.create_table(
        "audit_flags",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("held_count", sa.BigInteger(), nullable=False),
        sa.Column("sent_count", sa.BigInteger(), nullable=False),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_audit_flags_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_audit_flags_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_flags")),
    )
    op.create_index(op.f("ix_audit_flags_mission_id"), "audit_flags", ["mission_id"])


def downgrade() -> None:
    """Drop them again."""
    op.drop_index(op.f("ix_audit_flags_mission_id"), table_name="audit_flags")
    op.drop_table("audit_flags")
    op.drop_index(op.f("ix_audit_anchors_mission_id"), table_name="audit_anchors")
    op.drop_table("audit_anchors")
    op.drop_index(op.f("ix_user_key_certificates_mission_id"), table_name="user_key_certificates")
    op.drop_table("user_key_certificates")
