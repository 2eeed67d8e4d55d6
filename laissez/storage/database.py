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

import dataclasses
import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from laissez.storage import archive, audit, audit_trust, highwater, migrate, outbox, retention
from laissez.storage import roles as role_grants
from laissez.storage.engine import READ_ONLY_OPTION, connect_raw, make_engine
from laissez.storage.errors import (
    DatabaseClosedError,
    DatabaseCorruptError,
    DatabaseExistsError,
    DatabaseMissingError,
    KeyFileError,
    MigrationError,
    PermissionDeniedError,
    WrongPassphraseError,
)
from laissez.storage.files import DATABASE_NAME, default_backup_dir, keys_path, sidecars
from laissez.storage.ids import new_id, utcnow
from laissez.storage.keys import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    check_passphrase,
    generate_database_key,
)
from laissez.storage.models import Installation, Mission, Role, User, UserRole
from laissez.storage.users import (
    CurrentUser,
    UserAdministration,
    register_signing_key,
    remove_stale_key_copies,
)

__all__ = [
    "DATABASE_NAME",
    "CurrentUser",
    "Database",
    "default_backup_dir",
    "default_path",
    "keys_path",
]

logger = logging.getLogger(__name__)


class Database(UserAdministration):
    """An unlocked encrypted database. Make one with ``create``, ``open`` or ``restore``.

    Attributes:
        path: the database file.
        user: the user who unlocked it.
        migrated_from: the schema revision the file had before ``open`` upgraded it (or None).
        last_purge: what the start-up retention purge did (None if it did not run).
        backup_dir: where automatic backups go (and are pruned by retention).
        requeued: outbox entries found ``sent`` but unacknowledged at open, put back to pending.
    """

    def __init__(self, path: Path, key: bytes, user: CurrentUser) -> None:
        """Internal: use ``create``, ``open`` or ``restore``."""
        self.path = path
        self._key = key
        self.user = user
        self._signing_key: Ed25519PrivateKey | None = None
        self._signs_events: bool | None = None  # known once a session asks (schema at head)
        self.migrated_from: str | None = None
        self.last_purge: retention.PurgeReport | None = None
        self.requeued = 0
        self.backup_dir = default_backup_dir(path)
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
        roles: Iterable[str] = (),
        country_code: str | None = None,
    ) -> Database:
        """Make a new encrypted database at ``path`` with a first administrator and open it.

        The administrator also holds ``roles`` (for example ``officer``): they sign these
        grants themselves, the only grants anyone ever signs for their own roles
        (``laissez.storage.roles``).

        Raises ``DatabaseExistsError`` if a database or key file is already there and
        ``WeakPassphraseError`` for a short passphrase. ``country_code``: the mission's own
        State (ICAO code), the nationality it issues for unless headquarters sets a list.
        """
        path = Path(path)
        kpath = keys_path(path)
        if path.exists() or kpath.exists():
            raise DatabaseExistsError(f"a database already exists at {path}")
        check_passphrase(passphrase)
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
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
                    fresh = key_file.fresh_signing_key(username)
                    if fresh is not None:
                        session.info[audit.SIGNER] = fresh.sign
                        session.info[audit.SIGNER_ID] = user_id
                    mission_id = None
                    if mission_code:
                        mission = Mission(
                            code=mission_code,
                            name=mission_name or mission_code,
                            country_code=country_code or None,
                        )
                        session.add(mission)
                        session.flush()
                        mission_id = mission.id
                    session.add(Installation(mission_id=mission_id))
                    first_roles = sorted(
                        {Role.ADMINISTRATOR.value, *(Role(r).value for r in roles)}
                    )
                    user = User(
                        id=user_id,
                        username=username,
                        display_name=display_name,
                        public_key=public,
                        roles=[UserRole(role=r) for r in first_roles],
                    )
                    session.add(user)
                    session.flush()
                    register_signing_key(session, user_id, key_file.signing_public(username))
                    audit.record(session, user_id, "database.created", "installation", None)
                    audit.record(
                        session, user_id, "user.added", "user", user_id, {"roles": first_roles}
                    )
                    if fresh is not None:  # the root of every role: the creator's own grants
                        role_grants.grant_at_creation(session, fresh.sign, user_id, first_roles)
            finally:
                engine.dispose()
            key_file.save()
        except BaseException:
            for leftover in (path, kpath, *sidecars(path)):
                leftover.unlink(missing_ok=True)
            raise
        logger.info("created database, first user %s", user_id)
        db = cls._unlocked(path, key, user_id)
        db._signing_key = key_file.fresh_signing_key(username)
        return db

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
        remove_stale_key_copies(path)
        signing = unlocked.signing_key
        if signing is None:  # a slot made before personal signing keys: make one now
            signing = key_file.add_signing_key(username, passphrase)
            key_file.save()
        db = cls._unlocked(path, key, unlocked.user_id)
        db._signing_key = signing
        db.backup_dir = Path(backup_dir) if backup_dir else default_backup_dir(path)
        try:
            if migrate_schema:
                db._migrate(db.backup_dir)
            db._record_unlock()
            if db._at_head():
                with db.session() as session:
                    # Pushes cut off by a crash or quit go back to pending (HQ is idempotent).
                    db.requeued = outbox.reset_in_flight(session)
                if purge:
                    db.last_purge = db.purge(now=now, actor_id=None)
        except sa_exc.DatabaseError as exc:
            db.close()
            if _is_damage(exc):
                raise _damaged(path) from exc
            raise
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
        made = archive.write_backup(self, backup_dir / archive.auto_name(before))
        logger.info("schema %s behind head: backup written to %s", before, made.name)
        try:
            with engine.begin() as connection:
                migrate.upgrade(connection)
        except Exception as exc:
            why = f"{exc}; " if isinstance(exc, MigrationError) else ""
            raise MigrationError(
                f"{why}upgrading the schema from revision {before} failed; the backup "
                f"{made.name} holds the data as it was"
            ) from exc
        self.migrated_from = before or "empty"
        self._signs_events = None
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

    def _at_head(self) -> bool:
        with self._require_engine().connect() as connection:
            return migrate.current_revision(connection) == migrate.head_revision()

    def _record_unlock(self) -> None:
        self._refresh_user()
        with self.session() as session:
            if self._signs_events:  # the schema has user_signing_keys (see _lend_signer)
                register_signing_key(session, self.user.id, self.signing_public_key)
            audit.record(session, self.user.id, "user.unlocked", "user", self.user.id)
            if (
                self._signs_events  # at head: the schema has role_grants
                and self._signing_key is not None
                and self.user.has_role(Role.ADMINISTRATOR.value)
            ):
                # the first administrator after the upgrade to 0008 signs the older roles
                role_grants.resign_legacy(session, self._signing_key.sign, self.user.id)
        self._refresh_user()

    def _refresh_user(self) -> None:
        with self.session() as session:
            user = session.get(User, self.user.id)
            if user is None or not user.active:
                raise WrongPassphraseError("unknown user name or wrong passphrase")
            # before the upgrade to 0008 (an old file being opened), the rows as they are
            at_head = migrate.current_revision(session.connection()) == migrate.head_revision()
            roles = role_grants.roles_of(session, user.id) if at_head else user.role_names
            self.user = CurrentUser(user.id, user.username, user.display_name, roles)

    # --- the user's personal signing key --------------------------------------------------------

    @property
    def signing_public_key(self) -> bytes | None:
        """The raw Ed25519 public key of the user who unlocked the database."""
        if self._signing_key is None:
            return None
        return self._signing_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def sign(self, payload: bytes) -> bytes:
        """Sign ``payload`` with the personal key of the user who unlocked the database (their
        passphrase unwrapped it; the database key alone cannot). Raises ``KeyFileError`` when
        this session has no signing key."""
        if self._signing_key is None:
            raise KeyFileError("this session holds no personal signing key; unlock again")
        return self._signing_key.sign(payload)

    def _lend_signer(self, session: Session) -> None:
        """Let ``audit.record`` sign this user's events in ``session`` (once the schema has
        the signature column: an old file is written to before it is upgraded)."""
        if self._signs_events is None:
            current = migrate.current_revision(session.connection())
            self._signs_events = current == migrate.head_revision()
        if self._signing_key is not None and self._signs_events:
            session.info[audit.SIGNER] = self._signing_key.sign
            session.info[audit.SIGNER_ID] = self.user.id

    # --- sessions -------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commits when the block ends normally, rolls back on an exception.

        The transaction starts with ``BEGIN IMMEDIATE``, so it holds the write lock; keep blocks
        short. Objects stay usable after the block (``expire_on_commit=False``).
        """
        self._require_engine()
        try:
            with self._sessions() as session:
                with session.begin():
                    self._lend_signer(session)
                    yield session
                if session.info.get(audit.HIGHWATER):
                    self.record_highwater()
        except sa_exc.DatabaseError as exc:
            if _is_damage(exc):
                raise _damaged(self.path) from exc
            raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only transaction (deferred ``BEGIN``): it sees one consistent snapshot and
        never waits for a writer. Flushing changes in it raises; it always rolls back."""
        engine = self._require_engine().execution_options(**{READ_ONLY_OPTION: True})
        with Session(engine, expire_on_commit=False, autoflush=False) as session:
            session.info["read_only"] = True
            try:
                yield session
                if session.new or session.dirty or session.deleted:
                    raise PermissionDeniedError("a read-only session cannot change records")
            finally:
                session.rollback()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for read-only tools; prefer ``session``)."""
        return self._require_engine()

    def _require_engine(self) -> Engine:
        if self._engine is None:
            raise DatabaseClosedError("the database was closed")
        return self._engine

    def mission_id(self) -> uuid.UUID | None:
        """The id of the mission this installation belongs to (None if not set)."""
        with self.read_session() as session:
            return session.scalar(select(Installation.mission_id).limit(1))

    def require_role(self, role: str) -> None:
        """Raise ``PermissionDeniedError`` unless the current user holds ``role``."""
        if not self.user.has_role(role):
            raise PermissionDeniedError(f"this needs the {role} role")

    def record_highwater(self) -> None:
        """Bring the high-water record (``highwater``) up to date; it never goes back."""
        with self.read_session() as session:
            highwater.record(self.path, session)

    def close(self) -> None:
        """Close every connection; the object cannot be used afterwards."""
        if self._engine is not None:
            try:
                if self._signs_events:  # the schema is current (known from the sessions)
                    self.record_highwater()
            except (sa_exc.SQLAlchemyError, OSError):
                logger.warning("the high-water record could not be updated at close")
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- checks, backup, retention ---------------------------------------------------------------

    def check_integrity(self) -> list[str]:
        """Run ``PRAGMA integrity_check`` and ``cipher_integrity_check``; returns the problems
        (empty when the file is sound)."""
        problems: list[str] = []
        raw: Any = self._require_engine().raw_connection()
        try:
            for pragma in ("integrity_check", "cipher_integrity_check"):
                try:
                    rows = raw.cursor().execute(f"PRAGMA {pragma}").fetchall()
                except sqlcipher3.DatabaseError as exc:
                    problems.append(f"{pragma}: {exc}")
                    continue
                problems += [f"{pragma}: {r[0]}" for r in rows if r[0] != "ok"]
        finally:
            raw.close()
        return problems

    def verify_audit(self) -> audit.ChainReport:
        """Verify the audit chain (see ``audit.verify``) in a read-only snapshot."""
        with self.read_session() as session:
            return audit.verify(session)

    def verify_trust(self) -> list[audit_trust.TrustProblem]:
        """Check that the trail and the decisions are signed by the people they name (see
        ``audit_trust.verify``), in a read-only snapshot."""
        with self.read_session() as session:
            return audit_trust.verify(session)

    def backup(self, dest: Path) -> Path:
        """Write an encrypted backup file to ``dest`` (see ``backup``); returns its path."""
        path = archive.write_backup(self, Path(dest))
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
        now = now or utcnow()
        with self.session() as session:
            report = retention.purge(session, actor, now=now, dry_run=dry_run)
            shortest = min(retention.rules(session).values(), default=None)
        if shortest is not None:
            removed = archive.prune_automatic(
                self.backup_dir, now - dt.timedelta(days=shortest), dry_run=dry_run
            )
            report = dataclasses.replace(report, backups_removed=removed)
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


def _is_damage(exc: sa_exc.DatabaseError) -> bool:
    """Whether the driver said the file is damaged (its plain ``DatabaseError``: "database disk
    image is malformed", "file is not a database"), as opposed to constraint or lock errors."""
    return type(exc.orig) is sqlcipher3.DatabaseError


def _damaged(path: Path) -> DatabaseCorruptError:
    return DatabaseCorruptError(
        f"database file {path.name} is damaged; run 'laissez database check' and restore "
        "the latest backup with 'laissez restore'"
    )


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
