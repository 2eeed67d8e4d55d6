"""SQLAlchemy engines on SQLCipher files.

The raw 256-bit key is applied in the DBAPI ``connect`` step with ``PRAGMA key = "x'<hex>'"`` so
it never sits in a URL, a log line or an exception. ``hide_parameters=True`` keeps bound values
(personal data) out of SQL error messages. Each connection gets:

* ``journal_mode = WAL`` and ``synchronous = FULL``: a commit that returned survives a crash;
* ``temp_store = MEMORY``: sorts and temporary tables never reach a temp file;
* ``secure_delete = ON``: deleted content is overwritten, not left in free pages;
* ``foreign_keys = ON`` and a ``busy_timeout``, so parallel sessions wait instead of failing.

SQLAlchemy's DEBUG lines that print fetched rows are filtered out (``_NoRowsFilter``).

Transactions begin with ``BEGIN IMMEDIATE`` (the write lock is taken up front), so two sessions
appending to the audit chain are serialised rather than failing at commit time. Connections
with the execution option ``READ_ONLY_OPTION`` begin with a deferred ``BEGIN`` instead: readers
never wait for a writer in WAL mode.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from laissez.storage.errors import DatabaseCorruptError

BUSY_TIMEOUT_MS = 10_000
#: execution option: start transactions with a plain (deferred) BEGIN, for read-only sessions.
READ_ONLY_OPTION = "laissez_read_only"


class _NoRowsFilter(logging.Filter):
    """Drops SQLAlchemy's DEBUG lines that print fetched rows (``Row (...)``): rows hold
    personal data, and a DEBUG level set on the root logger would otherwise let them reach the
    log file even with ``echo=False``. Bound parameters are already hidden by
    ``hide_parameters=True``."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Row")


_ROW_FILTER = _NoRowsFilter()


def _guard_engine_logging() -> None:
    logger = logging.getLogger("sqlalchemy.engine.Engine")
    if _ROW_FILTER not in logger.filters:
        logger.addFilter(_ROW_FILTER)


def _apply_key(dbapi_conn: Any, key: bytes) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    finally:
        cur.close()


def configure_connection(dbapi_conn: Any, *, wal: bool = True) -> None:
    """Apply the safety pragmas to a freshly opened (and keyed) DBAPI connection."""
    cur = dbapi_conn.cursor()
    try:
        # The first real read: with a wrong key SQLCipher fails here ("file is not a database").
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal:
            cur.execute("PRAGMA journal_mode = WAL").fetchone()
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA secure_delete = ON")
        cur.execute("PRAGMA foreign_keys = ON")
    finally:
        cur.close()


def connect_raw(path: Path, key: bytes | None) -> Any:
    """A DBAPI connection to ``path`` (SQLCipher with ``key``, or plain SQLite when ``key`` is
    None, for benchmarks only). Autocommit mode: callers issue BEGIN themselves. Raises
    ``DatabaseCorruptError`` when the key does not open the file."""
    if key is None:
        conn: Any = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        errors = (sqlcipher3.DatabaseError,)
        _apply_key(conn, key)
    try:
        configure_connection(conn)
    except errors as exc:
        conn.close()
        raise DatabaseCorruptError(
            f"database file {path.name} cannot be opened with this key or is damaged"
        ) from exc
    return conn


def make_engine(path: Path, key: bytes | None, *, pool_size: int = 5) -> Engine:
    """An engine whose connections are opened with ``connect_raw(path, key)``.

    ``key=None`` gives a plain SQLite engine with the same pragmas: only for benchmarks and
    tests that compare the two.
    """
    _guard_engine_logging()
    module: Any = sqlite3 if key is None else sqlcipher3

    def creator() -> Any:
        return connect_raw(path, key)

    engine = create_engine(
        "sqlite://",
        module=module,
        creator=creator,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=10,
        hide_parameters=True,
        echo=False,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
        # Check foreign keys at COMMIT, not per statement: the ORM may insert a case's rows in
        # any order within one flush. SQLite resets this pragma after each transaction.
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")

    return engine
