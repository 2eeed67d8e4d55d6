"""The case lifecycle: states and the transitions allowed between them (DESIGN.md).

Main path: draft -> identified -> interviewed -> advised -> consent_recorded -> approved ->
document_issued -> closed. Side exits: consent_declined, consent_withdrawn,
protection_referral, closed_without_document. ``issue_document`` (through the safeguard gate)
is the only way into ``document_issued``.
"""

from __future__ import annotations

from enum import StrEnum


class CaseState(StrEnum):
    """Where a case is in its lifecycle (stored as text in ``cases.status``)."""

    DRAFT = "draft"
    IDENTIFIED = "identified"
    INTERVIEWED = "interviewed"
    ADVISED = "advised"
    CONSENT_RECORDED = "consent_recorded"
    APPROVED = "approved"
    DOCUMENT_ISSUED = "document_issued"
    CLOSED = "closed"
    CONSENT_DECLINED = "consent_declined"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    PROTECTION_REFERRAL = "protection_referral"
    CLOSED_WITHOUT_DOCUMENT = "closed_without_document"


S = CaseState
#: states that end a case: nothing but reading is allowed any more.
TERMINAL = frozenset({S.CLOSED, S.CLOSED_WITHOUT_DOCUMENT})
#: states in which interview content (answers, screenings, advisal, consent) may still change.
OPEN_FOR_INTERVIEW = frozenset({S.IDENTIFIED, S.INTERVIEWED, S.ADVISED, S.CONSENT_RECORDED})

#: action -> (states it may start from, state it leads to; None: the state does not change or
#: depends on what is recorded).
TRANSITIONS: dict[str, tuple[frozenset[CaseState], CaseState | None]] = {
    "record_identity": (frozenset({S.DRAFT, S.IDENTIFIED}), S.IDENTIFIED),
    "approve_nationality": (frozenset(OPEN_FOR_INTERVIEW), None),
    "record_interview": (frozenset(OPEN_FOR_INTERVIEW), None),
    "deliver_advisal": (
        frozenset({S.INTERVIEWED, S.ADVISED, S.CONSENT_RECORDED, S.CONSENT_DECLINED,
                   S.CONSENT_WITHDRAWN}),
        S.ADVISED,
    ),
    "record_consent": (frozenset({S.ADVISED, S.CONSENT_RECORDED}), None),
    "record_data_sharing": (frozenset({S.ADVISED, S.CONSENT_RECORDED, S.APPROVED}), None),
    # also in a case closed without a document: a fear told there follows the person into
    # their other cases until a protection officer decides on it (the case stays closed)
    "record_referral_outcome": (
        frozenset(OPEN_FOR_INTERVIEW | {S.APPROVED, S.CONSENT_DECLINED, S.CONSENT_WITHDRAWN,
                                        S.PROTECTION_REFERRAL, S.CLOSED_WITHOUT_DOCUMENT}),
        None,
    ),
    "record_voluntariness_review": (frozenset(OPEN_FOR_INTERVIEW | {S.APPROVED}), None),
    "release_protection_hold": (frozenset(OPEN_FOR_INTERVIEW | {S.APPROVED}), None),
    "approve": (frozenset({S.CONSENT_RECORDED}), S.APPROVED),
    "reject_approval": (frozenset({S.CONSENT_RECORDED}), None),
    "issue_document": (frozenset({S.APPROVED}), S.DOCUMENT_ISSUED),
    "withdraw_consent": (
        frozenset({S.ADVISED, S.CONSENT_RECORDED, S.APPROVED, S.DOCUMENT_ISSUED}),
        S.CONSENT_WITHDRAWN,
    ),
    "close": (frozenset({S.DOCUMENT_ISSUED}), S.CLOSED),
    # a lost or stolen document is revoked even after the person left; before, the case goes
    # back for a replacement (approved and issued anew)
    "report_lost": (frozenset({S.DOCUMENT_ISSUED, S.CLOSED}), None),
    "close_without_document": (
        frozenset(set(S) - TERMINAL - {S.DOCUMENT_ISSUED}),
        S.CLOSED_WITHOUT_DOCUMENT,
    ),
}  # fmt: skip


def allowed_from(action: str) -> frozenset[CaseState]:
    """The states ``action`` may start from."""
    return TRANSITIONS[action][0]
