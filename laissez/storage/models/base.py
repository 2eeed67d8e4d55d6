"""The declarative base of the local database's models, the roles, and which columns hold
personal data (see the package docstring for the conventions)."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    MetaData,
    Uuid,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    registry,
)

from laissez.storage.ids import new_id, utcnow
from laissez.storage.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Role(StrEnum):
    """Roles a user can hold; a user may hold several."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    PROTECTION_OFFICER = "protection_officer"
    ADMINISTRATOR = "administrator"


def _constructor(self: Any, **kwargs: Any) -> None:
    """Set the given attributes. A UUID primary key ``id`` is made at once (not at flush), so
    related rows can refer to a new record before anything is written."""
    cls = type(self)
    table = getattr(cls, "__table__", None)
    if table is not None and "id" in table.c and "id" not in kwargs:
        if isinstance(table.c.id.type, Uuid):
            kwargs["id"] = new_id()
    for key, value in kwargs.items():
        if not hasattr(cls, key):
            raise TypeError(f"{key!r} is an invalid keyword argument for {cls.__name__}")
        setattr(self, key, value)


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention Alembic needs."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            dt.datetime: UtcDateTime(),
            uuid.UUID: Uuid(as_uuid=True),
            dict[str, Any]: JSON(),
            list[Any]: JSON(),
        },
        constructor=_constructor,
    )


def pk_column() -> Mapped[uuid.UUID]:
    """A UUID primary key, made on the client (``ids.new_id``)."""
    return mapped_column(Uuid(as_uuid=True), primary_key=True, default=new_id)


def created_column() -> Mapped[dt.datetime]:
    """The time the row was made (UTC)."""
    return mapped_column(UtcDateTime(), default=utcnow, nullable=False)


#: table -> columns holding personal data that retention clears (rows of the tables in
#: ``PERSONAL_TABLES`` are deleted whole).
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": (
        "primary_name", "secondary_name", "name_script", "primary_name_latin",
        "secondary_name_latin", "mrz_name", "search_name", "date_of_birth", "sex",
        "nationality", "place_of_birth", "languages",
    ),
    "screenings": ("answers", "referral_notes"),
    "legal_proceedings": ("reference",),
    "rights_advisals": ("interpreter_name", "questions"),
    "consent_decisions": ("guardian_name", "best_interests_record", "signature"),
    "approvals": ("comment",),
    "travel_documents": ("mrz_lines", "seal"),
    "case_flags": ("clear_reference",),
    "person_match_keys": ("digest",),
}  # fmt: skip

#: tables whose rows are personal data as a whole and are deleted by retention.
PERSONAL_TABLES: tuple[str, ...] = (
    "document_images", "identity_documents", "interview_answers", "interview_answer_versions",
)  # fmt: skip
