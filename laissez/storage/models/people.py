"""The person interviewed, their identity documents and the images of those documents."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from laissez.storage.ids import utcnow
from laissez.storage.models.base import Base, created_column, pk_column
from laissez.storage.text import name_key
from laissez.storage.types import UtcDateTime


class Person(Base):
    """The person interviewed. Names are kept as written in the original script and in Latin
    letters, plus the MRZ form (``DOE<<JOHN<PAUL``) with its truncation flag.

    ``search_name`` is the Latin name folded for prefix search (``text.name_key``); it is set
    automatically whenever the Latin name is written.
    ``purged_at`` is set when retention removed the personal data.
    """

    __tablename__ = "people"

    id: Mapped[uuid.UUID] = pk_column()
    primary_name: Mapped[str | None] = mapped_column(Text)
    secondary_name: Mapped[str | None] = mapped_column(Text)
    name_script: Mapped[str | None] = mapped_column(String(8))
    primary_name_latin: Mapped[str | None] = mapped_column(Text)
    secondary_name_latin: Mapped[str | None] = mapped_column(Text)
    mrz_name: Mapped[str | None] = mapped_column(String(64))
    name_truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    search_name: Mapped[str | None] = mapped_column(String(200), index=True)
    date_of_birth: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    nationality: Mapped[str | None] = mapped_column(String(3))
    place_of_birth: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = created_column()
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    purged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    documents: Mapped[list[IdentityDocument]] = relationship(back_populates="person")


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _fold_search_name(_mapper: Any, _connection: Any, target: Person) -> None:
    """Keep ``search_name`` in step with the Latin name (unless the data was purged)."""
    if target.purged_at is None and (target.primary_name_latin or target.secondary_name_latin):
        target.search_name = name_key(target.primary_name_latin, target.secondary_name_latin)


class IdentityDocument(Base):
    """A passport or identity card the person presented, with what its MRZ says.

    ``mrz_lines`` is the MRZ text (lines joined by newlines); ``mrz_valid`` records whether every
    check digit matched. ``source`` is where the MRZ came from (``scan``, ``typed`` or ``reader``,
    see ``laissez.casework.intake.MRZ_SOURCES``), or ``interview`` for the record that only
    holds the photograph of a person without a document.
    """

    __tablename__ = "identity_documents"

    id: Mapped[uuid.UUID] = pk_column()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"), index=True)
    document_code: Mapped[str | None] = mapped_column(String(2))
    issuing_state: Mapped[str | None] = mapped_column(String(3))
    document_number: Mapped[str | None] = mapped_column(String(32), index=True)
    nationality: Mapped[str | None] = mapped_column(String(3))
    date_of_birth: Mapped[str | None] = mapped_column(String(10))
    date_of_expiry: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    optional_data: Mapped[str | None] = mapped_column(String(64))
    mrz_format: Mapped[str | None] = mapped_column(String(8))
    mrz_lines: Mapped[str | None] = mapped_column(Text)
    mrz_valid: Mapped[bool | None] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_column()

    person: Mapped[Person] = relationship(back_populates="documents")
    images: Mapped[list[DocumentImage]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class DocumentImage(Base):
    """An image that belongs to an identity document: ``kind`` is ``scan`` (data page),
    ``scan_back`` or ``photo`` (the holder's portrait). ``data`` holds the encoded image bytes.
    """

    __tablename__ = "document_images"

    id: Mapped[uuid.UUID] = pk_column()
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("identity_documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    media_type: Mapped[str] = mapped_column(String(32), default="image/png")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = created_column()

    document: Mapped[IdentityDocument] = relationship(back_populates="images")
