"""Offline bundles: only the recipient reads them; any change or another sender is refused."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from laissez.protocol import BundleError
from laissez.protocol.bundle import KIND_PUSH, KIND_REPLY, open_bundle, peek_sender, seal
from laissez.protocol.signing import generate_device_key

CONTENT = {"changes": [{"name": "PRIVATE-NAME"}]}


def _sealed():
    sender, recipient = generate_device_key(), X25519PrivateKey.generate()
    data = seal(CONTENT, kind=KIND_PUSH, sender="dev-1", signing_key=sender,
                recipient=recipient.public_key())  # fmt: skip
    return sender, recipient, data


def test_the_recipient_reads_what_the_sender_sealed() -> None:
    sender, recipient, data = _sealed()
    assert b"PRIVATE-NAME" not in data
    assert peek_sender(data) == "dev-1"
    opened = open_bundle(
        data,
        recipient=recipient,
        verify_key_for=lambda _s: sender.public_key(),
        expect_kind=KIND_PUSH,
    )
    assert opened.content == CONTENT and opened.sender == "dev-1"


@pytest.mark.parametrize("field", ["sender", "kind", "created_at", "ciphertext", "nonce"])
def test_any_changed_field_is_refused(field: str) -> None:
    sender, recipient, data = _sealed()
    body = json.loads(data)
    value = body[field]
    body[field] = (
        (value[:-2] + ("AA" if value[-2:] != "AA" else "BB")) if field != "kind" else KIND_REPLY
    )
    with pytest.raises(BundleError):
        open_bundle(
            json.dumps(body).encode(), recipient=recipient,
            verify_key_for=lambda _s: sender.public_key(), expect_kind=body["kind"],
        )  # fmt: skip


def test_another_recipient_or_signer_is_refused() -> None:
    sender, recipient, data = _sealed()
    with pytest.raises(BundleError, match="another recipient"):
        open_bundle(
            data,
            recipient=X25519PrivateKey.generate(),
            verify_key_for=lambda _s: sender.public_key(),
            expect_kind=KIND_PUSH,
        )
    with pytest.raises(BundleError, match="signature"):
        open_bundle(data, recipient=recipient,
                    verify_key_for=lambda _s: generate_device_key().public_key(),
                    expect_kind=KIND_PUSH)  # fmt: skip
