"""What matching a person costs at 100,000 cases (issue 20): recording an identity looks up the
case's evidence keys by their indexed digests (``persons.matches``), then writes the keys,
links and proposals with their audit events (``persons.refresh``), and the gate reads the
linked cases (``person_facts``). Median of 30 new cases (a third matching a seeded case by
passport, a third by name and birth, a third uncertainly) on a SQLCipher file seeded with
100,000 cases, people, passports, person records and match keys."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.run import Metric

N_CASES = 100_000
N_PROBES = 30
SYLLABLES = ("ra", "ha", "man", "ami", "na", "ka", "rim", "sa", "lem", "fa", "ti", "ma", "no",
             "ur", "ja", "han", "de", "lo", "bi", "zu", "que", "vo", "pel", "tor")  # fmt: skip


def _name(rng: random.Random) -> tuple[str, str]:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return word(), word()


def _seed(db: Any, rng: random.Random) -> list[dict[str, Any]]:
    """Insert the cases; returns the identity of every 1000th (for probes that match)."""
    from sqlalchemy import insert

    from laissez.casework import match_keys
    from laissez.storage.ids import new_id, utcnow
    from laissez.storage.models import (
        Case,
        IdentityDocument,
        Person,
        PersonCaseLink,
        PersonMatchKey,
        PersonRecord,
    )

    now = utcnow()
    kept: list[dict[str, Any]] = []
    batch = 10_000
    for start in range(0, N_CASES, batch):
        people, docs, cases, records, links, keys = [], [], [], [], [], []
        for i in range(start, start + batch):
            primary, secondary = _name(rng)
            born = f"{rng.randint(1950, 2007)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            nationality = rng.choice(("BGD", "BGD", "BGD", "IND", "PAK"))
            number = f"B{i:08d}"
            person_id, case_id, record_id = new_id(), new_id(), new_id()
            people.append({"id": person_id, "primary_name": primary, "secondary_name": secondary,
                           "primary_name_latin": primary, "secondary_name_latin": secondary,
                           "date_of_birth": born, "nationality": nationality,
                           "name_truncated": False, "created_at": now,
                           "updated_at": now})  # fmt: skip
            docs.append({"id": new_id(), "person_id": person_id, "document_code": "P",
                         "issuing_state": nationality, "document_number": number,
                         "nationality": nationality, "mrz_valid": True, "source": "scan",
                         "created_at": now})  # fmt: skip
            cases.append({"id": case_id, "person_id": person_id, "status": "closed",
                          "is_minor": False, "created_at": now, "updated_at": now,
                          "status_changed_at": now, "version": 1})  # fmt: skip
            records.append({"id": record_id, "created_at": now})
            links.append({"case_id": case_id, "person_record_id": record_id,
                          "reason": "first_case", "linked_at": now})  # fmt: skip
            evidence = match_keys.Evidence(
                names=((primary, secondary),), date_of_birth=born, nationality=nationality,
                documents=((nationality, number, True),),
            )  # fmt: skip
            keys += [{"id": new_id(), "case_id": case_id, "kind": kind, "digest": value}
                     for kind, value in match_keys.keys(evidence)]  # fmt: skip
            if i % 1000 == 0:
                kept.append({"names": (primary, secondary), "born": born,
                             "nationality": nationality, "number": number})  # fmt: skip
        with db.engine.begin() as conn:
            for model, rows in ((Person, people), (IdentityDocument, docs), (Case, cases),
                                (PersonRecord, records), (PersonCaseLink, links),
                                (PersonMatchKey, keys)):  # fmt: skip
                conn.execute(insert(model.__table__), rows)
    return kept


def _probe(db: Any, known: dict[str, Any], kind: int) -> uuid.UUID:
    """A new case whose identity matches a seeded one exactly (same passport), by name and
    birth with a new passport, or uncertainly (same name, another birth date)."""
    from laissez.storage.models import Case, IdentityDocument, Person

    primary, secondary = known["names"]
    born = known["born"] if kind != 2 else "1949-01-01"
    number = known["number"] if kind == 0 else f"N{uuid.uuid4().int % 10**8:08d}"
    with db.session() as session:
        person = Person(primary_name=primary, secondary_name=secondary,
                        primary_name_latin=primary, secondary_name_latin=secondary,
                        date_of_birth=born, nationality=known["nationality"])  # fmt: skip
        session.add(person)
        session.flush()
        session.add(IdentityDocument(person_id=person.id, document_code="P",
                                     issuing_state=known["nationality"], document_number=number,
                                     nationality=known["nationality"], mrz_valid=True))  # fmt: skip
        case = Case(person_id=person.id, status="identified")
        session.add(case)
        session.flush()
        return case.id


def run() -> list[Metric]:
    """The match of one new case against 100,000, and the gate's read of the linked cases."""
    from laissez.casework import match_keys, persons
    from laissez.storage.database import Database
    from laissez.storage.ids import utcnow
    from laissez.storage.keys import TEST_KDF
    from laissez.storage.models import Case

    rng = random.Random(20)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.create(Path(tmp) / "laissez.db", username="admin",
                             passphrase="bench passphrase 1", kdf=TEST_KDF)  # fmt: skip
        try:
            started = time.perf_counter()
            kept = _seed(db, rng)
            seed_s = time.perf_counter() - started
            match_ms, facts_ms, lookup_ms, outcomes = [], [], [], [0, 0]
            for i in range(N_PROBES):
                case_id = _probe(db, kept[(i * 7) % len(kept)], i % 3)
                with db.session() as session:
                    case = session.get(Case, case_id)
                    assert case is not None
                    found = match_keys.keys(persons.evidence(session, case))
                    start = time.perf_counter()
                    assert persons.matches(session, case_id, found)
                    lookup_ms.append((time.perf_counter() - start) * 1000)
                    start = time.perf_counter()
                    links, proposals = persons.refresh(session, case, db.user.id)
                    match_ms.append((time.perf_counter() - start) * 1000)
                    outcomes[0] += links
                    outcomes[1] += proposals
                    start = time.perf_counter()
                    persons.person_facts(session, case, utcnow())
                    facts_ms.append((time.perf_counter() - start) * 1000)
            # every probe found its seeded person: 20 links (exact), 10 proposals (uncertain)
            assert outcomes[0] >= 20 and outcomes[1] >= 10, outcomes
        finally:
            db.close()
    return [
        # the lookup of a case's evidence keys among 100,000 cases' (the search budget)
        Metric("person_match_lookup_100k_cases_ms", statistics.median(lookup_ms), "ms", 50),
        # the whole match: keys written, lookup, links and proposals made, audited
        Metric("person_match_100k_cases_ms", statistics.median(match_ms), "ms"),
        Metric("person_match_100k_cases_max_ms", max(match_ms), "ms"),
        Metric("person_linked_facts_ms", statistics.median(facts_ms), "ms"),
        Metric("person_seed_100k_cases_s", seed_s, "s"),
    ]
