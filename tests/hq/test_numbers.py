"""Document numbers at headquarters: one counter per mission prefix, a stated capacity
(999,999 per prefix) that is never passed, per-device and per-mission quotas, and a warning
before a mission runs low."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from laissez.casework.errors import NoDocumentNumbersError
from laissez.casework.numbers import format_document_number
from laissez.hq.models import Mission, NumberCounter
from laissez.protocol import NumberRangeRequest
from laissez.protocol.numbers import CAPACITY_PER_PREFIX, counter_key, number_prefix
from tests.support.hq import Dev, call, enrol, make_mission
from tests.support.pg import ADMIN_TOKEN, unique_code

ADMIN = {"authorization": f"Bearer {ADMIN_TOKEN}"}


def _mission(sessions: sessionmaker[Session], prefix: str, **config: int) -> str:
    code = unique_code(prefix)
    make_mission(sessions, code)
    if config:
        with sessions() as s:
            mission = s.query(Mission).filter_by(code=code).one()
            mission.config = {**(mission.config or {}), **config}
            s.commit()
    return code


def _ask(client: TestClient, dev: Dev, size: int, series: str = "etd") -> tuple[int, dict]:
    body = NumberRangeRequest(request_id=uuid.uuid4(), series=series, size=size).to_bytes()
    resp = call(client, dev, "POST", "/v1/number-ranges", body)
    return resp.status_code, resp.json()


def test_the_number_format_holds_999999_numbers_per_prefix() -> None:
    assert CAPACITY_PER_PREFIX == 999_999
    assert format_document_number("DAC", CAPACITY_PER_PREFIX) == "DAC999999"
    with pytest.raises(NoDocumentNumbersError):
        format_document_number("DAC", CAPACITY_PER_PREFIX + 1)


def test_one_mission_using_up_its_prefix_leaves_another_mission_able_to_issue(env) -> None:
    client, sessions = env
    series = f"s{uuid.uuid4().hex[:8]}"
    big = 10**7
    code_b = _mission(sessions, "QB", number_quota_device=big, number_quota_mission=big)
    code_a = _mission(sessions, "QA")
    assert number_prefix(code_a) != number_prefix(code_b)
    dev_b = enrol(client, sessions, code_b)
    dev_a = enrol(client, sessions, code_a)
    answers = [_ask(client, dev_b, 100_000, series) for _ in range(10)]
    assert [status for status, _ in answers] == [200] * 9 + [409]
    assert answers[-1][1]["code"] == "numbers.capacity"
    assert answers[8][1]["last"] == 900_000
    status, got = _ask(client, dev_a, 50, series)
    assert (status, got["first"], got["last"]) == (200, 1, 50)


def test_the_last_numbers_of_a_prefix_are_given_and_never_one_more(env) -> None:
    client, sessions = env
    series = f"s{uuid.uuid4().hex[:8]}"
    code = _mission(sessions, "QC")
    with sessions() as s:
        s.add(NumberCounter(series=counter_key(series, code), next_value=CAPACITY_PER_PREFIX - 5))
        s.commit()
    dev = enrol(client, sessions, code)
    assert _ask(client, dev, 7, series)[0] == 409
    status, got = _ask(client, dev, 6, series)
    assert (status, got["last"]) == (200, CAPACITY_PER_PREFIX)
    status, got = _ask(client, dev, 1, series)
    assert (status, got["code"]) == (409, "numbers.capacity")


def test_device_and_mission_quotas_are_refusals_not_outages(env) -> None:
    client, sessions = env
    code = _mission(sessions, "QD", number_quota_device=100, number_quota_mission=150)
    one, two = enrol(client, sessions, code), enrol(client, sessions, code)
    assert _ask(client, one, 60)[0] == 200
    status, got = _ask(client, one, 60)
    assert (status, got["code"]) == (403, "numbers.quota") and "device" in got["message"]
    assert _ask(client, two, 80)[0] == 200
    status, got = _ask(client, two, 20)
    assert (status, got["code"]) == (403, "numbers.quota") and "mission" in got["message"]


def test_headquarters_warns_before_a_mission_runs_low(env, caplog) -> None:
    client, sessions = env
    code = _mission(sessions, "QE", number_quota_device=1000, number_quota_mission=1000)
    dev = enrol(client, sessions, code)
    assert _ask(client, dev, 800)[0] == 200
    standing = {m["mission_code"]: m for m in client.get("/v1/admin/numbers", headers=ADMIN).json()}
    assert standing[code]["left"] == 200 and standing[code]["low"] is False
    with caplog.at_level("WARNING", logger="laissez.hq.sync"):
        assert _ask(client, dev, 150)[0] == 200
    assert any("low on document numbers" in r.getMessage() for r in caplog.records)
    standing = {m["mission_code"]: m for m in client.get("/v1/admin/numbers", headers=ADMIN).json()}
    assert standing[code]["left"] == 50 and standing[code]["low"] is True
    assert client.get("/v1/admin/numbers").status_code == 401


def test_a_prefix_counter_starts_after_the_former_single_counter(env) -> None:
    client, sessions = env
    series = f"s{uuid.uuid4().hex[:8]}"
    with sessions() as s:
        s.add(NumberCounter(series=series, next_value=5000))  # what an earlier version left
        s.commit()
    code = _mission(sessions, "QF")
    dev = enrol(client, sessions, code)
    status, got = _ask(client, dev, 10, series)
    assert (status, got["first"]) == (200, 5000)
