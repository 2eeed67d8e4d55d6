"""Emergency travel documents: the document, its printings, its revocation, and the mission's
seal signing key.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from laissez.storage.models.base import Base, created_column, pk_column
from laissez.storage.types import UtcDateTime


class TravelDocument(Base):
    """An emergency travel document: its number, ``status`` (text owned by casework, such as
    ``issued``, ``voided``, ``revoked``), validity, and the reason it was voided.
    """

    __tablename__ = "travel_documents"

    id: Mapped[uuid.UUID] = pk_column()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    document_number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="issued")
    mrz_lines: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_until: Mapped[str | None] = mapped_column(String(10))
    issued_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[dt.datetime] = created_column()
    voided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    void_reason: Mapped[str | None] = mapped_column(String(40))
    #: the ICAO visible digital seal printed as the DataMatrix (holds the MRZ: personal data)
    seal: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: the mission signing key that signed ``seal``
    signing_key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("signing_keys.id"))

    print_events: Mapped[list[PrintEvent]] = relationship(back_populates="travel_document")


class PrintEvent(Base):
    """One printing of a travel document (``kind``: ``original`` or ``reprint``)."""

    __tablename__ = "print_events"

    id: Mapped[uuid.UUID] = pk_column()
    travel_document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("travel_documents.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="original")
    printer: Mapped[str | None] = mapped_column(String(100))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    printed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    printed_at: Mapped[dt.datetime] = created_column()
    #: why a reprint was made (a reason code, never free text); None for the original
    reason_code: Mapped[str | None] = mapped_column(String(40))

    travel_document: Mapped[TravelDocument] = relationship(back_populates="print_events")


class Revocation(Base):
    """An entry of the revocation list: a travel document that must no longer be accepted.

    Written with an outbox entry in the same transaction, so sync carries it to headquarters.
    """

    __tablename__ = "revocations"

    id: Mapped[uuid.UUID] = pk_column()
    travel_document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("travel_documents.id"), index=True, unique=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    document_number: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str] = mapped_column(String(40))
    revoked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[dt.datetime] = created_column()


class SigningKey(Base):
    """A mission's seal signing key: its certificate, issued by a headquarters root, and where
    the private key lives.

    The private key is never in the database: it sits in a PKCS#11 token (SoftHSM2 in
    development and tests, a smart card or HSM in production) as a sensitive, non-extractable
    object named ``key_label`` in the token labelled ``token_label``, and signs seals there
    (``laissez.documents.seal.token``). Anyone who can unlock the database can read this row;
    nobody can read the key from it.

    ``root_certificate_pem`` is the headquarters root that issued the certificate: the
    mission's trust anchor for verifying seals offline. ``valid_from``/``valid_until`` are
    the key usage period; one key at a time is ``active``.
    """

    __tablename__ = "signing_keys"

    id: Mapped[uuid.UUID] = pk_column()
    signer_identifier: Mapped[str] = mapped_column(String(4))
    certificate_reference: Mapped[str] = mapped_column(String(40))
    certificate_pem: Mapped[str] = mapped_column(Text)
    root_certificate_pem: Mapped[str] = mapped_column(Text)
    token_label: Mapped[str] = mapped_column(String(64))
    key_label: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    valid_until: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_column()
    deactivated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
