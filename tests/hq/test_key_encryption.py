"""Headquarters' private keys are encrypted at rest: a dump of PostgreSQL yields no key, the
service opens them only with the operator's key passphrase and refuses clearly otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select, update

from laissez.hq.app import create_app
from laissez.hq.db import make_engine, session_factory
from laissez.hq.keys import ENV_KEY_PASSPHRASE, KeyPassphraseError, service_keys
from laissez.hq.models import ServiceKey
from tests.support.pg import ROOT, free_port

RIGHT = os.environ[ENV_KEY_PASSPHRASE]


def _raw(key: object) -> bytes:
    return key.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def test_the_stored_keys_are_not_plain_private_keys(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        create_app(engine=engine, run_migrations=False)
        with session_factory(engine)() as s:
            stored = {k.name: bytes(k.private_key) for k in s.scalars(select(ServiceKey))}
            keys = service_keys(s, RIGHT)
    finally:
        engine.dispose()
    assert set(stored) == {"bundle_x25519", "signing_ed25519", "user_ca_ed25519"}
    for name, key in (
        ("bundle_x25519", keys.bundle),
        ("signing_ed25519", keys.signing),
        ("user_ca_ed25519", keys.user_ca),
    ):
        raw = _raw(key)
        assert raw not in stored[name], name
        assert b"PRIVATE KEY" not in stored[name] and len(stored[name]) > len(raw)


def _serve(pg_url: str, passphrase: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_KEY_PASSPHRASE}
    if passphrase is not None:
        env[ENV_KEY_PASSPHRASE] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "laissez.hq.cli", "--database", pg_url,
         "--port", str(free_port()), "serve"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("passphrase", "sentence"),
    [
        ("not the operator's passphrase", "does not open headquarters' private keys"),
        (None, "headquarters' private keys are encrypted: set $LAISSEZ_HQ_KEY_PASSPHRASE"),
    ],
)
def test_laissez_hq_refuses_to_start_without_the_right_passphrase(
    pg_url: str, passphrase: str | None, sentence: str
) -> None:
    engine = make_engine(pg_url)
    create_app(engine=engine, run_migrations=False)  # the keys exist
    engine.dispose()
    done = _serve(pg_url, passphrase)
    assert done.returncode == 1
    assert sentence in done.stderr and "[hq.key_passphrase]" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_right_passphrase_opens_the_same_keys(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        sessions = session_factory(engine)
        with sessions() as s:
            first = service_keys(s, RIGHT)
            s.commit()
        create_app(engine=engine, run_migrations=False, key_passphrase=RIGHT)
        with sessions() as s:
            again = service_keys(s, RIGHT)
            with pytest.raises(KeyPassphraseError):
                service_keys(s, "wrong")
    finally:
        engine.dispose()
    assert again.signing_public == first.signing_public
    assert again.user_ca_public == first.user_ca_public


def test_a_plaintext_key_left_by_an_older_version_is_encrypted_when_read(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        sessions = session_factory(engine)
        with sessions() as s:
            keys = service_keys(s, RIGHT)
            s.commit()
            s.execute(
                update(ServiceKey)
                .where(ServiceKey.name == "signing_ed25519")
                .values(private_key=_raw(keys.signing))
            )
            s.commit()
        with sessions() as s:
            assert service_keys(s, RIGHT).signing_public == keys.signing_public
            s.commit()
        with sessions() as s:
            stored = s.get(ServiceKey, "signing_ed25519")
            assert stored is not None and _raw(keys.signing) not in stored.private_key
    finally:
        engine.dispose()
