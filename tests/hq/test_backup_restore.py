"""The backup recipe of laissez/hq/README.md, run for real: ``pg_dump --format=custom`` of a
headquarters database with data in it, ``pg_restore`` into a fresh database, and the restored
service answers with the same changes, ranges and counters."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from laissez.hq.app import create_app
from laissez.hq.db import make_engine, session_factory
from laissez.hq.models import ChangeRecord, NumberCounter, NumberRangeRecord
from laissez.protocol import NumberRangeRequest
from tests.support.hq import batch, call, change, enrol, make_mission
from tests.support.pg import ADMIN_TOKEN, libpq_options, unique_code


def _counts(url: str) -> tuple[int, int, list[tuple[str, int]]]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as s:
            changes = s.scalar(select(func.count()).select_from(ChangeRecord)) or 0
            ranges = s.scalar(select(func.count()).select_from(NumberRangeRecord)) or 0
            counters = [
                (c.series, c.next_value)
                for c in s.scalars(select(NumberCounter).order_by(NumberCounter.series))
            ]
        return int(changes), int(ranges), counters
    finally:
        engine.dispose()


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
def test_a_dump_restores_into_a_working_headquarters(
    pg_url: str, pg_server: str, tmp_path: Path
) -> None:
    import os

    engine = make_engine(pg_url)
    with TestClient(create_app(engine=engine, admin_token=ADMIN_TOKEN, run_migrations=False)) as c:
        sessions = session_factory(engine)
        code = unique_code("BK")
        make_mission(sessions, code)
        dev = enrol(c, sessions, code)
        assert call(c, dev, "POST", "/v1/push", batch(change(), change())).status_code == 200
        body = NumberRangeRequest(request_id=uuid.uuid4(), size=25).to_bytes()
        assert call(c, dev, "POST", "/v1/number-ranges", body).status_code == 200
    engine.dispose()
    before = _counts(pg_url)
    dump = tmp_path / "laissez.dump"
    options, env = libpq_options(pg_url)
    run_env = {**os.environ, **env}
    database = make_url(pg_url).database or ""
    subprocess.run(
        ["pg_dump", *options, "--format=custom", f"--file={dump}", database],
        check=True, env=run_env, timeout=120,
    )  # fmt: skip
    assert dump.stat().st_size > 0
    scratch = f"laissez_restore_{secrets.token_hex(4)}"
    admin = create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{scratch}"'))
    try:
        subprocess.run(
            ["pg_restore", *options, "--no-owner", f"--dbname={scratch}", str(dump)],
            check=True, env=run_env, timeout=120,
        )  # fmt: skip
        restored_url = f"{pg_server}/{scratch}"
        assert _counts(restored_url) == before
        restored = make_engine(restored_url)
        app = create_app(engine=restored, admin_token=ADMIN_TOKEN, run_migrations=True)
        with TestClient(app) as c:  # migrations find the schema up to date; the device works
            assert call(c, dev, "GET", "/v1/pull").status_code == 200
        restored.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()
