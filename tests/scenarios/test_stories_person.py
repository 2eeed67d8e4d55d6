"""Stories of the person, not the case (issue 20): what one case learnt about a person follows
them into every other case of theirs, a mission issues only for the nationals of its own State
(or those headquarters lists), and a document reported lost or stolen is revoked at once.

Each story is told from the person's side, on the real encrypted database, and asserts the exact
gate codes; on the main branch before issue 20 each one fails (a second case started clean,
any nationality was issued, a lost document could only be reprinted).
"""

from __future__ import annotations

import contextlib
import copy
import json
import uuid

import pytest
from sqlalchemy import delete, select

from laissez.casework.errors import (
    DocumentNotPrintableError,
    GateBlockedError,
    InvalidTransitionError,
    MissingInformationError,
    RoleRequiredError,
)
from laissez.casework.states import CaseState
from laissez.documents import sandbox
from laissez.documents.errors import DocumentError
from laissez.storage.models import AuditEvent, OutboxEntry, PersonCaseLink, TravelDocument
from laissez.storage.sync import state as sync_state
from tests.support.world import ADVISAL, IDENTITY, INTERVIEW, PHOTO, World, codes, mrz_lines

S = CaseState
FEAR_YES = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
#: a complete date of birth: with the name and nationality, exact evidence
BORN = "1990-03-04"
#: the identity answers without a passport (no document number to show)
UNDOCUMENTED = {k: v for k, v in IDENTITY.items() if k != "document_number"}


@pytest.fixture(scope="module", autouse=True)
def _sandbox_started() -> None:
    """Start the sandbox's fork server once (its first start loads the readers and, on a busy
    machine, can take longer than a photograph's own check may)."""
    with contextlib.suppress(DocumentError):
        sandbox.photo_image(PHOTO)


def walk(world: World, case_id: uuid.UUID, officer: str = "olga") -> None:
    """From identified to consent recorded, with good answers (as ``World.new_case`` does)."""
    for form_id, answers in copy.deepcopy(INTERVIEW).items():
        world[officer].intake.record_interview(case_id, form_id, answers)
    advise_and_consent(world, case_id, officer)


def advise_and_consent(world: World, case_id: uuid.UUID, officer: str = "olga") -> None:
    """The advisal, each data-sharing decision, and consent to return and to the document."""
    cw = world[officer]
    cw.consent.deliver_advisal(case_id, **ADVISAL)
    for recipient in world.library.consent_scopes().recipients():
        cw.consent.record_data_sharing(case_id, recipient, "declined")
    cw.consent.record_consent(case_id, "return", "granted")
    cw.consent.record_consent(case_id, "travel_document", "granted")


def second_case(
    world: World,
    identity: dict[str, object],
    *,
    number: str | None = None,
    photo: bytes | None = PHOTO,
    officer: str = "olga",
) -> uuid.UUID:
    """The person comes back: a new case, their identity recorded (with the passport
    ``number`` read right, when given), walked to consent recorded."""
    case_id = world[officer].intake.open_case()
    lines = mrz_lines(number=number) if number else None
    world[officer].intake.record_identity(case_id, identity, mrz_lines=lines, photo=photo)
    walk(world, case_id, officer)
    return case_id


def linked(world: World, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    return [(c, why) for c, _ref, why in world["oscar"].persons.linked_cases(case_id)]


# --- 1. what one case learnt follows the person -----------------------------------------------


def test_fear_told_in_a_closed_case_follows_the_same_passport_into_a_new_case(
    world: World,
) -> None:
    # Amina told an officer she fears return; she left before a protection officer saw her and
    # the case was closed without a document. Months later she is brought back with the same
    # passport.
    first = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR_YES})
    world["oscar"].decisions.close_without_document(first, "person_left")
    again = second_case(world, IDENTITY, number="BX1234567")
    assert linked(world, again) == [(first, "document")]
    assert codes(world, again) == ["person.flag_open_in_linked_case", "approval.missing"]
    with pytest.raises(GateBlockedError) as blocked:
        world["sam"].decisions.approve(again)
    assert blocked.value.codes == ("person.flag_open_in_linked_case",)
    # a protection officer sees her now and records the outcome where the fear was told
    with pytest.raises(RoleRequiredError):
        world["olga"].decisions.record_referral_outcome(first, "no_protection_need")
    world["pat"].decisions.record_referral_outcome(first, "no_protection_need")
    assert world["oscar"].state(first) is S.CLOSED_WITHOUT_DOCUMENT
    assert codes(world, again) == ["approval.missing"]


def test_a_pending_appeal_in_one_case_blocks_the_other(world: World) -> None:
    appeal = {
        **INTERVIEW["pending_proceedings"],
        "appeal_pending": "yes",
        "appeal_reference": "APP-2026-17",
        "consequences_explained": "yes",
        "consequences_acknowledged": "yes",
    }
    identity = {**IDENTITY, "date_of_birth": BORN}
    first = world.new_case(
        S.INTERVIEWED, identity=identity, interview={"pending_proceedings": appeal}
    )
    # a new passport (another number), the same name, date of birth and nationality
    again = second_case(world, identity, number="BX7654321")
    assert linked(world, again) == [(first, "name_and_birth")]
    assert codes(world, again) == [
        "person.flag_open_in_linked_case",
        "person.proceeding_pending_in_linked_case",
        "approval.missing",
    ]
    world["pat"].decisions.clear_flag(
        first, "proceeding", "withdrawn", reference="APP-2026-17", detail="appeal"
    )
    assert codes(world, again) == ["approval.missing"]


def test_withdrawing_consent_in_one_case_stops_the_other_older_consent(world: World) -> None:
    identity = {**IDENTITY, "date_of_birth": BORN}
    first = world.new_case(S.CONSENT_RECORDED, identity=identity)
    again = second_case(world, identity, number="BX7654321")
    # two cases, the person changes their mind in the first: they do not want to go back
    world["oscar"].consent.withdraw_consent(first, "person_withdrew")
    assert codes(world, again) == ["person.refused_in_linked_case", "approval.missing"]
    # asked again in the second case after the withdrawal, their newer word counts
    advise_and_consent(world, again)
    assert codes(world, again) == ["approval.missing"]


def test_deleting_the_link_around_the_application_hides_nothing(world: World) -> None:
    first = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR_YES})
    world["oscar"].decisions.close_without_document(first, "person_left")
    again = second_case(world, IDENTITY, number="BX1234567")
    # someone with the database key removes the link rows, as if the cases were two people
    with world.handles["oscar"].session() as session:
        session.execute(delete(PersonCaseLink))
    assert codes(world, again) == ["person.flag_open_in_linked_case", "approval.missing"]


def test_a_referral_for_protection_in_one_case_is_final_for_the_person(world: World) -> None:
    first = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR_YES})
    world["pat"].decisions.record_referral_outcome(first, "referred_to_protection_agency")
    world["pat"].decisions.close_without_document(first, "referred_for_protection")
    again = second_case(world, IDENTITY, number="BX1234567")
    assert codes(world, again) == ["person.refused_in_linked_case", "approval.missing"]


# --- 2. uncertain matches are an officer's decision ------------------------------------------


def test_the_name_written_in_arabic_and_the_passport_in_latin_letters_are_proposed(
    world: World,
) -> None:
    # First interview: no passport, the name written in Arabic, the date of birth known.
    arabic = {
        **UNDOCUMENTED,
        "primary_name": "حداد",
        "secondary_name": "ليلى",
        "date_of_birth": BORN,
        "evidence": ["birth_certificate", "nationality_interview"],
        "interview_summary": "Knows district, dialect and school; consular register.",
    }
    first = world.new_case(S.INTERVIEWED, identity=arabic, mrz=None, photo=None)
    world["oscar"].intake.record_fear_expressed(first)
    # Second case: her passport, HADDAD LAYLA in the MRZ, another photograph. The Doc 9303
    # transliteration of the Arabic name and the passport's spelling differ, but the name's
    # skeleton and the date of birth agree: a match is proposed, not made.
    latin = {**IDENTITY, "primary_name": "Haddad", "secondary_name": "Layla", "date_of_birth": BORN}
    again = second_case(world, latin, number="BX7654321", photo=None)
    assert linked(world, again) == []
    assert codes(world, again) == [
        "identity.photo_missing",
        "person.match_undecided",
        "approval.missing",
    ]
    [(proposal, ref, reason, decision)] = world["olga"].persons.proposals(again)
    assert (reason, decision) == ("similar_name_same_birth", None)
    assert ref is not None and ref.startswith("DAC-")
    # the officer asks her, and records that she is the same person: the fear follows her
    world["olga"].persons.decide_match(proposal, "same_person")
    assert linked(world, again) == [(first, "officer_decision")]
    assert codes(world, again) == [
        "identity.photo_missing",
        "person.flag_open_in_linked_case",
        "approval.missing",
    ]
    with world.handles["oscar"].session() as session:
        events = session.scalars(
            select(AuditEvent.action).where(AuditEvent.record_type == "person_record")
        ).all()
    assert "person.match_decided" in events and "person.linked" in events


def test_two_people_with_the_same_name_are_told_apart_by_an_officer(world: World) -> None:
    identity = {**IDENTITY, "date_of_birth": BORN}
    first = world.new_case(S.INTERVIEWED, identity=identity, interview={"fear_of_return": FEAR_YES})
    # another Amina Rahman, born another day, with her own passport and photograph
    other = {**IDENTITY, "date_of_birth": "1994-11-20"}
    again = second_case(world, other, number="BX7654321", photo=None)
    assert codes(world, again) == [
        "identity.photo_missing",
        "person.match_undecided",
        "approval.missing",
    ]
    with pytest.raises(MissingInformationError):
        world["olga"].persons.decide_match(world["olga"].persons.proposals(again)[0][0], "maybe")
    [(proposal, _ref, reason, _d)] = world["olga"].persons.proposals(again)
    assert reason == "same_name_other_birth"
    world["olga"].persons.decide_match(proposal, "not_same_person")
    assert codes(world, again) == ["identity.photo_missing", "approval.missing"]
    assert linked(world, again) == [] and linked(world, first) == []
    assert "person.match_undecided" not in codes(world, first)


# --- 3. one valid document per person; lost or stolen -----------------------------------------


def test_a_person_holds_one_valid_document_and_a_lost_one_is_replaced(world: World) -> None:
    identity = {**IDENTITY, "date_of_birth": BORN}
    first = world.new_case(S.APPROVED, identity=identity)
    etd = world["oscar"].decisions.issue_document(first)
    # the person comes back with a new passport and asks for another document
    again = second_case(world, identity, number="BX7654321")
    assert codes(world, again) == ["person.valid_document_held", "approval.missing"]
    # ... because they lost the first: recording it revokes it at once
    world["oscar"].lost.report_lost(etd.document_id, "lost")
    assert world["oscar"].decisions.documents(first) == [
        (etd.document_id, etd.document_number, "voided")
    ]
    assert world["oscar"].decisions.revocation_list() == [(etd.document_number, "reported_lost")]
    with pytest.raises(DocumentNotPrintableError):
        world["oscar"].signing.reprint_document(etd.document_id, "printer_jam")
    assert codes(world, again) == ["approval.missing"]
    world["sue"].decisions.approve(again)
    new = world["oscar"].decisions.issue_document(again)
    assert new.document_number != etd.document_number
    # and headquarters heard of the revocation with a neutral reason
    with world.handles["oscar"].session() as session:
        sent = [
            e.payload
            for e in session.scalars(select(OutboxEntry)).all()
            if e.payload.get("document_number") == etd.document_number and "reason" in e.payload
        ]
    assert [p["reason"] for p in sent] == ["revoked"]


def test_a_stolen_document_is_revoked_and_the_replacement_goes_through_the_gate(
    world: World,
) -> None:
    case_id = world.new_case(S.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    world["olga"].lost.report_lost(etd.document_id, "stolen")
    assert world["oscar"].state(case_id) is S.CONSENT_RECORDED
    # the replacement needs a supervisor's approval again, the old one no longer counts
    assert codes(world, case_id) == ["approval.stale"]
    with pytest.raises(InvalidTransitionError):
        world["oscar"].decisions.issue_document(case_id)
    with pytest.raises(InvalidTransitionError):  # reported once; it cannot be reported again
        world["oscar"].lost.report_lost(etd.document_id, "lost")
    with pytest.raises(DocumentNotPrintableError):
        world["oscar"].signing.reprint_document(etd.document_id, "damaged_copy")
    world["sam"].decisions.approve(case_id)
    new = world["oscar"].decisions.issue_document(case_id)
    assert new.document_number != etd.document_number
    assert [s for _i, _n, s in world["oscar"].decisions.documents(case_id)] == [
        "voided",
        "issued",
    ]
    # the printed page of the stolen one verifies as revoked at this mission
    assert world["oscar"].decisions.revocation_list() == [(etd.document_number, "reported_stolen")]


def test_a_document_lost_after_departure_is_still_revoked(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    world["oscar"].decisions.close(case_id, departure_evidence="boarding_confirmed")
    world["oscar"].lost.report_lost(etd.document_id, "stolen")
    assert world["oscar"].state(case_id) is S.CLOSED
    with world.handles["oscar"].session() as session:
        doc = session.get(TravelDocument, etd.document_id)
        assert doc is not None and doc.status == "voided"


# --- 4. the issuing State ---------------------------------------------------------------------


def test_a_national_of_another_state_gets_no_document_from_this_mission(world: World) -> None:
    # A Bangladeshi mission; the person's passport, read right, is Indian.
    indian = {**IDENTITY, "nationality": "IND"}
    case_id = world.new_case(
        S.CONSENT_RECORDED, identity=indian, mrz=mrz_lines("IND", number="IN1234567")
    )
    assert codes(world, case_id) == ["identity.nationality_not_issuable", "approval.missing"]
    with pytest.raises(GateBlockedError) as blocked:
        world["sam"].decisions.approve(case_id)
    assert blocked.value.codes == ("identity.nationality_not_issuable",)
    # headquarters lets this mission issue for Indian nationals too (a pull stores it)
    with world.handles["oscar"].session() as session:
        config = {"issuable_nationalities": ["BGD", "IND"]}
        sync_state.put(session, sync_state.KEY_CONFIG, json.dumps(config))
    assert codes(world, case_id) == ["approval.missing"]


def test_an_unknown_nationality_never_gets_a_document(world: World) -> None:
    unknown = {
        **UNDOCUMENTED,
        "nationality": "XXX",
        "evidence": ["nationality_interview"],
        "interview_summary": "Could not name a country; no documents.",
    }
    case_id = world.new_case(S.CONSENT_RECORDED, identity=unknown, mrz=None)
    world["sue"].intake.approve_nationality(case_id)
    assert codes(world, case_id) == ["identity.nationality_not_issuable", "approval.missing"]


def test_a_nationality_changed_after_its_approval_needs_approving_again(world: World) -> None:
    with world.handles["oscar"].session() as session:
        config = {"issuable_nationalities": ["BGD", "IND"]}
        sync_state.put(session, sync_state.KEY_CONFIG, json.dumps(config))
    interviewed = {
        **IDENTITY,
        "evidence": ["expired_document", "nationality_interview"],
        "interview_summary": "Knows district, dialect and school; consular register.",
    }
    case_id = world.new_case(S.IDENTIFIED, identity=interviewed, mrz=None)
    world["sue"].intake.approve_nationality(case_id)
    assert "identity.not_established" not in codes(world, case_id)
    # the officer corrects the nationality: the supervisor approved another one
    corrected = {**interviewed, "nationality": "IND"}
    world["oscar"].intake.record_identity(case_id, corrected, confirm_change=True)
    assert codes(world, case_id)[:1] == ["identity.not_established"]
    world["sue"].intake.approve_nationality(case_id)
    walk(world, case_id, officer="oscar")
    assert codes(world, case_id) == ["approval.missing"]
