"""``Database``: create, unlock, migrate and use the encrypted database of an installation.

Files (``path`` is the database file, for example ``<data dir>/laissez.db``):

* ``laissez.db`` (+ ``-wal``, ``-shm``): the SQLCipher 4 database, every page encrypted;
* ``laissez.db.keys``: the key slots (see ``keys``), readable before unlocking;
* ``backups/``: encrypted backups, made automatically before each migration.

Typical use::

    db = Database.open(path, username="amina", passphrase=secret)
    with db.session() as session:      # one transaction: commit on success, rollback on error
        session.add(case)
        audit.record(session, db.user.id, "case.created", "case", case.id)
    db.close()

A ``Database`` is shared by threads; each thread or job takes its own ``session()``.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from laissez.storage import audit, backup, migrate, retention
from laissez.storage.engine import connect_raw, make_engine
from laissez.storage.errors import (
    DatabaseClosedError,
    DatabaseCorruptError,
    DatabaseExistsError,
    DatabaseMissingError,
    LastAdministratorError,
    MigrationError,
    PermissionDeniedError,
    UserExistsError,
    UserNotFoundError,
    WrongPassphraseError,
)
from laissez.storage.ids import new_id, utcnow
from laissez.storage.keys import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    check_passphrase,
    generate_database_key,
)
from laissez.storage.models import Installation, Mission, Role, User, UserRole

logger = logging.getLogger(__name__)

DATABASE_NAME = "laissez.db"


def keys_path(path: Path) -> Path:
    """The key-slot file that belongs to database ``path``."""
    return path.with_name(path.name + ".keys")


def default_backup_dir(path: Path) -> Path:
    """Where automatic backups of database ``path`` go."""
    return path.parent / "backups"


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


class Database:
    """An unlocked encrypted database. Make one with ``create``, ``open`` or ``restore``.

    Attributes:
        path: the database file.
        user: the user who unlocked it.
        migrated_from: the schema revision the file had before ``open`` upgraded it (or None).
        last_purge: what the start-up retention purge did (None if it did not run).
    """

    def __init__(self, path: Path, key: bytes, user: CurrentUser) -> None:
        """Internal: use ``create``, ``open`` or ``restore``."""
        self.path = path
        self._key = key
        self.user = user
        self.migrated_from: str | None = None
        self.last_purge: retention.PurgeReport | None = None
        self._engine: Engine | None = make_engine(path, key)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    # --- creating and opening -----------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        username: str,
        passphrase: str,
        display_name: str = "",
        mission_code: str | None = None,
        mission_name: str = "",
        kdf: KdfParams = DEFAULT_KDF,
    ) -> Database:
        """Make a new encrypted database at ``path`` with a first administrator and open it.

        Raises ``DatabaseExistsError`` if a database or key file is already there and
        ``WeakPassphraseError`` for a short passphrase.
        """
        path = Path(path)
        kpath = keys_path(path)
        if path.exists() or kpath.exists():
            raise DatabaseExistsError(f"a database already exists at {path}")
        check_passphrase(passphrase)
        path.parent.mkdir(parents=True, exist_ok=True)
        key = generate_database_key()
        user_id = new_id()
        key_file = KeyFile.new(kpath)
        public = key_file.set_slot(username, user_id, passphrase, key, kdf)
        try:
            conn = connect_raw(path, key)
            conn.close()
            path.chmod(0o600)
            engine = make_engine(path, key, pool_size=1)
            try:
                with engine.begin() as connection:
                    migrate.upgrade(connection)
                with Session(engine) as session, session.begin():
                    mission_id = None
                    if mission_code:
                        mission = Mission(code=mission_code, name=mission_name or mission_code)
                        session.add(mission)
                        session.flush()
                        mission_id = mission.id
                    session.add(Installation(mission_id=mission_id))
                    user = User(
                        id=user_id,
                        username=username,
                        display_name=display_name,
                        public_key=public,
                        roles=[UserRole(role=Role.ADMINISTRATOR.value)],
                    )
                    session.add(user)
                    session.flush()
                    audit.record(session, user_id, "database.created", "installation", None)
                    audit.record(
                        session,
                        user_id,
                        "user.added",
                        "user",
                        user_id,
                        {"roles": [Role.ADMINISTRATOR.value]},
                    )
            finally:
                engine.dispose()
            key_file.save()
        except BaseException:
            for leftover in (path, kpath, *_sidecars(path)):
                leftover.unlink(missing_ok=True)
            raise
        logger.info("created database, first user %s", user_id)
        return cls._unlocked(path, key, user_id)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        username: str,
        passphrase: str,
        migrate_schema: bool = True,
        purge: bool = True,
        backup_dir: Path | None = None,
        now: dt.datetime | None = None,
    ) -> Database:
        """Unlock the database at ``path`` as ``username``.

        Then, unless turned off: if the schema is behind, make an encrypted backup in
        ``backup_dir`` (default ``backups/`` next to the file) and upgrade it; run the retention
        purge for cases that are due (``purge``). Raises ``DatabaseMissingError``,
        ``WrongPassphraseError`` (nothing written), ``KeyFileError``, ``DatabaseCorruptError``,
        ``SchemaTooNewError`` or ``MigrationError``.
        """
        path = Path(path)
        kpath = keys_path(path)
        if not path.exists():
            raise DatabaseMissingError(f"no database at {path}")
        key_file = KeyFile.load(kpath)
        unlocked = key_file.unlock(username, passphrase)
        key, index = _first_working_key(path, unlocked.keys)
        if key_file.promote(index):
            key_file.save()
        db = cls._unlocked(path, key, unlocked.user_id)
        try:
            if migrate_schema:
                db._migrate(backup_dir or default_backup_dir(path))
            db._record_unlock()
            if purge:
                db.last_purge = db.purge(now=now, actor_id=None)
        except BaseException:
            db.close()
            raise
        return db

    @classmethod
    def _unlocked(cls, path: Path, key: bytes, user_id: uuid.UUID) -> Database:
        engine = make_engine(path, key, pool_size=1)
        try:
            with Session(engine) as session:
                user = session.get(User, user_id)
                if user is None or not user.active:
                    raise WrongPassphraseError("unknown user name or wrong passphrase")
                current = CurrentUser(
                    id=user.id,
                    username=user.username,
                    display_name=user.display_name,
                    roles=user.role_names,
                )
        except WrongPassphraseError:
            raise
        except Exception as exc:
            if migrate.is_schema_error(exc):
                # A file older than the ``users`` table layout: read the user after migrating.
                current = CurrentUser(id=user_id, username="", display_name="", roles=frozenset())
            else:
                raise DatabaseCorruptError(f"database file {path.name} cannot be read") from exc
        finally:
            engine.dispose()
        return cls(path, key, current)

    def _migrate(self, backup_dir: Path) -> None:
        engine = self._require_engine()
        with engine.connect() as connection:
            before = migrate.current_revision(connection)
            needed = migrate.needs_upgrade(connection)
        if not needed:
            return
        made = backup.write_backup(self, backup_dir / backup.auto_name(before))
        logger.info("schema %s behind head: backup written to %s", before, made.name)
        try:
            with engine.begin() as connection:
                migrate.upgrade(connection)
        except Exception as exc:
            raise MigrationError(
                f"upgrading the schema from revision {before} failed; the backup {made.name} "
                "holds the data as it was"
            ) from exc
        self.migrated_from = before or "empty"
        self._refresh_user()
        with self.session() as session:
            audit.record(
                session,
                self.user.id,
                "database.migrated",
                "installation",
                None,
                {
                    "from_revision": migrate.revision_number(before),
                    "to_revision": migrate.revision_number(migrate.head_revision()),
                },
            )

    def _record_unlock(self) -> None:
        self._refresh_user()
        with self.session() as session:
            audit.record(session, self.user.id, "user.unlocked", "user", self.user.id)

    def _refresh_user(self) -> None:
        with self.session() as session:
            user = session.get(User, self.user.id)
            if user is None or not user.active:
                raise WrongPassphraseError("unknown user name or wrong passphrase")
            self.user = CurrentUser(user.id, user.username, user.display_name, user.role_names)

    # --- sessions -------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commits when the block ends normally, rolls back on an exception.

        The transaction starts with ``BEGIN IMMEDIATE``, so it holds the write lock; keep blocks
        short. Objects stay usable after the block (``expire_on_commit=False``).
        """
        self._require_engine()
        with self._sessions() as session, session.begin():
            yield session

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for read-only tools; prefer ``session``)."""
        return self._require_engine()

    def _require_engine(self) -> Engine:
        if self._engine is None:
            raise DatabaseClosedError("the database was closed")
        return self._engine

    def require_role(self, role: str) -> None:
        """Raise ``PermissionDeniedError`` unless the current user holds ``role``."""
        if not self.user.has_role(role):
            raise PermissionDeniedError(f"this needs the {role} role")

    def close(self) -> None:
        """Close every connection; the object cannot be used afterwards."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        role_list = sorted({Role(r).value for r in roles})
        check_passphrase(passphrase)
        key_file = KeyFile.load(keys_path(self.path))
        if key_file.has_slot(username):
            raise UserExistsError("a user with that user name already exists")
        user_id = new_id()
        public = key_file.set_slot(username, user_id, passphrase, self._key, kdf)
        with self.session() as session:
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
            audit.record(session, self.user.id, "user.added", "user", user_id, {"roles": role_list})
            # Save the slot before the commit: a crash in between leaves an unused slot (harmless),
            # never a user row that nobody can unlock.
            key_file.save()
        return user_id

    def remove_user(self, username: str) -> None:
        """Remove a user's key slot and deactivate them (administrators only).

        The user's row stays so that audit events resolve. Call ``rekey`` afterwards so a copy
        of the old key the user may hold no longer opens the file.
        """
        self.require_role(Role.ADMINISTRATOR)
        key_file = KeyFile.load(keys_path(self.path))
        with self.session() as session:
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

    @staticmethod
    def _admin_count(session: Session) -> int:
        stmt = (
            select(User.id)
            .join(UserRole)
            .where(User.active.is_(True), UserRole.role == Role.ADMINISTRATOR.value)
        )
        return len(session.scalars(stmt).all())

    def change_passphrase(self, old: str, new: str) -> None:
        """Change the current user's passphrase (the old one is checked)."""
        key_file = KeyFile.load(keys_path(self.path))
        key_file.change_passphrase(self.user.username, old, new)
        with self.session() as session:
            audit.record(session, self.user.id, "user.passphrase_changed", "user", self.user.id)
            key_file.save()

    def reset_passphrase(self, username: str, new: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Give another user a new passphrase (administrators only): a new key pair and slot."""
        self.require_role(Role.ADMINISTRATOR)
        check_passphrase(new)
        key_file = KeyFile.load(keys_path(self.path))
        with self.session() as session:
            user = session.scalar(
                select(User).where(User.username == username, User.active.is_(True))
            )
            if user is None:
                raise UserNotFoundError("no active user has that user name")
            user.public_key = key_file.set_slot(username, user.id, new, self._key, kdf)
            audit.record(session, self.user.id, "user.passphrase_reset", "user", user.id)
            key_file.save()

    def rekey(self) -> None:
        """Rotate the database key with ``PRAGMA rekey`` (administrators only).

        The new key is sealed to every active user's public key first (as ``pending``), then
        the file is re-encrypted, then the slots are switched over: a crash at any point leaves
        a database that opens. No other session may be in use meanwhile.
        """
        self.require_role(Role.ADMINISTRATOR)
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
        with self.session() as session:
            audit.record(session, self.user.id, "database.rekeyed", "installation", None)

    def usernames(self) -> list[tuple[str, frozenset[str], bool]]:
        """(user name, roles, active) of every user, sorted by user name."""
        with self.session() as session:
            users = session.scalars(select(User).order_by(User.username)).all()
            return [(u.username, u.role_names, u.active) for u in users]

    # --- checks, backup, retention ---------------------------------------------------------------

    def check_integrity(self) -> list[str]:
        """Run ``PRAGMA integrity_check`` and ``cipher_integrity_check``; returns the problems
        (empty when the file is sound)."""
        problems: list[str] = []
        raw: Any = self._require_engine().raw_connection()
        try:
            rows = raw.cursor().execute("PRAGMA integrity_check").fetchall()
            problems += [str(r[0]) for r in rows if r[0] != "ok"]
            rows = raw.cursor().execute("PRAGMA cipher_integrity_check").fetchall()
            problems += [str(r[0]) for r in rows]
        finally:
            raw.close()
        return problems

    def verify_audit(self) -> audit.ChainReport:
        """Verify the audit chain (see ``audit.verify``)."""
        with self.session() as session:
            return audit.verify(session)

    def backup(self, dest: Path) -> Path:
        """Write an encrypted backup file to ``dest`` (see ``backup``); returns its path."""
        path = backup.write_backup(self, Path(dest))
        with self.session() as session:
            audit.record(session, self.user.id, "database.backed_up", "installation", None)
        return path

    def purge(
        self,
        *,
        now: dt.datetime | None = None,
        dry_run: bool = False,
        actor_id: uuid.UUID | str | None = "current",
    ) -> retention.PurgeReport:
        """Remove the personal data of cases the retention rules say are due (see
        ``retention.purge``). The start-up purge runs as the system (``actor_id=None``)."""
        actor = self.user.id if actor_id == "current" else actor_id
        assert actor is None or isinstance(actor, uuid.UUID)
        with self.session() as session:
            report = retention.purge(session, actor, now=now or utcnow(), dry_run=dry_run)
        if report.purged and not dry_run:
            raw: Any = self._require_engine().raw_connection()
            try:  # move the zeroed pages out of the WAL into the main file
                raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                raw.close()
        return report

    def export_to(self, target: Path) -> None:
        """Internal for ``backup``: copy the whole database, encrypted with the same key, to
        a new file ``target`` (``sqlcipher_export``)."""
        raw: Any = self._require_engine().raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("ATTACH DATABASE ? AS export KEY ?", (str(target), f"x'{self._key.hex()}'"))
            try:
                cur.execute("SELECT sqlcipher_export('export')").fetchall()
            finally:
                cur.execute("DETACH DATABASE export")
        finally:
            raw.close()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _first_working_key(path: Path, keys: tuple[bytes, ...]) -> tuple[bytes, int]:
    last: Exception | None = None
    for index, key in enumerate(keys):
        try:
            connect_raw(path, key).close()
        except DatabaseCorruptError as exc:
            last = exc
            continue
        return key, index
    raise DatabaseCorruptError(
        f"database file {path.name} cannot be decrypted with the key in its key file"
    ) from last


def default_path() -> Path:
    """The database of this machine's user: ``$LAISSEZ_DATA_DIR/laissez.db``, else the
    platform's per-user data directory (the same place the desktop's ``Config`` uses)."""
    import os

    import platformdirs

    env_dir = os.environ.get("LAISSEZ_DATA_DIR")
    base = Path(env_dir) if env_dir else Path(platformdirs.user_data_dir("Laissez", False))
    return base / DATABASE_NAME
