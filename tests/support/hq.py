"""Helpers for headquarters tests: missions, enrolled devices, signed requests."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session, sessionmaker

from laissez.hq import admin
from laissez.protocol import Change, EnrolRequest, PushBatch, kinds
from laissez.protocol.kinds import Kind
from laissez.protocol.signing import generate_device_key, public_key_text, sign_request


@dataclass
class Dev:
    """An enrolled test device."""

    device_id: str
    key: Ed25519PrivateKey
    mission_code: str


def make_mission(sessions: sessionmaker[Session], code: str, **kwargs: Any) -> None:
    """Create a mission through the admin functions (what ``laissez-hq admin`` does)."""
    with sessions() as s:
        admin.create_mission(s, code, f"Mission {code}", **kwargs)
        s.commit()


def new_code(sessions: sessionmaker[Session], mission_code: str) -> str:
    """A fresh one-time enrolment code for the mission."""
    with sessions() as s:
        code = admin.create_enrolment_code(s, mission_code)
        s.commit()
    return code


def enrol(client: httpx.Client, sessions: sessionmaker[Session], mission_code: str) -> Dev:
    """Enrol a new device of the mission over HTTP."""
    key = generate_device_key()
    body = EnrolRequest(
        enrolment_code=new_code(sessions, mission_code), public_key=public_key_text(key)
    ).to_bytes()
    resp = client.post("/v1/enrol", content=body, headers={"content-type": "application/json"})
    assert resp.status_code == 200, resp.text
    return Dev(resp.json()["device_id"], key, mission_code)


def call(
    client: httpx.Client,
    dev: Dev,
    method: str,
    path: str,
    body: bytes = b"",
    **sign_kwargs: Any,
) -> httpx.Response:
    """A request signed by ``dev`` (``sign_kwargs``: ``now``/``nonce`` to forge)."""
    headers = sign_request(dev.key, dev.device_id, method, path, body, **sign_kwargs)
    if body:
        headers["content-type"] = "application/json"
    return client.request(method, path, content=body or None, headers=headers)


def change(
    payload: Mapping[str, Any] | None = None,
    *,
    kind: Kind = kinds.CASE_OPENED,
    change_id: uuid.UUID | None = None,
    entity_id: str | None = None,
) -> Change:
    """A change built through the contract (``kind``, default a case opened): a validated
    payload and a correct hash. Never hand-written entity and operation names."""
    return kind.change(
        entity_id or str(uuid.uuid4()),
        payload if payload is not None else {"status": "draft"},
        change_id=change_id,
    )


def batch(*changes: Change) -> bytes:
    """A push body carrying ``changes``."""
    return PushBatch(batch_id=uuid.uuid4(), changes=list(changes)).to_bytes()
