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
import stat
import tarfile
import tempfile
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import Engine

from laissez.protocol.bounded import JsonBoundsError, loads_bounded
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

#: What a backup file someone hands over may hold, checked before anything is extracted:
#: three members, each possibly preceded by a PAX header, and nothing else.
MAX_ENTRIES = 8
MAX_PAX_BYTES = 64 * 1024
MAX_MEMBER_BYTES = {MANIFEST: 64 * 1024, KEYS_MEMBER: 4 * 1024 * 1024}


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


def _open_backup(source: Path) -> IO[bytes]:
    """``source`` opened for reading when it is a regular file (never a pipe, which would block
    forever, nor a device or a folder)."""
    name = Path(source).name
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):
            raise BackupError(f"{name} is not a backup file: it is a folder, a pipe or a device")
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BackupError(f"{name} could not be read") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between the look and the open
        os.close(fd)
        raise BackupError(f"{name} is not a backup file: it is a folder, a pipe or a device")
    return os.fdopen(fd, "rb")


def _check_headers(handle: IO[bytes], name: str) -> int:
    """Walk the raw tar headers of an open backup before ``tarfile`` reads anything: at most
    ``MAX_ENTRIES`` entries, regular files and small PAX headers only (no link, folder,
    device or sparse entry), every entry inside the file. Returns the file's size."""
    size = os.fstat(handle.fileno()).st_size
    offset = entries = 0
    while offset + 512 <= size:
        handle.seek(offset)
        block = handle.read(512)
        if block == bytes(512):
            return size  # the end-of-archive marker
        entries += 1
        if entries > MAX_ENTRIES:
            raise BackupError(f"{name} holds more entries than a Laissez backup has")
        try:
            length = tarfile.nti(block[124:136])  # type: ignore[attr-defined]
        except tarfile.TarError:
            raise BackupError(f"{name} is not a readable Laissez backup") from None
        kind = block[156:157]
        if kind not in (b"0", b"\0", b"x"):
            raise BackupError(
                f"{name} holds a link, a folder, a device or a sparse entry, which no Laissez "
                "backup has"
            )
        if length < 0:
            raise BackupError(f"{name} is not a readable Laissez backup")
        if kind == b"x" and length > MAX_PAX_BYTES:
            raise BackupError(f"{name} holds an entry header larger than a Laissez backup's")
        offset += 512 + (length + 511) // 512 * 512
        if offset > size:
            raise BackupError(f"{name} is cut short or damaged")
    return size


def _members(tar: tarfile.TarFile, size: int, name: str) -> dict[str, tarfile.TarInfo]:
    """The three members of a backup, each checked: a known name (no path), once, a regular
    non-sparse file no larger than the file itself and its own cap."""
    found: dict[str, tarfile.TarInfo] = {}
    for info in tar:
        if info.name not in (MANIFEST, KEYS_MEMBER, DB_MEMBER) or info.name in found:
            raise BackupError(f"{name} holds a file no Laissez backup has")
        if not info.isreg() or info.issparse():
            raise BackupError(f"{name} holds an entry that is not a plain file")
        cap = MAX_MEMBER_BYTES.get(info.name, size)
        if info.size > cap or info.size > size:
            raise BackupError(f"{name} holds a {info.name} larger than a Laissez backup's")
        found[info.name] = info
    return found


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest of backup file ``source``; raises ``BackupError`` if it is not one.

    The file is someone else's until proved a backup: see ``_check_headers`` and ``_members``
    for what is refused before anything is read, and the manifest is parsed within bounds."""
    name = Path(source).name
    with _open_backup(source) as handle:
        size = _check_headers(handle, name)
        handle.seek(0)
        try:
            with tarfile.open(fileobj=handle, mode="r:") as tar:
                members = _members(tar, size, name)
                member = tar.extractfile(members[MANIFEST])
                if member is None:
                    raise BackupError(f"{name} is not a Laissez backup")
                manifest = loads_bounded(
                    member.read(MAX_MEMBER_BYTES[MANIFEST] + 1),
                    max_bytes=MAX_MEMBER_BYTES[MANIFEST], max_values=64, max_depth=3,
                )  # fmt: skip
        except JsonBoundsError as exc:
            raise BackupError(f"{name} has a manifest no Laissez backup has: {exc}") from None
        except (OSError, tarfile.TarError, KeyError) as exc:
            raise BackupError(f"{name} is not a readable Laissez backup") from exc
    if not isinstance(manifest, dict):
        raise BackupError(f"{name} is not a readable Laissez backup")
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{name} has an unknown backup format or version")
    return manifest


def unpack(source: Path, directory: Path) -> dict[str, Any]:
    """Extract the database and key file of backup ``source`` into ``directory`` and check
    their SHA-256 against the manifest. Returns the manifest; raises ``BackupError``."""
    manifest = read_manifest(source)
    name = Path(source).name
    try:
        with _open_backup(source) as handle, tarfile.open(fileobj=handle, mode="r:") as tar:
            members = _members(tar, os.fstat(handle.fileno()).st_size, name)
            for member_name in (DB_MEMBER, KEYS_MEMBER):
                if member_name not in members:
                    raise BackupError(f"{name} lacks {member_name}")
                member = tar.extractfile(members[member_name])
                if member is None:
                    raise BackupError(f"{name} lacks {member_name}")
                target = directory / member_name
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(member, out)
                    out.flush()
                    os.fsync(out.fileno())
                if _sha256(target) != manifest["sha256"][member_name]:
                    raise BackupError(f"{name} is damaged: {member_name} does not match")
    except (OSError, tarfile.TarError, KeyError, TypeError) as exc:
        raise BackupError(f"{name} could not be read") from exc
    return manifest
