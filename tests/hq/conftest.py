"""Fixtures of the headquarters tests: the real app on PostgreSQL, and an enrolled device."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from laissez.hq.app import create_app
from laissez.hq.db import make_engine, session_factory
from tests.support.hq import Dev, enrol, make_mission
from tests.support.pg import ADMIN_TOKEN, unique_code


@pytest.fixture
def env(pg_url: str) -> Iterator[tuple[TestClient, sessionmaker[Session]]]:
    """A test client of the headquarters app on the test database, and its session factory."""
    engine = make_engine(pg_url)
    app = create_app(engine=engine, admin_token=ADMIN_TOKEN, run_migrations=False)
    with TestClient(app) as client:
        yield client, session_factory(engine)
    engine.dispose()


@pytest.fixture
def dev(env: tuple[TestClient, sessionmaker[Session]]) -> Dev:
    """A device enrolled in a new mission."""
    client, sessions = env
    code = unique_code()
    make_mission(sessions, code)
    return enrol(client, sessions, code)
