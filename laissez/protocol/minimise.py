"""Data minimisation: which payload fields may leave a mission.

Fear-of-return and asylum details stay on the mission unless the mission's configuration says
``share_protection_details``. Personal identity fields leave only for a recipient the person
consented to share with (the payload's ``data_sharing_consent`` list of recipients). Both the
client (before sending) and headquarters (on receipt) apply the same rules, so a client that
forgets cannot leak, and a change never carries more than the person agreed to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

HEADQUARTERS = "headquarters"
#: payload keys (at any depth) that describe protection needs: they stay on the mission
PROTECTION_FIELDS = frozenset(
    {
        "fear_of_return",
        "fear_details",
        "fear_of_return_details",
        "asylum",
        "asylum_details",
        "asylum_reference",
        "protection_claim",
        "protection_details",
        "referral_notes",
        "screening_answers",
        "trafficking_indicators",
    }
)
#: payload keys (at any depth) that identify the person: they need data-sharing consent
PERSONAL_FIELDS = frozenset(
    {
        "primary_name",
        "secondary_name",
        "name",
        "mrz_name",
        "mrz_lines",
        "date_of_birth",
        "place_of_birth",
        "photo",
        "biometrics",
        "fingerprints",
        "address",
        "phone",
        "email",
        "passport_number",
        "identity_document_number",
    }
)
CONSENT_KEY = "data_sharing_consent"


def _strip(value: Any, drop: frozenset[str], path: str, dropped: list[str]) -> Any:
    if isinstance(value, Mapping):
        kept: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key in drop:
                dropped.append(where)
                continue
            kept[key] = _strip(item, drop, where, dropped)
        return kept
    if isinstance(value, list):
        return [_strip(item, drop, f"{path}[]", dropped) for item in value]
    return value


def minimise_payload(
    payload: Mapping[str, Any],
    *,
    recipient: str = HEADQUARTERS,
    share_protection_details: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The payload reduced to what may go to ``recipient``, and the dotted paths removed.

    Protection fields go only when ``share_protection_details``; personal fields only when the
    payload's ``data_sharing_consent`` lists ``recipient``. The returned names are field paths,
    never values, so they are safe to log and to show.
    """
    drop: set[str] = set()
    if not share_protection_details:
        drop |= PROTECTION_FIELDS
    if recipient not in consented_recipients(payload):
        drop |= PERSONAL_FIELDS
    dropped: list[str] = []
    kept = _strip(payload, frozenset(drop), "", dropped)
    return kept, sorted(set(dropped))


def consented_recipients(payload: Mapping[str, Any]) -> frozenset[str]:
    """The recipients the payload's ``data_sharing_consent`` names (empty when absent)."""
    raw = payload.get(CONSENT_KEY)
    if isinstance(raw, str):
        return frozenset({raw})
    if isinstance(raw, Iterable) and not isinstance(raw, Mapping):
        return frozenset(str(r) for r in raw)
    return frozenset()
