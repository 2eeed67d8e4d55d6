"""Insider routes through the key file (issue 15): an old copy of the key file (every backup
carries one) with the old passphrase must not open the current database after a passphrase
change, and no temporary key copies are left lying around."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from laissez.storage.database import Database
from laissez.storage.errors import DatabaseCorruptError, WrongPassphraseError
from laissez.storage.files import keys_path
from tests.support.storage import ADMIN, ADMIN_PASS

NEW_PASS = "a brand new passphrase 2"


def test_old_key_file_and_old_passphrase_do_not_open_after_a_change(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    old_copy = tmp_path / "stolen.keys"
    shutil.copy(keys_path(db_path), old_copy)
    signer_before = db.signing_public_key
    db.change_passphrase(ADMIN_PASS, NEW_PASS)
    assert db.signing_public_key == signer_before  # the signing identity stays
    db.close()
    current = keys_path(db_path).read_bytes()
    keys_path(db_path).write_bytes(old_copy.read_bytes())
    with pytest.raises(DatabaseCorruptError):  # the old slot's key no longer opens the file
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    keys_path(db_path).write_bytes(current)
    with pytest.raises(WrongPassphraseError):
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    with Database.open(db_path, username=ADMIN, passphrase=NEW_PASS) as again:
        assert again.signing_public_key == signer_before
        assert again.verify_audit().ok and again.verify_trust() == []


def test_stale_key_copies_are_removed_at_unlock(db: Database, db_path: Path) -> None:
    db.close()
    kpath = keys_path(db_path)
    stale = kpath.with_name(f".{kpath.name}.deadbeef.tmp")
    fresh = kpath.with_name(f".{kpath.name}.cafe0001.tmp")
    for path in (stale, fresh):
        path.write_bytes(kpath.read_bytes())
    old = time.time() - 3600
    os.utime(stale, (old, old))
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS):
        pass
    assert not stale.exists()
    assert fresh.exists()  # maybe another process's write in flight: left alone


def test_every_user_gets_a_personal_signing_key_wrapped_by_their_passphrase(
    db: Database, db_path: Path
) -> None:
    from laissez.storage.keys import TEST_KDF

    db.add_user("olga", "olga passphrase 1", ["officer"], kdf=TEST_KDF)
    text = keys_path(db_path).read_text()
    assert '"signing_key"' in text and "BEGIN" not in text
    with Database.open(db_path, username="olga", passphrase="olga passphrase 1") as olga:
        signature = olga.sign(b"payload")
        assert len(signature) == 64
        assert olga.signing_public_key != db.signing_public_key
