"""Document numbers after PostgreSQL is restored from an older dump: headquarters never hands
out a number it handed out before the restore (``laissez.hq.highwater``). Against real
PostgreSQL: ``pg_dump``/``pg_restore`` of a live headquarters, and a counter rolled back by SQL."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, delete, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from laissez.desktop.messages import describe_sync_failure
from laissez.hq import highwater
from laissez.hq.app import create_app
from laissez.hq.cli import main as hq_main
from laissez.hq.db import make_engine, session_factory
from laissez.hq.models import Mission, NumberCounter, NumberRangeRecord
from laissez.protocol import NumberRangeRequest
from laissez.protocol.kinds import DOCUMENT_ISSUED
from laissez.protocol.numbers import counter_key, number_prefix
from laissez.storage.sync.client import HqClient
from laissez.storage.sync.errors import HqNumbersPausedError
from tests.support.hq import Dev, batch, call, change, enrol, make_mission
from tests.support.pg import ADMIN_TOKEN, libpq_options, unique_code


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv(highwater.ENV_STATE_DIR, str(folder))
    return folder


def _ask(client: TestClient, dev: Dev, size: int) -> tuple[int, int]:
    body = NumberRangeRequest(request_id=uuid.uuid4(), size=size).to_bytes()
    resp = call(client, dev, "POST", "/v1/number-ranges", body)
    assert resp.status_code == 200, resp.text
    return resp.json()["first"], resp.json()["last"]


def _app(url: str) -> tuple[TestClient, sessionmaker[Session], object]:
    engine = make_engine(url)
    client = TestClient(create_app(engine=engine, admin_token=ADMIN_TOKEN, run_migrations=False))
    return client, session_factory(engine), engine


def _roll_back(sessions: sessionmaker[Session], code: str, to: int) -> None:
    """What restoring a dump made before ``to - 1`` numbers were out does to this mission:
    its counter back at ``to``, its later ranges gone."""
    key = counter_key("etd", code)
    with sessions() as s:
        mission = s.scalars(select(Mission).where(Mission.code == code)).one()
        s.execute(update(NumberCounter).where(NumberCounter.series == key).values(next_value=to))
        s.execute(delete(NumberRangeRecord).where(
            NumberRangeRecord.mission_id == mission.id, NumberRangeRecord.first >= to))  # fmt: skip
        s.commit()


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
def test_after_pg_restore_of_an_older_dump_no_number_is_given_twice(
    pg_url: str, pg_server: str, tmp_path: Path, state: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client, sessions, engine = _app(pg_url)
    code = unique_code("RS")
    with client:
        make_mission(sessions, code)
        dev = enrol(client, sessions, code)
        assert _ask(client, dev, 25) == (1, 25)
        options, env = libpq_options(pg_url)
        run_env = {**os.environ, **env}
        dump = tmp_path / "older.dump"
        subprocess.run(
            ["pg_dump", *options, "--format=custom", f"--file={dump}",
             make_url(pg_url).database or ""], check=True, env=run_env, timeout=120,
        )  # fmt: skip
        # after the dump, the mission's devices receive 26..75 and issue from them
        assert _ask(client, dev, 50) == (26, 75)
    engine.dispose()  # type: ignore[attr-defined]

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
        with session_factory(make_engine(restored_url))() as s:
            key = counter_key("etd", code)
            behind = s.scalar(select(NumberCounter.next_value).where(NumberCounter.series == key))
        assert behind == 26  # the dump's counter: 26..75 would be handed out again
        with caplog.at_level("WARNING", logger="laissez.hq.highwater"):
            client, sessions, engine = _app(restored_url)
        assert any("moved from 26 to 76" in r.getMessage() for r in caplog.records)
        with client:
            other = enrol(client, sessions, code)
            first, last = _ask(client, other, 10)
        assert first == 76 and last == 85
        engine.dispose()  # type: ignore[attr-defined]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()


def test_a_counter_rolled_back_by_sql_is_moved_past_the_mark_before_the_next_range(
    pg_url: str, state: Path
) -> None:
    client, sessions, engine = _app(pg_url)
    code = unique_code("RB")
    with client:
        make_mission(sessions, code)
        dev = enrol(client, sessions, code)
        assert _ask(client, dev, 40) == (1, 40)
        _roll_back(sessions, code, 1)  # while the service runs: the mark is checked per range
        assert _ask(client, dev, 5) == (41, 45)
    engine.dispose()  # type: ignore[attr-defined]
    assert list(state.glob("numbers-*.json"))


def test_without_a_state_folder_issued_document_numbers_still_set_the_floor(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(highwater.ENV_STATE_DIR, raising=False)
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    client, sessions, engine = _app(pg_url)
    code = unique_code("RN")
    prefix = number_prefix(code)
    with client:
        make_mission(sessions, code)
        dev = enrol(client, sessions, code)
        assert _ask(client, dev, 60) == (1, 60)
        issued = change({"status": "issued", "valid_until": "2027-01-31",
                         "document_number": f"{prefix}000057"}, kind=DOCUMENT_ISSUED)  # fmt: skip
        assert call(client, dev, "POST", "/v1/push", batch(issued)).status_code == 200
        _roll_back(sessions, code, 1)  # the dump had neither the range nor the counter
    engine.dispose()  # type: ignore[attr-defined]
    # the next start reads the mission's reported document and starts after it
    client, sessions, engine = _app(pg_url)
    with client:
        assert _ask(client, dev, 5) == (58, 62)
    engine.dispose()  # type: ignore[attr-defined]
    status = hq_main(["--database", pg_url, "migrate"])
    assert status == 0


def test_a_damaged_mark_file_stops_ranges_with_a_sentence_not_a_guess(
    pg_url: str, state: Path
) -> None:
    client, sessions, engine = _app(pg_url)
    code = unique_code("RD")
    with client:
        make_mission(sessions, code)
        dev = enrol(client, sessions, code)
        assert _ask(client, dev, 3) == (1, 3)
        for path in state.glob("numbers-*.json"):
            path.write_text("{not json")
        body = NumberRangeRequest(request_id=uuid.uuid4(), size=3).to_bytes()
        resp = call(client, dev, "POST", "/v1/number-ranges", body)
        assert resp.status_code == 503 and resp.json()["code"] == "numbers.highwater"
        assert "cannot be read" in resp.json()["message"]
        assert call(client, dev, "POST", "/v1/push", batch(change())).status_code == 200
        # the mission's own client: not "cannot be reached" but what it is, and what to do
        with HqClient("http://testserver", dev.device_id, dev.key,
                      transport=client._transport) as hq:  # fmt: skip
            with pytest.raises(HqNumbersPausedError) as paused:
                hq.request_range(NumberRangeRequest(request_id=uuid.uuid4(), size=3))
        sentence = describe_sync_failure(paused.value)
        assert "gives no document numbers for now" in sentence and "work is kept" in sentence
    engine.dispose()  # type: ignore[attr-defined]


def test_each_worker_start_reconciles_once_and_again_changes_nothing(
    pg_url: str, state: Path
) -> None:
    engine = make_engine(pg_url)
    with session_factory(engine)() as s:
        first = highwater.reconcile(s)
        s.commit()
        assert highwater.reconcile(s) == []
    engine.dispose()
    assert isinstance(first, list)
