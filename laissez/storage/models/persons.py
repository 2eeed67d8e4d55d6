"""The person behind the cases: which cases belong to one person (``PersonRecord`` and
``PersonCaseLink``), the normalised evidence keys the match looks up (``PersonMatchKey``), and
the uncertain matches an officer decides (``PersonMatchProposal``).

A ``Person`` row (``people``) is what one case recorded; a ``PersonRecord`` is the person as
the evidence shows them across cases. ``laissez.casework.persons`` owns every value here.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from laissez.storage.models.base import Base, created_column, pk_column
from laissez.storage.types import UtcDateTime


class PersonRecord(Base):
    """One person, as far as the evidence links their cases."""

    __tablename__ = "person_records"

    id: Mapped[uuid.UUID] = pk_column()
    created_at: Mapped[dt.datetime] = created_column()


class PersonCaseLink(Base):
    """A case belongs to a person record: ``reason`` says on what evidence (``first_case``,
    ``document``, ``name_and_birth``, ``officer_decision``), ``linked_by`` who linked it
    (None: the match did, on exact evidence)."""

    __tablename__ = "person_case_links"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    person_record_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person_records.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    linked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    linked_at: Mapped[dt.datetime] = created_column()


class PersonMatchKey(Base):
    """One normalised piece of evidence of a case, as a SHA-256 digest of its kind and value
    (never the value itself): a document number with its issuing State, a name with a full
    date of birth and nationality, a name with nationality, a name skeleton with a date of
    birth, a photograph. Looked up by ``digest`` (indexed): a match never scans the cases.
    Retention clears ``digest`` with the case's personal data."""

    __tablename__ = "person_match_keys"
    __table_args__ = (Index("ix_person_match_keys_digest", "digest"),)

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str | None] = mapped_column(String(64))


class PersonMatchProposal(Base):
    """An uncertain match between two cases (``reason``: which evidence agrees and which does
    not) and the officer's decision on it: ``same_person`` (the cases are linked) or
    ``not_same_person``; None while undecided. The decision is signed by its author."""

    __tablename__ = "person_match_proposals"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    other_case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    proposed_at: Mapped[dt.datetime] = created_column()
    decision: Mapped[str | None] = mapped_column(String(20))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))
