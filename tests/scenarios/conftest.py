"""Fixtures: a real encrypted database with officers, supervisors and a protection officer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.casework.world import World, world_at


@pytest.fixture
def world(isolated_dirs: Path) -> Iterator[World]:
    """A fresh database and one unlocked handle per user."""
    yield from world_at(isolated_dirs)
