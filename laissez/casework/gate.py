"""The safeguard gate for issuing an emergency travel document.

``evaluate(snapshot)`` returns EVERY unmet condition, each a ``GateIssue`` with a stable code
and a sentence for the officer, in the order of ``GATE_CODES``. An empty result means the
document may be issued. No condition can be overridden: the only way to clear one is to record
what it asks for (for fear of return, a protection officer's referral outcome).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from laissez.casework.snapshot import (
    PROTECTION_CODES,
    PROTECTION_OFFICER,
    REQUIRED_FORMS,
    SUPERVISOR,
    CaseSnapshot,
    ConsentFacts,
    Refusal,
)

#: referral outcomes that clear the fear-of-return block: the protection officer assessed the
#: fear and found no protection need, or the person withdrew it after independent counselling.
CLEARING_REFERRAL_OUTCOMES = frozenset({"no_protection_need", "fear_withdrawn_after_counselling"})
#: referral outcomes that send the case out of the return track (no document, ever).
EXIT_REFERRAL_OUTCOMES = frozenset({"asylum_claim_lodged", "referred_to_protection_agency"})
REFERRAL_OUTCOMES = CLEARING_REFERRAL_OUTCOMES | EXIT_REFERRAL_OUTCOMES
#: voluntariness review outcome that lets a re-confirmed consent count as free.
FREE_CONSENT_CONFIRMED = "free_consent_confirmed"
VOLUNTARINESS_OUTCOMES = frozenset({FREE_CONSENT_CONFIRMED, "consent_not_free"})

#: every gate code with the sentence shown to the officer, in the order the gate reports them.
GATE_CODES: dict[str, str] = {
    "identity.nationality_missing": (
        "No nationality is recorded: record the person's identity and nationality first."
    ),
    "identity.not_established": (
        "Identity and nationality are not established: read a valid MRZ, or have a supervisor "
        "approve the nationality interview."
    ),
    "identity.nationality_not_issuable": (
        "This mission may not issue a travel document for the person's nationality: it is "
        "unknown (XXX), stateless or protected, or not one headquarters lets this mission issue "
        "for."
    ),
    "identity.issuing_state_unset": (
        "This mission's own State is not recorded and headquarters has not set the "
        "nationalities it may issue for, so no travel document can be issued: ask headquarters "
        "to set them (they arrive with the next sync)."
    ),
    "identity.photo_missing": (
        "No photograph of the person is recorded: the travel document is printed with one. "
        "Add the photograph in the identity step."
    ),
    "protection.status_hold": (
        "The person is stateless, a refugee or otherwise protected (XXA/XXB/XXC or their own "
        "statement): the case is on hold until a protection officer releases it."
    ),
    "protection.trafficking_indicators": (
        "Trafficking indicators were recorded (documents held by someone else, threats, someone "
        "answering for the person ...): no document until a protection officer records an "
        "assessment of them."
    ),
    "protection.asylum_claim_pending": (
        "An asylum claim was lodged: no document until a protection officer records, with the "
        "claim's reference, that it was decided or withdrawn. A later screening does not clear "
        "it."
    ),
    "person.match_undecided": (
        "The person may be the same as the person of another case (a similar name, the same "
        "date of birth, a typed document number or the same photograph): an officer must "
        "record whether they are the same person."
    ),
    "person.flag_open_in_linked_case": (
        "A red flag (fear, pressure, trafficking, protection, a proceeding, an asylum claim or a "
        "child) is open in another case of the same person: no document until it is cleared "
        "there."
    ),
    "person.proceeding_pending_in_linked_case": (
        "A proceeding is pending in another case of the same person: no document until a "
        "protection officer records there that it was decided or withdrawn."
    ),
    "person.refused_in_linked_case": (
        "In another case of the same person, the person declined or withdrew consent, or a "
        "supervisor refused approval, after this case's consent or approval; or the person was "
        "referred for protection there: ask for consent and approval again here (a referral "
        "for protection is final)."
    ),
    "person.valid_document_held": (
        "The person already holds a valid travel document issued in another case: it must be "
        "revoked (for example reported lost or stolen) before a new one is issued."
    ),
    "interview.incomplete": (
        "Not every interview form is complete: identity, family, vulnerability, fear of return, "
        "pending proceedings, and travel and route."
    ),
    "advisal.missing": "No rights advisal has been delivered in this case.",
    "advisal.text_unknown": (
        "The advisal's text version and hash do not match a known, unchanged advisal text: "
        "deliver the advisal again from the current text."
    ),
    "advisal.language_not_understood": (
        "The advisal was not delivered in a language the person said they understand: deliver "
        "it again in their language."
    ),
    "advisal.interpreter_unrecorded": (
        "It is not recorded whether an interpreter was needed for the advisal."
    ),
    "advisal.interpreter_missing": (
        "An interpreter was needed for the advisal but none was used: deliver it again with an "
        "interpreter."
    ),
    "advisal.questions_unrecorded": (
        "The person's questions during the advisal, and the answers given, are not recorded "
        "(record 'none' if there were none)."
    ),
    "advisal.counsel_not_offered": (
        "Legal counsel and free legal aid were not offered during the advisal."
    ),
    "consent.return_missing": "The person's consent to return is not recorded.",
    "consent.document_missing": "The person's consent to the travel document is not recorded.",
    "consent.declined": "The person declined to return or declined the travel document.",
    "consent.withdrawn": "The person withdrew their consent.",
    "consent.before_advisal": (
        "Consent was recorded before the latest rights advisal: ask for consent again now that "
        "the person has been advised."
    ),
    "consent.before_explanation": (
        "Consent was recorded before the consequences for the pending proceedings were "
        "explained: ask for consent again now that they have been explained."
    ),
    "consent.expired": (
        "The consent is older than the mission's freshness period (30 days unless the mission "
        "set another): ask the person for consent again."
    ),
    "consent.not_free": (
        "Consent may not be free (the person would rather return than stay in detention, or "
        "reported pressure): a protection officer must review it and the person must confirm "
        "consent again afterwards."
    ),
    "consent.data_sharing_undecided": (
        "The person has not been asked about sharing their data with each recipient separately "
        "(refusing is allowed and does not block the document)."
    ),
    "consent.sharing_terms_changed": (
        "What a recipient receives, or why, changed after the person decided about sharing "
        "their data with it: that decision no longer counts. Ask the person again, showing the "
        "new terms (refusing is allowed and does not block the document)."
    ),
    "fear.screening_missing": "The fear-of-return screening has not been done.",
    "fear.unresolved": (
        "The person expressed fear of return (or the answer was unclear): no document until a "
        "protection officer records a referral outcome. This cannot be overridden."
    ),
    "fear.referred": (
        "A protection officer referred the person to a protection procedure: no travel document "
        "can be issued in this case."
    ),
    "child.guardian_missing": (
        "The person is, or may be, a child: a guardian must take part in the consent."
    ),
    "child.best_interests_missing": (
        "The person is, or may be, a child: a best-interests record is required."
    ),
    "proceedings.unrecorded": (
        "Pending asylum, appeal or court proceedings have not been asked about."
    ),
    "proceedings.consequences_not_explained": (
        "A pending proceeding is recorded but the consequences of leaving (the procedure may end, "
        "an order may be made in absence) were not explained."
    ),
    "proceedings.consequences_not_acknowledged": (
        "The person has not acknowledged the consequences of leaving for their pending proceedings."
    ),
    "approval.missing": "No supervisor has approved issuing the document.",
    "approval.not_supervisor": "The approval was given by someone without the supervisor role.",
    "approval.self": (
        "The approver took part in the interview: a second supervisor who did not must approve "
        "(four eyes)."
    ),
    "approval.stale": (
        "The case changed after it was approved: a supervisor must approve it again."
    ),
    "approval.expired": (
        "The approval is older than the mission's freshness period (30 days unless the mission "
        "set another): a supervisor must approve it again."
    ),
    "decision.unsigned": (
        "A supervisor's or protection officer's decision in this case does not carry its "
        "author's valid signature (it was written around the application): no document can be "
        "issued; report it to an administrator."
    ),
    "decision.key_untrusted": (
        "A decision in this case was signed with a key headquarters has revoked or not yet "
        "certified: a supervisor or protection officer whose key is certified must decide "
        "again (a new officer's key is certified at the next sync)."
    ),
    "decision.signed_before_upgrade": (
        "A decision in this case was made before decisions were signed: its author signs it "
        "again, or a supervisor who took no part in the case approves it again."
    ),
}


@dataclass(frozen=True)
class GateIssue:
    """One unmet condition: a stable ``code`` and the ``sentence`` for the officer."""

    code: str
    sentence: str

    @staticmethod
    def of(code: str) -> GateIssue:
        """The issue for ``code`` (which must be in ``GATE_CODES``)."""
        return GateIssue(code, GATE_CODES[code])


def _effective(consents: tuple[ConsentFacts, ...], scope: str) -> ConsentFacts | None:
    """The latest decision for a scope (withdrawn ones included, so they can be reported)."""
    matching = [c for c in consents if c.scope == scope and c.recipient is None]
    return max(matching, key=lambda c: c.decided_at) if matching else None


def _fresh_from(s: CaseSnapshot) -> dt.datetime | None:
    """The oldest time a consent or an approval may have been given and still count."""
    return None if s.now is None else s.now - dt.timedelta(days=s.freshness_days)


#: nationalities no mission ever issues for: unknown, and the protection codes
NEVER_ISSUABLE = frozenset({"XXX"}) | PROTECTION_CODES


def _refused(s: CaseSnapshot, refusal: Refusal) -> bool:
    """Whether a refusal in a linked case still stands against this case: a referral for
    protection always does; the person's refusal until they consented here after it; a
    supervisor's until a supervisor approved here after it."""
    if refusal.kind == "consent":
        ret, doc = _effective(s.consents, "return"), _effective(s.consents, "travel_document")
        return not all(
            c is not None
            and c.decision == "granted"
            and not c.withdrawn
            and c.decided_at > refusal.at
            for c in (ret, doc)
        )
    if refusal.kind == "approval":
        ap = s.approval
        return not (ap is not None and ap.decision == "approved" and ap.decided_at > refusal.at)
    return True


def _person_codes(s: CaseSnapshot) -> Iterator[str]:
    linked = s.person.linked
    if s.person.undecided:
        yield "person.match_undecided"
    if any(c.open_flags for c in linked):
        yield "person.flag_open_in_linked_case"
    if any(c.pending_proceedings for c in linked):
        yield "person.proceeding_pending_in_linked_case"
    if any(_refused(s, r) for c in linked for r in c.refusals):
        yield "person.refused_in_linked_case"
    if any(c.valid_documents for c in linked):
        yield "person.valid_document_held"


def _codes(s: CaseSnapshot) -> Iterator[str]:
    ident = s.identity
    if not ident.nationality:
        yield "identity.nationality_missing"
    approver = ident.nationality_approved_by
    nationality_approved = (
        approver is not None and SUPERVISOR in approver.roles and approver.id not in s.participants
    )
    if not (ident.mrz_valid or nationality_approved):
        yield "identity.not_established"
    nationality = (ident.nationality or "").upper()
    if nationality and (
        nationality in NEVER_ISSUABLE
        or (s.issuable_nationalities and nationality not in s.issuable_nationalities)
    ):
        yield "identity.nationality_not_issuable"
    elif nationality and not s.issuable_nationalities:
        # neither headquarters' list nor the mission's own State: refuse, never allow all
        yield "identity.issuing_state_unset"
    if not ident.has_photo:
        yield "identity.photo_missing"
    held = bool(ident.protection_codes) or ident.protection_claimed
    released = ident.hold_released_by is not None and (
        PROTECTION_OFFICER in ident.hold_released_by.roles
    )
    if (held and not released) or s.open_flags("protection_status"):
        yield "protection.status_hold"
    if s.open_flags("trafficking"):
        yield "protection.trafficking_indicators"
    if s.open_flags("asylum_claim"):
        yield "protection.asylum_claim_pending"

    yield from _person_codes(s)

    if not set(REQUIRED_FORMS) <= s.completed_forms:
        yield "interview.incomplete"

    adv = s.advisal
    if adv is None:
        yield "advisal.missing"
    else:
        if not adv.text_known:
            yield "advisal.text_unknown"
        same_language = adv.person_language is not None and (
            adv.language.split("-")[0] == adv.person_language.split("-")[0]
        )
        if not (same_language and adv.language_understood):
            yield "advisal.language_not_understood"
        if adv.interpreter_needed is None:
            yield "advisal.interpreter_unrecorded"
        elif adv.interpreter_needed and not adv.interpreter_used:
            yield "advisal.interpreter_missing"
        if not adv.questions_recorded:
            yield "advisal.questions_unrecorded"
        if not adv.legal_counsel_offered:
            yield "advisal.counsel_not_offered"

    ret = _effective(s.consents, "return")
    doc = _effective(s.consents, "travel_document")
    if ret is None:
        yield "consent.return_missing"
    if doc is None:
        yield "consent.document_missing"
    present = [c for c in (ret, doc) if c is not None]
    if any(c.decision != "granted" for c in present):
        yield "consent.declined"
    if any(c.withdrawn for c in present):
        yield "consent.withdrawn"
    if adv is not None and any(
        c.decided_at <= adv.delivered_at or c.advisal_id != adv.id for c in present
    ):
        yield "consent.before_advisal"
    explained = s.consequences_explained_at
    if s.proceedings and explained is not None and any(c.decided_at <= explained for c in present):
        yield "consent.before_explanation"
    fresh_from = _fresh_from(s)
    if fresh_from is not None and any(c.decided_at < fresh_from for c in present):
        yield "consent.expired"
    scr = s.screening
    pressure = [f for f in s.flags if f.kind == "pressure"]
    if any(f.open for f in pressure):
        yield "consent.not_free"
    elif pressure:
        cleared = max(f.cleared_at for f in pressure if f.cleared_at is not None)
        if not (ret and doc and ret.decided_at > cleared and doc.decided_at > cleared):
            yield "consent.not_free"
    if scr is not None and (scr.prefers_return_to_detention or scr.pressure_reported):
        reviews = sorted(s.voluntariness_reviews, key=lambda r: r.decided_at)
        last = reviews[-1] if reviews else None
        confirmed = (
            last is not None
            and last.outcome == FREE_CONSENT_CONFIRMED
            and PROTECTION_OFFICER in last.decided_by.roles
            and ret is not None
            and doc is not None
            and ret.decided_at > last.decided_at
            and doc.decided_at > last.decided_at
        )
        if not confirmed:
            yield "consent.not_free"
    latest_sharing: dict[str, ConsentFacts] = {}
    for c in sorted(s.consents, key=lambda c: c.decided_at):
        if (
            c.scope == "data_sharing"
            and c.recipient
            and (adv is None or c.decided_at > adv.delivered_at)
        ):
            latest_sharing[c.recipient] = c
    asked = [latest_sharing.get(r) for r in s.required_recipients]
    if any(c is not None and not c.terms_current for c in asked):
        yield "consent.sharing_terms_changed"
    if any(c is None for c in asked):
        yield "consent.data_sharing_undecided"

    if scr is None:
        yield "fear.screening_missing"
    elif s.open_flags("fear"):
        yield "fear.unresolved"
    if s.referred_out:
        yield "fear.referred"
    if scr is None:
        pass
    elif scr.fear_expressed:
        outcome_ok = (
            scr.referral_outcome is not None
            and scr.decided_by is not None
            and PROTECTION_OFFICER in scr.decided_by.roles
        )
        if not outcome_ok:
            yield "fear.unresolved"
        elif scr.referral_outcome not in CLEARING_REFERRAL_OUTCOMES and not (
            # a lodged claim recorded as a flag blocks until decided or withdrawn
            scr.referral_outcome == "asylum_claim_lodged"
            and any(f.kind == "asylum_claim" for f in s.flags)
        ):
            yield "fear.referred"

    if s.is_child or s.open_flags("child"):
        if any(c is None or not c.has_guardian for c in (ret, doc)):
            yield "child.guardian_missing"
        if ret is None or not ret.has_best_interests_record:
            yield "child.best_interests_missing"

    if not s.proceedings_recorded:
        yield "proceedings.unrecorded"
    if any(not p.consequences_explained for p in s.proceedings):
        yield "proceedings.consequences_not_explained"
    if any(not p.acknowledged for p in s.proceedings):
        yield "proceedings.consequences_not_acknowledged"

    ap = s.approval
    if ap is None or ap.decision != "approved":
        yield "approval.missing"
    else:
        if SUPERVISOR not in ap.approver.roles:
            yield "approval.not_supervisor"
        if ap.approver.id in s.participants:
            yield "approval.self"
        if s.last_content_change is not None and s.last_content_change > ap.decided_at:
            yield "approval.stale"
        if fresh_from is not None and ap.decided_at < fresh_from:
            yield "approval.expired"
    if s.unsigned_decisions:
        yield "decision.unsigned"
    if s.untrusted_decisions:
        yield "decision.key_untrusted"
    if s.old_decisions:
        yield "decision.signed_before_upgrade"


def evaluate(snapshot: CaseSnapshot, *, ignore_approval: bool = False) -> tuple[GateIssue, ...]:
    """Every unmet condition for issuing a document in this case (empty: may issue).

    With ``ignore_approval`` the ``approval.*`` conditions are left out: that is what a
    supervisor checks before approving.
    """
    order = list(GATE_CODES)
    codes = sorted(set(_codes(snapshot)), key=order.index)
    if ignore_approval:
        codes = [c for c in codes if not c.startswith("approval.")]
    return tuple(GateIssue.of(c) for c in codes)
