"""PostgreSQL and headquarters-server helpers shared by tests/hq and tests/sync.

Tests find PostgreSQL at ``$LAISSEZ_TEST_PG`` (a server URL without database, such as
``postgresql+psycopg://postgres@127.0.0.1:5432``), else at 127.0.0.1:5432. Each test session
creates its own uniquely named database and drops it at the end. In CI an unreachable server
fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
ADMIN_TOKEN = "test-admin-token-" + "x" * 16


def server_url() -> str:
    """The PostgreSQL server URL (no database) tests use."""
    return os.environ.get("LAISSEZ_TEST_PG", DEFAULT_SERVER).rstrip("/")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session; dropped afterwards."""
    admin_url = f"{server_url()}/postgres"
    admin_engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin_engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        admin_engine.dispose()
        message = f"PostgreSQL is unreachable at {server_url()}: {type(exc).__name__}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the PostgreSQL tests)")
        pytest.skip(message)
    name = f"laissez_test_{secrets.token_hex(6)}"
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{server_url()}/{name}"
    from laissez.hq.db import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class HqServer:
    """A real ``laissez-hq serve`` process on 127.0.0.1 that tests can kill and restart."""

    database_url: str
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The base URL of the service."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the process and wait until ``/health`` answers (at most 30 s)."""
        env = dict(os.environ, LAISSEZ_HQ_ADMIN_TOKEN=ADMIN_TOKEN)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "laissez.hq.cli", "--database", self.database_url,
             "--port", str(self.port), "serve"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("laissez-hq exited at start")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("laissez-hq did not answer within 30 s")

    def kill(self) -> None:
        """Kill the process at once (SIGKILL): a crash, not a clean shutdown."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        """Stop the process politely, killing it if it does not stop within 10 s."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None


@pytest.fixture
def hq_server(pg_url: str) -> Iterator[HqServer]:
    """A running headquarters process on the session's database."""
    server = HqServer(pg_url, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def unique_code(prefix: str = "M") -> str:
    """A mission code no other test in this session uses."""
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"
