"""The encrypted backup file: writing one, reading its manifest, unpacking it.

A backup is one uncompressed tar file holding:

* ``laissez.db``: a full copy made with ``sqlcipher_export`` and encrypted with the database key
  (never a plaintext copy, not even a temporary one);
* ``laissez.db.keys``: the key slots at the time of the backup, so that the users of that time
  can open it with their passphrases;
* ``manifest.json``: format, version, creation time, schema revision, database id and the
  SHA-256 of both files.

This module knows the file format only; it needs no ``Database``, just something it can copy
(``Exportable``), so ``Database`` uses it for its automatic backups and ``backup.restore``
builds on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine

from laissez.storage import keys as keyslots
from laissez.storage import migrate
from laissez.storage.errors import BackupError, StorageError
from laissez.storage.files import keys_path
from laissez.storage.ids import utcnow

FORMAT = "laissez-backup"
VERSION = 1
DB_MEMBER = "laissez.db"
KEYS_MEMBER = "laissez.db.keys"
MANIFEST = "manifest.json"
SUFFIX = ".laissez-backup"


class Exportable(Protocol):
    """What ``write_backup`` needs of an unlocked database (``Database`` is one)."""

    path: Path

    @property
    def engine(self) -> Engine:
        """The engine, to read the schema revision."""
        ...

    def export_to(self, target: Path) -> None:
        """Copy the whole database, encrypted with its own key, to the new file ``target``."""
        ...


def auto_name(revision: str | None) -> str:
    """File name of an automatic pre-migration backup."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%fZ")
    return f"pre-migration-{revision or 'empty'}-{stamp}{SUFFIX}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup(db: Exportable, dest: Path) -> Path:
    """Write a backup of ``db`` to ``dest`` atomically (a temporary name, then a rename).

    A directory as ``dest`` gets a file named after the current time. Raises ``BackupError``.
    """
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / f"laissez-{utcnow().strftime('%Y%m%dT%H%M%SZ')}{SUFFIX}"
    if not dest.parent.exists():
        dest.parent.mkdir(parents=True, mode=0o700)
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=dest.parent))
    try:
        copy = work / DB_MEMBER
        db.export_to(copy)
        key_file = keyslots.KeyFile.load(keys_path(db.path))
        key_bytes = json.dumps(key_file.to_dict(), indent=1, sort_keys=True).encode()
        with db.engine.connect() as connection:
            revision = migrate.current_revision(connection)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": utcnow().isoformat(),
            "schema_revision": revision,
            "database_id": str(key_file.database_id),
            "sha256": {
                DB_MEMBER: _sha256(copy),
                KEYS_MEMBER: hashlib.sha256(key_bytes).hexdigest(),
            },
        }
        tmp = dest.with_name(f".{dest.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
                _add_bytes(tar, KEYS_MEMBER, key_bytes)
                tar.add(copy, arcname=DB_MEMBER, filter=_clean_info)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        keyslots.fsync_dir(dest.parent)
    except StorageError:
        raise
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"the backup could not be written to {dest}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return dest


def _clean_info(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(utcnow().timestamp())
    tar.addfile(info, io.BytesIO(data))


def prune_automatic(
    directory: Path, older_than: dt.datetime, *, dry_run: bool = False
) -> list[str]:
    """Delete automatic (pre-migration) backups in ``directory`` made before ``older_than``;
    returns their file names."""
    removed: list[str] = []
    if not directory.is_dir():
        return removed
    for candidate in sorted(directory.glob(f"pre-migration-*{SUFFIX}")):
        made = dt.datetime.fromtimestamp(candidate.stat().st_mtime, dt.UTC)
        if made < older_than:
            if not dry_run:
                candidate.unlink()
            removed.append(candidate.name)
    return removed


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest of backup file ``source``; raises ``BackupError`` if it is not one."""
    try:
        with tarfile.open(source, mode="r:") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise BackupError(f"{source.name} is not a Laissez backup")
            manifest: dict[str, Any] = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{Path(source).name} is not a readable Laissez backup") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{Path(source).name} has an unknown backup format or version")
    return manifest


def unpack(source: Path, directory: Path) -> dict[str, Any]:
    """Extract the database and key file of backup ``source`` into ``directory`` and check
    their SHA-256 against the manifest. Returns the manifest; raises ``BackupError``."""
    manifest = read_manifest(source)
    try:
        with tarfile.open(source, mode="r:") as tar:
            for name in (DB_MEMBER, KEYS_MEMBER):
                member = tar.extractfile(name)
                if member is None:
                    raise BackupError(f"{source.name} lacks {name}")
                target = directory / name
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    shutil.copyfileobj(member, handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                if _sha256(target) != manifest["sha256"][name]:
                    raise BackupError(f"{source.name} is damaged: {name} does not match")
    except (OSError, tarfile.TarError, KeyError) as exc:
        raise BackupError(f"{source.name} could not be read") from exc
    return manifest
