"""Alembic environment: always run programmatically on a connection Laissez opened (the key
is applied there), never from a URL. ``render_as_batch`` because SQLite cannot alter tables."""

from __future__ import annotations

from alembic import context

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - a misuse, not a user path
    raise RuntimeError("Laissez migrations run only through laissez.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata"),
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
