"""create schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 08:13:38.656487
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("record_type", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("event_id", name=op.f("uq_audit_events_event_id")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_record_id"), ["record_id"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "missions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missions")),
        sa.UniqueConstraint("code", name=op.f("uq_missions_code")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("operation", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error_code", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.String(length=32), nullable=True),
        sa.Column("acked_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_status_created", ["status", "created_at"], unique=False)

    op.create_table(
        "people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("primary_name", sa.Text(), nullable=True),
        sa.Column("secondary_name", sa.Text(), nullable=True),
        sa.Column("name_script", sa.String(length=8), nullable=True),
        sa.Column("primary_name_latin", sa.Text(), nullable=True),
        sa.Column("secondary_name_latin", sa.Text(), nullable=True),
        sa.Column("mrz_name", sa.String(length=64), nullable=True),
        sa.Column("name_truncated", sa.Boolean(), nullable=False),
        sa.Column("search_name", sa.String(length=200), nullable=True),
        sa.Column("date_of_birth", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("place_of_birth", sa.Text(), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("purged_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_search_name"), ["search_name"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("removed_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("interview_language", sa.String(length=16), nullable=True),
        sa.Column("is_minor", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("status_changed_at", sa.String(length=32), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("purged_at", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_cases_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_cases_mission_id_missions")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_cases_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_status"), ["status"], unique=False)

    op.create_table(
        "identity_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("document_code", sa.String(length=2), nullable=True),
        sa.Column("issuing_state", sa.String(length=3), nullable=True),
        sa.Column("document_number", sa.String(length=32), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("date_of_birth", sa.String(length=10), nullable=True),
        sa.Column("date_of_expiry", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("optional_data", sa.String(length=64), nullable=True),
        sa.Column("mrz_format", sa.String(length=8), nullable=True),
        sa.Column("mrz_lines", sa.Text(), nullable=True),
        sa.Column("mrz_valid", sa.Boolean(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_identity_documents_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_identity_documents_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_documents")),
    )
    with op.batch_alter_table("identity_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_identity_documents_document_number"), ["document_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_identity_documents_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "installation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=True),
        sa.Column("device_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_installation_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_roles")),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("approver_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["users.id"], name=op.f("fk_approvals_approver_id_users")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_approvals_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approvals_case_id"), ["case_id"], unique=False)

    op.create_table(
        "document_images",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["identity_documents.id"],
            name=op.f("fk_document_images_document_id_identity_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_images")),
    )
    with op.batch_alter_table("document_images", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_images_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "interview_answers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_interview_answers_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_interview_answers_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_answers")),
    )
    with op.batch_alter_table("interview_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_answers_case_id"), ["case_id"], unique=False)

    op.create_table(
        "legal_proceedings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.Column("consequences_explained", sa.Boolean(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_legal_proceedings_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_legal_proceedings_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_proceedings")),
    )
    with op.batch_alter_table("legal_proceedings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_proceedings_case_id"), ["case_id"], unique=False)

    op.create_table(
        "rights_advisals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("text_id", sa.String(length=64), nullable=False),
        sa.Column("text_version", sa.String(length=32), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("language_understood", sa.Boolean(), nullable=False),
        sa.Column("interpreter_used", sa.Boolean(), nullable=False),
        sa.Column("interpreter_name", sa.Text(), nullable=True),
        sa.Column("questions", sa.Text(), nullable=True),
        sa.Column("legal_counsel_offered", sa.Boolean(), nullable=False),
        sa.Column("legal_counsel_accepted", sa.Boolean(), nullable=True),
        sa.Column("delivered_by", sa.Uuid(), nullable=True),
        sa.Column("delivered_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_rights_advisals_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["delivered_by"], ["users.id"], name=op.f("fk_rights_advisals_delivered_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rights_advisals")),
    )
    with op.batch_alter_table("rights_advisals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rights_advisals_case_id"), ["case_id"], unique=False)

    op.create_table(
        "screenings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=True),
        sa.Column("form_version", sa.String(length=32), nullable=True),
        sa.Column("fear_expressed", sa.Boolean(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("referral_outcome", sa.String(length=40), nullable=True),
        sa.Column("referral_notes", sa.Text(), nullable=True),
        sa.Column("screened_by", sa.Uuid(), nullable=True),
        sa.Column("screened_at", sa.String(length=32), nullable=False),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_screenings_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_screenings_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["screened_by"], ["users.id"], name=op.f("fk_screenings_screened_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screenings_case_id"), ["case_id"], unique=False)

    op.create_table(
        "travel_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("document_number", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mrz_lines", sa.Text(), nullable=True),
        sa.Column("valid_from", sa.String(length=10), nullable=True),
        sa.Column("valid_until", sa.String(length=10), nullable=True),
        sa.Column("issued_by", sa.Uuid(), nullable=True),
        sa.Column("issued_at", sa.String(length=32), nullable=False),
        sa.Column("voided_at", sa.String(length=32), nullable=True),
        sa.Column("void_reason", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_travel_documents_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["users.id"], name=op.f("fk_travel_documents_issued_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_documents")),
        sa.UniqueConstraint("document_number", name=op.f("uq_travel_documents_document_number")),
    )
    with op.batch_alter_table("travel_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_documents_case_id"), ["case_id"], unique=False)

    op.create_table(
        "consent_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("advisal_id", sa.Uuid(), nullable=True),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("recipient", sa.String(length=100), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text_version", sa.String(length=32), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=True),
        sa.Column("guardian_name", sa.Text(), nullable=True),
        sa.Column("guardian_relationship", sa.String(length=40), nullable=True),
        sa.Column("best_interests_record", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["advisal_id"],
            ["rights_advisals.id"],
            name=op.f("fk_consent_decisions_advisal_id_rights_advisals"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_consent_decisions_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_consent_decisions_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_decisions")),
    )
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_decisions_case_id"), ["case_id"], unique=False)

    op.create_table(
        "print_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("travel_document_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("printer", sa.String(length=100), nullable=True),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("printed_by", sa.Uuid(), nullable=True),
        sa.Column("printed_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["printed_by"], ["users.id"], name=op.f("fk_print_events_printed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["travel_document_id"],
            ["travel_documents.id"],
            name=op.f("fk_print_events_travel_document_id_travel_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_events")),
    )
    with op.batch_alter_table("print_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_print_events_travel_document_id"), ["travel_document_id"], unique=False
        )

    op.create_table(
        "consent_withdrawals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_consent_withdrawals_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_decisions.id"],
            name=op.f("fk_consent_withdrawals_consent_id_consent_decisions"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_consent_withdrawals_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_withdrawals")),
    )
    with op.batch_alter_table("consent_withdrawals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_withdrawals_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consent_withdrawals_consent_id"), ["consent_id"], unique=False
        )

    # The audit log is append-only: the database itself refuses edits and deletions.
    op.execute(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    with op.batch_alter_table("consent_withdrawals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_withdrawals_consent_id"))
        batch_op.drop_index(batch_op.f("ix_consent_withdrawals_case_id"))

    op.drop_table("consent_withdrawals")
    with op.batch_alter_table("print_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_events_travel_document_id"))

    op.drop_table("print_events")
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_decisions_case_id"))

    op.drop_table("consent_decisions")
    with op.batch_alter_table("travel_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_documents_case_id"))

    op.drop_table("travel_documents")
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screenings_case_id"))

    op.drop_table("screenings")
    with op.batch_alter_table("rights_advisals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rights_advisals_case_id"))

    op.drop_table("rights_advisals")
    with op.batch_alter_table("legal_proceedings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_proceedings_case_id"))

    op.drop_table("legal_proceedings")
    with op.batch_alter_table("interview_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_answers_case_id"))

    op.drop_table("interview_answers")
    with op.batch_alter_table("document_images", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_images_document_id"))

    op.drop_table("document_images")
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approvals_case_id"))

    op.drop_table("approvals")
    op.drop_table("user_roles")
    op.drop_table("installation")
    with op.batch_alter_table("identity_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_documents_person_id"))
        batch_op.drop_index(batch_op.f("ix_identity_documents_document_number"))

    op.drop_table("identity_documents")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_status"))
        batch_op.drop_index(batch_op.f("ix_cases_person_id"))
        batch_op.drop_index(batch_op.f("ix_cases_mission_id"))

    op.drop_table("cases")
    op.drop_table("users")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_search_name"))

    op.drop_table("people")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status_created")

    op.drop_table("outbox")
    op.drop_table("missions")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_record_id"))

    op.drop_table("audit_events")
