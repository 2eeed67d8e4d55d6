"""Schema migrations with Alembic, run programmatically on an open (keyed) connection.

``Database.open`` calls ``needs_upgrade`` and, when the file is behind, makes an encrypted
backup and then ``upgrade``. A file whose revision this version does not know was migrated by
a newer Laissez: ``check_not_newer`` raises ``SchemaTooNewError`` and nothing is touched.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from laissez.storage.errors import SchemaTooNewError

if TYPE_CHECKING:  # alembic is imported where it is used: 0.1 s the desktop need not wait
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, metadata: Any = None) -> Config:
    """An Alembic ``Config`` for our migrations, bound to ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    cfg.attributes["target_metadata"] = metadata
    return cfg


@functools.cache
def _scripts() -> tuple[str, frozenset[str]]:
    """The head revision and every known revision (Alembic compiles every migration script to
    find them: done once per process)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head, frozenset(s.revision for s in script.walk_revisions())


def head_revision() -> str:
    """The newest revision this version of Laissez knows."""
    return _scripts()[0]


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty file)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(connection: Connection) -> None:
    """Raise ``SchemaTooNewError`` if the database is at a revision this version lacks."""
    rev = current_revision(connection)
    if rev is None:
        return
    if rev not in _scripts()[1]:
        raise SchemaTooNewError(
            f"the database is at schema revision {rev}, newer than this version of Laissez; "
            "install the newer version"
        )


def needs_upgrade(connection: Connection) -> bool:
    """Whether the database is behind the head revision."""
    check_not_newer(connection)
    return current_revision(connection) != head_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Upgrade the database on ``connection`` to ``target`` (inside its transaction)."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)


def is_schema_error(exc: BaseException) -> bool:
    """Whether ``exc`` says a table or column is missing (the file predates the models)."""
    text = str(getattr(exc, "orig", exc))
    return "no such table" in text or "no such column" in text


def revision_number(revision: str | None) -> int:
    """Our revisions are numbered (``0002``, or ``0007_<name>`` when several were written at
    once): the number, 0 for an empty file."""
    digits = (revision or "").split("_", 1)[0]
    return int(digits) if digits.isdigit() else 0
