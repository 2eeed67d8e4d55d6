"""The case list's read queries (search, sort, paging) and the read-only case view."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert

from laissez.casework import accounts
from laissez.casework.errors import CaseNotFoundError
from laissez.casework.views import cases
from laissez.storage.ids import new_id, utcnow
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import Case, IdentityDocument
from tests.support.cases import seed_cases


def _first_run(directory: Path):
    request = accounts.SetupRequest(
        mission_code="uto",
        mission_name="Utopia",
        username="amina",
        display_name="Amina",
        passphrase="a long enough passphrase",
        country_code="UTO",
    )
    return accounts.first_run(directory, request, kdf=TEST_KDF)


def test_case_list_search_sort_and_view(tmp_path: Path) -> None:
    db = _first_run(tmp_path)
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
        rows = cases.case_rows(db, cases.CaseQuery(text="X000001"), 0, 50)
        assert [r.case_id for r in rows].count(number_case) == 1
        assert len(rows) == 10
        numbers = [r.document_number for r in rows]
        assert len(numbers) == 10
        # The same search sorted by status goes through the id filter: same cases.
        by_status = cases.case_rows(
            db, cases.CaseQuery(text="X000001", sort=cases.SortKey.STATUS), 0, 50
        )
        assert {r.case_id for r in by_status} == {r.case_id for r in rows}
        assert [r.status for r in by_status] == sorted((r.status for r in by_status), reverse=True)
        # Ids: 12 hex digits or more, with or without dashes.
        full = str(number_case)
        assert [r.case_id for r in cases.case_rows(db, cases.CaseQuery(text=full), 0, 9)] == [
            number_case
        ]
        prefix = full.replace("-", "")[:11]
        assert number_case not in [
            r.case_id for r in cases.case_rows(db, cases.CaseQuery(text=prefix), 0, 99)
        ]
        # Paging: pages do not overlap and cover everything.
        first = cases.case_rows(db, cases.CaseQuery(), 0, 25)
        rest = cases.case_rows(db, cases.CaseQuery(), 25, 100)
        assert len(first) + len(rest) == 60
        assert not {r.case_id for r in first} & {r.case_id for r in rest}
        view = cases.case_view(db, number_case)
        assert view.status == "draft"
        assert [d.number for d in view.documents] == ["X0000011", "X0000011B"]
        assert view.gate and all(issue.sentence for issue in view.gate)
        with pytest.raises(CaseNotFoundError):
            cases.case_view(db, new_id())
    finally:
        db.close()
