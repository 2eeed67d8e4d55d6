"""The gate's sentences in the interface language.

casework owns the codes and the English sentences (``casework.gate.GATE_CODES``); these are the
same sentences marked for translation. A test keeps the two in step."""

from __future__ import annotations

from laissez.casework.gate import GateIssue
from laissez.casework.views.cases import FlagRow, LinkedRow, MatchRow
from laissez.i18n import N_, _, ltr

GATE_SENTENCES: dict[str, str] = {
    "identity.nationality_missing": N_(
        "No nationality is recorded: record the person's identity and nationality first."
    ),
    "identity.not_established": N_(
        "Identity and nationality are not established: read a valid MRZ, or have a "
        "supervisor approve the nationality interview."
    ),
    "identity.nationality_not_issuable": N_(
        "This mission may not issue a travel document for the person's nationality: it is "
        "unknown (XXX), stateless or protected, or not one headquarters lets this mission "
        "issue for."
    ),
    "identity.issuing_state_unset": N_(
        "This mission's own State is not recorded and headquarters has not set the "
        "nationalities it may issue for, so no travel document can be issued: ask headquarters "
        "to set them (they arrive with the next sync)."
    ),
    "identity.photo_missing": N_(
        "No photograph of the person is recorded: the travel document is printed with one. "
        "Add the photograph in the identity step."
    ),
    "protection.status_hold": N_(
        "The person is stateless, a refugee or otherwise protected (XXA/XXB/XXC or their "
        "own statement): the case is on hold until a protection officer releases it."
    ),
    "protection.trafficking_indicators": N_(
        "Trafficking indicators were recorded (documents held by someone else, threats, "
        "someone answering for the person ...): no document until a protection officer "
        "records an assessment of them."
    ),
    "protection.asylum_claim_pending": N_(
        "An asylum claim was lodged: no document until a protection officer records, with "
        "the claim's reference, that it was decided or withdrawn. A later screening does not "
        "clear it."
    ),
    "person.match_undecided": N_(
        "The person may be the same as the person of another case (a similar name, the same "
        "date of birth, a typed document number or the same photograph): an officer must "
        "record whether they are the same person."
    ),
    "person.flag_open_in_linked_case": N_(
        "A red flag (fear, pressure, trafficking, protection, a proceeding, an asylum claim "
        "or a child) is open in another case of the same person: no document until it is "
        "cleared there."
    ),
    "person.proceeding_pending_in_linked_case": N_(
        "A proceeding is pending in another case of the same person: no document until a "
        "protection officer records there that it was decided or withdrawn."
    ),
    "person.refused_in_linked_case": N_(
        "In another case of the same person, the person declined or withdrew consent, or a "
        "supervisor refused approval, after this case's consent or approval; or the person "
        "was referred for protection there: ask for consent and approval again here (a "
        "referral for protection is final)."
    ),
    "person.valid_document_held": N_(
        "The person already holds a valid travel document issued in another case: it must be "
        "revoked (for example reported lost or stolen) before a new one is issued."
    ),
    "interview.incomplete": N_(
        "Not every interview form is complete: identity, family, vulnerability, fear of "
        "return, pending proceedings, and travel and route."
    ),
    "advisal.missing": N_("No rights advisal has been delivered in this case."),
    "advisal.text_unknown": N_(
        "The advisal's text version and hash do not match a known, unchanged advisal "
        "text: deliver the advisal again from the current text."
    ),
    "advisal.language_not_understood": N_(
        "The advisal was not delivered in a language the person said they understand: "
        "deliver it again in their language."
    ),
    "advisal.interpreter_unrecorded": N_(
        "It is not recorded whether an interpreter was needed for the advisal."
    ),
    "advisal.interpreter_missing": N_(
        "An interpreter was needed for the advisal but none was used: deliver it again "
        "with an interpreter."
    ),
    "advisal.questions_unrecorded": N_(
        "The person's questions during the advisal, and the answers given, are not "
        "recorded (record 'none' if there were none)."
    ),
    "advisal.counsel_not_offered": N_(
        "Legal counsel and free legal aid were not offered during the advisal."
    ),
    "consent.return_missing": N_("The person's consent to return is not recorded."),
    "consent.document_missing": N_("The person's consent to the travel document is not recorded."),
    "consent.declined": N_("The person declined to return or declined the travel document."),
    "consent.withdrawn": N_("The person withdrew their consent."),
    "consent.before_advisal": N_(
        "Consent was recorded before the latest rights advisal: ask for consent again now "
        "that the person has been advised."
    ),
    "consent.before_explanation": N_(
        "Consent was recorded before the consequences for the pending proceedings were "
        "explained: ask for consent again now that they have been explained."
    ),
    "consent.expired": N_(
        "The consent is older than the mission's freshness period (30 days unless the "
        "mission set another): ask the person for consent again."
    ),
    "consent.not_free": N_(
        "Consent may not be free (the person would rather return than stay in detention, "
        "or reported pressure): a protection officer must review it and the person must "
        "confirm consent again afterwards."
    ),
    "consent.data_sharing_undecided": N_(
        "The person has not been asked about sharing their data with each recipient "
        "separately (refusing is allowed and does not block the document)."
    ),
    "consent.sharing_terms_changed": N_(
        "What a recipient receives, or why, changed after the person decided about sharing "
        "their data with it: that decision no longer counts. Ask the person again, showing the "
        "new terms (refusing is allowed and does not block the document)."
    ),
    "fear.screening_missing": N_("The fear-of-return screening has not been done."),
    "fear.unresolved": N_(
        "The person expressed fear of return (or the answer was unclear): no document "
        "until a protection officer records a referral outcome. This cannot be "
        "overridden."
    ),
    "fear.referred": N_(
        "A protection officer referred the person to a protection procedure: no travel "
        "document can be issued in this case."
    ),
    "child.guardian_missing": N_(
        "The person is, or may be, a child: a guardian must take part in the consent."
    ),
    "child.best_interests_missing": N_(
        "The person is, or may be, a child: a best-interests record is required."
    ),
    "proceedings.unrecorded": N_(
        "Pending asylum, appeal or court proceedings have not been asked about."
    ),
    "proceedings.consequences_not_explained": N_(
        "A pending proceeding is recorded but the consequences of leaving (the procedure "
        "may end, an order may be made in absence) were not explained."
    ),
    "proceedings.consequences_not_acknowledged": N_(
        "The person has not acknowledged the consequences of leaving for their pending proceedings."
    ),
    "approval.missing": N_("No supervisor has approved issuing the document."),
    "approval.not_supervisor": N_("The approval was given by someone without the supervisor role."),
    "approval.self": N_(
        "The approver took part in the interview: a second supervisor who did not must "
        "approve (four eyes)."
    ),
    "approval.stale": N_(
        "The case changed after it was approved: a supervisor must approve it again."
    ),
    "approval.expired": N_(
        "The approval is older than the mission's freshness period (30 days unless the "
        "mission set another): a supervisor must approve it again."
    ),
    "decision.unsigned": N_(
        "A supervisor's or protection officer's decision in this case does not carry its "
        "author's valid signature (it was written around the application): no document can be "
        "issued; report it to an administrator."
    ),
    "decision.key_untrusted": N_(
        "A decision in this case was signed with a key headquarters has revoked or not yet "
        "certified: a supervisor or protection officer whose key is certified must decide "
        "again (a new officer's key is certified at the next sync)."
    ),
    "decision.signed_before_upgrade": N_(
        "A decision in this case was made before decisions were signed: its author signs it "
        "again, or a supervisor who took no part in the case approves it again."
    ),
}

#: the red flags by kind (``laissez.casework.flags``)
FLAG_NAMES: dict[str, str] = {
    "fear": N_("Fear of return"),
    "pressure": N_("Consent may not be free"),
    "trafficking": N_("Trafficking indicators"),
    "protection_status": N_("Stateless, refugee or protected"),
    "proceeding": N_("Pending proceeding"),
    "asylum_claim": N_("Asylum claim lodged"),
    "child": N_("Is, or may be, a child"),
}
#: what clears each kind of flag
FLAG_CLEARED_BY: dict[str, str] = {
    "fear": N_("a protection officer's referral outcome"),
    "pressure": N_("a protection officer's review confirming free consent"),
    "trafficking": N_("a protection officer's assessment of the indicators"),
    "protection_status": N_("a protection officer releasing the hold"),
    "proceeding": N_(
        "a protection officer recording, with its reference, that it was decided or withdrawn"
    ),
    "asylum_claim": N_(
        "a protection officer recording, with the claim's reference, that it was decided or "
        "withdrawn"
    ),
    "child": N_("a protection officer's age assessment"),
}
#: where a flag came from
FLAG_SOURCES: dict[str, str] = {
    "identity": N_("the identity form"),
    "mrz": N_("the document's MRZ"),
    "vulnerability": N_("the vulnerability form"),
    "fear_of_return": N_("the fear-of-return form"),
    "pending_proceedings": N_("the pending-proceedings form"),
    "fear_expressed": N_("fear expressed during the case"),
    "referral_outcome": N_("the referral outcome"),
    "voluntariness_review": N_("the voluntariness review"),
}


def flag_sentence(row: FlagRow) -> str:
    """One flag in the interface language: what, who raised it, when, from what, and what
    clears it (or who cleared it)."""
    name = _(FLAG_NAMES[row.kind]) if row.kind in FLAG_NAMES else row.kind
    source = _(FLAG_SOURCES[row.source]) if row.source in FLAG_SOURCES else row.source
    raised = _("{flag}: raised by {user} on {date}, from {source}.").format(
        flag=name, user=row.raised_by or "—", date=row.raised_at.date().isoformat(),
        source=source,
    )  # fmt: skip
    if row.open:
        clears = _(FLAG_CLEARED_BY[row.kind]) if row.kind in FLAG_CLEARED_BY else ""
        return raised + " " + _("Only {decision} clears it.").format(decision=clears)
    return raised + " " + _("Cleared by {user}.").format(user=row.cleared_by or "—")


#: why another case is the same person's (``laissez.casework.persons``)
LINK_REASONS: dict[str, str] = {
    "document": N_("the same passport or identity card, read from its MRZ"),
    "name_and_birth": N_("the same name, date of birth and nationality"),
    "officer_decision": N_("an officer recorded that it is the same person"),
    "first_case": N_("the same person"),
}
#: why another case may be the same person's
MATCH_REASONS: dict[str, str] = {
    "same_document_unverified": N_("the same document number, not read from an MRZ"),
    "same_name_other_birth": N_("the same name, another or partly unknown date of birth"),
    "similar_name_same_birth": N_("a similar name and the same date of birth"),
    "same_photograph": N_("the same photograph"),
}


def linked_sentence(row: LinkedRow) -> str:
    """Another case of the same person: which, why, and what it holds against a document."""
    why = _(LINK_REASONS[row.reason]) if row.reason in LINK_REASONS else row.reason
    parts = [
        _("Case {reference} is the same person's ({reason}).").format(
            reference=ltr(row.reference), reason=why
        )
    ]
    if row.open_flags:
        names = ", ".join(_(FLAG_NAMES[k]) if k in FLAG_NAMES else k for k in row.open_flags)
        parts.append(_("Open there: {flags}.").format(flags=names))
    if row.pending_proceedings:
        parts.append(_("A proceeding is pending there."))
    if row.valid_documents:
        parts.append(_("A valid travel document was issued there."))
    return " ".join(parts)


def match_sentence(row: MatchRow) -> str:
    """An uncertain match the officer must decide."""
    why = _(MATCH_REASONS[row.reason]) if row.reason in MATCH_REASONS else row.reason
    return _(
        "Case {reference} may be the same person ({reason}): ask the person, then record "
        "whether it is."
    ).format(reference=ltr(row.reference), reason=why)


#: this computer's supply conditions (``casework.readiness``), worded with what to do here
SUPPLY_SENTENCES: dict[str, str] = {
    "supply.no_numbers": N_(
        "No document numbers are left on this computer. Press Sync now (F5): an enrolled "
        "computer receives numbers at each sync. Not enrolled yet, or no link: an "
        "administrator enrols it, or loads numbers from headquarters' bundle, in Tools → "
        "Settings → Headquarters."
    ),
    "supply.no_signer": N_(
        "No valid seal signing key is installed on this computer. An administrator installs "
        "it (Tools → Install the signing key…) from the three PEM files headquarters sends: "
        "the key, its certificate and headquarters' root certificate."
    ),
}
#: the button beside each supply condition
SUPPLY_ACTIONS: dict[str, str] = {
    "supply.no_numbers": N_("Sync now"),
    "supply.no_signer": N_("Install the signing key…"),
}


def gate_sentence(issue: GateIssue) -> str:
    """The translated sentence of an unmet gate (or supply) condition."""
    known = GATE_SENTENCES.get(issue.code) or SUPPLY_SENTENCES.get(issue.code)
    return _(known) if known else issue.sentence
