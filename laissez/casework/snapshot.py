"""Frozen snapshots of a case: everything the safeguard gate looks at, and nothing else.

The storage-backed service builds a ``CaseSnapshot`` from the database inside the transaction
that issues the document; the gate (``gate.evaluate``) is a pure function over it, so it can be
tested, and reasoned about, without a database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

PROTECTION_CODES = frozenset({"XXA", "XXB", "XXC"})
#: forms whose completed answers a case needs before the advisal.
REQUIRED_FORMS: tuple[str, ...] = (
    "identity",
    "family",
    "vulnerability",
    "fear_of_return",
    "pending_proceedings",
    "travel_route",
)

SUPERVISOR = "supervisor"
PROTECTION_OFFICER = "protection_officer"
OFFICER = "officer"


@dataclass(frozen=True)
class Actor:
    """A user as the gate sees them: an id and the roles held."""

    id: uuid.UUID
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IdentityFacts:
    """How identity and nationality stand.

    ``nationality``: the three-letter code recorded (None when none). ``mrz_valid``: a document
    with every MRZ check digit right was read. ``nationality_approved_by``: the supervisor who
    approved a nationality established by interview (None when nobody did).
    ``protection_codes``: XXA/XXB/XXC found in the document or the person's record;
    ``protection_claimed``: the person said they are stateless or a recognised refugee.
    ``hold_released_by``: the protection officer who released the protection hold, if any.
    ``has_photo``: a photograph of the person is recorded (the travel document prints it).
    """

    nationality: str | None = None
    mrz_valid: bool = False
    nationality_approved_by: Actor | None = None
    protection_codes: frozenset[str] = frozenset()
    protection_claimed: bool = False
    hold_released_by: Actor | None = None
    has_photo: bool = False


@dataclass(frozen=True)
class AdvisalFacts:
    """The latest rights advisal delivered in the case.

    ``text_known``: the text id, version, language and hash match a text the library holds
    unchanged. ``person_language``: the language the person said they understand.
    """

    id: uuid.UUID
    text_ref: str
    text_hash: str
    text_known: bool
    language: str
    person_language: str | None
    language_understood: bool
    interpreter_needed: bool | None
    interpreter_used: bool
    questions_recorded: bool
    legal_counsel_offered: bool
    delivered_at: dt.datetime
    delivered_by: uuid.UUID | None


@dataclass(frozen=True)
class ConsentFacts:
    """One consent decision (``scope``: ``return``, ``travel_document``, ``data_sharing``)."""

    id: uuid.UUID
    scope: str
    decision: str
    decided_at: dt.datetime
    advisal_id: uuid.UUID | None
    recipient: str | None = None
    withdrawn: bool = False
    has_guardian: bool = False
    has_best_interests_record: bool = False
    #: data sharing: whether the recipient, data and purpose shown are still the current ones
    terms_current: bool = True


@dataclass(frozen=True)
class ScreeningFacts:
    """The fear-of-return screening and the voluntariness answers given in it.

    ``fear_expressed``: True for "yes" or "unknown" (an unclear answer counts as fear).
    ``referral_outcome`` is the protection officer's outcome (None while pending) and
    ``decided_by`` who recorded it. ``prefers_return_to_detention`` / ``pressure_reported``
    come from the voluntariness questions.
    """

    fear_expressed: bool
    referral_outcome: str | None = None
    decided_by: Actor | None = None
    prefers_return_to_detention: bool = False
    pressure_reported: bool = False


@dataclass(frozen=True)
class VoluntarinessReview:
    """A protection officer's review of whether consent is free."""

    outcome: str
    decided_at: dt.datetime
    decided_by: Actor


@dataclass(frozen=True)
class ProceedingFacts:
    """A pending proceeding and whether the consequences of leaving were explained and
    acknowledged."""

    kind: str
    consequences_explained: bool
    acknowledged: bool


@dataclass(frozen=True)
class ApprovalFacts:
    """The latest four-eyes decision on issuing the document."""

    approver: Actor
    decision: str
    decided_at: dt.datetime


@dataclass(frozen=True)
class FlagFacts:
    """A red flag (``laissez.casework.flags``): its ``kind`` and ``detail``, from what
    (``source``), who raised it and when, and who cleared it, when and why (None while open)."""

    kind: str
    detail: str | None
    source: str
    raised_by: uuid.UUID | None
    raised_at: dt.datetime
    cleared_by: uuid.UUID | None = None
    cleared_at: dt.datetime | None = None
    clear_reason: str | None = None

    @property
    def open(self) -> bool:
        """Whether the flag still stands."""
        return self.cleared_at is None


@dataclass(frozen=True)
class Refusal:
    """A refusal in a case: ``kind`` ``consent`` (the person declined or withdrew),
    ``approval`` (a supervisor refused to approve) or ``referral`` (a protection officer
    referred the person to a protection agency), and when."""

    kind: str
    at: dt.datetime


@dataclass(frozen=True)
class LinkedCaseFacts:
    """Another case of the same person (``laissez.casework.persons``): its reference, why it
    is linked (``document``, ``name_and_birth``, ``officer_decision``, ``first_case``), the
    kinds of its open flags, how many proceedings are pending there, its refusals and how
    many valid travel documents it holds."""

    case_id: uuid.UUID
    reference: str | None
    reason: str
    open_flags: tuple[str, ...] = ()
    pending_proceedings: int = 0
    refusals: tuple[Refusal, ...] = ()
    valid_documents: int = 0


@dataclass(frozen=True)
class PersonFacts:
    """The person behind the case: the other cases linked to them, and the references of the
    cases whose uncertain match with this one no officer has decided yet."""

    linked: tuple[LinkedCaseFacts, ...] = ()
    undecided: tuple[str, ...] = ()


#: days a consent or an approval stays fresh unless the mission set another period
DEFAULT_FRESHNESS_DAYS = 30


@dataclass(frozen=True)
class CaseSnapshot:
    """Everything the gate needs to know about one case at one moment.

    ``participants``: every user who ever recorded or changed anything on the case, or cleared
    a flag in it (approving, refusing approval and issuing excluded). ``last_content_change``:
    when the latest such record was written.
    ``is_child``: True when the person is, or may be, under 18. ``proceedings_recorded``: the
    pending-proceedings questions were answered. ``required_recipients``: data-sharing
    recipients the person must be asked about, each on its own. ``flags``: every red flag,
    open and cleared. ``now``: when the snapshot was taken (None: freshness is not checked);
    ``freshness_days``: how long consent and approval stay fresh. ``consequences_explained_at``:
    the latest explanation of the consequences for pending proceedings. ``referred_out``: a
    protection officer once referred the person to a protection agency. ``person``: the other
    cases of the same person. ``issuable_nationalities``: the nationalities the mission may
    issue for (headquarters' configuration, else the mission's own State; empty: not set).
    """

    case_id: uuid.UUID
    state: str
    completed_forms: frozenset[str] = frozenset()
    identity: IdentityFacts = field(default_factory=IdentityFacts)
    advisal: AdvisalFacts | None = None
    consents: tuple[ConsentFacts, ...] = ()
    screening: ScreeningFacts | None = None
    voluntariness_reviews: tuple[VoluntarinessReview, ...] = ()
    is_child: bool = False
    unaccompanied: bool = False
    proceedings_recorded: bool = False
    proceedings: tuple[ProceedingFacts, ...] = ()
    approval: ApprovalFacts | None = None
    participants: frozenset[uuid.UUID] = frozenset()
    last_content_change: dt.datetime | None = None
    required_recipients: tuple[str, ...] = ()
    flags: tuple[FlagFacts, ...] = ()
    now: dt.datetime | None = None
    freshness_days: int = DEFAULT_FRESHNESS_DAYS
    consequences_explained_at: dt.datetime | None = None
    referred_out: bool = False
    person: PersonFacts = field(default_factory=PersonFacts)
    issuable_nationalities: frozenset[str] = frozenset()

    def open_flags(self, kind: str) -> tuple[FlagFacts, ...]:
        """The flags of ``kind`` that still stand."""
        return tuple(f for f in self.flags if f.kind == kind and f.open)

    #: decisions whose actor's signature is missing or wrong (``casework.signatures``)
    unsigned_decisions: tuple[str, ...] = ()
    #: decisions validly signed, but with a key headquarters revoked or (once the device
    #: holds headquarters' CA) never certified (``casework.signatures.untrusted``)
    untrusted_decisions: tuple[str, ...] = ()
    #: decisions from before decisions were signed, not yet re-signed or superseded
    #: (``casework.signatures.old_decisions``)
    old_decisions: tuple[str, ...] = ()
