"""A long case list for list and search tests: ``seed_cases`` inserts people, passports and
cases straight into the tables (fast enough for hundreds)."""

from __future__ import annotations

import uuid

from sqlalchemy import insert

from laissez.storage.ids import new_id, utcnow
from laissez.storage.models import Case, IdentityDocument, Person
from laissez.storage.text import name_key

SEEDED_CASES = 450
ARABIC_NAME = ("حداد", "ليلى")


def latin_surname(i: int) -> str:
    """Case ``i``'s surname: digits spelt as letters a-j (search keys keep letters only)."""
    return "Nom" + "".join(chr(ord("a") + int(d)) for d in f"{i:04d}")


def seed_cases(db: object, count: int) -> dict[str, uuid.UUID]:
    """Insert ``count`` cases with people and passports; returns a few ids by label."""
    now = utcnow()
    people, documents, cases = [], [], []
    known: dict[str, uuid.UUID] = {}
    for i in range(count):
        person_id, case_id = new_id(), new_id()
        if i == 7:
            primary, secondary, latin, latin2, script = (*ARABIC_NAME, "Haddad", "Layla", "Arab")
            known["arabic"] = case_id
        else:
            primary = latin = latin_surname(i)
            secondary = latin2 = "Given"
            script = "Latn"
        if i == 11:
            known["number"] = case_id
        people.append({
            "id": person_id, "primary_name": primary, "secondary_name": secondary,
            "name_script": script, "primary_name_latin": latin, "secondary_name_latin": latin2,
            "search_name": name_key(latin, latin2), "name_truncated": False,
            "created_at": now, "updated_at": now,
        })  # fmt: skip
        documents.append({
            "id": new_id(), "person_id": person_id, "document_code": "P",
            "issuing_state": "UTO", "document_number": f"X{i:07d}", "mrz_valid": True,
            "source": "manual", "created_at": now,
        })  # fmt: skip
        cases.append({
            "id": case_id, "person_id": person_id,
            "status": "closed" if i % 3 == 0 else "draft", "is_minor": False,
            "created_by": db.user.id, "created_at": now, "updated_at": now,  # type: ignore[attr-defined]
            "status_changed_at": now, "version": 1,
        })  # fmt: skip
    with db.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(insert(Person.__table__), people)
        conn.execute(insert(IdentityDocument.__table__), documents)
        conn.execute(insert(Case.__table__), cases)
    return known
