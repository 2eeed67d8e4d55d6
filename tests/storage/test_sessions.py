"""Sessions, ids, times, outbox and search on the real encrypted file."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import func, select

from laissez.protocol import kinds
from laissez.storage import audit, outbox, repository
from laissez.storage.database import Database
from laissez.storage.errors import DatabaseClosedError, PermissionDeniedError
from laissez.storage.ids import uuid7
from laissez.storage.models import Case, IdentityDocument, OutboxEntry, Person

DRAFT = {"status": "draft"}


def test_uuid7_is_time_ordered_and_unique() -> None:
    ids = [uuid7() for _ in range(5000)]
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="aware"), db.session() as session:
        session.add(Case(created_by=db.user.id, closed_at=dt.datetime(2026, 1, 1)))
        session.flush()


def test_times_are_converted_to_utc(db: Database) -> None:
    plus_two = dt.timezone(dt.timedelta(hours=2))
    with db.session() as session:
        case = Case(created_by=db.user.id, closed_at=dt.datetime(2026, 1, 1, 12, tzinfo=plus_two))
        session.add(case)
    with db.read_session() as session:
        again = session.get(Case, case.id)
        assert again is not None and again.closed_at == dt.datetime(2026, 1, 1, 10, tzinfo=dt.UTC)
        assert again.closed_at.tzinfo == dt.UTC


def test_parallel_writers_keep_the_audit_chain(db: Database) -> None:
    """Four threads, one session each per job: every event lands, the chain verifies."""
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(15):
                with db.session() as session:
                    case = Case(created_by=db.user.id)
                    session.add(case)
                    session.flush()
                    audit.record(session, db.user.id, "case.created", "case", case.id)
                    outbox.enqueue(session, kinds.CASE_OPENED, case.id, DRAFT, case_id=case.id)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = db.verify_audit()
    assert report.ok
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 60
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 60


def test_read_session_refuses_changes(db: Database) -> None:
    with pytest.raises(PermissionDeniedError), db.read_session() as session:
        session.add(Case(created_by=db.user.id))
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_outbox_lifecycle(db: Database) -> None:
    with db.session() as session:
        first = outbox.enqueue(session, kinds.CASE_OPENED, uuid.uuid4(), DRAFT)
        second = outbox.enqueue(session, kinds.CASE_OPENED, uuid.uuid4(), DRAFT)
    assert first.id.version == 7 and first.id < second.id
    assert (first.status, first.attempts, first.schema_version) == ("pending", 0, 1)
    with db.session() as session:
        entries = outbox.pending(session)
        assert [e.id for e in entries] == [first.id, second.id]
        entries[0].status = outbox.SENT
        entries[0].attempts += 1
        entries[1].status = outbox.FAILED
        entries[1].last_error_code = "sync.unreachable"
    with db.session() as session:
        assert [e.id for e in outbox.pending(session)] == [second.id]
        assert outbox.reset_in_flight(session) == 1
        assert [e.id for e in outbox.pending(session)] == [first.id, second.id]


def test_searches(db: Database) -> None:
    with db.session() as session:
        for surname, given, number in (("Müller", "José", "AB 12345<"), ("Mulder", "Fox", "X1"),
                                       ("Nguyen", "An", "C9")):  # fmt: skip
            person = Person(primary_name_latin=surname, secondary_name_latin=given,
                            search_name=repository.name_key(surname, given))  # fmt: skip
            session.add(person)
            session.flush()
            session.add(IdentityDocument(person_id=person.id,
                        document_number=repository.normalise_document_number(number)))  # fmt: skip
            session.add(Case(person_id=person.id, created_by=db.user.id))
    assert repository.name_key("Müller-Lüdenscheidt", "José") == "MULLER LUDENSCHEIDT JOSE"
    with db.read_session() as session:
        found = repository.search_people_by_name_prefix(session, "mul")
        assert [p.primary_name_latin for p in found] == ["Mulder", "Müller"]
        assert len(repository.search_cases_by_name_prefix(session, "MÜLLER J")) == 1
        assert repository.search_people_by_name_prefix(session, "  ") == []
        cases = repository.search_cases_by_document_number(session, "ab12345")
        assert len(cases) == 1
        assert repository.get_case(session, cases[0].id) is not None
        assert repository.find_documents_by_number(session, "zz") == []


def test_closed_database_refuses_sessions(db: Database) -> None:
    db.close()
    with pytest.raises(DatabaseClosedError), db.session():
        pass


def test_foreign_keys_are_checked_at_commit(db: Database) -> None:
    """Rows of one case may be flushed in any order; a dangling reference still fails."""
    from laissez.storage.models import RightsAdvisal

    with db.session() as session:
        case = Case(created_by=db.user.id, mission_id=db.mission_id())
        session.add(
            RightsAdvisal(
                case_id=case.id if case.id else uuid.uuid4(),
                text_id="t",
                text_version="1",
                text_hash="0" * 64,
                language="en",
            )
        )
        session.flush()  # the advisal first, its case not yet written: allowed until commit
        session.add(case)
    with pytest.raises(Exception, match="FOREIGN KEY"), db.session() as session:
        session.add(
            RightsAdvisal(
                case_id=uuid.uuid4(),
                text_id="t",
                text_version="1",
                text_hash="0" * 64,
                language="en",
            )
        )
    assert db.mission_id() is not None


def test_open_puts_unacknowledged_pushes_back_to_pending(db: Database, db_path) -> None:
    from tests.support.storage import ADMIN, ADMIN_PASS

    with db.session() as session:
        entry = outbox.enqueue(session, kinds.CASE_OPENED, uuid.uuid4(), DRAFT)
        entry.status = outbox.SENT
    db.close()
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert again.requeued == 1
        with again.read_session() as session:
            assert [e.id for e in outbox.pending(session)] == [entry.id]


def test_status_change_is_stamped(db: Database) -> None:
    with db.session() as session:
        case = Case(created_by=db.user.id, status="draft")
        session.add(case)
    first = case.status_changed_at
    with db.session() as session:
        again = session.get(Case, case.id)
        assert again is not None
        again.status = "draft"  # same value: no change
        session.flush()
        assert again.status_changed_at == first
        again.status = "closed"
    assert again.status_changed_at > first


def test_search_name_follows_the_latin_name(db: Database) -> None:
    with db.session() as session:
        person = Person(primary_name_latin="Øster-Gård", secondary_name_latin="Zoë")
        session.add(person)
    assert person.search_name == "OSTER GARD ZOE"
    with db.session() as session:
        again = session.get(Person, person.id)
        assert again is not None
        again.primary_name_latin = "Ostergaard"
    with db.read_session() as session:
        assert [p.id for p in repository.search_people_by_name_prefix(session, "osterga")] == [
            person.id
        ]


def test_the_outbox_takes_only_contract_kinds_with_matching_payloads(db: Database) -> None:
    from laissez.protocol.kinds import CaseStatus, ChangeKindError, Kind

    stranger = Kind("case", "open", {1: CaseStatus})  # same name, not the contract's own
    with pytest.raises(ChangeKindError) as unknown, db.session() as session:
        outbox.enqueue(session, stranger, uuid.uuid4(), {"status": "draft", "version": 1})
    assert unknown.value.code == "kind.unknown"
    issued = kinds.DOCUMENT_ISSUED
    with pytest.raises(ChangeKindError) as invalid, db.session() as session:
        outbox.enqueue(
            session,
            issued,
            uuid.uuid4(),
            {"status": "issued", "valid_until": "2027-01-01", "primary_name": "SECRET-NAME"},
        )
    assert invalid.value.code == "payload.invalid"
    assert "document_number" in str(invalid.value) and "primary_name" in str(invalid.value)
    assert "SECRET-NAME" not in str(invalid.value)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
