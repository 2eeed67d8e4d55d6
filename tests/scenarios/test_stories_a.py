"""Stories 1-9: each runs a case on the real encrypted database and asserts the exact outcome
and the exact gate codes."""

from __future__ import annotations

import pytest

from laissez.casework.errors import (
    ConsentBeforeAdvisalError,
    GateBlockedError,
    GuardianRequiredError,
    MissingInformationError,
    RoleRequiredError,
    SelfApprovalError,
)
from laissez.casework.states import CaseState
from tests.support.world import ADVISAL, IDENTITY, World, codes, mrz_lines

S = CaseState


def test_01_full_path_issues_a_document(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    assert codes(world, case_id) == []
    etd = world["olga"].decisions.issue_document(case_id)
    assert world["oscar"].state(case_id) is S.DOCUMENT_ISSUED
    assert etd.document_number == "DAC000001"
    assert (etd.nationality, etd.primary_name, etd.date_of_birth) == ("BGD", "Rahman", "1990-XX-XX")
    assert world["oscar"].decisions.documents(case_id) == [(etd.document_id, "DAC000001", "issued")]
    world["oscar"].decisions.close(case_id, departure_evidence="boarding_confirmed")
    assert world["oscar"].state(case_id) is S.CLOSED


def test_02_pending_immigration_hearing_abroad(world: World) -> None:
    hearing = {
        "asylum_pending": "no",
        "appeal_pending": "no",
        "court_hearing_pending": "no",
        "immigration_hearing_pending": "yes",
        "immigration_hearing_country": "DEU",
        "immigration_hearing_reference": "IMM-2026-0042",
        "immigration_hearing_next_date": "2027-02-XX",
        "consequences_explained": "no",
    }
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"pending_proceedings": hearing})
    assert codes(world, case_id) == [
        "proceedings.consequences_not_explained",
        "proceedings.consequences_not_acknowledged",
        "approval.missing",
    ]
    with pytest.raises(GateBlockedError) as blocked:
        world["sam"].decisions.approve(case_id)
    assert blocked.value.codes == (
        "proceedings.consequences_not_explained",
        "proceedings.consequences_not_acknowledged",
    )
    # explained, but the person did not say they understood: still blocked
    world["oscar"].intake.record_interview(
        case_id,
        "pending_proceedings",
        {**hearing, "consequences_explained": "yes", "consequences_acknowledged": "no"},
    )
    assert codes(world, case_id) == [
        "consent.before_explanation",
        "proceedings.consequences_not_acknowledged",
        "approval.missing",
    ]
    world["oscar"].intake.record_interview(
        case_id,
        "pending_proceedings",
        {**hearing, "consequences_explained": "yes", "consequences_acknowledged": "yes"},
    )
    # the consent was given before the consequences were explained: it is asked again
    assert codes(world, case_id) == ["consent.before_explanation", "approval.missing"]
    world["oscar"].consent.record_consent(case_id, "return", "granted")
    world["oscar"].consent.record_consent(case_id, "travel_document", "granted")
    world["sam"].decisions.approve(case_id)
    world["oscar"].decisions.issue_document(case_id)
    assert world["oscar"].state(case_id) is S.DOCUMENT_ISSUED


def test_03_asylum_seeker_prefers_return_to_detention_is_flagged(world: World) -> None:
    interview = {
        "fear_of_return": {
            "fears_return": "no",
            "in_detention": "yes",
            "prefers_return_to_detention": "yes",
            "pressure_reported": "no",
        },
        "pending_proceedings": {
            "asylum_pending": "yes",
            "asylum_country": "GRC",
            "asylum_reference": "UNKNOWN",
            "appeal_pending": "no",
            "court_hearing_pending": "no",
            "immigration_hearing_pending": "no",
            "consequences_explained": "yes",
            "consequences_acknowledged": "yes",
        },
    }
    case_id = world.new_case(S.CONSENT_RECORDED, interview=interview)
    assert codes(world, case_id) == ["consent.not_free", "approval.missing"]
    with pytest.raises(GateBlockedError) as blocked:
        world["sam"].decisions.approve(case_id)
    assert blocked.value.codes == ("consent.not_free",)
    # a protection officer finds consent not free: still blocked
    world["pat"].decisions.record_voluntariness_review(case_id, "consent_not_free")
    assert codes(world, case_id) == ["consent.not_free", "approval.missing"]
    # after a review that confirms free consent, the person must confirm consent again
    world["pat"].decisions.record_voluntariness_review(case_id, "free_consent_confirmed")
    assert codes(world, case_id) == ["consent.not_free", "approval.missing"]
    world["oscar"].consent.record_consent(case_id, "return", "granted")
    world["oscar"].consent.record_consent(case_id, "travel_document", "granted")
    assert codes(world, case_id) == ["approval.missing"]


def test_04_unaccompanied_child_needs_guardian_and_best_interests(world: World) -> None:
    child = {"is_child": "yes", "unaccompanied": "yes", "health_needs": "no", "disability": "no",
             "gbv_risk": "unknown", "referral_offered": "yes"}  # fmt: skip
    case_id = world.new_case(S.ADVISED, interview={"vulnerability": child})
    assert world["oscar"].snapshot(case_id).unaccompanied is True
    assert codes(world, case_id) == [
        "consent.return_missing",
        "consent.document_missing",
        "child.guardian_missing",
        "child.best_interests_missing",
        "approval.missing",
    ]
    # a child's consent without the guardian is refused, for each scope
    for scope in ("return", "travel_document"):
        with pytest.raises(GuardianRequiredError):
            world["oscar"].consent.record_consent(case_id, scope, "granted")
    guardian = {
        "guardian_name": "Appointed Guardian",
        "guardian_relationship": "appointed_guardian",
        "best_interests_record": "BIA by child-protection service: reunification with mother.",
    }
    world["oscar"].consent.record_consent(case_id, "return", "granted", **guardian)
    world["oscar"].consent.record_consent(case_id, "travel_document", "granted", **guardian)
    assert codes(world, case_id) == ["approval.missing"]


def test_05_stateless_person_xxa_is_held(world: World) -> None:
    identity = {**IDENTITY, "nationality": "XXA", "stateless_claim": "yes"}
    case_id = world.new_case(
        S.CONSENT_RECORDED, identity=identity, mrz=mrz_lines(nationality="XXA")
    )
    assert world["oscar"].snapshot(case_id).identity.protection_codes == frozenset({"XXA"})
    # a stateless person is not the mission's State's national: no document from it, ever
    # (issue 20), and the protection hold stands
    held = ["identity.nationality_not_issuable", "protection.status_hold"]
    assert codes(world, case_id) == [*held, "approval.missing"]
    with pytest.raises(GateBlockedError) as blocked:
        world["sam"].decisions.approve(case_id)
    assert blocked.value.codes == tuple(held)
    # nobody but a protection officer can release the hold
    for user in ("oscar", "sam"):
        with pytest.raises(RoleRequiredError):
            world[user].decisions.release_protection_hold(case_id, "voluntary_repatriation")
    assert codes(world, case_id) == [*held, "approval.missing"]


def test_06_consent_before_the_advisal_is_refused(world: World) -> None:
    case_id = world.new_case(S.INTERVIEWED)
    with pytest.raises(ConsentBeforeAdvisalError) as refused:
        world["oscar"].consent.record_consent(case_id, "return", "granted")
    assert refused.value.code == "casework.consent_before_advisal"
    assert world["oscar"].state(case_id) is S.INTERVIEWED
    assert world["oscar"].snapshot(case_id).consents == ()
    assert "consent.return_missing" in codes(world, case_id)


def test_06b_consent_older_than_the_latest_advisal_does_not_count(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    world["olga"].consent.deliver_advisal(case_id, **ADVISAL)  # advised again, e.g. with a new text
    assert world["oscar"].state(case_id) is S.ADVISED
    assert codes(world, case_id) == [
        "consent.before_advisal",
        "consent.data_sharing_undecided",
        "approval.missing",
    ]


def test_07_advisal_in_a_language_the_person_does_not_understand(world: World) -> None:
    advisal = {**ADVISAL, "language": "en", "language_understood": False}
    case_id = world.new_case(S.CONSENT_RECORDED, advisal=advisal)
    assert codes(world, case_id) == ["advisal.language_not_understood", "approval.missing"]
    with pytest.raises(GateBlockedError) as blocked:
        world["sam"].decisions.approve(case_id)
    assert blocked.value.codes == ("advisal.language_not_understood",)
    # ticking "understood" does not help: the text must be in the person's language
    world["oscar"].consent.deliver_advisal(case_id, **{**advisal, "language_understood": True})
    assert "advisal.language_not_understood" in codes(world, case_id)


def test_08_no_interpreter_where_one_was_needed(world: World) -> None:
    advisal = {**ADVISAL, "interpreter_used": False, "interpreter_name": None}
    case_id = world.new_case(S.INTERVIEWED)
    # an incomplete advisal is refused with what is missing, never saved
    with pytest.raises(MissingInformationError) as refused:
        world["oscar"].consent.deliver_advisal(case_id, **advisal)
    assert refused.value.fields == ("interpreter_used",)
    assert world["oscar"].state(case_id) is S.INTERVIEWED
    assert "advisal.missing" in codes(world, case_id)


def test_09_an_officer_approving_their_own_case(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, officer="boss")
    with pytest.raises(SelfApprovalError) as refused:
        world["boss"].decisions.approve(case_id)
    assert refused.value.code == "casework.self_approval"
    with pytest.raises(RoleRequiredError):
        world["olga"].decisions.approve(case_id)  # an officer without the supervisor role
    assert world["oscar"].state(case_id) is S.CONSENT_RECORDED
    assert codes(world, case_id) == ["approval.missing"]
    world["sue"].decisions.approve(case_id)
    assert codes(world, case_id) == []
