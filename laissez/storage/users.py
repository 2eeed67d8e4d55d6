"""User and key administration for ``Database``: adding and removing users, passphrases and
the rotation of the database key. Only the key-slot file and the ``users`` table change; the
database pages are re-encrypted only by ``rekey``. ``CurrentUser`` is the user who unlocked it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from laissez.storage import audit
from laissez.storage import roles as role_grants
from laissez.storage.engine import connect_raw, make_engine
from laissez.storage.errors import (
    LastAdministratorError,
    PermissionDeniedError,
    UnknownRoleError,
    UserExistsError,
    UserNotFoundError,
)
from laissez.storage.files import keys_path
from laissez.storage.ids import new_id, utcnow
from laissez.storage.keys import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    check_passphrase,
    generate_database_key,
)
from laissez.storage.models import Role, User, UserRole, UserSigningKey


def register_signing_key(
    session: Session, user_id: uuid.UUID, public: bytes | None, actor_id: uuid.UUID | None = None
) -> None:
    """Record ``public`` as one of ``user_id``'s signing keys (no effect when already there);
    ``actor_id`` (default: the user) is who registered it."""
    if public is None:
        return
    held = session.scalar(select(UserSigningKey).where(UserSigningKey.public_key == public))
    if held is None:
        session.add(UserSigningKey(user_id=user_id, public_key=public))
        session.flush()
        audit.record(session, actor_id or user_id, "user.signing_key_added", "user", user_id)


def remove_stale_key_copies(path: Path) -> int:
    """Delete temporary copies of the key file (``.<name>.keys.*.tmp``) that an interrupted
    write left next to the database; returns how many."""
    import time

    kpath = keys_path(path)
    removed = 0
    for stale in kpath.parent.glob(f".{kpath.name}.*.tmp"):
        try:  # a copy younger than a minute may be another process's write in flight
            if time.time() - stale.stat().st_mtime < 60:
                continue
            stale.unlink()
        except FileNotFoundError:
            continue
        removed += 1
    return removed


@dataclass(frozen=True)
class CurrentUser:
    """The user who unlocked the database."""

    id: uuid.UUID
    username: str
    display_name: str
    roles: frozenset[str]

    def has_role(self, role: str) -> bool:
        """Whether the user holds ``role``."""
        return role in self.roles


class UserAdministration:
    """Mixed into ``Database``: the methods that manage users and keys."""

    path: Path
    user: CurrentUser
    _key: bytes
    _engine: Engine | None
    _sessions: sessionmaker[Session]

    def session(self) -> AbstractContextManager[Session]:  # pragma: no cover - see Database
        """One transaction (implemented by ``Database``)."""
        raise NotImplementedError

    def read_session(self) -> AbstractContextManager[Session]:  # pragma: no cover - see Database
        """A read-only transaction (implemented by ``Database``)."""
        raise NotImplementedError

    def require_role(self, role: str) -> None:  # pragma: no cover - see Database
        """Raise unless the current user holds ``role`` (implemented by ``Database``)."""
        raise NotImplementedError

    def _require_engine(self) -> Engine:  # pragma: no cover - see Database
        raise NotImplementedError

    def sign(self, payload: bytes) -> bytes:  # pragma: no cover - see Database
        """Sign as the current user (implemented by ``Database``)."""
        raise NotImplementedError

    # --- users and keys -------------------------------------------------------------------------

    def add_user(
        self,
        username: str,
        passphrase: str,
        roles: Iterable[str],
        *,
        display_name: str = "",
        kdf: KdfParams = DEFAULT_KDF,
    ) -> uuid.UUID:
        """Add a user who can unlock the database with ``passphrase`` (administrators only).

        Only the key file gains a slot: the database is not re-encrypted. Returns the new id.
        """
        self.require_role(Role.ADMINISTRATOR)
        try:
            role_list = sorted({Role(r).value for r in roles})
        except ValueError as exc:
            raise UnknownRoleError("unknown role; use one of " + ", ".join(Role)) from exc
        if not role_list:
            raise UnknownRoleError("a user needs at least one role")
        check_passphrase(passphrase)
        with self.session() as session:
            # The key file is read and written while this transaction holds the database's
            # write lock, so two administrators (or processes) cannot lose each other's slots.
            key_file = KeyFile.load(keys_path(self.path))
            if key_file.has_slot(username):
                raise UserExistsError("a user with that user name already exists")
            user_id = new_id()
            public = key_file.set_slot(username, user_id, passphrase, self._key, kdf)
            if session.scalar(select(User.id).where(User.username == username)) is not None:
                raise UserExistsError("a user with that user name already exists")
            session.add(
                User(
                    id=user_id,
                    username=username,
                    display_name=display_name,
                    public_key=public,
                    roles=[UserRole(role=r) for r in role_list],
                )
            )
            session.flush()
            register_signing_key(session, user_id, key_file.signing_public(username), self.user.id)
            audit.record(session, self.user.id, "user.added", "user", user_id, {"roles": role_list})
            for role in role_list:  # each role is the administrator's signed decision
                role_grants.record(session, self.sign, self.user.id, user_id, role)
            # Save the slot before the commit: a crash in between leaves an unused slot (harmless),
            # never a user row that nobody can unlock.
            key_file.save()
        return user_id

    def remove_user(self, username: str) -> None:
        """Remove a user's key slot and deactivate them (administrators only).

        The user's row stays so that audit events resolve. Call ``rekey`` afterwards (the
        administrators' ``remove_staff`` does) so a copy of the old key file the user may hold
        no longer opens the file.
        """
        self.require_role(Role.ADMINISTRATOR)
        with self.session() as session:
            key_file = KeyFile.load(keys_path(self.path))
            user = session.scalar(
                select(User).where(User.username == username, User.active.is_(True))
            )
            if user is None:
                raise UserNotFoundError("no active user has that user name")
            if Role.ADMINISTRATOR.value in user.role_names and self._admin_count(session) <= 1:
                raise LastAdministratorError("the last administrator cannot be removed")
            user.active = False
            user.removed_at = utcnow()
            audit.record(session, self.user.id, "user.removed", "user", user.id)
            key_file.remove_slot(username)
            key_file.save()

    def set_roles(self, username: str, roles: Iterable[str]) -> tuple[set[str], set[str]]:
        """Give ``username`` exactly ``roles`` (administrators only, never for themselves):
        each role added or removed is the administrator's signed decision. Returns the
        roles (added, removed)."""
        self.require_role(Role.ADMINISTRATOR)
        try:
            wanted = {Role(r).value for r in roles}
        except ValueError as exc:
            raise UnknownRoleError("unknown role; use one of " + ", ".join(Role)) from exc
        if not wanted:
            raise UnknownRoleError("a user needs at least one role")
        with self.session() as session:
            user = session.scalar(
                select(User).where(User.username == username, User.active.is_(True))
            )
            if user is None:
                raise UserNotFoundError("no active user has that user name")
            if user.id == self.user.id:
                raise PermissionDeniedError("nobody grants or removes their own roles")
            # what counts is what signed grants say, not the rows (one may have been written
            # around this method): decide against the roles that count, then align the rows
            current = set(role_grants.roles_of(session, user.id))
            added, removed = wanted - current, current - wanted
            if Role.ADMINISTRATOR.value in removed and self._admin_count(session) <= 1:
                raise LastAdministratorError("the last administrator cannot be removed")
            rows = user.role_names
            user.roles = [r for r in user.roles if r.role in wanted]
            user.roles.extend(UserRole(role=r) for r in sorted(wanted - rows))
            session.flush()
            for role in sorted(added):
                role_grants.record(session, self.sign, self.user.id, user.id, role)
            for role in sorted(removed):
                role_grants.record(
                    session, self.sign, self.user.id, user.id, role, role_grants.REMOVE
                )
            audit.record(
                session,
                self.user.id,
                "user.roles_changed",
                "user",
                user.id,
                {"added": sorted(added), "removed": sorted(removed)},
            )
        return added, removed

    @staticmethod
    def _admin_count(session: Session) -> int:
        stmt = (
            select(User.id)
            .join(UserRole)
            .where(User.active.is_(True), UserRole.role == Role.ADMINISTRATOR.value)
        )
        return len(session.scalars(stmt).all())

    def change_passphrase(self, old: str, new: str) -> None:
        """Change the current user's passphrase (the old one is checked).

        The user's key pair is replaced and the database key rotated (``PRAGMA rekey``), so an
        old copy of the key file (every backup carries one) opened with the old passphrase no
        longer opens this database. The personal signing key keeps its identity. No other
        session or process may have the database open (as for ``rekey``).
        """
        with self.session() as session:
            key_file = KeyFile.load(keys_path(self.path))
            public = key_file.change_passphrase(self.user.username, old, new)
            key_file.reseal(self.user.username, self._key)
            user = session.get(User, self.user.id)
            assert user is not None
            user.public_key = public
            audit.record(session, self.user.id, "user.passphrase_changed", "user", self.user.id)
            key_file.save()
        self._rotate_database_key()

    def reset_passphrase(self, username: str, new: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Give another user a new passphrase (administrators only): a new key pair and slot."""
        self.require_role(Role.ADMINISTRATOR)
        check_passphrase(new)
        with self.session() as session:
            key_file = KeyFile.load(keys_path(self.path))
            user = session.scalar(
                select(User).where(User.username == username, User.active.is_(True))
            )
            if user is None:
                raise UserNotFoundError("no active user has that user name")
            user.public_key = key_file.set_slot(username, user.id, new, self._key, kdf)
            register_signing_key(session, user.id, key_file.signing_public(username), self.user.id)
            audit.record(session, self.user.id, "user.passphrase_reset", "user", user.id)
            key_file.save()

    def rekey(self) -> None:
        """Rotate the database key with ``PRAGMA rekey`` (administrators only).

        The new key is sealed to every active user's public key first (as ``pending``), then
        the file is re-encrypted, then the slots are switched over: a crash at any point leaves
        a database that opens. No other session may be in use meanwhile, and no other process
        may have the database open (its connections still hold the old key).
        """
        self.require_role(Role.ADMINISTRATOR)
        self._rotate_database_key()

    def _rotate_database_key(self) -> None:
        engine = self._require_engine()
        with self.session() as session:
            users = session.scalars(select(User).where(User.active.is_(True))).all()
            publics = {u.username: u.public_key for u in users if u.public_key}
        new_key = generate_database_key()
        key_file = KeyFile.load(keys_path(self.path))
        key_file.begin_rekey(new_key, publics)
        key_file.save()
        engine.dispose()
        conn = connect_raw(self.path, self._key)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        finally:
            conn.close()
        key_file.finish_rekey()
        key_file.save()
        self._key = new_key
        self._engine = make_engine(self.path, new_key)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        remove_stale_key_copies(self.path)
        with self.session() as session:
            audit.record(session, self.user.id, "database.rekeyed", "installation", None)

    def usernames(self) -> list[tuple[str, frozenset[str], bool]]:
        """(user name, roles, active) of every user, sorted by user name."""
        with self.read_session() as session:
            users = session.scalars(select(User).order_by(User.username)).all()
            return [(u.username, u.role_names, u.active) for u in users]
