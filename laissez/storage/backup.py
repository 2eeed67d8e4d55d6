"""Restoring an encrypted backup file (the format itself is ``archive``).

``restore`` checks the manifest and hashes, unlocks the copy with a user's passphrase, runs the
integrity checks and verifies the audit chain *before* it replaces anything; the replaced files
are kept in ``replaced-<time>/`` next to the database.

The names of ``archive`` (``write_backup``, ``read_manifest``, ``prune_automatic``, the member
names) are available here too, as the storage API documents them under ``backup``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from laissez.storage import audit, highwater
from laissez.storage import keys as keyslots
from laissez.storage.archive import (
    DB_MEMBER,
    FORMAT,
    KEYS_MEMBER,
    MANIFEST,
    SUFFIX,
    VERSION,
    Exportable,
    auto_name,
    prune_automatic,
    read_manifest,
    unpack,
    write_backup,
)
from laissez.storage.database import Database
from laissez.storage.errors import BackupError, PermissionDeniedError, RollbackRefusedError
from laissez.storage.files import keys_path, sidecars
from laissez.storage.models import Role

__all__ = [
    "DB_MEMBER",
    "FORMAT",
    "KEYS_MEMBER",
    "MANIFEST",
    "SUFFIX",
    "VERSION",
    "Exportable",
    "auto_name",
    "prune_automatic",
    "read_manifest",
    "restore",
    "unpack",
    "write_backup",
]


def restore(
    source: Path, path: Path, *, username: str, passphrase: str, reapply: bool = False
) -> Database:
    """Replace the database at ``path`` with backup ``source`` and open it as ``username``.

    The backup is unpacked next to ``path``, unlocked with ``passphrase`` (a user of the time of
    the backup), checked (``integrity_check``, ``cipher_integrity_check``, audit chain), and only
    then moved into place. The database must not be open elsewhere. Raises ``BackupError`` or
    ``WrongPassphraseError``; in both cases nothing at ``path`` changed.

    Only an administrator restores (``PermissionDeniedError``). A restore never rolls back:
    when the backup lacks what the high-water record next to ``path`` holds (revocations,
    consent withdrawals, used document numbers, audit events), it is refused
    (``RollbackRefusedError``) unless ``reapply`` is given, and then those are carried forward
    into the restored file (``highwater.reapply``) before anyone can issue from it.
    """
    source, path = Path(source), Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=path.parent))
    try:
        unpack(source, work)
        staged = Database.open(
            work / DB_MEMBER,
            username=username,
            passphrase=passphrase,
            migrate_schema=False,
            purge=False,
        )
        try:
            if not staged.user.has_role(Role.ADMINISTRATOR.value):
                raise PermissionDeniedError("only an administrator can restore a backup")
            problems = staged.check_integrity()
            report = staged.verify_audit()
            marks = highwater.load(path)
            lacks: list[str] = []
            if marks is not None:
                with staged.read_session() as session:
                    lacks = marks.missing_from(highwater.current(session))
        finally:
            staged.close()
        if problems:
            raise BackupError(f"{source.name} fails the integrity check")
        if not report.ok:
            raise BackupError(f"{source.name} has a broken audit chain")
        if lacks and not reapply:
            raise RollbackRefusedError(
                f"{source.name} is older than the database it would replace: it lacks "
                f"{', '.join(lacks)}. Restoring it would undo them (a revoked document would "
                "verify as valid again, a used number could be issued twice). An administrator "
                "can restore it with --reapply, which carries them forward into the restored "
                "database"
            )
        for sidecar in sidecars(work / DB_MEMBER):
            sidecar.unlink(missing_ok=True)
        kpath = keys_path(path)
        if path.exists() or kpath.exists():
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
            keep = path.parent / f"replaced-{stamp}"
            keep.mkdir(mode=0o700)
            for old in (path, kpath, *sidecars(path)):
                if old.exists():
                    os.replace(old, keep / old.name)
        os.replace(work / KEYS_MEMBER, kpath)
        os.replace(work / DB_MEMBER, path)
        keyslots.fsync_dir(path.parent)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    db = Database.open(path, username=username, passphrase=passphrase)
    with db.session() as session:
        audit.record(session, db.user.id, "database.restored", "installation", None)
        if lacks and marks is not None:
            highwater.reapply(session, marks, db.user.id)
    db.record_highwater()
    return db
