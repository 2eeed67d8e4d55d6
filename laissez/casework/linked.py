"""What follows the person into a case, read for the gate: the other cases linked to the
same person record (their open flags, pending proceedings, refusals and valid travel
documents) and the uncertain matches no officer has decided yet, with a valid signature
(``laissez.casework.persons`` makes the links and the proposals)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from laissez.casework import match_keys
from laissez.casework.snapshot import LinkedCaseFacts, PersonFacts, Refusal
from laissez.storage.models import (
    Approval,
    Case,
    CaseFlag,
    ConsentDecision,
    ConsentWithdrawal,
    LegalProceeding,
    PersonCaseLink,
    PersonMatchKey,
    PersonMatchProposal,
    Revocation,
    Screening,
    TravelDocument,
)
from laissez.storage.signed import public_keys, valid


def decision_payload(row: PersonMatchProposal) -> bytes:
    """The bytes an officer signs when deciding a proposed match."""
    stamp = row.decided_at.isoformat(timespec="microseconds") if row.decided_at else ""
    text = f"person_match|{row.id}|{row.case_id}|{row.other_case_id}|{row.decision}|"
    return (text + f"{row.decided_by}|{stamp}").encode()


def record_of(session: Session, case_id: uuid.UUID) -> uuid.UUID | None:
    """The person record ``case_id`` belongs to (None before its identity is recorded)."""
    return session.scalar(
        select(PersonCaseLink.person_record_id).where(PersonCaseLink.case_id == case_id)
    )


def _signed(session: Session, rows: list[PersonMatchProposal]) -> list[PersonMatchProposal]:
    keys = public_keys(session, [r.decided_by for r in rows if r.decided_by])
    return [r for r in rows if valid(keys.get(r.decided_by, []) if r.decided_by else [],
                                     decision_payload(r), r.signature)]  # fmt: skip


def _refusals(session: Session, case_id: uuid.UUID) -> tuple[Refusal, ...]:
    found = [
        Refusal("consent", c.decided_at)
        for c in session.scalars(
            select(ConsentDecision).where(
                ConsentDecision.case_id == case_id,
                ConsentDecision.scope.in_(("return", "travel_document")),
                ConsentDecision.decision != "granted",
            )
        ).all()
    ]
    found += [
        Refusal("consent", at)
        for at in session.scalars(
            select(ConsentWithdrawal.withdrawn_at).where(ConsentWithdrawal.case_id == case_id)
        ).all()
    ]
    found += [
        Refusal("approval", a.decided_at)
        for a in session.scalars(
            select(Approval).where(
                Approval.case_id == case_id,
                Approval.subject == "issue",
                Approval.decision == "rejected",
            )
        ).all()
    ]
    found += [
        Refusal("referral", s.decided_at or s.screened_at)
        for s in session.scalars(
            select(Screening).where(
                Screening.case_id == case_id,
                Screening.kind == "fear_of_return",
                Screening.referral_outcome == "referred_to_protection_agency",
            )
        ).all()
    ]
    return tuple(sorted(found, key=lambda r: r.at))


def valid_documents(session: Session, case_id: uuid.UUID, today: dt.date) -> int:
    """How many travel documents of the case are still valid: issued, not revoked, not
    expired."""
    revoked = select(Revocation.travel_document_id)
    rows = session.scalars(
        select(TravelDocument.valid_until).where(
            TravelDocument.case_id == case_id,
            TravelDocument.status == "issued",
            TravelDocument.id.not_in(revoked),
        )
    ).all()
    return sum(1 for until in rows if (until or "9999-12-31") >= today.isoformat())


def exact_matches(session: Session, case_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """The other cases that share exact evidence with ``case_id`` (the same document read
    right on both sides, or the same name, full date of birth and nationality), by reason;
    an indexed lookup of the case's own keys."""
    mine = dict(
        session.execute(
            select(PersonMatchKey.digest, PersonMatchKey.kind).where(
                PersonMatchKey.case_id == case_id,
                PersonMatchKey.kind.in_((match_keys.DOC, match_keys.NAME_BIRTH)),
            )
        ).all()
    )
    if not mine:
        return {}
    found: dict[uuid.UUID, str] = {}
    for other, kind, value in session.execute(
        select(PersonMatchKey.case_id, PersonMatchKey.kind, PersonMatchKey.digest).where(
            PersonMatchKey.digest.in_(list(mine)), PersonMatchKey.case_id != case_id
        )
    ).all():
        if mine.get(value) == kind:
            reason = "document" if kind == match_keys.DOC else "name_and_birth"
            if found.get(other) != "document":
                found[other] = reason
    return found


def person_facts(session: Session, case: Case, now: dt.datetime) -> PersonFacts:
    """What follows the person into ``case``: the cases linked to it (each with its open
    flags, pending proceedings, refusals and valid documents) and the uncertain matches not
    yet decided (by the other case's reference)."""
    record_id = record_of(session, case.id)
    others: dict[uuid.UUID, str] = {}
    if record_id is not None:
        for other_id, reason in session.execute(
            select(PersonCaseLink.case_id, PersonCaseLink.reason).where(
                PersonCaseLink.person_record_id == record_id, PersonCaseLink.case_id != case.id
            )
        ).all():
            others[other_id] = reason
    # exact evidence links whatever the link rows say: removing a row hides nothing
    for other_id, reason in exact_matches(session, case.id).items():
        others.setdefault(other_id, reason)
    linked: list[LinkedCaseFacts] = []
    rows = session.execute(
        select(Case.id, Case.reference).where(Case.id.in_(list(others))).order_by(Case.created_at)
    ).all()
    for other_id, reference in rows:
        flags = session.scalars(
            select(CaseFlag.kind).where(CaseFlag.case_id == other_id, CaseFlag.cleared_at.is_(None))
        ).all()
        pending = session.scalars(
            select(LegalProceeding.id).where(
                LegalProceeding.case_id == other_id, LegalProceeding.pending.is_(True)
            )
        ).all()
        linked.append(
            LinkedCaseFacts(
                case_id=other_id,
                reference=reference,
                reason=others[other_id],
                open_flags=tuple(sorted(set(flags))),
                pending_proceedings=len(pending),
                refusals=_refusals(session, other_id),
                valid_documents=valid_documents(session, other_id, now.date()),
            )
        )
    proposals = session.scalars(
        select(PersonMatchProposal).where(
            or_(PersonMatchProposal.case_id == case.id,
                PersonMatchProposal.other_case_id == case.id)
        )
    ).all()  # fmt: skip
    decided = {r.id for r in _signed(session, [p for p in proposals if p.decision])}
    undecided = [p for p in proposals if p.id not in decided]
    references = []
    for p in undecided:
        other = session.get(Case, p.other_case_id if p.case_id == case.id else p.case_id)
        references.append((other.reference if other else None) or str(p.other_case_id)[:18])
    return PersonFacts(linked=tuple(linked), undecided=tuple(sorted(set(references))))
