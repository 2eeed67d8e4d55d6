"""The minimisation allow-list against every field of every published form: nothing a person
said leaves a mission unless a list names it and its condition (consent, the mission's
configuration) holds."""

from __future__ import annotations

import pytest

from laissez.forms.library import default_library
from laissez.protocol.minimise import (
    HELD_FIELDS,
    OPERATIONAL_FIELDS,
    PERSONAL_FIELDS,
    PROTECTION_FIELDS,
    minimise_payload,
)

FORM_FIELDS = sorted(
    {(form.id, field.id) for form in default_library().forms() for field in form.fields}
)


def test_the_lists_do_not_overlap() -> None:
    lists = [OPERATIONAL_FIELDS, PERSONAL_FIELDS, PROTECTION_FIELDS, HELD_FIELDS]
    for i, one in enumerate(lists):
        for other in lists[i + 1 :]:
            assert not one & other


@pytest.mark.parametrize(("form", "field"), FORM_FIELDS)
def test_every_form_field_is_classified_and_held_without_its_condition(
    form: str, field: str
) -> None:
    assert field in PERSONAL_FIELDS | PROTECTION_FIELDS | HELD_FIELDS, (
        f"{form}.{field} is not classified"
    )
    assert field not in OPERATIONAL_FIELDS
    payload = {"status": "interviewed", "answers": {field: "VALUE"}}
    kept, dropped = minimise_payload(payload)
    assert kept == {"status": "interviewed", "answers": {}}
    assert dropped == [f"answers.{field}"]
    consented = dict(payload, data_sharing_consent=["headquarters"])
    kept, _ = minimise_payload(consented, share_protection_details=True)
    assert ("VALUE" in str(kept)) is (field not in HELD_FIELDS)
    kept, _ = minimise_payload(consented)
    assert ("VALUE" in str(kept)) is (field in PERSONAL_FIELDS)
    kept, _ = minimise_payload(payload, share_protection_details=True)
    assert ("VALUE" in str(kept)) is (field in PROTECTION_FIELDS)


def test_the_fields_the_deny_list_missed_now_stay() -> None:
    payload = {"fear_account": "x", "document_number": "P1234567", "unknown_new_field": "y"}
    kept, dropped = minimise_payload(payload, entity="case")
    assert kept == {} and dropped == ["document_number", "fear_account", "unknown_new_field"]


def test_a_travel_documents_own_number_leaves_for_revocation_lists() -> None:
    payload = {"document_number": "DAC000007", "reason": "consent_withdrawn"}
    assert minimise_payload(payload, entity="revocation") == (payload, [])
    assert minimise_payload(payload, entity="travel_document")[0] == payload
