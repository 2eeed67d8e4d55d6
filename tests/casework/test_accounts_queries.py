"""Accounts (first run, sign in, passphrase re-check) and the case list's read queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert

from laissez.casework import accounts, queries
from laissez.casework.errors import CaseNotFoundError, MissingInformationError
from laissez.storage.errors import DatabaseExistsError, WeakPassphraseError, WrongPassphraseError
from laissez.storage.ids import new_id, utcnow
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import Case, IdentityDocument
from tests.desktop.conftest import seed_cases

SECRET = "a long enough passphrase"


def _setup(directory: Path, **changes: object) -> accounts.SetupRequest:
    values = {
        "mission_code": "uto",
        "mission_name": "Utopia",
        "username": "amina",
        "display_name": "Amina",
        "passphrase": SECRET,
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


def test_queries_search_sort_and_view(tmp_path: Path) -> None:
    db = accounts.first_run(tmp_path, _setup(tmp_path), kdf=TEST_KDF)
    try:
        known = seed_cases(db, 60)
        number_case = known["number"]
        # A second passport of the same person, also matching the prefix: still one row.
        with db.session() as session:
            person_id = session.get(Case, number_case).person_id
        with db.engine.begin() as conn:
            conn.execute(
                insert(IdentityDocument.__table__),
                [{"id": new_id(), "person_id": person_id, "document_number": "X0000011B",
                  "source": "manual", "created_at": utcnow()}],
            )  # fmt: skip
        rows = queries.case_rows(db, queries.CaseQuery(text="X000001"), 0, 50)
        assert [r.case_id for r in rows].count(number_case) == 1
        assert len(rows) == 10
        numbers = [r.document_number for r in rows]
        assert len(numbers) == 10
        # The same search sorted by status goes through the id filter: same cases.
        by_status = queries.case_rows(
            db, queries.CaseQuery(text="X000001", sort=queries.SortKey.STATUS), 0, 50
        )
        assert {r.case_id for r in by_status} == {r.case_id for r in rows}
        assert [r.status for r in by_status] == sorted((r.status for r in by_status), reverse=True)
        # Ids: 12 hex digits or more, with or without dashes.
        full = str(number_case)
        assert [r.case_id for r in queries.case_rows(db, queries.CaseQuery(text=full), 0, 9)] == [
            number_case
        ]
        prefix = full.replace("-", "")[:11]
        assert number_case not in [
            r.case_id for r in queries.case_rows(db, queries.CaseQuery(text=prefix), 0, 99)
        ]
        # Paging: pages do not overlap and cover everything.
        first = queries.case_rows(db, queries.CaseQuery(), 0, 25)
        rest = queries.case_rows(db, queries.CaseQuery(), 25, 100)
        assert len(first) + len(rest) == 60
        assert not {r.case_id for r in first} & {r.case_id for r in rest}
        view = queries.case_view(db, number_case)
        assert view.status == "draft"
        assert [d.number for d in view.documents] == ["X0000011", "X0000011B"]
        assert view.gate and all(issue.sentence for issue in view.gate)
        with pytest.raises(CaseNotFoundError):
            queries.case_view(db, new_id())
    finally:
        db.close()
