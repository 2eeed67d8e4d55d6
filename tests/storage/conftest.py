"""Fixtures: a real SQLCipher database on disk, made with cheap Argon2id parameters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from laissez.storage.database import DATABASE_NAME, Database
from laissez.storage.keys import TEST_KDF
from tests.support.storage import ADMIN, ADMIN_PASS


@pytest.fixture
def db_path(isolated_dirs: Path) -> Path:
    """Where the test database lives (inside the isolated data directory)."""
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    return isolated_dirs / DATABASE_NAME


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new encrypted database, unlocked by its first administrator."""
    database = Database.create(
        db_path, username=ADMIN, passphrase=ADMIN_PASS, kdf=TEST_KDF, mission_code="BER"
    )
    try:
        yield database
    finally:
        database.close()
