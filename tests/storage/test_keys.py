"""Per-user key slots: adding and removing users, passphrases, key rotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from laissez.storage.database import Database, keys_path
from laissez.storage.errors import (
    LastAdministratorError,
    PermissionDeniedError,
    UnknownRoleError,
    UserExistsError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from laissez.storage.keys import TEST_KDF, KdfParams, KeyFile
from laissez.storage.models import Person
from tests.support.storage import ADMIN, ADMIN_PASS, OFFICER, OFFICER_PASS


def _add_person(db: Database, name: str) -> None:
    with db.session() as session:
        session.add(Person(primary_name_latin=name, search_name=name))


def _people(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def _db_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_key_file_stores_argon2id_parameters_and_no_key(db: Database, db_path: Path) -> None:
    text = keys_path(db_path).read_text()
    data = json.loads(text)
    slot = data["slots"][KeyFile.load(keys_path(db_path)).slot_id(ADMIN)]
    assert ADMIN not in text  # no user name before unlock
    assert slot["kdf"]["algorithm"] == "argon2id"
    assert KdfParams.from_dict(slot["kdf"]) == TEST_KDF
    assert len(slot["kdf"]["salt"]) >= 20
    # The raw database key appears nowhere in the file.
    assert db._key.hex() not in keys_path(db_path).read_text()


def test_adding_a_user_does_not_reencrypt_the_database(db: Database, db_path: Path) -> None:
    _add_person(db, "A")
    db.close()
    before = _db_bytes(db_path)
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, purge=False) as admin:
        # Only the key file and the users table change: pages are re-encrypted with the same key.
        admin.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
        assert admin._key == db._key
    assert before[:16] == _db_bytes(db_path)[:16]  # same salt: same key derivation
    with Database.open(db_path, username=OFFICER, passphrase=OFFICER_PASS) as officer:
        assert officer.user.roles == frozenset({"officer"})
        assert _people(officer) == 1


def test_only_administrators_add_users(db: Database, db_path: Path) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    with Database.open(db_path, username=OFFICER, passphrase=OFFICER_PASS) as officer:
        with pytest.raises(PermissionDeniedError):
            officer.add_user("eve", "eve passphrase 1", ["administrator"], kdf=TEST_KDF)
        with pytest.raises(PermissionDeniedError):
            officer.rekey()


def test_duplicate_and_weak_users_are_refused(db: Database) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    with pytest.raises(UserExistsError):
        db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    with pytest.raises(WeakPassphraseError):
        db.add_user("short", "abc", ["officer"], kdf=TEST_KDF)
    with pytest.raises(UnknownRoleError):
        db.add_user("norole", OFFICER_PASS, ["emperor"], kdf=TEST_KDF)
    with pytest.raises(UnknownRoleError):
        db.add_user("norole", OFFICER_PASS, [], kdf=TEST_KDF)


def test_removed_user_can_no_longer_open(db: Database, db_path: Path) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    _add_person(db, "B")
    db.remove_user(OFFICER)
    with pytest.raises(WrongPassphraseError):
        Database.open(db_path, username=OFFICER, passphrase=OFFICER_PASS)
    assert _people(db) == 1
    names = {name: active for name, _roles, active in db.usernames()}
    assert names == {ADMIN: True, OFFICER: False}


def test_the_last_administrator_cannot_be_removed(db: Database) -> None:
    with pytest.raises(LastAdministratorError):
        db.remove_user(ADMIN)


def test_change_passphrase(db: Database, db_path: Path) -> None:
    _add_person(db, "C")
    with pytest.raises(WrongPassphraseError):
        db.change_passphrase("not my passphrase", "new passphrase 22")
    db.change_passphrase(ADMIN_PASS, "new passphrase 22")
    db.close()
    with pytest.raises(WrongPassphraseError):
        Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS)
    with Database.open(db_path, username=ADMIN, passphrase="new passphrase 22") as again:
        assert _people(again) == 1


def test_administrator_resets_a_forgotten_passphrase(db: Database, db_path: Path) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    db.reset_passphrase(OFFICER, "officer new passphrase", kdf=TEST_KDF)
    with pytest.raises(WrongPassphraseError):
        Database.open(db_path, username=OFFICER, passphrase=OFFICER_PASS)
    with Database.open(db_path, username=OFFICER, passphrase="officer new passphrase") as o:
        assert o.user.username == OFFICER


def test_rekey_changes_the_key_and_every_user_still_opens(db: Database, db_path: Path) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    _add_person(db, "D")
    old_key = db._key
    db.rekey()
    assert db._key != old_key
    _add_person(db, "E")
    db.close()
    slots = json.loads(keys_path(db_path).read_text())["slots"]
    assert all("pending_key" not in slot for slot in slots.values())
    for user, secret in ((ADMIN, ADMIN_PASS), (OFFICER, OFFICER_PASS)):
        with Database.open(db_path, username=user, passphrase=secret) as again:
            assert again._key != old_key
            assert _people(again) == 2
            assert again.check_integrity() == []
            assert again.verify_audit().ok


def test_rekey_after_removal_drops_the_removed_slot(db: Database, db_path: Path) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    old = KeyFile.load(keys_path(db_path))
    db.remove_user(OFFICER)
    db.rekey()
    # A copy of the old key file kept by the removed user opens no key that works any more.
    unlocked = old.unlock(OFFICER, OFFICER_PASS)
    assert db._key not in unlocked.keys
    after = KeyFile.load(keys_path(db_path))
    assert after.slot_count == 1 and after.has_slot(ADMIN) and not after.has_slot(OFFICER)


def test_interrupted_rekey_still_opens(db: Database, db_path: Path) -> None:
    """A crash after the pending key was saved but before PRAGMA rekey: the old key works; a
    crash after PRAGMA rekey but before the slots switched: the pending key works."""
    _add_person(db, "F")
    db.close()
    from laissez.storage.engine import connect_raw
    from laissez.storage.keys import generate_database_key

    key_file = KeyFile.load(keys_path(db_path))
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as admin:
        with admin.session() as session:
            from laissez.storage.models import User

            public = {u.username: u.public_key for u in session.scalars(select(User))}
    new_key = generate_database_key()
    key_file.begin_rekey(new_key, public)  # type: ignore[arg-type]
    key_file.save()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert _people(again) == 1
    assert "pending_key" not in keys_path(db_path).read_text()
    # Now the other crash: the file was re-encrypted, the slots still hold the old key first.
    key_file = KeyFile.load(keys_path(db_path))
    key_file.begin_rekey(new_key, public)  # type: ignore[arg-type]
    key_file.save()
    old_key = KeyFile.load(keys_path(db_path)).unlock(ADMIN, ADMIN_PASS).keys[0]
    conn = connect_raw(db_path, old_key)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    conn.close()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert again._key == new_key
        assert _people(again) == 1
    slot = json.loads(keys_path(db_path).read_text())["slots"][key_file.slot_id(ADMIN)]
    assert "pending_key" not in slot


def test_swapped_slots_do_not_open(db: Database, db_path: Path) -> None:
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    data = json.loads(keys_path(db_path).read_text())
    slots = data["slots"]
    ids = KeyFile.load(keys_path(db_path))
    # Give the officer's slot the administrator's user id: the bound data no longer matches.
    slots[ids.slot_id(OFFICER)]["user_id"] = slots[ids.slot_id(ADMIN)]["user_id"]
    keys_path(db_path).write_text(json.dumps(data))
    with pytest.raises(WrongPassphraseError):
        Database.open(db_path, username=OFFICER, passphrase=OFFICER_PASS)


def test_a_version_1_key_file_with_user_names_still_opens_and_loses_them(
    db: Database, db_path: Path
) -> None:
    db.close()
    path = keys_path(db_path)
    data = json.loads(path.read_text())
    ids = KeyFile.load(path)
    data["version"] = 1
    data["slots"] = {ADMIN: data["slots"][ids.slot_id(ADMIN)]}
    path.write_text(json.dumps(data))
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert _people(again) == 0
    old = KeyFile.load(path)
    old.save()
    assert ADMIN not in path.read_text() and json.loads(path.read_text())["version"] == 2
