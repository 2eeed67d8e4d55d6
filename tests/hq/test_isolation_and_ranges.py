"""Mission isolation (a device of one mission tries to reach another's data and fails), and
document-number ranges that never overlap, even when many devices ask at the same moment."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from laissez.hq import admin
from laissez.hq import sync as hq_sync
from laissez.hq.app import create_app
from laissez.hq.db import make_engine
from laissez.hq.models import Base, ChangeRecord, Conflict, Device
from laissez.protocol import NumberRangeRequest
from tests.support.hq import Dev, batch, call, change, enrol, make_mission
from tests.support.pg import unique_code


def _new_mission(sessions: sessionmaker[Session]) -> str:
    code = unique_code("C")
    make_mission(sessions, code)
    return code


@pytest.fixture
def two(env) -> tuple[Dev, Dev]:
    client, sessions = env
    a, b = unique_code("A"), unique_code("B")
    make_mission(sessions, a)
    make_mission(sessions, b)
    return enrol(client, sessions, a), enrol(client, sessions, b)


def test_a_device_cannot_read_or_touch_another_missions_changes(env, two) -> None:
    client, sessions = env
    dev_a, dev_b = two
    original = change({"status": "mission_a_only"})
    assert call(client, dev_a, "POST", "/v1/push", batch(original)).json()["acks"][0]["status"] == (
        "accepted"
    )
    # B replays A's change id with other content, then with the very same content
    hostile = change(
        {"status": "closed"}, change_id=original.change_id, entity_id=original.entity_id
    )
    acks = call(client, dev_b, "POST", "/v1/push", batch(hostile)).json()["acks"]
    assert acks[0]["status"] == "accepted"  # a new record of B, not a conflict in A
    dev_c = enrol(client, sessions, _new_mission(sessions))
    copy = call(client, dev_c, "POST", "/v1/push", batch(original)).json()["acks"]
    assert copy[0]["status"] == "accepted"  # not "duplicate": C learns nothing about A

    with sessions() as s:
        a_rows = s.scalars(
            select(ChangeRecord.payload)
            .join(Device, Device.id == ChangeRecord.device_id)
            .where(
                ChangeRecord.change_id == original.change_id,
                Device.id == uuid.UUID(dev_a.device_id),
            )
        ).all()
        conflicts = s.scalar(
            select(func.count())
            .select_from(Conflict)
            .where(Conflict.change_id == original.change_id)
        )
    assert a_rows == [{"status": "mission_a_only"}]
    assert conflicts == 0

    seen_by_b = call(client, dev_b, "GET", "/v1/changes?mission=" + dev_a.mission_code).json()
    seen_by_a = call(client, dev_a, "GET", "/v1/changes").json()
    assert [c["payload"]["status"] for c in seen_by_a] == ["mission_a_only"]
    assert [c["payload"] for c in seen_by_b] == [{"status": "closed"}]


def test_a_device_cannot_see_another_missions_revocations_ranges_or_config(env, two) -> None:
    client, sessions = env
    dev_a, dev_b = two
    with sessions() as s:
        admin.revoke_document(s, dev_a.mission_code, "A0000001", "consent_withdrawn")
        admin.set_config(s, dev_a.mission_code, "secret_setting", "a-only")
        s.commit()
    req = NumberRangeRequest(request_id=uuid.uuid4(), size=10).to_bytes()
    assert call(client, dev_a, "POST", "/v1/number-ranges", req).status_code == 200
    pulled_b = call(client, dev_b, "GET", "/v1/pull").json()
    assert pulled_b["revocations"] == []
    assert pulled_b["number_ranges"] == []
    assert "secret_setting" not in pulled_b["configuration"]
    assert pulled_b["mission_code"] == dev_b.mission_code
    pulled_a = call(client, dev_a, "GET", "/v1/pull").json()
    assert [r["document_number"] for r in pulled_a["revocations"]] == ["A0000001"]


def test_a_device_cannot_sign_as_another_device(env, two) -> None:
    client, _ = env
    dev_a, dev_b = two
    impostor = Dev(dev_a.device_id, dev_b.key, dev_b.mission_code)
    resp = call(client, impostor, "GET", "/v1/changes")
    assert (resp.status_code, resp.json()["code"]) == (401, "auth.signature")


def test_number_ranges_never_overlap_under_concurrency(env) -> None:
    client, sessions = env
    code = unique_code("R")
    make_mission(sessions, code)
    devs = [enrol(client, sessions, code) for _ in range(4)]
    series = f"s{uuid.uuid4().hex[:8]}"

    def ask(i: int) -> tuple[int, int]:
        with sessions() as s:
            device = s.get(Device, uuid.UUID(devs[i % 4].device_id))
            assert device is not None
            got = hq_sync.allocate_range(
                s, device, NumberRangeRequest(request_id=uuid.uuid4(), series=series, size=7)
            )
            s.commit()
            return got.first, got.last

    with ThreadPoolExecutor(8) as pool:
        ranges = sorted(pool.map(ask, range(40)))
    numbers = [n for first, last in ranges for n in range(first, last + 1)]
    assert len(numbers) == len(set(numbers)) == 280
    assert numbers == list(range(1, 281))


def test_asking_again_with_the_same_request_id_returns_the_same_range(env) -> None:
    client, sessions = env
    code = unique_code("R")
    make_mission(sessions, code)
    dev = enrol(client, sessions, code)
    body = NumberRangeRequest(request_id=uuid.uuid4(), size=50).to_bytes()
    first = call(client, dev, "POST", "/v1/number-ranges", body).json()
    again = call(client, dev, "POST", "/v1/number-ranges", body).json()
    assert first == again
    assert call(client, dev, "GET", "/v1/pull").json()["number_ranges"] == [first]


def test_the_migrations_build_exactly_the_models(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_the_committed_openapi_schema_is_the_generated_one() -> None:
    committed = Path(__file__).resolve().parents[2] / "laissez" / "hq" / "openapi.json"
    generated = create_app().openapi()
    assert json.loads(committed.read_text(encoding="utf-8")) == generated, (
        "regenerate with: python -m laissez.hq.cli openapi > laissez/hq/openapi.json"
    )
    assert {"/v1/enrol", "/v1/push", "/v1/pull", "/v1/number-ranges"} <= set(generated["paths"])


def test_the_same_change_delivered_concurrently_is_stored_once(env) -> None:
    client, sessions = env
    code = unique_code("D")
    make_mission(sessions, code)
    dev = enrol(client, sessions, code)
    from laissez.protocol import PushBatch
    from tests.support.hq import change

    same = [change({"status": f"s{i}"}) for i in range(20)]
    clash = change({"status": "other"}, change_id=same[0].change_id, entity_id=same[0].entity_id)

    def deliver(i: int) -> list[str]:
        body = PushBatch(batch_id=uuid.uuid4(), changes=[clash] if i == 7 else same)
        with sessions() as s:
            device = s.get(Device, uuid.UUID(dev.device_id))
            assert device is not None
            ack = hq_sync.ingest(s, device, body)
            s.commit()
        return [a.status.value for a in ack.acks]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(deliver, range(8)))
    with sessions() as s:
        stored = s.scalar(
            select(func.count())
            .select_from(ChangeRecord)
            .where(ChangeRecord.device_id == uuid.UUID(dev.device_id))
        )
        conflicts = s.scalar(
            select(func.count())
            .select_from(Conflict)
            .where(Conflict.change_id == same[0].change_id)
        )
    assert stored == 21  # 20 changes once each, plus the one clashing version
    assert conflicts == 1
    firsts = [r[0] for i, r in enumerate(results) if i != 7]
    assert firsts.count("accepted") + (results[7] == ["accepted"]) == 1


def test_a_mission_sees_its_own_conflicts_only(env, two) -> None:
    client, _ = env
    dev_a, dev_b = two
    first = change({"status": "draft"})
    clash = change({"status": "closed"}, change_id=first.change_id, entity_id=first.entity_id)
    call(client, dev_a, "POST", "/v1/push", batch(first))
    call(client, dev_a, "POST", "/v1/push", batch(clash))
    seen_a = call(client, dev_a, "GET", "/v1/conflicts").json()
    assert [c["change_id"] for c in seen_a] == [str(first.change_id)]
    assert call(client, dev_b, "GET", "/v1/conflicts").json() == []
