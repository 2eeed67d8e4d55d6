"""Build a ``CaseSnapshot`` from the encrypted database (inside the caller's transaction).

Reads only; the gate itself stays a pure function over the snapshot.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.casework import flags as red_flags
from laissez.casework import signatures
from laissez.casework.linked import person_facts
from laissez.casework.snapshot import (
    DEFAULT_FRESHNESS_DAYS,
    PROTECTION_CODES,
    Actor,
    AdvisalFacts,
    ApprovalFacts,
    CaseSnapshot,
    ConsentFacts,
    IdentityFacts,
    ProceedingFacts,
    ScreeningFacts,
    VoluntarinessReview,
)
from laissez.forms import Library, default_library
from laissez.forms.errors import FormsError
from laissez.storage import roles as role_grants
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Approval,
    AuditEvent,
    Case,
    ConsentDecision,
    ConsentWithdrawal,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    InterviewAnswerVersion,
    LegalProceeding,
    Mission,
    Person,
    Revocation,
    RightsAdvisal,
    Screening,
)

FEAR_OF_RETURN = "fear_of_return"
VOLUNTARINESS = "voluntariness"
PROTECTION_STATUS = "protection_status"
HOLD_RELEASED = "hold_released"
#: case actions that decide on the case rather than record or change it: whoever took only
#: these part is still independent (four eyes)
DECIDING_ACTIONS = frozenset(
    {
        "case.approve",
        "case.reject_approval",
        "case.approve_nationality",
        "case.issue_document",
        "case.issue_refused",
        "case.close",
        "case.close_without_document",
    }
)


def contributors(session: Session, case_id: uuid.UUID) -> set[uuid.UUID]:
    """Everyone who ever recorded or changed anything on the case, or cleared a flag in it,
    as the audit log tells it (every transition writes an event naming its actor)."""
    rows = session.execute(
        select(AuditEvent.actor_id, AuditEvent.action).where(
            AuditEvent.record_type == "case", AuditEvent.record_id == str(case_id)
        )
    ).all()
    return {actor for actor, action in rows if actor is not None and action not in DECIDING_ACTIONS}


def actor(session: Session, user_id: uuid.UUID | None) -> Actor | None:
    """The user as an ``Actor`` with the roles that count now: those an administrator's
    signed grant establishes (``laissez.storage.roles``), never a bare ``user_roles`` row
    (None for no user)."""
    if user_id is None:
        return None
    return Actor(user_id, role_grants.roles_of(session, user_id))


def text_known(library: Library, advisal: RightsAdvisal) -> bool:
    """Whether the advisal's text id, version, language and hash match the library's text."""
    try:
        text = library.advisal(advisal.language, advisal.text_id, advisal.text_version)
    except FormsError:
        return False
    return text.content_hash == advisal.text_hash


def sharing_terms_current(library: Library, decision: ConsentDecision) -> bool:
    """Whether a data-sharing decision was taken on the recipient, data and purpose that the
    current consent scopes show (in the language the person was shown). A decision recorded
    before its terms were stored is judged by the consent version it names."""
    language = decision.language or "en"
    try:
        current = library.consent_scopes().sharing_scope(decision.recipient or "")
        recorded = decision.terms_hash
        if recorded is None:
            set_id, _, version = (decision.text_version or "").partition("@")
            old = library.consent_scopes(set_id, version).sharing_scope(decision.recipient or "")
            recorded = old.sharing_terms(language).digest
    except FormsError:
        return False
    return current.sharing_terms(language).digest == recorded


def latest_screening(session: Session, case_id: uuid.UUID, kind: str) -> Screening | None:
    """The newest screening of ``kind`` in the case."""
    stmt = (
        select(Screening)
        .where(Screening.case_id == case_id, Screening.kind == kind)
        .order_by(Screening.screened_at.desc(), Screening.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def latest_advisal(session: Session, case_id: uuid.UUID) -> RightsAdvisal | None:
    """The newest rights advisal delivered in the case."""
    stmt = (
        select(RightsAdvisal)
        .where(RightsAdvisal.case_id == case_id)
        .order_by(RightsAdvisal.delivered_at.desc(), RightsAdvisal.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def _approved_nationality_current(
    session: Session, case_id: uuid.UUID, approved_at: dt.datetime, nationality: str | None
) -> bool:
    """Whether a supervisor's approval of the nationality interview, given at
    ``approved_at``, approved the nationality recorded now: the identity answers saved last
    before it name the same nationality (a nationality changed since needs approving again)."""
    versions = session.scalars(
        select(InterviewAnswerVersion)
        .where(
            InterviewAnswerVersion.case_id == case_id,
            InterviewAnswerVersion.form_id == "identity",
            InterviewAnswerVersion.recorded_at <= approved_at,
        )
        .order_by(InterviewAnswerVersion.recorded_at.desc())
        .limit(1)
    ).all()
    return bool(versions) and (versions[0].answers or {}).get("nationality") == nationality


def issuable_nationalities(session: Session, mission: Mission | None) -> frozenset[str]:
    """The nationalities this mission may issue a travel document for: the list headquarters
    set in the mission's configuration (``issuable_nationalities``, pulled by sync), else the
    mission's own State (``missions.country_code``); empty when neither is set."""
    from laissez.storage.sync import state as sync_state

    configured = sync_state.configuration(session).get("issuable_nationalities")
    if isinstance(configured, list) and configured:
        return frozenset(str(c).upper() for c in configured)
    own = (mission.country_code or "").upper() if mission else ""
    return frozenset({own}) if own else frozenset()


def _max(times: Iterable[dt.datetime | None]) -> dt.datetime | None:
    present = [t for t in times if t is not None]
    return max(present) if present else None


def build_snapshot(
    session: Session,
    case: Case,
    *,
    library: Library | None = None,
    required_recipients: tuple[str, ...] = (),
) -> CaseSnapshot:
    """Everything the gate needs about ``case``, read in ``session``'s transaction."""
    library = library or default_library()
    cid = case.id
    answers = session.scalars(select(InterviewAnswers).where(InterviewAnswers.case_id == cid)).all()
    completed = frozenset(a.form_id for a in answers if a.completed)
    by_form = {a.form_id: a for a in answers}

    person = session.get(Person, case.person_id) if case.person_id else None
    documents = (
        session.scalars(
            select(IdentityDocument).where(IdentityDocument.person_id == person.id)
        ).all()
        if person is not None
        else []
    )
    codes = {
        c
        for c in [person.nationality if person else None]
        + [d.nationality for d in documents]
        + [d.issuing_state for d in documents]
        if c in PROTECTION_CODES
    }
    identity_answers = by_form["identity"].answers if "identity" in by_form else {}
    claimed = (
        identity_answers.get("stateless_claim") == "yes"
        or identity_answers.get("refugee_status") == "yes"
    )
    nat_approval = session.scalars(
        select(Approval)
        .where(Approval.case_id == cid, Approval.subject == "nationality")
        .where(Approval.decision == "approved")
        .order_by(Approval.decided_at.desc())
        .limit(1)
    ).first()
    if nat_approval is not None and not _approved_nationality_current(
        session, cid, nat_approval.decided_at, person.nationality if person else None
    ):
        nat_approval = None
    hold = latest_screening(session, cid, PROTECTION_STATUS)
    has_photo = bool(documents) and (
        session.scalars(
            select(DocumentImage.id)
            .where(DocumentImage.document_id.in_([d.id for d in documents]))
            .where(DocumentImage.kind == "photo")
            .limit(1)
        ).first()
        is not None
    )
    identity = IdentityFacts(
        has_photo=has_photo,
        nationality=person.nationality if person else None,
        # a valid MRZ counts only when it shows the nationality recorded for the person
        mrz_valid=person is not None
        and any(d.mrz_valid and d.nationality == person.nationality for d in documents),
        nationality_approved_by=actor(session, nat_approval.approver_id) if nat_approval else None,
        protection_codes=frozenset(codes),
        protection_claimed=claimed,
        hold_released_by=(
            actor(session, hold.decided_by)
            if hold is not None and hold.outcome == HOLD_RELEASED
            else None
        ),
    )

    adv_row = latest_advisal(session, cid)
    advisal = None
    if adv_row is not None:
        advisal = AdvisalFacts(
            id=adv_row.id,
            text_ref=f"{adv_row.text_id}@{adv_row.text_version}/{adv_row.language}",
            text_hash=adv_row.text_hash,
            text_known=text_known(library, adv_row),
            language=adv_row.language,
            person_language=adv_row.person_language,
            language_understood=adv_row.language_understood,
            interpreter_needed=adv_row.interpreter_needed,
            interpreter_used=adv_row.interpreter_used,
            questions_recorded=adv_row.questions is not None,
            legal_counsel_offered=adv_row.legal_counsel_offered,
            delivered_at=adv_row.delivered_at,
            delivered_by=adv_row.delivered_by,
        )

    consent_rows = session.scalars(
        select(ConsentDecision).where(ConsentDecision.case_id == cid)
    ).all()
    withdrawn_ids = set(
        session.scalars(
            select(ConsentWithdrawal.consent_id).where(ConsentWithdrawal.case_id == cid)
        ).all()
    )
    consents = tuple(
        ConsentFacts(
            id=c.id,
            scope=c.scope,
            decision=c.decision,
            decided_at=c.decided_at,
            advisal_id=c.advisal_id,
            recipient=c.recipient,
            withdrawn=c.id in withdrawn_ids,
            has_guardian=bool(c.guardian_name),
            has_best_interests_record=bool(c.best_interests_record),
            terms_current=c.scope != "data_sharing" or sharing_terms_current(library, c),
        )
        for c in consent_rows
    )

    fear = latest_screening(session, cid, FEAR_OF_RETURN)
    screening = None
    if fear is not None:
        flags = fear.answers or {}
        screening = ScreeningFacts(
            fear_expressed=bool(fear.fear_expressed) or fear.fear_expressed is None,
            referral_outcome=fear.referral_outcome,
            decided_by=actor(session, fear.decided_by),
            prefers_return_to_detention=flags.get("prefers_return_to_detention") == "yes",
            pressure_reported=flags.get("pressure_reported") in ("yes", "unknown"),
        )
    reviews = tuple(
        VoluntarinessReview(
            outcome=r.outcome,
            decided_at=r.decided_at or r.screened_at,
            decided_by=actor(session, r.decided_by) or Actor(uuid.UUID(int=0)),
        )
        for r in session.scalars(
            select(Screening).where(Screening.case_id == cid, Screening.kind == VOLUNTARINESS)
        ).all()
    )

    proceedings = tuple(
        ProceedingFacts(p.kind, p.consequences_explained, p.acknowledged)
        for p in session.scalars(
            select(LegalProceeding).where(LegalProceeding.case_id == cid)
        ).all()
        if p.pending
    )

    approval_row = session.scalars(
        select(Approval)
        .where(Approval.case_id == cid, Approval.subject == "issue")
        .order_by(Approval.decided_at.desc())
        .limit(1)
    ).first()
    approval = None
    if approval_row is not None:
        who = actor(session, approval_row.approver_id)
        assert who is not None
        approval = ApprovalFacts(who, approval_row.decision, approval_row.decided_at)

    all_advisals = session.scalars(select(RightsAdvisal).where(RightsAdvisal.case_id == cid)).all()
    fear_rows = session.scalars(
        select(Screening).where(Screening.case_id == cid, Screening.kind == FEAR_OF_RETURN)
    ).all()
    explained_at = _max(
        v.recorded_at
        for v in session.scalars(
            select(InterviewAnswerVersion).where(
                InterviewAnswerVersion.case_id == cid,
                InterviewAnswerVersion.form_id == "pending_proceedings",
            )
        ).all()
        if (v.answers or {}).get("consequences_explained") == "yes"
    )
    mission = session.get(Mission, case.mission_id) if case.mission_id else None
    flag_facts = red_flags.facts(session, cid)
    main_consents = [c for c in consent_rows if c.scope != "data_sharing"]
    participants = {
        u
        for u in [case.created_by]
        + [a.recorded_by for a in answers]
        + [d.recorded_by for d in documents]
        + [a.delivered_by for a in all_advisals]
        + [c.recorded_by for c in main_consents]
        + [s.screened_by for s in fear_rows]
        + [f.raised_by for f in flag_facts]
        + [f.cleared_by for f in flag_facts]
        + list(contributors(session, cid))
        if u is not None
    }
    withdrawal_times = session.scalars(
        select(ConsentWithdrawal.withdrawn_at).where(ConsentWithdrawal.case_id == cid)
    ).all()
    last_change = _max(
        [a.updated_at for a in answers]
        + [a.delivered_at for a in all_advisals]
        + [c.decided_at for c in main_consents]
        + list(withdrawal_times)
        + [s.screened_at for s in fear_rows]
        + [s.decided_at for s in fear_rows]
        + [r.decided_at for r in reviews]
        + [d.created_at for d in documents]
    )
    # a lost or stolen report (a revocation) lapses the approval: a replacement is approved anew
    revoked_times = session.scalars(
        select(Revocation.revoked_at).where(Revocation.case_id == cid)
    ).all()
    last_change = _max([last_change, *revoked_times])
    now = utcnow()
    vulnerability = by_form["vulnerability"].answers if "vulnerability" in by_form else {}
    return CaseSnapshot(
        case_id=cid,
        state=case.status,
        completed_forms=completed,
        identity=identity,
        advisal=advisal,
        consents=consents,
        screening=screening,
        voluntariness_reviews=reviews,
        is_child=case.is_minor or any(f.kind == red_flags.CHILD and f.open for f in flag_facts),
        unaccompanied=vulnerability.get("unaccompanied") in ("yes", "unknown"),
        proceedings_recorded="pending_proceedings" in completed,
        proceedings=proceedings,
        approval=approval,
        participants=frozenset(participants),
        last_content_change=last_change,
        required_recipients=required_recipients,
        flags=flag_facts,
        now=now,
        freshness_days=(mission.freshness_days if mission else None) or DEFAULT_FRESHNESS_DAYS,
        consequences_explained_at=explained_at,
        referred_out=any(f.referral_outcome == "referred_to_protection_agency" for f in fear_rows),
        unsigned_decisions=signatures.problems(session, cid),
        person=person_facts(session, case, now),
        issuable_nationalities=issuable_nationalities(session, mission),
        untrusted_decisions=signatures.untrusted(session, cid),
        old_decisions=signatures.old_decisions(session, cid),
    )
