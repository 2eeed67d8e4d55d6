"""A module's own headquarters: ``from tests.support.own_hq import pg_url, hq_process`` in a
test module that publishes at headquarters (forms, consent terms, advisal texts) or gives it
a country signing CA. The session's shared database and process would hand those to every
later test's missions; these two override ``pg_url`` and ``hq_process`` for the module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.pg import HqServer, fresh_database, running_hq


@pytest.fixture(scope="module")
def pg_url(pg_server: str) -> Iterator[str]:
    """A migrated database of this module's own."""
    with fresh_database(pg_server) as url:
        yield url


@pytest.fixture(scope="module")
def hq_process(pg_url: str) -> Iterator[HqServer]:
    """A ``laissez-hq`` process of this module's own, on its database."""
    with running_hq(pg_url) as server:
        yield server
