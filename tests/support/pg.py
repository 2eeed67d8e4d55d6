"""PostgreSQL and headquarters-server fixtures and helpers (the fixtures are registered for
every test directory in ``tests/conftest.py``; tests/hq, tests/sync and desktop tests use them).

Tests find PostgreSQL at ``$LAISSEZ_TEST_PG`` (a server URL without database, such as
``postgresql+psycopg://postgres@127.0.0.1:5432``), else at 127.0.0.1:5432 if it answers, else
they start a throwaway cluster from the installed binaries (``LAISSEZ_TEST_PG=throwaway``
forces that). Each test session creates its own uniquely named database and drops it at the
end. In CI, no PostgreSQL fails the run instead of skipping it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
ADMIN_TOKEN = "test-admin-token-" + "x" * 16


THROWAWAY = "throwaway"


def _answers(server: str) -> bool:
    engine = create_engine(f"{server}/postgres", connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def _no_postgres(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run the PostgreSQL tests)")
    pytest.skip(message)


def _pg_bin(name: str) -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if found:
        return found[-1]
    which = shutil.which(name)
    return Path(which) if which else None


def start_throwaway_cluster(base: Path) -> tuple[str, Callable[[], None]]:
    """initdb and start a private PostgreSQL on a free port under ``base``; returns its URL
    and a function that stops it. As root, the cluster runs as the ``postgres`` user."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("initdb/pg_ctl not found")
    data = base / "pgdata"
    data.mkdir(parents=True)
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(data, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    run = functools.partial(subprocess.run, check=True, capture_output=True, timeout=120)
    run([*prefix, str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(data / "server.log")
    run([*prefix, str(pg_ctl), "-D", str(data), "-o", options, "-w", "-l", log, "start"])

    def stop() -> None:
        subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}", stop


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL (without database) of a PostgreSQL server for this test session."""
    wanted = os.environ.get("LAISSEZ_TEST_PG", "").rstrip("/")
    if wanted and wanted != THROWAWAY:
        if not _answers(wanted):
            _no_postgres(f"PostgreSQL at $LAISSEZ_TEST_PG does not answer: {wanted}")
        yield wanted
        return
    if not wanted and _answers(DEFAULT_SERVER):
        yield DEFAULT_SERVER
        return
    try:
        url, stop = start_throwaway_cluster(Path(tempfile.mkdtemp(prefix="laissez-pg-")))
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        _no_postgres(f"no PostgreSQL answers and none could be started: {type(exc).__name__}")
        return
    try:
        yield url
    finally:
        stop()


@contextlib.contextmanager
def fresh_database(pg_server: str) -> Iterator[str]:
    """A new, migrated PostgreSQL database on ``pg_server`` (its URL); dropped afterwards."""
    admin_engine = create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    name = f"laissez_test_{secrets.token_hex(6)}"
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{pg_server}/{name}"
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


@pytest.fixture(scope="session")
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session; dropped afterwards.

    Shared by every test: what one test publishes at headquarters (a form, consent terms, an
    advisal text) every later mission pulls. A module that publishes overrides ``pg_url`` and
    ``hq_process`` with :func:`fresh_database` and :func:`running_hq` at module scope."""
    with fresh_database(pg_server) as url:
        yield url


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


@contextlib.contextmanager
def running_hq(database_url: str) -> Iterator[HqServer]:
    """A ``laissez-hq`` process on ``database_url``, stopped afterwards."""
    server = HqServer(database_url, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def hq_process(pg_url: str) -> Iterator[HqServer]:
    """One headquarters process for the whole session (starting one costs seconds)."""
    with running_hq(pg_url) as server:
        yield server


@pytest.fixture
def hq(pg_url: str) -> Iterator[Session]:
    """A session on headquarters' database (``pg_url``), to look at or set up what
    headquarters holds."""
    engine = create_engine(pg_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def hq_server(hq_process: HqServer) -> HqServer:
    """The session's headquarters process, restarted first if a test killed it."""
    if hq_process.process is None or hq_process.process.poll() is not None:
        hq_process.process = None
        hq_process.start()
    return hq_process


def unique_code(prefix: str = "M") -> str:
    """A mission code no other test in this session uses."""
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


def libpq_options(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options of ``url`` for pg_dump/pg_restore (password in the environment)."""
    parsed = make_url(url)
    options = []
    if parsed.host:
        options += ["--host", parsed.host]
    if parsed.port:
        options += ["--port", str(parsed.port)]
    if parsed.username:
        options += ["--username", parsed.username]
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    return options, env
