"""Accounts: first run, sign in, passphrase re-check, sign out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from laissez.casework import accounts
from laissez.casework.errors import IssuingStateError, MissingInformationError
from laissez.casework.facts import issuable_nationalities
from laissez.storage.errors import DatabaseExistsError, WeakPassphraseError, WrongPassphraseError
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import Mission

SECRET = "a long enough passphrase"


def _setup(directory: Path, **changes: object) -> accounts.SetupRequest:
    values = {
        "mission_code": "uto",
        "mission_name": "Utopia",
        "username": "amina",
        "display_name": "Amina",
        "passphrase": SECRET,
        "country_code": "bgd",
    }
    values.update(changes)
    return accounts.SetupRequest(**values)  # type: ignore[arg-type]


def test_first_run_rules(tmp_path: Path) -> None:
    assert accounts.needs_setup(tmp_path)
    assert accounts.passphrase_problems("short", "shorter") == ("too_short", "mismatch")
    assert accounts.passphrase_problems(SECRET, SECRET) == ()
    with pytest.raises(MissingInformationError) as info:
        accounts.first_run(tmp_path, _setup(tmp_path, mission_code=" "), kdf=TEST_KDF)
    assert info.value.fields == ("mission_code",)
    for state in ("", "XXX", "XXA", "EUE", "ZZZ"):
        with pytest.raises(IssuingStateError) as state_info:
            accounts.first_run(tmp_path, _setup(tmp_path, country_code=state), kdf=TEST_KDF)
        assert state_info.value.fields == ("country_code",)
    with pytest.raises(WeakPassphraseError):
        accounts.first_run(tmp_path, _setup(tmp_path, passphrase="short"), kdf=TEST_KDF)
    assert accounts.needs_setup(tmp_path)  # nothing left behind
    db = accounts.first_run(tmp_path, _setup(tmp_path, also_officer=False), kdf=TEST_KDF)
    assert db.user.roles == frozenset({"administrator"})
    accounts.sign_out(db)
    assert not accounts.needs_setup(tmp_path)
    with pytest.raises(DatabaseExistsError):
        accounts.first_run(tmp_path, _setup(tmp_path), kdf=TEST_KDF)
    with pytest.raises(WrongPassphraseError):
        accounts.sign_in(tmp_path, "amina", "wrong passphrase!")
    with pytest.raises(WrongPassphraseError):
        accounts.sign_in(tmp_path, "nobody", SECRET)
    db = accounts.sign_in(tmp_path, " amina ", SECRET)
    try:
        accounts.verify_passphrase(db, SECRET)
        with pytest.raises(WrongPassphraseError):
            accounts.verify_passphrase(db, SECRET + "!")
    finally:
        accounts.sign_out(db)


def test_the_first_run_records_the_mission_s_state_it_issues_for(tmp_path: Path) -> None:
    db = accounts.first_run(tmp_path, _setup(tmp_path, country_code=" bgd "), kdf=TEST_KDF)
    try:
        with db.session() as session:
            mission = session.scalars(select(Mission)).one()
            assert mission.country_code == "BGD"
            # no list from headquarters yet: the mission issues for its own nationals only
            assert issuable_nationalities(session, mission) == frozenset({"BGD"})
    finally:
        accounts.sign_out(db)
