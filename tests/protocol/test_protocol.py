"""The wire protocol: signatures bind every part of a request; hashes are stable; minimisation
keeps protection details and unconsented identity fields on the mission."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from laissez.protocol import (
    BadKeyError,
    BadSignatureError,
    Change,
    MissingHeaderError,
    PushBatch,
    StaleRequestError,
    change_content_hash,
)
from laissez.protocol.minimise import minimise_payload
from laissez.protocol.signing import (
    HEADER_NONCE,
    HEADER_SIGNATURE,
    generate_device_key,
    load_private_key,
    load_public_key,
    parse_headers,
    private_key_bytes,
    public_key_text,
    sign_request,
    verify_request,
)

NOW = 1_800_000_000.0


def _signed(body: bytes = b'{"a":1}', path: str = "/v1/push") -> tuple:
    key = generate_device_key()
    headers = sign_request(key, "dev-1", "POST", path, body, now=NOW)
    return key, headers


def test_a_signed_request_verifies() -> None:
    key, headers = _signed()
    public = load_public_key(public_key_text(key))
    verify_request(public, parse_headers(headers), "POST", "/v1/push", b'{"a":1}', now=NOW + 10)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v1/push", b'{"a":1}'),
        ("POST", "/v1/pull", b'{"a":1}'),
        ("POST", "/v1/push", b'{"a":2}'),
        ("POST", "/v1/push?x=1", b'{"a":1}'),
    ],
)
def test_changing_method_path_or_body_breaks_the_signature(
    method: str, path: str, body: bytes
) -> None:
    key, headers = _signed()
    public = load_public_key(public_key_text(key))
    with pytest.raises(BadSignatureError):
        verify_request(public, parse_headers(headers), method, path, body, now=NOW)


def test_another_nonce_or_device_or_key_breaks_the_signature() -> None:
    key, headers = _signed()
    public = load_public_key(public_key_text(key))
    forged = dict(headers, **{HEADER_NONCE: "0" * 32})
    with pytest.raises(BadSignatureError):
        verify_request(public, parse_headers(forged), "POST", "/v1/push", b'{"a":1}', now=NOW)
    other = load_public_key(public_key_text(generate_device_key()))
    with pytest.raises(BadSignatureError):
        verify_request(other, parse_headers(headers), "POST", "/v1/push", b'{"a":1}', now=NOW)


def test_stale_and_future_timestamps_are_refused() -> None:
    key, headers = _signed()
    public = load_public_key(public_key_text(key))
    for now in (NOW + 301, NOW - 301):
        with pytest.raises(StaleRequestError):
            verify_request(public, parse_headers(headers), "POST", "/v1/push", b'{"a":1}', now=now)


def test_missing_or_malformed_headers_are_named() -> None:
    _, headers = _signed()
    without = {k: v for k, v in headers.items() if k != HEADER_SIGNATURE}
    with pytest.raises(MissingHeaderError, match=HEADER_SIGNATURE):
        parse_headers(without)
    with pytest.raises(MissingHeaderError, match=HEADER_NONCE):
        parse_headers(dict(headers, **{HEADER_NONCE: "xyz"}))


def test_keys_round_trip_and_bad_keys_are_typed_errors() -> None:
    key = generate_device_key()
    again = load_private_key(private_key_bytes(key))
    assert public_key_text(again) == public_key_text(key)
    with pytest.raises(BadKeyError):
        load_public_key("not-a-key")
    with pytest.raises(BadKeyError):
        load_private_key(b"short")


def test_content_hash_ignores_key_order_and_detects_any_change() -> None:
    a = change_content_hash(
        entity="case", entity_id="1", operation="create", schema_version=1, payload={"x": 1, "y": 2}
    )
    b = change_content_hash(
        entity="case", entity_id="1", operation="create", schema_version=1, payload={"y": 2, "x": 1}
    )
    c = change_content_hash(
        entity="case", entity_id="1", operation="create", schema_version=1, payload={"x": 1, "y": 3}
    )
    assert a == b != c


def test_change_build_sets_a_matching_hash_and_batches_refuse_duplicate_ids() -> None:
    change = Change.build(
        change_id=uuid.uuid4(), entity="case", entity_id="1", operation="create", payload={}
    )
    assert change.hash_matches()
    tampered = change.model_copy(update={"payload": {"x": 1}})
    assert not tampered.hash_matches()
    with pytest.raises(ValidationError):
        PushBatch(batch_id=uuid.uuid4(), changes=[change, change])
    round_trip = PushBatch.model_validate_json(
        PushBatch(batch_id=uuid.uuid4(), changes=[change]).to_bytes()
    )
    assert round_trip.changes[0] == change


def test_minimise_keeps_protection_details_and_unconsented_identity_on_the_mission() -> None:
    payload = {
        "status": "interviewed",
        "primary_name": "DOE",
        "screening": {"fear_of_return": True, "fear_details": "threats", "done": True},
    }
    kept, dropped = minimise_payload(payload)
    assert kept == {"status": "interviewed", "screening": {"done": True}}
    assert dropped == ["primary_name", "screening.fear_details", "screening.fear_of_return"]
    kept, dropped = minimise_payload(
        dict(payload, data_sharing_consent=["headquarters"]), share_protection_details=True
    )
    assert kept["primary_name"] == "DOE"
    assert kept["screening"]["fear_of_return"] is True
    assert dropped == []


def test_the_protocol_package_is_a_leaf() -> None:
    import ast
    from pathlib import Path

    import laissez.protocol

    root = Path(laissez.protocol.__file__).parent
    bad = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                inside = name.startswith("laissez.protocol")
                if top in {"sqlalchemy", "PySide6", "fastapi", "httpx"} or (
                    top == "laissez" and not inside
                ):
                    bad.append(f"{path.name} imports {name}")
    assert not bad
