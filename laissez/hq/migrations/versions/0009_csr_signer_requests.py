"""Seal-signer certificate requests and the country signing CA certificates (public only:
the CSCA's private key never enters the database).

Revision ID: 0009_csr_signer_requests
Revises: 0003_h20b_signed_publications
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_csr_signer_requests"
down_revision = "0003_h20b_signed_publications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``country_cas`` and ``signer_requests``."""
    op.create_table(
        "country_cas",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_cas")),
    )
    op.create_table(
        "signer_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("csr_pem", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason_code", sa.String(length=64), nullable=True),
        sa.Column("signer_identifier", sa.String(length=4), nullable=True),
        sa.Column("certificate_pem", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_signer_requests_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_signer_requests_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signer_requests")),
        sa.UniqueConstraint("device_id", "request_id", name="uq_signer_requests_request"),
    )
    op.create_index(
        op.f("ix_signer_requests_mission_id"), "signer_requests", ["mission_id"], unique=False
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_index(op.f("ix_signer_requests_mission_id"), table_name="signer_requests")
    op.drop_table("signer_requests")
    op.drop_table("country_cas")
