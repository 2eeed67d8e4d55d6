"""Alembic migrations of the local database (run through ``laissez.storage.migrate``)."""
