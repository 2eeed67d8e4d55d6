"""The change kinds: the ONE list of what a mission may send headquarters and what it means.

Each ``Kind`` names a change (``entity``/``operation``), the pydantic schema of its payload
for each schema version headquarters still reads, and what headquarters does with it
(``Effect``): keep it, add a document to the revocation list, count it in a report column.
The client's outbox only enqueues a kind listed here with a payload its schema accepts
(``Kind.validate``); headquarters dispatches on the same ``Registry`` and refuses, one change
at a time, an unknown kind (``kind.unknown``), a schema version it does not read
(``kind.version_ahead`` / ``kind.version_behind``) or a payload that does not match
(``payload.invalid``). The codes reach the mission's administrator in ``laissez sync status``.

Payloads are minimal by construction (``extra="forbid"``): a case change says the case's
status and version and only the few codes the accountability report counts (the advisal's
language and whether an interpreter took part, a consent's scope and decision, whether the
No name, no answer text, no asylum or fear detail travels: ``minimise`` would strip such
fields anyway. The case kinds that state a protection fact about one case
(``PROTECTION_KINDS``: a fear expressed, a referral outcome, a voluntariness review, a hold
released, a flag cleared) and the interview's ``fear_flag`` stay on the mission unless it
chose ``share_protection_details`` (off by default, set on the mission, never by
headquarters); headquarters learns instead, once a month is over, how many red flags were
raised and cleared at the mission in it (``mission/protection_counts``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from laissez.protocol.errors import ProtocolError
from laissez.protocol.messages import Change

_CODE = r"^[a-z][a-z0-9_]{0,63}$"

UNKNOWN_KIND = "kind.unknown"
VERSION_AHEAD = "kind.version_ahead"
VERSION_BEHIND = "kind.version_behind"
PAYLOAD_INVALID = "payload.invalid"
#: every code headquarters may give a refused change (``hash_mismatch`` is a damaged change)
REFUSAL_CODES = frozenset(
    {UNKNOWN_KIND, VERSION_AHEAD, VERSION_BEHIND, PAYLOAD_INVALID, "hash_mismatch"}
)


class ChangeKindError(ProtocolError):
    """A change that the contract does not allow: ``code`` is one of the refusal codes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Effect(StrEnum):
    """What headquarters does with a change besides keeping it in its change log."""

    STORE = "store"
    #: the payload's ``document_number`` joins the mission's revocation list
    REVOCATION_LIST = "revocation_list"
    #: counted in the accountability report (``Kind.report`` says which column)
    REPORT = "report"


class Payload(BaseModel):
    """Base of every payload schema: no field outside the schema, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseStatus(Payload):
    """A case transition: the status the case is in after it and its version counter."""

    status: str = Field(pattern=_CODE)
    version: int = Field(ge=0)


class CaseOpened(Payload):
    """A case was opened (in draft)."""

    status: str = Field(pattern=_CODE)


class InterviewRecorded(CaseStatus):
    """One interview form was answered. ``fear_flag``: the fear-of-return form's answers
    flagged fear (or were unclear); absent for other forms. No answer travels."""

    form: str = Field(pattern=_CODE)
    fear_flag: bool | None = None


class AdvisalDelivered(CaseStatus):
    """The rights advisal was delivered, in ``language``, with an interpreter or not."""

    language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
    interpreter_used: bool


class ConsentRecorded(CaseStatus):
    """A consent decision on ``return`` or the ``travel_document``."""

    scope: Literal["return", "travel_document"]
    decision: Literal["granted", "declined"]


class DataSharingRecorded(CaseStatus):
    """A data-sharing decision for one recipient."""

    recipient: str = Field(pattern=_CODE)
    decision: Literal["granted", "declined"]


class ConsentWithdrawn(CaseStatus):
    """Standing consents were withdrawn: the scopes, and how many issued documents that voided
    (each also travels as a ``revocation/revoke`` change)."""

    scopes: list[Literal["return", "travel_document"]] = Field(max_length=2)
    documents_voided: int = Field(ge=0)


class ReferralOutcome(CaseStatus):
    """A protection officer decided on a fear of return: ``referred`` (the case leaves for
    protection; no document in it, ever) or ``cleared``. The precise outcome (an asylum claim,
    an agency) stays on the mission."""

    outcome: Literal["referred", "cleared"]


class ProtectionCounts(Payload):
    """How many red flags were raised and cleared at the mission in one closed ``month``
    (``YYYY-MM``), over every case and every kind of flag: no case, no kind, no person."""

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    raised: int = Field(ge=0)
    cleared: int = Field(ge=0)


class DocumentIssued(Payload):
    """An emergency travel document was issued under ``document_number``."""

    status: Literal["issued"]
    valid_until: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    document_number: str = Field(min_length=1, max_length=32)


class DocumentRevoked(Payload):
    """An issued document was voided: it joins the revocation list. ``reason`` is a code."""

    travel_document_id: str = Field(min_length=1, max_length=64)
    document_number: str = Field(min_length=1, max_length=32)
    reason: str = Field(pattern=_CODE)
    revoked_at: str = Field(min_length=10, max_length=40)


@dataclass(frozen=True, eq=False)
class Kind:
    """One change kind of the contract.

    Attributes:
        entity, operation: its name on the wire (``case``/``open``).
        schemas: the payload schema of each schema version headquarters reads; the highest is
            what the client writes (``version``).
        effects: what headquarters does with it.
        report: the report columns it feeds (documentation and the coverage test).
        summary: one sentence for people.

    Kinds compare by identity: a registry holds each once.
    """

    entity: str
    operation: str
    schemas: Mapping[int, type[Payload]]
    effects: frozenset[Effect] = frozenset({Effect.STORE})
    report: tuple[str, ...] = ()
    summary: str = ""

    @property
    def name(self) -> str:
        """``entity/operation``."""
        return f"{self.entity}/{self.operation}"

    @property
    def version(self) -> int:
        """The schema version the client writes."""
        return max(self.schemas)

    def schema(self, version: int | None = None) -> type[Payload]:
        """The payload schema of ``version`` (default: the current one)."""
        wanted = self.version if version is None else version
        if wanted not in self.schemas:
            code = VERSION_AHEAD if wanted > self.version else VERSION_BEHIND
            raise ChangeKindError(
                code, f"{self.name} version {wanted} is not read here (reads {self.versions})"
            )
        return self.schemas[wanted]

    @property
    def versions(self) -> str:
        """The versions read, for messages (``1..2``)."""
        low, high = min(self.schemas), max(self.schemas)
        return str(low) if low == high else f"{low}..{high}"

    def validate(
        self, payload: Payload | Mapping[str, Any], version: int | None = None
    ) -> dict[str, Any]:
        """The payload as JSON-ready data after its schema checked it, or ``ChangeKindError``
        (``payload.invalid``) naming the fields at fault, never their values."""
        schema = self.schema(version)
        if isinstance(payload, BaseModel):
            payload = payload.model_dump(mode="json", exclude_none=True)
        try:
            model = schema.model_validate(dict(payload))
        except ValidationError as exc:
            where = sorted({".".join(str(p) for p in e["loc"]) or "payload" for e in exc.errors()})
            raise ChangeKindError(
                PAYLOAD_INVALID, f"{self.name} payload does not match: {', '.join(where[:10])}"
            ) from None
        return model.model_dump(mode="json", exclude_none=True)

    def change(
        self,
        entity_id: str | uuid.UUID,
        payload: Payload | Mapping[str, Any],
        *,
        change_id: uuid.UUID | None = None,
        created_at: dt.datetime | None = None,
    ) -> Change:
        """A wire ``Change`` of this kind with a validated payload and its content hash (what
        the sync client sends for an outbox entry; tests build their changes with it)."""
        return Change.build(
            change_id=change_id or uuid.uuid4(),
            entity=self.entity,
            entity_id=str(entity_id),
            operation=self.operation,
            payload=self.validate(payload),
            schema_version=self.version,
            created_at=created_at,
        )

    def has(self, effect: Effect) -> bool:
        """Whether headquarters does ``effect`` with this kind."""
        return effect in self.effects


@dataclass(frozen=True)
class Registry:
    """The kinds one side knows, by ``(entity, operation)``."""

    kinds: tuple[Kind, ...]
    _by_name: dict[tuple[str, str], Kind] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[tuple[str, str], Kind] = {}
        for kind in self.kinds:
            if (kind.entity, kind.operation) in by_name:
                raise ValueError(f"kind {kind.name} is defined twice")
            by_name[(kind.entity, kind.operation)] = kind
        object.__setattr__(self, "_by_name", by_name)

    def __iter__(self) -> Iterator[Kind]:
        return iter(self.kinds)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, entity: str, operation: str) -> Kind:
        """The kind ``entity/operation``, or ``ChangeKindError`` (``kind.unknown``)."""
        kind = self._by_name.get((entity, operation))
        if kind is None:
            raise ChangeKindError(UNKNOWN_KIND, f"{entity}/{operation} is not a known change kind")
        return kind

    def check(
        self, entity: str, operation: str, version: int, payload: Mapping[str, Any]
    ) -> tuple[Kind, dict[str, Any]]:
        """The kind and the validated payload of a received change, or ``ChangeKindError``
        with the refusal code (what headquarters does for each change it is sent)."""
        kind = self.get(entity, operation)
        return kind, kind.validate(payload, version)

    def replacing(self, *kinds: Kind) -> Registry:
        """A registry with ``kinds`` added or put in place of those of the same name (for a
        later protocol version, and for testing version skew)."""
        names = {(k.entity, k.operation) for k in kinds}
        kept = tuple(k for k in self.kinds if (k.entity, k.operation) not in names)
        return Registry(kept + tuple(kinds))

    def names(self) -> frozenset[str]:
        """Every ``entity/operation`` known."""
        return frozenset(k.name for k in self.kinds)


def _case(
    operation: str,
    schema: type[Payload] = CaseStatus,
    *,
    report: Iterable[str] = (),
    summary: str,
    grew: bool = False,
) -> Kind:
    """A case kind. ``grew``: before this contract the change carried only the status and
    version (schema version 1, still read, so outboxes written then still sync); the report's
    codes came with version 2."""
    columns = tuple(report)
    effects = frozenset({Effect.STORE, Effect.REPORT} if columns else {Effect.STORE})
    schemas: dict[int, type[Payload]] = {1: CaseStatus, 2: schema} if grew else {1: schema}
    return Kind("case", operation, schemas, effects, columns, summary)


#: every kind of change a mission sends headquarters
KINDS = Registry(
    (
        _case("open", CaseOpened, report=("cases_opened",), summary="A case was opened."),
        _case("record_identity", summary="The person's identity was recorded."),
        _case("approve_nationality", summary="A supervisor approved the nationality interview."),
        _case(
            "record_interview",
            InterviewRecorded,
            report=("fear_of_return_flags",),
            summary="An interview form was answered.",
            grew=True,
        ),
        _case(
            "record_fear_expressed",
            report=("fear_of_return_flags",),
            summary="The person said they fear return.",
        ),
        _case(
            "deliver_advisal",
            AdvisalDelivered,
            report=("advisals_delivered", "advisals_with_interpreter", "advisals_language"),
            summary="The rights advisal was delivered.",
            grew=True,
        ),
        _case(
            "record_consent",
            ConsentRecorded,
            report=("consents_granted", "consents_declined"),
            summary="Consent to return or to the travel document was decided.",
            grew=True,
        ),
        _case(
            "record_data_sharing",
            DataSharingRecorded,
            report=("consents_granted", "consents_declined"),
            summary="Data sharing with one recipient was decided.",
        ),
        _case(
            "withdraw_consent",
            ConsentWithdrawn,
            report=("consents_withdrawn",),
            summary="The person withdrew consent.",
            grew=True,
        ),
        _case(
            "record_referral_outcome",
            ReferralOutcome,
            report=("protection_referred", "protection_cleared"),
            summary="A protection officer decided on a fear of return.",
            grew=True,
        ),
        _case("record_voluntariness_review", summary="Voluntariness was reviewed."),
        _case("release_protection_hold", summary="A protection hold was released."),
        _case("clear_flag", summary="A protection officer cleared a flag in the case."),
        _case("approve", summary="A supervisor approved issuing the document."),
        _case("reject_approval", summary="A supervisor refused to approve."),
        _case(
            "issue_document",
            report=("median_days_interview_to_issue",),
            summary="The case reached document issued.",
        ),
        _case("close", summary="The person departed with the document."),
        _case(
            "report_lost",
            summary="An issued document was reported lost or stolen (it travels revoked).",
        ),
        _case(
            "close_without_document",
            report=("closed_without_document",),
            summary="The case ended without a document.",
        ),
        Kind(
            "mission",
            "protection_counts",
            {1: ProtectionCounts},
            frozenset({Effect.STORE, Effect.REPORT}),
            ("protection_flags_raised", "protection_flags_cleared"),
            "How many red flags a closed month raised and cleared at the mission (counts only).",
        ),
        Kind(
            "travel_document",
            "issue",
            {1: DocumentIssued},
            frozenset({Effect.STORE, Effect.REPORT}),
            ("documents_issued",),
            "An emergency travel document was issued.",
        ),
        Kind(
            "revocation",
            "revoke",
            {1: DocumentRevoked},
            frozenset({Effect.STORE, Effect.REVOCATION_LIST, Effect.REPORT}),
            ("documents_revoked",),
            "An issued document was voided and joins the revocation list.",
        ),
    )
)


def kind(entity: str, operation: str) -> Kind:
    """The kind ``entity/operation`` of ``KINDS`` (``ChangeKindError`` when unknown)."""
    return KINDS.get(entity, operation)


CASE_OPENED = kind("case", "open")
PROTECTION_COUNTS = kind("mission", "protection_counts")
#: the case kinds that say a protection fact about one case (a fear, a referral, a hold, a
#: flag cleared): they stay on the mission unless it chose ``share_protection_details``;
#: headquarters learns only the monthly ``PROTECTION_COUNTS``
PROTECTION_KINDS: frozenset[Kind] = frozenset(
    kind("case", operation)
    for operation in (
        "record_fear_expressed",
        "record_referral_outcome",
        "record_voluntariness_review",
        "release_protection_hold",
        "clear_flag",
    )
)


def stays_on_mission(entity: str, operation: str, share_protection_details: bool) -> bool:
    """Whether a change of ``entity/operation`` must not leave the mission (a protection kind,
    and the mission does not share protection details)."""
    if share_protection_details:
        return False
    return any(k.entity == entity and k.operation == operation for k in PROTECTION_KINDS)


DOCUMENT_ISSUED = kind("travel_document", "issue")
DOCUMENT_REVOKED = kind("revocation", "revoke")
