"""Stories of the safeguards in ordinary use (issue 14): a hurried officer re-saves a form, one
person holds two roles, the clock moves, a case is closed too early. Each story is told from the
person's side, runs on the real encrypted database and asserts the exact gate codes. After every
story, the outbox (what goes to headquarters, the State of origin) is scanned: no fear, asylum or
protection detail may leave the mission.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from laissez.casework import signatures
from laissez.casework.errors import (
    ClockBackwardsError,
    GateBlockedError,
    GuardianRequiredError,
    MissingInformationError,
    RoleRequiredError,
    SelfApprovalError,
)
from laissez.casework.settings import set_freshness_days
from laissez.casework.states import CaseState
from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import (
    Approval,
    Case,
    ConsentDecision,
    IdentityDocument,
    InterviewAnswers,
    InterviewAnswerVersion,
    OutboxEntry,
    RightsAdvisal,
    Screening,
    User,
)
from tests.support.world import ADVISAL, IDENTITY, INTERVIEW, PASSPHRASE, World

S = CaseState

#: words that must never appear in anything queued for headquarters
SENSITIVE = ("fear", "asylum", "protection", "refugee", "stateless", "traffick", "referral")

FEAR_YES = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
FEAR_NO = dict(INTERVIEW["fear_of_return"])


def codes(world: World, case_id, user: str = "oscar") -> list[str]:
    return [i.code for i in world[user].gate(case_id)]


def _texts(value: object) -> Iterator[str]:
    """Every text value inside a payload (statuses, reasons, codes), except the name of the
    interview form answered (every case answers the fear-of-return form: that says nothing)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "form":
                yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


@pytest.fixture(autouse=True)
def _outbox_stays_neutral(world: World) -> Iterator[None]:
    """No change kind, status, reason or code queued for headquarters names fear, asylum or
    protection: the per-case protection kinds and the interview's ``fear_flag`` stay on the
    mission (headquarters gets the monthly counts of red flags instead)."""
    yield
    with world.handles["oscar"].session() as session:
        rows = session.scalars(select(OutboxEntry)).all()
        text = " ".join(
            t for r in rows for t in (r.operation, *_texts(r.payload), *r.payload)
        ).lower()
    leaked = [w for w in SENSITIVE if w in text]
    assert leaked == [], f"the outbox tells headquarters: {leaked}"


def _shift(world: World, model, column: str, case_id, days: int) -> None:
    """Move a recorded time of the case ``days`` into the past (as if that long ago). A signed
    decision is signed again by its author, as it would have been then."""
    with world.handles["oscar"].session() as session:
        names = {u.id: u.username for u in session.scalars(select(User)).all()}
        for row in session.scalars(select(model).where(model.case_id == case_id)).all():
            setattr(row, column, getattr(row, column) - dt.timedelta(days=days))
            if isinstance(row, Approval):
                signatures.sign_approval(world.handles[names[row.approver_id]], row)


# --- 1. flags only grow ---


def test_fear_stays_raised_when_the_form_is_resaved_with_no(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR_YES})
    assert codes(world, case_id) == ["fear.unresolved", "approval.missing"]
    world["olga"].intake.record_interview(case_id, "fear_of_return", FEAR_NO)
    assert codes(world, case_id) == ["fear.unresolved", "approval.missing"]
    flag = [f for f in world["oscar"].snapshot(case_id).flags if f.kind == "fear"]
    assert [(f.open, f.source) for f in flag] == [(True, "fear_of_return")]
    world["pat"].decisions.record_referral_outcome(case_id, "no_protection_need")
    assert codes(world, case_id) == ["approval.missing"]


def test_preferring_return_to_detention_stays_raised(world: World) -> None:
    prefers = {**FEAR_NO, "in_detention": "yes", "prefers_return_to_detention": "unknown"}
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": prefers})
    assert codes(world, case_id) == ["consent.not_free", "approval.missing"]
    world["oscar"].intake.record_interview(case_id, "fear_of_return", FEAR_NO)
    assert codes(world, case_id) == ["consent.not_free", "approval.missing"]


def _walk_to_consent(world: World, case_id, officer: str = "oscar") -> None:
    """Interview, advisal, data sharing and consent with good answers."""
    cw = world[officer]
    for form_id, answers in INTERVIEW.items():
        cw.intake.record_interview(case_id, form_id, answers)
    cw.consent.deliver_advisal(case_id, **ADVISAL)
    for recipient in world.library.consent_scopes().recipients():
        cw.consent.record_data_sharing(case_id, recipient, "declined")
    cw.consent.record_consent(case_id, "return", "granted")
    cw.consent.record_consent(case_id, "travel_document", "granted")


def test_statelessness_claim_stays_raised(world: World) -> None:
    case_id = world.new_case(S.IDENTIFIED, identity={**IDENTITY, "stateless_claim": "yes"})
    world["olga"].intake.record_identity(case_id, IDENTITY)
    _walk_to_consent(world, case_id)
    assert codes(world, case_id) == ["protection.status_hold", "approval.missing"]
    world["pat"].decisions.release_protection_hold(case_id, "voluntary_repatriation")
    assert codes(world, case_id) == ["approval.missing"]


def test_pending_hearing_abroad_stays_when_the_form_is_resaved(world: World) -> None:
    hearing = {
        **INTERVIEW["pending_proceedings"],
        "immigration_hearing_pending": "yes",
        "immigration_hearing_country": "DEU",
        "immigration_hearing_reference": "IMM-2026-0042",
        "consequences_explained": "yes",
        "consequences_acknowledged": "yes",
    }
    case_id = world.new_case(S.INTERVIEWED, interview={"pending_proceedings": hearing})
    world["oscar"].intake.record_interview(
        case_id, "pending_proceedings", INTERVIEW["pending_proceedings"]
    )
    assert world["oscar"].snapshot(case_id).proceedings != ()
    assert "proceedings.consequences_not_explained" in codes(world, case_id)
    world["pat"].decisions.clear_flag(
        case_id, "proceeding", "withdrawn", reference="IMM-2026-0042", detail="immigration_hearing"
    )
    assert "proceedings.consequences_not_explained" not in codes(world, case_id)


def test_lodged_asylum_claim_is_not_cleared_by_a_later_screening(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR_YES})
    world["pat"].decisions.record_referral_outcome(case_id, "asylum_claim_lodged")
    assert world["oscar"].state(case_id) is S.PROTECTION_REFERRAL
    world["oscar"].intake.record_fear_expressed(case_id)
    world["pat"].decisions.record_referral_outcome(case_id, "no_protection_need")
    assert "protection.asylum_claim_pending" in codes(world, case_id)
    with pytest.raises(MissingInformationError):
        world["pat"].decisions.clear_flag(case_id, "asylum_claim", "decided")
    world["pat"].decisions.clear_flag(case_id, "asylum_claim", "decided", reference="GR-123")
    assert "protection.asylum_claim_pending" not in codes(world, case_id)


def test_trafficking_indicators_raise_a_flag(world: World) -> None:
    vulnerability = {**INTERVIEW["vulnerability"], "trafficking_indicators": ["documents_withheld"]}
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"vulnerability": vulnerability})
    assert codes(world, case_id) == ["protection.trafficking_indicators", "approval.missing"]
    world["oscar"].intake.record_interview(case_id, "vulnerability", INTERVIEW["vulnerability"])
    assert codes(world, case_id) == ["protection.trafficking_indicators", "approval.missing"]
    with pytest.raises(RoleRequiredError):  # an officer cannot clear a flag
        world["oscar"].decisions.clear_flag(case_id, "trafficking", "assessed_no_risk")
    world["pat"].decisions.clear_flag(case_id, "trafficking", "assessed_no_risk")
    assert codes(world, case_id) == ["approval.missing"]


# --- 2. four eyes over everyone ---


def test_the_interviewer_cannot_approve_after_a_colleague_resaves(world: World) -> None:
    case_id = world.new_case(S.IDENTIFIED)
    # the person told their family situation and route to boss; olga re-saved those forms
    world["boss"].intake.record_interview(case_id, "family", INTERVIEW["family"])
    world["boss"].intake.record_interview(case_id, "travel_route", INTERVIEW["travel_route"])
    _walk_to_consent(world, case_id, officer="olga")
    with pytest.raises(SelfApprovalError):
        world["boss"].decisions.approve(case_id)
    world["sam"].decisions.approve(case_id)


def test_one_person_cannot_clear_fear_and_approve(world: World) -> None:
    world.admin.add_user(
        "pia", PASSPHRASE.format(name="pia"), ("protection_officer", "supervisor"), kdf=TEST_KDF
    )
    pia = Database.open(world.path, username="pia", passphrase=PASSPHRASE.format(name="pia"))
    try:
        from laissez.casework.service import Casework

        cw = Casework(pia)
        case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR_YES})
        cw.decisions.record_referral_outcome(case_id, "no_protection_need")
        with pytest.raises(SelfApprovalError):
            cw.decisions.approve(case_id)
    finally:
        pia.close()


# --- 3. freshness ---


def test_consent_before_the_explanation_of_consequences_does_not_count(world: World) -> None:
    hearing = {
        **INTERVIEW["pending_proceedings"],
        "appeal_pending": "yes",
        "appeal_country": "DEU",
        "consequences_explained": "no",
    }
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"pending_proceedings": hearing})
    world["oscar"].intake.record_interview(
        case_id,
        "pending_proceedings",
        {**hearing, "consequences_explained": "yes", "consequences_acknowledged": "yes"},
    )
    assert codes(world, case_id) == ["consent.before_explanation", "approval.missing"]
    world["oscar"].consent.record_consent(case_id, "return", "granted")
    world["oscar"].consent.record_consent(case_id, "travel_document", "granted")
    assert codes(world, case_id) == ["approval.missing"]


def test_an_old_approval_and_old_consent_expire(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    # everything in the case happened 60 days ago
    for model, column in (
        (InterviewAnswers, "updated_at"),
        (InterviewAnswerVersion, "recorded_at"),
        (RightsAdvisal, "delivered_at"),
        (ConsentDecision, "decided_at"),
        (Screening, "screened_at"),
        (Approval, "decided_at"),
    ):
        _shift(world, model, column, case_id, 60)
    with world.handles["oscar"].session() as session:
        for doc in session.scalars(select(IdentityDocument)).all():
            doc.created_at -= dt.timedelta(days=60)
    assert codes(world, case_id) == ["consent.expired", "approval.expired"]
    with pytest.raises(GateBlockedError) as blocked:
        world["olga"].decisions.issue_document(case_id)
    assert blocked.value.codes == ("consent.expired", "approval.expired")
    # a mission that keeps consent and approval fresh for the longest allowed, 90 days
    with pytest.raises(MissingInformationError):
        set_freshness_days(world.admin, 365)
    set_freshness_days(world.admin, 90)
    assert codes(world, case_id) == []


def test_a_ten_year_etd_is_refused(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    with pytest.raises(MissingInformationError) as refused:
        world["olga"].decisions.issue_document(case_id, valid_days=3650)
    assert "90" in str(refused.value)
    assert world["oscar"].state(case_id) is S.APPROVED
    assert world["oscar"].decisions.documents(case_id) == []


def test_a_clock_set_back_is_refused(world: World) -> None:
    case_id = world.new_case(S.INTERVIEWED)
    with world.handles["oscar"].session() as session:
        future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
        session.execute(update(Case).where(Case.id == case_id).values(updated_at=future))
    with pytest.raises(ClockBackwardsError) as refused:
        world["oscar"].consent.deliver_advisal(case_id, **ADVISAL)
    assert "clock" in str(refused.value)
    assert world["oscar"].state(case_id) is S.INTERVIEWED


# --- 4. the child ---


def test_a_child_by_date_of_birth_gets_the_child_safeguards(world: World) -> None:
    born = (dt.date.today() - dt.timedelta(days=14 * 365)).isoformat()
    # the vulnerability form says "not a child"; the date of birth says 14
    case_id = world.new_case(S.ADVISED, identity={**IDENTITY, "date_of_birth": born})
    assert codes(world, case_id) == [
        "consent.return_missing",
        "consent.document_missing",
        "child.guardian_missing",
        "child.best_interests_missing",
        "approval.missing",
    ]
    with pytest.raises(GuardianRequiredError):
        world["oscar"].consent.record_consent(case_id, "return", "granted")


def test_a_child_needs_the_guardian_for_the_travel_document_too(world: World) -> None:
    child = {**INTERVIEW["vulnerability"], "is_child": "yes", "unaccompanied": "no"}
    case_id = world.new_case(S.ADVISED, interview={"vulnerability": child})
    world["oscar"].consent.record_consent(
        case_id, "return", "granted", guardian_name="Karim Rahman",
        guardian_relationship="parent", best_interests_record="BIA-1",
    )  # fmt: skip
    with pytest.raises(GuardianRequiredError):
        world["oscar"].consent.record_consent(case_id, "travel_document", "granted")


# --- 5. advisal complete or refused ---


def test_an_interpreter_without_a_name_is_refused(world: World) -> None:
    case_id = world.new_case(S.INTERVIEWED)
    with pytest.raises(MissingInformationError) as refused:
        world["oscar"].consent.deliver_advisal(case_id, **{**ADVISAL, "interpreter_name": ""})
    assert refused.value.fields == ("interpreter_name",)
    assert world["oscar"].state(case_id) is S.INTERVIEWED


def test_an_advisal_without_counsel_offered_is_refused(world: World) -> None:
    case_id = world.new_case(S.INTERVIEWED)
    with pytest.raises(MissingInformationError) as refused:
        world["oscar"].consent.deliver_advisal(
            case_id, **{**ADVISAL, "legal_counsel_offered": False, "interpreter_name": None}
        )
    assert refused.value.fields == ("interpreter_name", "legal_counsel_offered")
    assert world["oscar"].state(case_id) is S.INTERVIEWED


# --- 6. closing and withdrawal ---


def test_closing_needs_evidence_of_departure_and_withdrawal_stays_possible(world: World) -> None:
    travel = copy.deepcopy(INTERVIEW["travel_route"])
    travel["planned_departure"] = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    case_id = world.new_case(S.APPROVED, interview={"travel_route": travel})
    world["olga"].decisions.issue_document(case_id)
    with pytest.raises(MissingInformationError) as refused:
        world["oscar"].decisions.close(case_id)
    assert refused.value.fields == ("departure_evidence",)
    world["oscar"].consent.withdraw_consent(case_id)
    assert world["oscar"].state(case_id) is S.CONSENT_WITHDRAWN
    assert [s for _, _, s in world["oscar"].decisions.documents(case_id)] == ["voided"]


def test_closing_with_evidence_of_departure(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    world["olga"].decisions.issue_document(case_id)
    world["oscar"].decisions.close(case_id, departure_evidence="boarding_confirmed")
    assert world["oscar"].state(case_id) is S.CLOSED


# --- 7. what goes to headquarters ---


def test_fear_after_issuance_revokes_with_a_neutral_reason(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    world["olga"].decisions.issue_document(case_id)
    world["oscar"].intake.record_fear_expressed(case_id)
    assert [s for _, _, s in world["oscar"].decisions.documents(case_id)] == ["voided"]
    with world.handles["oscar"].session() as session:
        revocations = session.scalars(
            select(OutboxEntry).where(OutboxEntry.entity == "revocation")
        ).all()
        assert [r.payload["reason"] for r in revocations] == ["revoked"]
    # the outbox scan after the story checks the rest
