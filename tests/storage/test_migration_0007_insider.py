"""Migrations 0007_insider_*: the plaintext seal key moves into the PKCS#11 token (or the
upgrade stops with a sentence for the administrator); signatures get their columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import inspect, text

from laissez.casework.signing import make_test_signer
from laissez.documents.seal.token import TokenConfig, has_key
from laissez.storage.database import Database
from laissez.storage.errors import MigrationError
from laissez.storage.ids import new_id
from tests.support.migrations import make_first_revision_database
from tests.support.migrations import schema_diff as _diff
from tests.support.storage import ADMIN, ADMIN_PASS


def _old_database_with_a_plaintext_key(db_path: Path) -> str:
    make_first_revision_database(db_path, "0006")
    files = make_test_signer()
    key = serialization.load_pem_private_key(files.key_pem, password=files.password)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()  # fmt: skip
    key_id = new_id()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        with db.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO signing_keys (id, signer_identifier, certificate_reference, "
                     "certificate_pem, root_certificate_pem, private_key_pem, valid_from, "
                     "valid_until, active, created_at) VALUES (:id, 'UTTS', '1', :c, :r, :k, "
                     ":t, :u, 1, :t)"),
                {"id": key_id.hex, "c": files.certificate_pem.decode(),
                 "r": files.root_pem.decode(), "k": pem,
                 "t": "2026-01-01T00:00:00.000000+00:00", "u": "2036-01-01T00:00:00.000000+00:00"},
            )  # fmt: skip
    return f"laissez-seal-{key_id}"


def test_a_plaintext_key_moves_into_the_token(db_path: Path) -> None:
    label = _old_database_with_a_plaintext_key(db_path)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        with db.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("signing_keys")}
        assert "private_key_pem" not in columns and "key_label" in columns
        assert _diff(db) == []
    assert has_key(TokenConfig.from_env(), label)
    assert b"BEGIN PRIVATE KEY" not in db_path.read_bytes()


def test_without_a_token_pin_the_upgrade_stops_and_says_what_to_do(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _old_database_with_a_plaintext_key(db_path)
    monkeypatch.delenv("LAISSEZ_PKCS11_PIN")
    with pytest.raises(MigrationError) as stopped:
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    message = str(stopped.value)
    assert "LAISSEZ_PKCS11_PIN" in message and "the backup" in message
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, migrate_schema=False) as db:
        with db.engine.connect() as connection:  # nothing changed: the key is still there
            columns = {c["name"] for c in inspect(connection).get_columns("signing_keys")}
        assert "private_key_pem" in columns


def test_with_no_token_configured_the_key_moves_into_the_mission_token(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laissez.documents.seal.token import DEFAULT_MODULE, DEFAULT_TOKEN

    if not Path(DEFAULT_MODULE).exists():
        pytest.skip("SoftHSM2 is not installed")
    label = _old_database_with_a_plaintext_key(db_path)
    for name in ("LAISSEZ_PKCS11_MODULE", "LAISSEZ_PKCS11_TOKEN", "SOFTHSM2_CONF"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LAISSEZ_PKCS11_PIN", "mission-pin-1")
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as db:
        assert _diff(db) == []
    conf = db_path.parent / "token" / "softhsm2.conf"  # where casework signs with it
    assert conf.exists()
    assert has_key(TokenConfig(DEFAULT_MODULE, DEFAULT_TOKEN, "mission-pin-1", str(conf)), label)
    assert b"BEGIN PRIVATE KEY" not in db_path.read_bytes()
