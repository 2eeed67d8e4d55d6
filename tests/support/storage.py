"""Storage test helpers: the test database's users, and a whole case written through the
storage models for tests that need realistic data."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

from laissez.protocol import kinds
from laissez.storage import audit, outbox
from laissez.storage.database import Database
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Approval,
    Case,
    ConsentDecision,
    ConsentWithdrawal,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    LegalProceeding,
    Person,
    PrintEvent,
    RightsAdvisal,
    Screening,
    TravelDocument,
)
from laissez.storage.repository import name_key

#: the first administrator of the ``db`` fixture's database, and a second user some tests add
ADMIN = "admin"
ADMIN_PASS = "admin passphrase 1"
OFFICER = "officer1"
OFFICER_PASS = "officer passphrase 1"

# Distinctive values that occur nowhere else: tests search files for them.
SURNAME = "Zyxquorbelt"
GIVEN = "Wenceslava"
SURNAME_ORIGINAL = "Зыкскуорбельт"
GIVEN_ORIGINAL = "Венцеслава"
DOC_NUMBER = "QX7Z41986"
ETD_NUMBER = "ETDQ55X913"
#: the person's drawn signature (PNG bytes with a distinctive, searchable body)
SIGNATURE_MARKER = b"SIGQ7STROKESZX41"
SIGNATURE = b"\x89PNG\r\n\x1a\n" + SIGNATURE_MARKER * 4


@dataclass(frozen=True)
class WholeCase:
    """Ids of what ``record_whole_case`` wrote."""

    case_id: uuid.UUID
    person_id: uuid.UUID
    document_id: uuid.UUID


def fake_png(text: str) -> bytes:
    """Bytes standing for a scan: a PNG header, then the text (so a leak would be visible)."""
    return b"\x89PNG\r\n\x1a\n" + text.encode() * 20 + hashlib.sha256(text.encode()).digest()


def record_whole_case(
    db: Database,
    *,
    surname: str = SURNAME,
    given: str = GIVEN,
    number: str = DOC_NUMBER,
    etd_number: str = ETD_NUMBER,
    status: str = "closed",
    changed_at: dt.datetime | None = None,
    acked: bool = True,
) -> WholeCase:
    """Write a person, document with scan and photo, case, interview, screening, advisal,
    consent (and a withdrawn one), approval, ETD with a print event, outbox entries and
    audit events, in one transaction, as casework would."""
    actor = db.user.id
    mrz_name = f"{surname.upper()}<<{given.upper()}"
    mrz = f"P<UTO{mrz_name}".ljust(44, "<") + "\n" + f"{number}<5UTO8001014F3001012<<<<<<<<<<<<<<02"
    with db.session() as session:
        person = Person(
            primary_name=SURNAME_ORIGINAL if surname == SURNAME else surname,
            secondary_name=GIVEN_ORIGINAL if given == GIVEN else given,
            name_script="Cyrl",
            primary_name_latin=surname,
            secondary_name_latin=given,
            mrz_name=mrz_name,
            search_name=name_key(surname, given),
            date_of_birth="1980-01-01",
            sex="F",
            nationality="UTO",
            place_of_birth=f"{surname}ville",
        )
        session.add(person)
        session.flush()
        document = IdentityDocument(
            person_id=person.id,
            document_code="P",
            issuing_state="UTO",
            document_number=number,
            nationality="UTO",
            date_of_birth="1980-01-01",
            date_of_expiry="2030-01-01",
            sex="F",
            mrz_format="TD3",
            mrz_lines=mrz,
            mrz_valid=True,
            source="scan",
            recorded_by=actor,
        )
        document.images = [
            DocumentImage(kind="scan", data=fake_png(f"{surname} {number}")),
            DocumentImage(kind="photo", media_type="image/jpeg", data=fake_png(given)),
        ]
        session.add(document)
        case = Case(person_id=person.id, created_by=actor, status=status, interview_language="ru")
        if changed_at is not None:
            case.status_changed_at = changed_at
        session.add(case)
        session.flush()
        session.add(
            InterviewAnswers(
                case_id=case.id,
                form_id="return_interview",
                form_version="1.0",
                language="ru",
                answers={"family_name_at_birth": surname, "free_text": f"{given} says {number}"},
                completed=True,
                recorded_by=actor,
            )
        )
        session.add(
            Screening(
                case_id=case.id,
                fear_expressed=False,
                outcome="no_fear",
                answers={"q1": f"{given} has no fear"},
                screened_by=actor,
                referral_notes=f"{surname} interviewed",
            )
        )
        session.add(
            LegalProceeding(
                case_id=case.id,
                kind="asylum",
                pending=False,
                reference=f"{surname}-{number}",
                recorded_by=actor,
            )
        )
        advisal = RightsAdvisal(
            case_id=case.id,
            text_id="rights_advisal",
            text_version="2.1",
            text_hash="ab" * 32,
            language="ru",
            language_understood=True,
            interpreter_used=True,
            interpreter_name=f"{given} Interpreter",
            questions=f"{given} asked about {number}",
            legal_counsel_offered=True,
            delivered_by=actor,
        )
        session.add(advisal)
        session.flush()
        consent = ConsentDecision(
            case_id=case.id,
            advisal_id=advisal.id,
            scope="return",
            decision="granted",
            language="ru",
            recorded_by=actor,
            guardian_name=None,
            signature=SIGNATURE,
            signature_kind="signed",
        )
        sharing = ConsentDecision(
            case_id=case.id,
            advisal_id=advisal.id,
            scope="data_sharing",
            recipient="hq",
            decision="granted",
            recorded_by=actor,
        )
        session.add_all([consent, sharing])
        session.flush()
        session.add(
            ConsentWithdrawal(
                consent_id=sharing.id,
                case_id=case.id,
                reason_code="changed_mind",
                recorded_by=actor,
            )
        )
        session.add(
            Approval(
                case_id=case.id,
                approver_id=actor,
                role="supervisor",
                decision="approved",
                comment=f"ok for {surname}",
            )
        )
        etd = TravelDocument(
            case_id=case.id,
            document_number=etd_number,
            issued_by=actor,
            mrz_lines=f"PDUTO{mrz_name}",
            valid_until="2027-01-01",
        )
        session.add(etd)
        session.flush()
        session.add(PrintEvent(travel_document_id=etd.id, printed_by=actor, printer="office"))
        entry = outbox.enqueue(
            session, kinds.CASE_OPENED, case.id, {"status": "draft"}, case_id=case.id
        )
        if acked:
            entry.status = outbox.ACKED
            entry.acked_at = utcnow()
        for action in ("case.created", "advisal.delivered", "consent.recorded", "etd.issued"):
            audit.record(session, actor, action, "case", case.id, {"status": status})
    return WholeCase(case.id, person.id, document.id)
