"""What the approval step shows: who took part in the case, the decisions already recorded by
a second person, and which decisions the safeguard gate asks for now.

Reads only (plain dataclasses out). Staff are named by their display name (or user name);
nothing about the person in the case is read here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from laissez.casework import facts
from laissez.casework.base import CaseContext, require_independent
from laissez.casework.gate import evaluate
from laissez.casework.snapshot import PROTECTION_OFFICER, SUPERVISOR
from laissez.casework.states import TERMINAL, CaseState
from laissez.storage.database import Database
from laissez.storage.models import Approval, Screening, User

#: the decisions a second person takes in the approval step
APPROVE = "approve"
NATIONALITY = "nationality"
REFERRAL = "referral_outcome"
VOLUNTARINESS = "voluntariness_review"
RELEASE_HOLD = "release_hold"

#: gate code -> the decision that clears it (the other codes are fixed in other steps)
DECISION_FOR_CODE: dict[str, str] = {
    "identity.not_established": NATIONALITY,
    "protection.status_hold": RELEASE_HOLD,
    "consent.not_free": VOLUNTARINESS,
    "fear.unresolved": REFERRAL,
    "approval.missing": APPROVE,
    "approval.not_supervisor": APPROVE,
    "approval.self": APPROVE,
    "approval.stale": APPROVE,
}

#: the role each decision needs (casework checks it; this is for the words on the screen)
ROLE_FOR_DECISION: dict[str, str] = {
    APPROVE: "supervisor",
    NATIONALITY: "supervisor",
    REFERRAL: "protection_officer",
    VOLUNTARINESS: "protection_officer",
    RELEASE_HOLD: "protection_officer",
}


@dataclass(frozen=True)
class RecordedDecision:
    """One decision a second person recorded in the case.

    ``kind``: one of the decision constants; ``outcome``: ``approved`` / ``rejected`` for
    approvals, else the outcome or reason code; ``reason_code``: why a supervisor rejected.
    """

    kind: str
    outcome: str
    by: str
    decided_at: dt.datetime | None
    reason_code: str | None = None


@dataclass(frozen=True)
class ApprovalSummary:
    """The approval step's reading of a case.

    ``interviewers``: display names of everyone who recorded interview content (they may
    not approve). ``needed``: the decisions the gate asks for now, in gate order.
    ``ready_for_approval``: the case waits for a supervisor and every other condition is met.
    ``approved``: a valid supervisor approval stands (the gate has no ``approval.*`` code).
    """

    case_id: uuid.UUID
    status: str
    interviewers: tuple[str, ...]
    decisions: tuple[RecordedDecision, ...]
    needed: tuple[str, ...]
    ready_for_approval: bool
    approved: bool


def _name(user: User | None) -> str:
    if user is None:
        return "?"
    return user.display_name or user.username


def approval_summary(db: Database, case_id: uuid.UUID) -> ApprovalSummary:
    """Read what the approval step shows for ``case_id`` (``CaseNotFoundError`` if none)."""
    base = CaseContext(db)
    with db.read_session() as session:
        case = base.case(session, case_id)
        snap = base.snapshot(session, case)
        issues = evaluate(snap)
        codes = [i.code for i in issues]
        names = {}
        for user_id in snap.participants:
            names[user_id] = _name(session.get(User, user_id))
        interviewers = tuple(sorted(names.values(), key=str.casefold))
        decisions: list[RecordedDecision] = []
        for approval in session.scalars(select(Approval).where(Approval.case_id == case.id)).all():
            kind = NATIONALITY if approval.subject == "nationality" else APPROVE
            decisions.append(
                RecordedDecision(
                    kind,
                    approval.decision,
                    _name(session.get(User, approval.approver_id)),
                    approval.decided_at,
                    approval.reason_code,
                )
            )
        screening_kinds = {
            facts.FEAR_OF_RETURN: REFERRAL,
            facts.VOLUNTARINESS: VOLUNTARINESS,
            facts.PROTECTION_STATUS: RELEASE_HOLD,
        }
        rows = session.scalars(
            select(Screening).where(Screening.case_id == case.id, Screening.decided_by.is_not(None))
        ).all()
        for screening in rows:
            screening_kind = screening_kinds.get(screening.kind)
            if screening_kind is None or screening.decided_by is None:
                continue
            if screening_kind == VOLUNTARINESS:
                outcome = screening.outcome
            else:
                outcome = screening.referral_outcome or ""
            if not outcome:
                continue
            by = _name(session.get(User, screening.decided_by))
            decisions.append(RecordedDecision(screening_kind, outcome, by, screening.decided_at))
        epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
        decisions.sort(key=lambda d: d.decided_at or epoch, reverse=True)
        needed: list[str] = []
        for code in [] if case.status in TERMINAL else codes:
            needed_kind = DECISION_FOR_CODE.get(code)
            if needed_kind == NATIONALITY and "identity.nationality_missing" in codes:
                continue  # the nationality must be recorded before anyone can approve it
            if needed_kind is not None and needed_kind not in needed:
                needed.append(needed_kind)
        others = [c for c in codes if not c.startswith("approval.")]
        ready = case.status == CaseState.CONSENT_RECORDED and not others
        approved = not any(c.startswith("approval.") for c in codes)
        return ApprovalSummary(
            case_id=case.id,
            status=case.status,
            interviewers=interviewers,
            decisions=tuple(decisions),
            needed=tuple(needed),
            ready_for_approval=ready,
            approved=approved,
        )


#: who may take each decision (role), and whether four eyes apply (took no part in the case)
DECISION_ROLES: dict[str, tuple[str, bool]] = {
    APPROVE: (SUPERVISOR, True),
    NATIONALITY: (SUPERVISOR, True),
    REFERRAL: (PROTECTION_OFFICER, False),
    VOLUNTARINESS: (PROTECTION_OFFICER, False),
    RELEASE_HOLD: (PROTECTION_OFFICER, False),
}


def check_may_decide(db: Database, case_id: uuid.UUID, kind: str) -> None:
    """Raise what casework would raise if the user of ``db`` took decision ``kind`` on
    ``case_id`` (``RoleRequiredError``, ``SelfApprovalError``), without writing anything: the
    desktop asks this right after the second person signs in, before they choose."""
    role, independent = DECISION_ROLES[kind]
    base = CaseContext(db)
    base.require(role)
    if independent:
        with db.read_session() as session:
            case = base.case(session, case_id)
            require_independent(base.snapshot(session, case), base.actor_id, case.id)
