"""A supervisor's rejection, and the approval step's reading of a case."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from laissez.casework.errors import (
    InvalidTransitionError,
    MissingInformationError,
    RoleRequiredError,
    SelfApprovalError,
)
from laissez.casework.states import CaseState
from laissez.casework.views import approval as av
from laissez.storage.models import Approval, AuditEvent
from tests.support.world import INTERVIEW, World

S = CaseState
FEAR = {**INTERVIEW["fear_of_return"], "fears_return": "yes", "fear_reasons": ["persecution"],
        "fear_account": "They said they were threatened by a militia."}  # fmt: skip


def _codes(world: World, case_id) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.code for i in world["oscar"].gate(case_id)]


def test_a_supervisor_rejects_and_the_case_waits_for_another_decision(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    world["sam"].decisions.reject_approval(case_id, "identity_doubtful", "Photo does not match.")
    assert world["oscar"].state(case_id) is S.CONSENT_RECORDED
    assert _codes(world, case_id) == ["approval.missing"]
    with world.handles["oscar"].session() as session:
        row = session.scalars(select(Approval).where(Approval.case_id == case_id)).one()
        assert (row.decision, row.reason_code) == ("rejected", "identity_doubtful")
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.reject_approval")
        ).one()
        assert "Photo" not in str(event.details)
    summary = av.approval_summary(world.handles["oscar"], case_id)
    assert [(d.kind, d.outcome, d.by, d.reason_code) for d in summary.decisions] == [
        (av.APPROVE, "rejected", "sam", "identity_doubtful")
    ]
    # a later approval (another supervisor) stands
    world["sue"].decisions.approve(case_id)
    assert _codes(world, case_id) == []


def test_a_rejection_is_refused_like_an_approval(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, officer="boss")
    with pytest.raises(SelfApprovalError):
        world["boss"].decisions.reject_approval(case_id, "identity_doubtful")
    with pytest.raises(RoleRequiredError):
        world["olga"].decisions.reject_approval(case_id, "identity_doubtful")
    with pytest.raises(MissingInformationError):
        world["sam"].decisions.reject_approval(case_id, "Free text is not a code")
    interviewed = world.new_case(S.INTERVIEWED)
    with pytest.raises(InvalidTransitionError):
        world["sam"].decisions.reject_approval(interviewed, "identity_doubtful")
    with world.handles["oscar"].session() as session:
        assert session.scalars(select(Approval)).all() == []


def test_the_summary_names_the_interviewers_and_the_decisions_needed(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR})
    summary = av.approval_summary(world.handles["sam"], case_id)
    assert summary.interviewers == ("oscar",)
    assert summary.needed == (av.REFERRAL, av.APPROVE)
    assert not summary.ready_for_approval and not summary.approved
    world["pat"].decisions.record_referral_outcome(case_id, "no_protection_need")
    summary = av.approval_summary(world.handles["sam"], case_id)
    assert summary.needed == (av.APPROVE,) and summary.ready_for_approval
    assert [(d.kind, d.outcome, d.by) for d in summary.decisions] == [
        (av.REFERRAL, "no_protection_need", "pat")
    ]
    world["sam"].decisions.approve(case_id)
    summary = av.approval_summary(world.handles["oscar"], case_id)
    assert summary.approved and summary.needed == () and summary.status == "approved"
    assert summary.decisions[0].kind == av.APPROVE and summary.decisions[0].by == "sam"


def test_a_closed_case_asks_for_no_decision(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR})
    world["pat"].decisions.record_referral_outcome(case_id, "asylum_claim_lodged")
    world["pat"].decisions.close_without_document(case_id, "protection_referral")
    summary = av.approval_summary(world.handles["oscar"], case_id)
    assert summary.status == "closed_without_document"
    assert summary.needed == () and not summary.ready_for_approval and not summary.approved
