"""The mission, this installation, and the staff who can unlock the database."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from laissez.storage.models.base import Base, created_column, pk_column
from laissez.storage.types import UtcDateTime


class Mission(Base):
    """A consular mission (embassy, consulate) that owns the cases it creates."""

    __tablename__ = "missions"

    id: Mapped[uuid.UUID] = pk_column()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(3))
    #: how many days a consent or an approval stays fresh (None: the default, 30)
    freshness_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = created_column()


class Installation(Base):
    """This device: one row, naming the mission it belongs to."""

    __tablename__ = "installation"

    id: Mapped[uuid.UUID] = pk_column()
    mission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("missions.id"))
    device_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = created_column()


class User(Base):
    """A member of staff who can unlock the database with their own passphrase.

    ``public_key`` is the user's X25519 public key: the database key is sealed to it in the
    key-slot file, so rotating the key never needs anybody's passphrase. Removed users keep their
    row (``removed_at`` set, ``active`` false) so that audit events still resolve.
    """

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = pk_column()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = created_column()
    removed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def role_names(self) -> frozenset[str]:
        """The names of this user's roles."""
        return frozenset(r.role for r in self.roles)


class UserRole(Base):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class RoleGrant(Base):
    """An administrator's decision to grant (``action`` ``grant``) or remove (``remove``) one
    role of one user, signed with the administrator's personal key (``signed.grant_payload``).

    A ``user_roles`` row counts only when its latest decision is a grant that verifies and
    whose author held the administrator role by a grant that verifies in turn
    (``laissez.storage.roles``). ``legacy`` rows were written by the upgrade to revision
    0008 for the roles held before it, unsigned: they count only until the first
    administrator unlocks and signs them again in their own name.
    """

    __tablename__ = "role_grants"

    id: Mapped[uuid.UUID] = pk_column()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(8), default="grant")
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = created_column()
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    legacy: Mapped[bool] = mapped_column(Boolean, default=False)


class UserSigningKey(Base):
    """The public half of a user's personal Ed25519 signing key (the private half is wrapped by
    their passphrase in the key-slot file, never in the database).

    A user gains a row when their slot is made and whenever an administrator resets their
    passphrase (a new identity: nobody else can unwrap the old one). Old rows stay so that the
    decisions the user signed earlier still verify. ``laissez.casework.signatures`` checks a
    decision's signature against its actor's rows.
    """

    __tablename__ = "user_signing_keys"

    id: Mapped[uuid.UUID] = pk_column()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    created_at: Mapped[dt.datetime] = created_column()
