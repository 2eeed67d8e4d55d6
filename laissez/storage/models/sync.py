"""Sync client state (``laissez.storage.sync.state`` reads and writes these tables).

Keys and columns mirror the tables the sync client first created on its own (before
migration 0005), so a file that already has them keeps working.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from laissez.storage.models.base import Base
from laissez.storage.types import UtcDateTime


class SyncSetting(Base):
    """One sync setting: device identity, keys, pull cursor, pending range request, mission
    configuration (``laissez.storage.sync.state`` names the keys)."""

    __tablename__ = "sync_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncNumberRange(Base):
    """Document numbers ``first`` .. ``last`` of ``series`` headquarters gave this device;
    ``next_free`` only ever moves forward (past ``last`` when the range is used up)."""

    __tablename__ = "sync_number_ranges"

    range_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    series: Mapped[str] = mapped_column(String(64))
    first: Mapped[int] = mapped_column(BigInteger)
    last: Mapped[int] = mapped_column(BigInteger)
    next_free: Mapped[int] = mapped_column(BigInteger)


class SyncRevocation(Base):
    """A revocation pulled from headquarters (or this mission's own, echoed back)."""

    __tablename__ = "sync_revocations"

    document_number: Mapped[str] = mapped_column(String(32), primary_key=True)
    reason_code: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    revoked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncFormVersion(Base):
    """A published form, advisal text or consent-scope version pulled from headquarters, with
    headquarters' signature (used only when it verifies: ``laissez.forms.trust``)."""

    __tablename__ = "sync_form_versions"

    form_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str | None] = mapped_column(String(128))


class SyncSignerCertificate(Base):
    """A document-signer certificate (PEM) pulled from headquarters."""

    __tablename__ = "sync_signer_certificates"

    certificate_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pem: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    valid_until: Mapped[dt.datetime] = mapped_column(UtcDateTime())
