"""``laissez-hq --demo`` runs the same API on SQLite: enrol, push (idempotent, conflicts),
pull and number ranges all work there too."""

from __future__ import annotations

import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from laissez.hq.app import create_app
from laissez.hq.db import demo_url, make_engine, session_factory
from laissez.protocol import NumberRangeRequest
from tests.support.hq import batch, call, change, enrol, make_mission


def test_the_demo_database_serves_the_whole_protocol(isolated_dirs: Path) -> None:
    url = demo_url()
    assert url.startswith("sqlite:///") and str(isolated_dirs) in url
    engine = make_engine(url)
    try:
        with TestClient(create_app(engine=engine)) as client:
            sessions = session_factory(engine)
            make_mission(sessions, "DEMO")
            dev = enrol(client, sessions, "DEMO")
            first = change({"status": "draft"})
            acks = call(client, dev, "POST", "/v1/push", batch(first, change())).json()["acks"]
            assert [a["status"] for a in acks] == ["accepted", "accepted"]
            again = call(client, dev, "POST", "/v1/push", batch(first)).json()["acks"]
            assert again[0]["status"] == "duplicate"
            clash = change(
                {"status": "other"}, change_id=first.change_id, entity_id=first.entity_id
            )
            assert (
                call(client, dev, "POST", "/v1/push", batch(clash)).json()["acks"][0]["status"]
                == "conflict"
            )
            body = NumberRangeRequest(request_id=uuid.uuid4(), size=10).to_bytes()
            got = call(client, dev, "POST", "/v1/number-ranges", body).json()
            assert (got["first"], got["last"]) == (1, 10)
            pulled = call(client, dev, "GET", "/v1/pull").json()
            assert pulled["number_ranges"] == [got]
            assert len(call(client, dev, "GET", "/v1/changes").json()) == 3
    finally:
        engine.dispose()
