"""The files that make up one installation's database, named from the database file.

``laissez.db`` is the SQLCipher file; next to it live its key slots (``laissez.db.keys``) and,
while it is open, SQLite's sidecar files. Every module that copies, replaces or unlocks the
database names them through these functions, so none of them needs ``Database`` for it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATABASE_NAME", "default_backup_dir", "keys_path", "sidecars"]

DATABASE_NAME = "laissez.db"


def keys_path(path: Path) -> Path:
    """The key-slot file that belongs to database ``path``."""
    return path.with_name(path.name + ".keys")


def sidecars(path: Path) -> list[Path]:
    """SQLite's write-ahead log, shared-memory and journal files of database ``path``."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def default_backup_dir(path: Path) -> Path:
    """Where automatic backups of database ``path`` go."""
    return path.parent / "backups"
