"""Fixtures that several test directories use (registered in ``tests/conftest.py`` through
``pytest_plugins``). The PostgreSQL and headquarters fixtures live in ``tests.support.pg``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.world import World


@pytest.fixture
def world(isolated_dirs: Path) -> Iterator[World]:
    """A mission world in the data directory (see ``tests/support/world.py``): a fresh
    database and one unlocked handle per user (officers ``oscar``/``olga``, supervisors
    ``sam``/``sue``, protection officer ``pat``), a test signer and 1000 document numbers.
    ``world.new_case(until=CaseState.X)`` walks a case there."""
    from tests.support.world import world_at  # imported late: it builds a signer and a photo

    yield from world_at(isolated_dirs)
