"""Stories of what a protection officer's decisions mean for the person (issue 14, the rest):
their fear, their asylum claim and the clearing of a flag stay at the mission; headquarters
learns only how many flags a month raised; a flag is cleared only by a protection officer's
signed decision, never by a row written around casework; the mission's administrator decides
how long a consent and an approval stay fresh. Each story runs on the real
encrypted database and asserts the exact gate codes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from laissez.casework import signatures
from laissez.casework.errors import RoleRequiredError
from laissez.casework.settings import set_freshness_days, set_share_protection_details
from laissez.casework.states import CaseState
from laissez.storage.models import (
    Approval,
    CaseFlag,
    ConsentDecision,
    IdentityDocument,
    InterviewAnswers,
    InterviewAnswerVersion,
    OutboxEntry,
    RightsAdvisal,
    Screening,
    User,
)
from laissez.storage.sync import protection_counts
from tests.support.world import IDENTITY, INTERVIEW, World

S = CaseState
FEAR_YES = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
TRAFFICKED = {**INTERVIEW["vulnerability"], "trafficking_indicators": ["documents_withheld"]}


def codes(world: World, case_id, user: str = "oscar") -> list[str]:
    return [i.code for i in world[user].gate(case_id)]


def _outbox(world: World) -> list[OutboxEntry]:
    with world.handles["oscar"].session() as session:
        rows = session.scalars(select(OutboxEntry).order_by(OutboxEntry.created_at)).all()
        session.expunge_all()
        return list(rows)


# --- item 6: fear, asylum and protection details never leave the mission ---


def test_my_fear_and_my_asylum_claim_are_not_queued_for_headquarters(world: World) -> None:
    """I said I fear return; a protection officer lodged my asylum claim, later decided.
    Headquarters (my State of origin) is told nothing of it, not even that something was
    kept back: the case's versions it receives run without a gap."""
    case_id = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR_YES})
    world["pat"].decisions.record_referral_outcome(case_id, "asylum_claim_lodged")
    assert codes(world, case_id)[0] == "protection.asylum_claim_pending"
    world["pat"].decisions.clear_flag(case_id, "asylum_claim", "decided", reference="GR-123")
    assert "protection.asylum_claim_pending" not in codes(world, case_id)
    world["oscar"].intake.record_interview(case_id, "fear_of_return", FEAR_YES)
    rows = [r for r in _outbox(world) if r.case_id == case_id]
    assert [r.operation for r in rows] == ["open", "record_identity"] + ["record_interview"] * 6
    assert [r.payload.get("version") for r in rows[1:]] == list(range(1, 8))
    assert all("fear_flag" not in r.payload for r in rows)


def test_a_mission_that_chose_to_share_protection_details_sends_them(world: World) -> None:
    """Only the mission's administrator can choose to share (headquarters cannot): then the
    protection officer's decision goes with the case."""
    with pytest.raises(RoleRequiredError):
        set_share_protection_details(world.handles["oscar"], True)
    set_share_protection_details(world.admin, True)
    case_id = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR_YES})
    world["pat"].decisions.record_referral_outcome(case_id, "no_protection_need")
    sent = [r for r in _outbox(world) if r.case_id == case_id]
    assert sent[-1].operation == "record_referral_outcome"
    assert sent[-1].payload["outcome"] == "cleared"
    assert [r.payload.get("fear_flag") for r in sent if r.payload.get("form") == "fear_of_return"]


def test_my_referral_to_a_protection_agency_shows_headquarters_no_state_of_its_own(
    world: World,
) -> None:
    """Even where the mission shares protection details, my case's status as headquarters sees
    it never becomes one that only a protection referral produces: it keeps the last status
    headquarters was sent before the referral."""
    set_share_protection_details(world.admin, True)
    case_id = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR_YES})
    world["pat"].decisions.record_referral_outcome(case_id, "referred_to_protection_agency")
    assert world["oscar"].state(case_id) == S.PROTECTION_REFERRAL
    sent = [r for r in _outbox(world) if r.case_id == case_id and r.entity == "case"]
    assert sent[-1].operation == "record_referral_outcome"
    assert {r.payload.get("status") for r in sent} <= {"draft", "identified", "interviewed"}
    assert sent[-1].payload["status"] == "interviewed"


def test_headquarters_learns_only_how_many_flags_a_closed_month_raised(world: World) -> None:
    """Two people's flags this month: nothing leaves while the month runs; once it is over,
    one count for the whole mission, with no case, and never twice."""
    first = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR_YES})
    world.new_case(S.INTERVIEWED, interview={"vulnerability": TRAFFICKED})
    world["pat"].decisions.record_referral_outcome(first, "no_protection_need")
    now = dt.datetime.now(dt.UTC)
    next_month = (now.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    with world.admin.session() as session:
        assert protection_counts.queue_closed_months(session, now) == []
        assert protection_counts.queue_closed_months(session, next_month) == [f"{now:%Y-%m}"]
        assert protection_counts.queue_closed_months(session, next_month) == []
    counts = [r for r in _outbox(world) if r.entity == "mission"]
    assert [(r.entity_id, r.payload, r.case_id) for r in counts] == [
        (f"{now:%Y-%m}", {"month": f"{now:%Y-%m}", "raised": 2, "cleared": 1}, None)
    ]


# --- item 2: a clearing is a signed decision ---


def test_a_clearing_written_around_casework_does_not_clear_my_flag(world: World) -> None:
    """Someone with the database key marks my trafficking flag cleared in SQL, in the
    protection officer's name: the flag still blocks, and the gate says a decision is not
    signed. The protection officer's own, signed, clearing lifts both."""
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"vulnerability": TRAFFICKED})
    assert codes(world, case_id) == ["protection.trafficking_indicators", "approval.missing"]
    with world.handles["pat"].session() as session:
        pat = world.handles["pat"].user.id
        session.execute(
            text("UPDATE case_flags SET cleared_by = :p, cleared_at = :t, "
                 "clear_reason = 'assessed_no_risk' WHERE case_id = :c"),
            {"p": pat.hex, "t": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
             "c": case_id.hex},
        )  # fmt: skip
    assert codes(world, case_id) == [
        "protection.trafficking_indicators",
        "approval.missing",
        "decision.unsigned",
    ]
    assert world["pat"].decisions.clear_flag(case_id, "trafficking", "assessed_no_risk") == 1
    assert codes(world, case_id) == ["approval.missing"]
    with world.handles["pat"].session() as session:
        flag = session.scalars(select(CaseFlag).where(CaseFlag.case_id == case_id)).one()
        assert flag.clear_signature is not None and len(flag.clear_signature) == 64


def test_a_signed_clearing_altered_afterwards_no_longer_counts(world: World) -> None:
    """My passport says I am 16; the protection officer assessed my age as adult; someone then
    changes the clearing in SQL. The altered clearing does not verify: the child safeguards
    are back."""
    born = dt.date.today().replace(day=1) - dt.timedelta(days=16 * 365)
    case_id = world.new_case(
        S.INTERVIEWED, identity={**IDENTITY, "date_of_birth": born.isoformat()}
    )
    assert "child" in [f.kind for f in world["oscar"].snapshot(case_id).flags if f.open]
    world["pat"].decisions.clear_flag(case_id, "child", "age_assessed_adult")
    assert "child" not in [f.kind for f in world["oscar"].snapshot(case_id).flags if f.open]
    with world.handles["pat"].session() as session:
        session.execute(
            text("UPDATE case_flags SET clear_reference = 'x' WHERE case_id = :c"),
            {"c": case_id.hex},
        )
    assert "child" in [f.kind for f in world["oscar"].snapshot(case_id).flags if f.open]
    assert "decision.unsigned" in codes(world, case_id)


# --- item 3: only a protection officer clears a flag, with its reason and reference ---


def test_only_a_protection_officer_clears_my_decided_asylum_claim(world: World) -> None:
    """My asylum claim was lodged and is now decided. The officer and the supervisor cannot
    record that; the protection officer can, with the claim's reference."""
    case_id = world.new_case(S.CONSENT_RECORDED, interview={"fear_of_return": FEAR_YES})
    world["pat"].decisions.record_referral_outcome(case_id, "asylum_claim_lodged")
    for name in ("oscar", "sam"):
        with pytest.raises(RoleRequiredError):
            world[name].decisions.clear_flag(case_id, "asylum_claim", "decided", reference="R-1")
    assert codes(world, case_id) == ["protection.asylum_claim_pending", "approval.missing"]
    world["pat"].decisions.clear_flag(case_id, "asylum_claim", "decided", reference="R-1")
    assert codes(world, case_id) == ["approval.missing"]


# --- item 4: the mission's freshness period ---


def _age_case(world: World, case_id, days: int) -> None:
    """Everything recorded in the case happened ``days`` ago (signed decisions re-signed by
    their authors, as they would have been then)."""
    with world.handles["oscar"].session() as session:
        names = {u.id: u.username for u in session.scalars(select(User)).all()}
        for model, column in ((InterviewAnswers, "updated_at"),
                              (InterviewAnswerVersion, "recorded_at"),
                              (RightsAdvisal, "delivered_at"), (ConsentDecision, "decided_at"),
                              (Screening, "screened_at"), (Approval, "decided_at")):  # fmt: skip
            for row in session.scalars(select(model).where(model.case_id == case_id)).all():
                setattr(row, column, getattr(row, column) - dt.timedelta(days=days))
                if isinstance(row, Approval):
                    signatures.sign_approval(world.handles[names[row.approver_id]], row)
        for doc in session.scalars(select(IdentityDocument)).all():
            doc.created_at -= dt.timedelta(days=days)


def test_my_consent_of_40_days_ago_counts_where_the_mission_keeps_it_45_days(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    _age_case(world, case_id, 40)
    assert codes(world, case_id) == ["consent.expired", "approval.expired"]
    set_freshness_days(world.admin, 45)
    assert codes(world, case_id) == []
    set_freshness_days(world.admin, 30)
    assert codes(world, case_id) == ["consent.expired", "approval.expired"]
