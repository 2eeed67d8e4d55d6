"""Data minimisation: an allow-list of the payload fields that may leave a mission.

A field leaves only when this module names it, in one of three lists:

* :data:`OPERATIONAL_FIELDS`: what headquarters needs to run the service (states, versions,
  codes, dates of steps, record ids); they always leave. :data:`ENTITY_FIELDS` adds fields that
  are operational for one kind of record only: the number of an issued or revoked *travel
  document* leaves (headquarters publishes revocation lists), the number of the person's own
  passport (``document_number`` in a ``case`` change) does not.
* :data:`PERSONAL_FIELDS`: what identifies the person or describes their life (identity,
  family, travel); they leave only for a recipient the person consented to share with (the
  payload's ``data_sharing_consent`` list of recipients).
* :data:`PROTECTION_FIELDS`: fear of return, asylum and other proceedings, vulnerability; they
  stay on the mission unless the mission's configuration says ``share_protection_details``.

Every other field, at any depth, stays on the mission: a new field must be added here, in the
right list, before it can ever leave (``tests/protocol/test_minimise.py`` checks every field of
every published form). Both the client (before sending) and headquarters (on receipt) apply the
same rules, so a client that forgets cannot leak, and a change never carries more than the
person agreed to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

HEADQUARTERS = "headquarters"
CONSENT_KEY = "data_sharing_consent"

#: fields headquarters needs to run the service: they always leave
OPERATIONAL_FIELDS = frozenset(
    {
        CONSENT_KEY,
        "status",
        "version",
        "reason",
        "reason_code",
        "outcome",
        "form",
        "form_id",
        "form_version",
        "text_version",
        "language",
        "valid_from",
        "valid_until",
        "issued_at",
        "revoked_at",
        "recorded_at",
        "document_id",
        "travel_document_id",
        "revocation_id",
        "scope",
        "recipient",
        "decision",
        # structure: sections whose own fields are filtered by these same lists
        "screening",
        "answers",
        "identity",
        "interview",
        "consent",
        "advisal",
        "done",
        "completed",
        # the change kinds' own report fields (laissez.protocol.kinds): counts, never text
        "interpreter_used",
        "scopes",
        "documents_voided",
        # protection counts: over a closed month and the whole mission, never a case
        "month",
        "raised",
        "cleared",
    }
)
#: fields operational for one kind of record (``Change.entity``) only
ENTITY_FIELDS: dict[str, frozenset[str]] = {
    "travel_document": frozenset({"document_number"}),
    "revocation": frozenset({"document_number"}),
}
#: fields that identify the person or describe their life: they need data-sharing consent
PERSONAL_FIELDS = frozenset(
    {
        # identity
        "primary_name",
        "secondary_name",
        "name",
        "mrz_name",
        "mrz_lines",
        "date_of_birth",
        "place_of_birth",
        "sex",
        "nationality",
        "languages_spoken",
        "photo",
        "biometrics",
        "fingerprints",
        "address",
        "phone",
        "email",
        "passport_number",
        "identity_document_number",
        "document_number",
        "evidence",
        "interview_summary",
        # family
        "marital_status",
        "has_dependants",
        "dependants_count",
        "dependants_here",
        "dependants_travelling",
        "family_contact_wanted",
        "family_notes",
        # travel
        "arrival_date",
        "transit_countries",
        "destination_country",
        "destination_place",
        "travel_mode",
        "planned_departure",
        "escort",
        "reintegration_support",
    }
)
#: fields that describe protection needs: they stay on the mission unless it shares them
PROTECTION_FIELDS = frozenset(
    {
        # fear of return
        "fear_of_return",
        "fears_return",
        "fear_details",
        "fear_of_return_details",
        "fear_reasons",
        "fear_account",
        "in_detention",
        "prefers_return_to_detention",
        "pressure_reported",
        "stateless_claim",
        "refugee_status",
        "protection_claim",
        "protection_details",
        "referral_notes",
        "screening_answers",
        "fear_flag",
        # proceedings
        "asylum",
        "asylum_details",
        "asylum_pending",
        "asylum_country",
        "asylum_reference",
        "asylum_next_date",
        "appeal_pending",
        "appeal_country",
        "appeal_reference",
        "appeal_next_date",
        "court_hearing_pending",
        "court_hearing_country",
        "court_hearing_reference",
        "court_hearing_next_date",
        "immigration_hearing_pending",
        "immigration_hearing_country",
        "immigration_hearing_reference",
        "immigration_hearing_next_date",
        "consequences_explained",
        "consequences_acknowledged",
        "lawyer_informed",
        # vulnerability
        "is_child",
        "unaccompanied",
        "health_needs",
        "health_notes",
        "disability",
        "trafficking_indicators",
        "gbv_risk",
        "referral_offered",
    }
)
#: fields that never leave, whatever was consented or configured (a signature image)
HELD_FIELDS = frozenset({"person_signature", "signature"})


def _strip(value: Any, allowed: frozenset[str], path: str, dropped: list[str]) -> Any:
    if isinstance(value, Mapping):
        kept: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in allowed:
                dropped.append(where)
                continue
            kept[key] = _strip(item, allowed, where, dropped)
        return kept
    if isinstance(value, list):
        return [_strip(item, allowed, f"{path}[]", dropped) for item in value]
    return value


def allowed_fields(
    payload: Mapping[str, Any],
    *,
    entity: str | None = None,
    recipient: str = HEADQUARTERS,
    share_protection_details: bool = False,
) -> frozenset[str]:
    """The field names that may go to ``recipient`` in this payload."""
    allowed = set(OPERATIONAL_FIELDS) | set(ENTITY_FIELDS.get(entity or "", ()))
    if recipient in consented_recipients(payload):
        allowed |= PERSONAL_FIELDS
    if share_protection_details:
        allowed |= PROTECTION_FIELDS
    return frozenset(allowed - HELD_FIELDS)


def minimise_payload(
    payload: Mapping[str, Any],
    *,
    entity: str | None = None,
    recipient: str = HEADQUARTERS,
    share_protection_details: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The payload reduced to what may go to ``recipient``, and the dotted paths removed.

    Only allow-listed fields leave: operational ones always (and ``ENTITY_FIELDS`` for
    ``entity``), personal ones when the payload's ``data_sharing_consent`` lists
    ``recipient``, protection ones when ``share_protection_details``; any other field stays.
    The returned names are field paths, never values, so they are safe to log and to show.
    """
    allowed = allowed_fields(
        payload,
        entity=entity,
        recipient=recipient,
        share_protection_details=share_protection_details,
    )
    dropped: list[str] = []
    kept = _strip(payload, allowed, "", dropped)
    return kept, sorted(set(dropped))


def consented_recipients(payload: Mapping[str, Any]) -> frozenset[str]:
    """The recipients the payload's ``data_sharing_consent`` names (empty when absent)."""
    raw = payload.get(CONSENT_KEY)
    if isinstance(raw, str):
        return frozenset({raw})
    if isinstance(raw, Iterable) and not isinstance(raw, Mapping):
        return frozenset(str(r) for r in raw)
    return frozenset()


def without_sensitive_fields(payload: Mapping[str, Any], *, entity: str = "") -> dict[str, Any]:
    """``payload`` less its top-level personal and protection fields (those operational for
    ``entity`` stay), every other field kept: headquarters checks a change's schema on this, so
    that an unknown field is refused while a sensitive one an older client left in is only
    dropped."""
    operational = ENTITY_FIELDS.get(entity, frozenset())
    return {
        key: value
        for key, value in payload.items()
        if key in operational or (key not in PERSONAL_FIELDS and key not in PROTECTION_FIELDS)
    }
