"""Fixtures of the contract tests: a real PostgreSQL database, a real headquarters process."""

from __future__ import annotations

from tests.hq.pgutil import hq_process, hq_server, pg_server, pg_url  # noqa: F401 - fixtures
