"""Enrol an installation with headquarters and build its sync engine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine

from laissez.protocol.bundle import x25519_public_text

if TYPE_CHECKING:  # annotations only: the desktop starts without httpx
    import httpx
from laissez.protocol.signing import generate_device_key, load_private_key, private_key_bytes
from laissez.storage.sync import state
from laissez.storage.sync.client import DEFAULT_TIMEOUT_S, HqClient, enrol
from laissez.storage.sync.engine import DEFAULT_BATCH_SIZE, SessionScope, SyncEngine


def enrol_installation(
    session_scope: SessionScope,
    engine: Engine,
    hq_url: str,
    enrolment_code: str,
    device_name: str = "",
    *,
    transport: httpx.BaseTransport | None = None,
) -> state.Identity:
    """Make a device key, enrol it with the one-time code and keep the identity in the
    encrypted database. Raises ``HqUnreachableError`` or ``HqRefusedError`` (nothing is
    stored then)."""
    state.ensure_tables(engine)
    key = generate_device_key()
    bundle_key = X25519PrivateKey.generate()
    answer = enrol(
        hq_url,
        enrolment_code,
        key,
        device_name,
        bundle_public_key=x25519_public_text(bundle_key),
        transport=transport,
    )
    identity = state.Identity(
        answer.device_id,
        private_key_bytes(key),
        hq_url,
        answer.mission_code,
        bundle_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        ),
        answer.hq_bundle_key,
        answer.hq_signing_key,
    )
    with session_scope() as session:
        state.save_identity(session, identity)
    return identity


def connect(
    session_scope: SessionScope,
    engine: Engine,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    timeout: float = DEFAULT_TIMEOUT_S,
    transport: httpx.BaseTransport | None = None,
    hq_url: str | None = None,
    trust_dir: Path | None = None,
) -> SyncEngine:
    """A sync engine for the enrolled installation (``hq_url`` overrides the stored URL, for
    a proxy or a new address; each pull writes the offline trust files into ``trust_dir``).
    Raises ``NotEnrolledError`` before enrolment. Close the engine's client with
    ``engine.close()``."""
    state.ensure_tables(engine)
    with session_scope() as session:
        identity = state.load_identity(session)
    client = HqClient(
        hq_url or identity.hq_url,
        identity.device_id,
        load_private_key(identity.private_key),
        timeout=timeout,
        transport=transport,
    )
    return SyncEngine(session_scope, client, batch_size=batch_size, trust_dir=trust_dir)
