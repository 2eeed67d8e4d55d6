"""The person, not the case: cases linked by evidence, and what follows the person across them.

Recording an identity (``IntakeSteps.record_identity``) computes the case's evidence keys
(``match_keys``) and looks each up by its indexed digest:

* exact evidence (the same document number and issuing State read right in both cases, or
  the same name, complete date of birth and nationality) links the cases to one person record
  at once;
* uncertain evidence (a typed or misread number, the same name with another or partly unknown
  date of birth, a similar name with the same date of birth, the same photograph) proposes a
  match: until an officer records ``same_person`` or ``not_same_person`` (``decide_match``,
  signed and audited), the gate reports ``person.match_undecided``.

``linked.person_facts`` reads, for the gate, every case linked to a case: its open flags, pending
proceedings, refusals (the person declining or withdrawing consent, a supervisor refusing to
approve, a referral to a protection agency) and valid travel documents. Audit events name ids
and reason codes only (record type ``person_record``, so that deciding a match never makes
anyone a participant of the case).
"""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from laissez.casework import match_keys
from laissez.casework.base import CaseContext
from laissez.casework.errors import InvalidTransitionError, MissingInformationError
from laissez.casework.linked import decision_payload, person_facts, record_of
from laissez.casework.snapshot import OFFICER, SUPERVISOR
from laissez.storage import audit
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Case,
    DocumentImage,
    IdentityDocument,
    Person,
    PersonCaseLink,
    PersonMatchKey,
    PersonMatchProposal,
    PersonRecord,
)

SAME_PERSON = "same_person"
NOT_SAME_PERSON = "not_same_person"
MATCH_DECISIONS = (SAME_PERSON, NOT_SAME_PERSON)


def evidence(session: Session, case: Case) -> match_keys.Evidence:
    """What ``case`` recorded about its person, as the match reads it."""
    person = session.get(Person, case.person_id) if case.person_id else None
    if person is None or person.purged_at is not None:
        return match_keys.Evidence()
    documents = session.scalars(
        select(IdentityDocument).where(IdentityDocument.person_id == person.id)
    ).all()
    photos = session.scalars(
        select(DocumentImage.data).where(
            DocumentImage.document_id.in_([d.id for d in documents]),
            DocumentImage.kind == "photo",
        )
    ).all()
    names = {
        (person.primary_name_latin, person.secondary_name_latin),
        (person.primary_name, person.secondary_name),
    }
    return match_keys.Evidence(
        names=tuple(sorted(names, key=str)),
        date_of_birth=person.date_of_birth,
        nationality=person.nationality,
        documents=tuple(
            (d.issuing_state, d.document_number, bool(d.mrz_valid))
            for d in documents
            if d.document_number
        ),
        photos=tuple(p for p in photos if p),
    )


def _ensure_record(session: Session, case_id: uuid.UUID) -> uuid.UUID:
    record_id = record_of(session, case_id)
    if record_id is None:
        record = PersonRecord()
        session.add(record)
        session.add(PersonCaseLink(case_id=case_id, person_record_id=record.id,
                                   reason="first_case", linked_at=utcnow()))  # fmt: skip
        session.flush()
        record_id = record.id
    return record_id


def _link(
    session: Session,
    case_id: uuid.UUID,
    other_id: uuid.UUID,
    reason: str,
    actor_id: uuid.UUID,
    linked_by: uuid.UUID | None,
) -> bool:
    """Put ``other_id``'s whole record into ``case_id``'s; False when already one."""
    keep = _ensure_record(session, case_id)
    theirs = _ensure_record(session, other_id)
    if keep == theirs:
        return False
    session.execute(
        update(PersonCaseLink)
        .where(PersonCaseLink.person_record_id == theirs)
        .values(person_record_id=keep)
    )
    row = session.get(PersonCaseLink, other_id)
    if row is not None:
        session.refresh(row)
        row.reason, row.linked_by, row.linked_at = reason, linked_by, utcnow()
    session.flush()
    audit.record(session, actor_id, "person.linked", "person_record", keep,
                 {"case_id": case_id, "other_case_id": other_id, "reason": reason})  # fmt: skip
    return True


def _pair(a: uuid.UUID, b: uuid.UUID):  # type: ignore[no-untyped-def]
    return or_(
        (PersonMatchProposal.case_id == a) & (PersonMatchProposal.other_case_id == b),
        (PersonMatchProposal.case_id == b) & (PersonMatchProposal.other_case_id == a),
    )


def matches(
    session: Session, case_id: uuid.UUID, found: set[tuple[str, str]]
) -> dict[uuid.UUID, tuple[set[str], set[str]]]:
    """The other cases sharing a key with ``found`` (``case_id``'s (kind, digest) keys), each
    with the kinds of the shared keys on this side and on theirs: one lookup by the indexed
    digest, whatever the number of cases."""
    mine = {value: kind for kind, value in found}
    hits = session.execute(
        select(PersonMatchKey.case_id, PersonMatchKey.kind, PersonMatchKey.digest).where(
            PersonMatchKey.digest.in_(list(mine)), PersonMatchKey.case_id != case_id
        )
    ).all()
    shared: dict[uuid.UUID, tuple[set[str], set[str]]] = {}
    for other, their_kind, shared_digest in hits:
        entry = shared.setdefault(other, (set(), set()))
        entry[0].add(mine[shared_digest or ""])
        entry[1].add(their_kind)
    return shared


def refresh(session: Session, case: Case, actor_id: uuid.UUID) -> tuple[int, int]:
    """Recompute ``case``'s evidence keys, link the cases that match it exactly and propose
    the uncertain matches (inside the caller's transaction); returns (links, proposals)."""
    session.flush()
    session.query(PersonMatchKey).filter(PersonMatchKey.case_id == case.id).delete()
    found = match_keys.keys(evidence(session, case))
    for kind, value in found:
        session.add(PersonMatchKey(case_id=case.id, kind=kind, digest=value))
    _ensure_record(session, case.id)
    session.flush()
    shared = matches(session, case.id, found)
    # undecided proposals are made again from the evidence as it now stands
    session.query(PersonMatchProposal).filter(
        or_(PersonMatchProposal.case_id == case.id, PersonMatchProposal.other_case_id == case.id),
        PersonMatchProposal.decision.is_(None),
    ).delete(synchronize_session=False)
    links = proposals = 0
    for other, (kinds_mine, kinds_theirs) in sorted(shared.items()):
        exact, uncertain = match_keys.verdict(kinds_mine, kinds_theirs)
        if exact is not None:
            links += _link(session, case.id, other, exact, actor_id, None)
            continue
        if uncertain is None or record_of(session, other) == record_of(session, case.id):
            continue
        if session.scalar(select(PersonMatchProposal.id).where(_pair(case.id, other))):
            continue  # an officer already decided on this pair
        row = PersonMatchProposal(case_id=case.id, other_case_id=other, reason=uncertain,
                                  proposed_at=utcnow())  # fmt: skip
        session.add(row)
        session.flush()
        details = {"proposal_id": row.id, "reason": uncertain}
        record = record_of(session, case.id)
        audit.record(session, actor_id, "person.match_proposed", "person_record", record, details)
        proposals += 1
    return links, proposals


class PersonSteps:
    """The officer's decisions on uncertain matches (``Casework.persons``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    def proposals(self, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str | None, str, str | None]]:
        """The matches proposed for the case, oldest first, as ``(proposal id, the other
        case's reference, reason, decision or None)``."""
        with self.ctx.db.read_session() as session:
            rows = session.scalars(
                select(PersonMatchProposal)
                .where(or_(PersonMatchProposal.case_id == case_id,
                           PersonMatchProposal.other_case_id == case_id))
                .order_by(PersonMatchProposal.proposed_at)
            ).all()  # fmt: skip
            out = []
            for r in rows:
                other = session.get(Case, r.other_case_id if r.case_id == case_id else r.case_id)
                out.append((r.id, other.reference if other else None, r.reason, r.decision))
            return out

    def linked_cases(self, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str | None, str]]:
        """The other cases of the same person as ``(case id, reference, why linked)``."""
        with self.ctx.db.read_session() as session:
            case = self.ctx.case(session, case_id)
            found = person_facts(session, case, utcnow()).linked
            return [(f.case_id, f.reference, f.reason) for f in found]

    def decide_match(self, proposal_id: uuid.UUID, decision: str) -> None:
        """An officer or supervisor records whether a proposed match is the same person
        (``same_person``: the two cases' person records become one) or not
        (``not_same_person``). Signed by its author and audited (ids and the decision only).

        Raises:
            RoleRequiredError, MissingInformationError (another decision),
            InvalidTransitionError (no such undecided proposal).
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        if decision not in MATCH_DECISIONS:
            raise MissingInformationError(
                f"the decision is one of {', '.join(MATCH_DECISIONS)}", fields=["decision"]
            )
        with self.ctx.db.session() as session:
            row = session.get(PersonMatchProposal, proposal_id)
            if row is None or row.decision is not None:
                raise InvalidTransitionError(
                    f"no undecided match proposal {proposal_id}", action="decide_match"
                )
            self.ctx.check_clock(session)
            row.decision = decision
            row.decided_by = self.ctx.actor_id
            row.decided_at = utcnow()
            row.signature = self.ctx.db.sign(decision_payload(row))
            session.flush()
            record = record_of(session, row.case_id)
            audit.record(session, self.ctx.actor_id, "person.match_decided", "person_record",
                         record, {"proposal_id": row.id, "decision": decision})  # fmt: skip
            if decision == SAME_PERSON:
                _link(session, row.case_id, row.other_case_id, "officer_decision",
                      self.ctx.actor_id, self.ctx.actor_id)  # fmt: skip
