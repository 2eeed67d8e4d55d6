"""Create the headquarters schema.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Create every table of ``laissez.hq.models`` as of this revision."""
    op.create_table(
        "form_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_versions")),
        sa.UniqueConstraint("form_id", "version", "language", name="uq_form_versions_key"),
    )
    op.create_table(
        "missions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("share_protection_details", sa.Boolean(), nullable=False),
        sa.Column("config", JSON_TYPE, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missions")),
        sa.UniqueConstraint("code", name=op.f("uq_missions_code")),
    )
    op.create_table(
        "number_counters",
        sa.Column("series", sa.String(length=64), nullable=False),
        sa.Column("next_value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("series", name=op.f("pk_number_counters")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_devices_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("public_key", name=op.f("uq_devices_public_key")),
    )
    op.create_index(op.f("ix_devices_mission_id"), "devices", ["mission_id"], unique=False)
    op.create_table(
        "enrolment_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_enrolment_codes_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_enrolment_codes_code_hash")),
    )
    op.create_index(
        op.f("ix_enrolment_codes_mission_id"), "enrolment_codes", ["mission_id"], unique=False
    )
    op.create_table(
        "revocations",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("document_number", sa.String(length=32), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_revocations_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_revocations")),
        sa.UniqueConstraint("mission_id", "document_number", name="uq_revocations_doc"),
    )
    op.create_table(
        "signer_certificates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=True),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_signer_certificates_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signer_certificates")),
    )
    op.create_index(
        op.f("ix_signer_certificates_mission_id"),
        "signer_certificates",
        ["mission_id"],
        unique=False,
    )
    op.create_table(
        "changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("operation", sa.String(length=64), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", JSON_TYPE, nullable=False),
        sa.Column("stripped", JSON_TYPE, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_changes_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_changes_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
        sa.UniqueConstraint("mission_id", "change_id", "content_hash", name="uq_changes_version"),
    )
    op.create_index(
        "ix_changes_mission_entity", "changes", ["mission_id", "entity", "entity_id"], unique=False
    )
    op.create_table(
        "number_ranges",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("series", sa.String(length=64), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("allocated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_number_ranges_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_number_ranges_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_ranges")),
        sa.UniqueConstraint("device_id", "request_id", name="uq_number_ranges_req"),
    )
    op.create_index(
        op.f("ix_number_ranges_mission_id"), "number_ranges", ["mission_id"], unique=False
    )
    op.create_table(
        "request_nonces",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_request_nonces_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", "nonce", name=op.f("pk_request_nonces")),
    )
    op.create_index(op.f("ix_request_nonces_seen_at"), "request_nonces", ["seen_at"], unique=False)
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column(
            "first_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "other_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_seq"], ["changes.seq"], name=op.f("fk_conflicts_first_seq_changes")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_conflicts_mission_id_missions")
        ),
        sa.ForeignKeyConstraint(
            ["other_seq"], ["changes.seq"], name=op.f("fk_conflicts_other_seq_changes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
        sa.UniqueConstraint("other_seq", name="uq_conflicts_other_seq"),
    )
    op.create_index(op.f("ix_conflicts_mission_id"), "conflicts", ["mission_id"], unique=False)


def downgrade() -> None:
    """Drop every table."""
    op.drop_index(op.f("ix_conflicts_mission_id"), table_name="conflicts")
    op.drop_table("conflicts")
    op.drop_index(op.f("ix_request_nonces_seen_at"), table_name="request_nonces")
    op.drop_table("request_nonces")
    op.drop_index(op.f("ix_number_ranges_mission_id"), table_name="number_ranges")
    op.drop_table("number_ranges")
    op.drop_index("ix_changes_mission_entity", table_name="changes")
    op.drop_table("changes")
    op.drop_index(op.f("ix_signer_certificates_mission_id"), table_name="signer_certificates")
    op.drop_table("signer_certificates")
    op.drop_table("revocations")
    op.drop_index(op.f("ix_enrolment_codes_mission_id"), table_name="enrolment_codes")
    op.drop_table("enrolment_codes")
    op.drop_index(op.f("ix_devices_mission_id"), table_name="devices")
    op.drop_table("devices")
    op.drop_table("number_counters")
    op.drop_table("missions")
    op.drop_table("form_versions")
