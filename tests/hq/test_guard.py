"""Headquarters refuses before it reads: 400/401/413/422 in that order of concern, a bad change
refused alone, documentation behind the admin token, and memory that stays low while someone
sends oversized bodies to a real ``laissez-hq`` process on PostgreSQL."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from laissez.hq.app import MAX_BODY_BYTES, create_app
from laissez.hq.db import make_engine, session_factory
from laissez.protocol.signing import sign_request
from tests.support.hq import Dev, batch, call, change, enrol, make_mission, unchecked_change
from tests.support.pg import ADMIN_TOKEN, HqServer, unique_code


def test_unsigned_malformed_and_oversized_bodies_get_401_first(env, dev: Dev) -> None:
    client, _ = env
    resp = client.post("/v1/push", content=b"{not json", headers={"content-type": "x"})
    assert resp.status_code == 401
    huge = b"x" * (MAX_BODY_BYTES + 10)
    resp = client.post("/v1/push", content=huge)
    assert resp.status_code == 401


def test_a_signed_oversized_body_gets_413_and_a_signed_malformed_one_422(env, dev: Dev) -> None:
    client, _ = env
    huge = b"x" * (MAX_BODY_BYTES + 10)
    resp = call(client, dev, "POST", "/v1/push", huge)
    assert (resp.status_code, resp.json()["code"]) == (413, "request.too_large")
    resp = call(client, dev, "POST", "/v1/push", b"{not json")
    assert resp.status_code == 422
    resp = client.post("/v1/push", content=b"{}", headers={"content-length": "12x"})
    assert resp.status_code in (400, 401)


def test_a_body_that_is_not_the_signed_one_gets_401(env, dev: Dev) -> None:
    client, _ = env
    body = batch(change())
    headers = sign_request(dev.key, dev.device_id, "POST", "/v1/push", body)
    resp = client.post("/v1/push", content=body + b" ", headers=headers)
    assert resp.status_code == 401


def test_a_nul_character_is_refused_alone_and_the_batch_is_stored(env, dev: Dev) -> None:
    client, _ = env
    good = change({"status": "draft"})
    bad = unchecked_change({"status": "dr\x00aft"})
    odd_key = unchecked_change({"no\x00te": "x"})
    resp = call(client, dev, "POST", "/v1/push", batch(good, bad, odd_key))
    assert resp.status_code == 200
    acks = {a["change_id"]: (a["status"], a.get("reason")) for a in resp.json()["acks"]}
    assert acks[str(good.change_id)][0] == "accepted"
    assert acks[str(bad.change_id)] == ("rejected", "nul_character")
    assert acks[str(odd_key.change_id)] == ("rejected", "nul_character")


def test_enrolment_bodies_are_small_and_docs_are_off(env) -> None:
    client, _ = env
    resp = client.post("/v1/enrol", content=b"{" + b" " * 70_000 + b"}")
    assert resp.status_code == 413
    for path in ("/docs", "/openapi.json", "/redoc"):
        assert client.get(path).status_code in (401, 404)
    assert client.get("/v1/admin/report").status_code == 401


def test_docs_when_switched_on_need_the_admin_token(pg_url: str, monkeypatch) -> None:
    monkeypatch.setenv("LAISSEZ_HQ_DOCS", "1")
    engine = make_engine(pg_url)
    app = create_app(engine=engine, admin_token=ADMIN_TOKEN, run_migrations=False)
    with TestClient(app) as client:
        assert client.get("/openapi.json").status_code == 401
        auth = {"authorization": f"Bearer {ADMIN_TOKEN}"}
        assert client.get("/openapi.json", headers=auth).status_code == 200
    engine.dispose()


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _send_raw(port: int, headers: bytes, size: int) -> None:
    """Send ``size`` bytes of body after ``headers``, as fast as HQ takes them."""
    chunk = b"x" * 65536
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(headers)
            sent = 0
            while sent < size:
                sock.sendall(chunk)
                sent += len(chunk)
    except OSError:
        pass  # HQ answered and closed: what it should do


def test_hq_memory_stays_low_while_it_receives_oversized_bodies(
    hq_server: HqServer, pg_url: str
) -> None:
    assert hq_server.process is not None
    pid = hq_server.process.pid
    sessions = session_factory(make_engine(pg_url))
    code = unique_code()
    make_mission(sessions, code)
    with httpx.Client(base_url=hq_server.url) as client:
        dev = enrol(client, sessions, code)
    before = _rss(pid)
    peak = before
    size = 150 * 1024 * 1024
    unsigned = (
        b"POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % size
    )
    signed_headers = sign_request(dev.key, dev.device_id, "POST", "/v1/push", b"")
    signed = (
        b"POST /v1/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + b"".join(f"{k}: {v}\r\n".encode() for k, v in signed_headers.items())
        + b"\r\n"
    )
    threads = [
        threading.Thread(target=_send_raw, args=(hq_server.port, head, size))
        for head in (unsigned, unsigned, signed, signed)
    ]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    while any(t.is_alive() for t in threads) and time.monotonic() - started < 60:
        peak = max(peak, _rss(pid))
        time.sleep(0.05)
    health = httpx.get(f"{hq_server.url}/health", timeout=5)
    assert health.status_code == 200
    print(f"HQ RSS before {before / 2**20:.0f} MB, peak {peak / 2**20:.0f} MB")
    assert peak < 300 * 2**20


def test_the_client_refuses_plain_http_to_another_computer() -> None:
    from laissez.storage.sync.client import check_url
    from laissez.storage.sync.errors import InsecureUrlError

    for url in ("http://hq.example.org", "ftp://hq.example.org", "http://10.0.0.5:8000"):
        with pytest.raises(InsecureUrlError):
            check_url(url)
    for url in ("https://hq.example.org", "http://127.0.0.1:8000", "http://localhost:8000"):
        check_url(url)
