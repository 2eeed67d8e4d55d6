"""Engines, sessions and migrations of the headquarters database.

PostgreSQL is the real backend (``postgresql+psycopg://...``); ``--demo`` uses a SQLite file.
Engines hide bound parameters so a database error never prints personal values.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from laissez.hq.errors import ConfigurationError

ENV_DATABASE_URL = "LAISSEZ_HQ_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def demo_url() -> str:
    """The SQLite URL of the demo database, in the per-user data directory."""
    base = os.environ.get("LAISSEZ_DATA_DIR")
    if base:
        root = Path(base)
    else:
        from platformdirs import user_data_dir

        root = Path(user_data_dir("laissez"))
    root.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{root / 'hq-demo.sqlite'}"


def resolve_url(url: str | None, *, demo: bool) -> str:
    """The database URL to use: ``url``, else ``$LAISSEZ_HQ_DATABASE_URL``, else the demo
    SQLite file when ``demo``. Raises ``ConfigurationError`` when none applies."""
    chosen = url or os.environ.get(ENV_DATABASE_URL)
    if chosen:
        return chosen
    if demo:
        return demo_url()
    raise ConfigurationError(
        f"no database: pass --database postgresql+psycopg://..., set {ENV_DATABASE_URL}, "
        "or use --demo for a local SQLite demo"
    )


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with parameters hidden from errors and logs.

    On SQLite, foreign keys are enforced and a busy timeout lets threads wait their turn.
    """
    if url.startswith("sqlite"):
        engine = create_engine(
            url, hide_parameters=True, connect_args={"check_same_thread": False, "timeout": 30}
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.close()

        return engine
    return create_engine(url, hide_parameters=True, pool_size=10, max_overflow=20)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on ``engine`` that keep loaded values after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that migrates ``engine`` (no ini file needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database schema to the newest revision (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def insert_ignore(session: Session, model: Any, values: dict[str, Any]) -> Any:
    """An INSERT of ``values`` that does nothing when the row's key already exists."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model).values(**values).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model).values(**values).on_conflict_do_nothing()
