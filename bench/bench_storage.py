"""Encrypted storage at 100,000 cases: insert, search, open; and the same on plain SQLite.

The workload runs twice in one process, on the same disk: once on SQLCipher (the real
``Database``, Argon2id with the default parameters) and once on plain SQLite through the same
``make_engine`` settings (WAL, synchronous FULL, secure_delete). Metrics:

* ``storage_insert_100k_cases_s``: 100,000 cases, each with a person and an identity document
  (300,000 rows), in transactions of 2,000 cases;
* ``storage_search_name_prefix_ms``, ``storage_search_document_number_ms``,
  ``storage_search_case_id_ms``: median of 40 searches at 100,000 cases, each in a new session
  (no identity-map cache), through ``laissez.storage.repository``;
* ``storage_open_s``: ``Database.open`` (Argon2id, key check, schema check, start-up purge scan,
  audit event), median of 3; ``storage_open_and_list_s`` adds the first page of the case list;
* ``storage_encrypted_vs_plain_ratio``: encrypted / plain time for the whole workload (insert
  plus every search); ``storage_encrypted_vs_plain_search_ratio`` for the searches alone.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from bench.run import Metric
from laissez.storage import migrate, repository
from laissez.storage.database import Database
from laissez.storage.engine import make_engine
from laissez.storage.ids import new_id, utcnow
from laissez.storage.models import Case, IdentityDocument, Person, User

N_CASES = 100_000
BATCH = 2_000
SEARCHES = 40
USER, PASSPHRASE = "bench", "bench passphrase 1"
SYLLABLES = [
    "ka", "ri", "mo", "sa", "le", "tu", "na", "be", "do", "fi", "ga", "hu", "jo", "ke", "lu",
    "ma", "ne", "ol", "pa", "qu", "ro", "si", "ta", "ur", "va", "we", "xi", "ya", "zo", "an",
    "el", "in", "or", "us", "ba", "ce", "di", "fo", "gu", "ha",
]  # fmt: skip


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _batches(seed: int, user_id: uuid.UUID) -> Any:
    """Yield (people, documents, cases) row lists, the same for both runs (same seed)."""
    rng = random.Random(seed)
    now = utcnow()
    for start in range(0, N_CASES, BATCH):
        people, documents, cases = [], [], []
        for i in range(start, min(start + BATCH, N_CASES)):
            surname, given = _name(rng, 3), _name(rng, 2)
            person_id, case_id = new_id(), new_id()
            people.append({
                "id": person_id, "primary_name": surname, "secondary_name": given,
                "primary_name_latin": surname, "secondary_name_latin": given,
                "mrz_name": f"{surname.upper()}<<{given.upper()}", "name_truncated": False,
                "search_name": repository.name_key(surname, given), "date_of_birth": "1980-01-01",
                "created_at": now, "updated_at": now,
            })  # fmt: skip
            documents.append({
                "id": new_id(), "person_id": person_id, "document_code": "P",
                "issuing_state": "UTO", "document_number": f"{chr(65 + i % 26)}{i:08d}",
                "mrz_lines": "P<UTO" + "<" * 39, "mrz_valid": True, "source": "scan",
                "created_at": now,
            })  # fmt: skip
            cases.append({
                "id": case_id, "person_id": person_id, "status": rng.choice(["draft", "closed"]),
                "is_minor": False, "created_by": user_id, "created_at": now, "updated_at": now,
                "status_changed_at": now, "version": 1,
            })  # fmt: skip
        yield people, documents, cases


def _insert(engine: Engine, user_id: uuid.UUID) -> tuple[float, list[dict[str, Any]]]:
    sample: list[dict[str, Any]] = []
    started = time.perf_counter()
    for people, documents, cases in _batches(7, user_id):
        with engine.begin() as conn:
            conn.execute(insert(Person.__table__), people)
            conn.execute(insert(IdentityDocument.__table__), documents)
            conn.execute(insert(Case.__table__), cases)
        sample.append({"person": people[17], "document": documents[17], "case": cases[17]})
    return time.perf_counter() - started, sample


def _median_ms(engine: Engine, queries: list[Callable[[Session], Any]]) -> tuple[float, float]:
    """Median and total time in ms of ``queries``, each run in a fresh session."""
    times = []
    for query in queries:
        with Session(engine) as session:
            started = time.perf_counter()
            result = query(session)
            times.append((time.perf_counter() - started) * 1000)
            assert result, "every search finds the row it looks for"
    return statistics.median(times), sum(times)


def _searches(engine: Engine, sample: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    rng = random.Random(11)
    picks = [rng.choice(sample) for _ in range(SEARCHES)]
    return {
        "name_prefix": _median_ms(engine, [
            (lambda s, p=p: repository.search_cases_by_name_prefix(
                s, p["person"]["primary_name_latin"][:4]))
            for p in picks
        ]),
        "document_number": _median_ms(engine, [
            (lambda s, p=p: repository.search_cases_by_document_number(
                s, p["document"]["document_number"]))
            for p in picks
        ]),
        "case_id": _median_ms(engine, [
            (lambda s, p=p: repository.get_case(s, p["case"]["id"])) for p in picks
        ]),
    }  # fmt: skip


def _plain_run(directory: Path) -> tuple[float, dict[str, tuple[float, float]]]:
    engine = make_engine(directory / "plain.db", None)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
        user_id = new_id()
        with Session(engine) as session, session.begin():
            session.add(User(id=user_id, username=USER))
        seconds, sample = _insert(engine, user_id)
        return seconds, _searches(engine, sample)
    finally:
        engine.dispose()


def _encrypted_run(directory: Path) -> dict[str, Any]:
    path = directory / "laissez.db"
    db = Database.create(path, username=USER, passphrase=PASSPHRASE)
    try:
        seconds, sample = _insert(db.engine, db.user.id)
        searches = _searches(db.engine, sample)
    finally:
        db.close()
    opens, lists = [], []
    for _ in range(3):
        started = time.perf_counter()
        again = Database.open(path, username=USER, passphrase=PASSPHRASE)
        opened = time.perf_counter() - started
        with again.session() as session:
            page = session.scalars(select(Case).order_by(Case.created_at.desc()).limit(50)).all()
            assert len(page) == 50
        lists.append(time.perf_counter() - started)
        opens.append(opened)
        again.close()
    return {
        "insert": seconds, "searches": searches,
        "open": statistics.median(opens), "open_list": statistics.median(lists),
    }  # fmt: skip


def run() -> list[Metric]:
    """Run the encrypted and the plain workload; return the storage metrics."""
    with tempfile.TemporaryDirectory(prefix="laissez-bench-") as tmp:
        directory = Path(tmp)
        enc = _encrypted_run(directory)
        plain_insert, plain_searches = _plain_run(directory)
    enc_search_total = sum(total for _median, total in enc["searches"].values())
    plain_search_total = sum(total for _median, total in plain_searches.values())
    ratio = (enc["insert"] + enc_search_total / 1000) / (plain_insert + plain_search_total / 1000)
    search = enc["searches"]
    return [
        Metric("storage_insert_100k_cases_s", enc["insert"], "s"),
        Metric("storage_plain_insert_100k_cases_s", plain_insert, "s"),
        Metric("storage_search_name_prefix_ms", search["name_prefix"][0], "ms", 50),
        Metric("storage_search_document_number_ms", search["document_number"][0], "ms", 50),
        Metric("storage_search_case_id_ms", search["case_id"][0], "ms", 50),
        Metric("storage_open_s", enc["open"], "s", 1.5),
        Metric("storage_open_and_list_s", enc["open_list"], "s", 1.5),
        Metric("storage_encrypted_vs_plain_ratio", ratio, "x", 1.5),
        Metric("storage_encrypted_vs_plain_search_ratio",
               enc_search_total / plain_search_total, "x"),
    ]  # fmt: skip
