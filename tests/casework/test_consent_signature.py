"""The person's signature on a consent decision: a drawn signature or mark, or declined to
sign with a reason code; stored encrypted with the decision, never audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from laissez.casework.consent_rules import check_child_consent
from laissez.casework.consenting import DECLINED_TO_SIGN_REASONS, PNG_MAGIC
from laissez.casework.errors import (
    ConsentBeforeAdvisalError,
    GuardianRequiredError,
    MissingInformationError,
    SignatureRequiredError,
)
from laissez.casework.states import CaseState as S
from laissez.casework.views.advisal import advisal_consent_view
from laissez.storage.models import AuditEvent, ConsentDecision
from tests.support.world import ADVISAL, World

#: a tiny PNG-looking image with a recognisable body (the audit must never hold it)
DRAWN = PNG_MAGIC + b"IHDR-signature-strokes-4242"


def _row(world: World, consent_id) -> ConsentDecision:  # type: ignore[no-untyped-def]
    with world.handles["oscar"].session() as session:
        row = session.get(ConsentDecision, consent_id)
        assert row is not None
        session.expunge(row)
        return row


def _audit(world: World, action: str) -> list[dict]:
    with world.handles["oscar"].session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()
        return [dict(e.details or {}) for e in events]


def test_a_drawn_signature_is_stored_with_the_decision_and_not_audited(world: World) -> None:
    cw = world["oscar"]
    case_id = world.new_case(S.ADVISED)
    first = cw.consent.record_consent(
        case_id, "return", "granted", signature=DRAWN, signature_kind="signed",
        interpreter_signed=True,
    )  # fmt: skip
    cw.consent.record_consent(
        case_id, "travel_document", "granted", signature=DRAWN, signature_kind="mark"
    )
    row = _row(world, first)
    assert row.signature == DRAWN
    assert (row.signature_kind, row.declined_reason, row.interpreter_signed) == (
        "signed", None, True,
    )  # fmt: skip
    assert advisal_consent_view(world.handles["oscar"], case_id).status == S.CONSENT_RECORDED
    details = _audit(world, "case.record_consent")
    assert [d["signature_kind"] for d in details] == ["signed", "mark"]
    assert details[0]["signature_bytes"] == len(DRAWN)
    assert b"signature-strokes" not in json.dumps(details).encode()
    view = advisal_consent_view(world.handles["oscar"], case_id)
    latest = view.latest("return")
    assert latest is not None and latest.has_signature_image and latest.current


def test_declined_to_sign_needs_a_reason_code_from_the_list(world: World) -> None:
    cw = world["oscar"]
    case_id = world.new_case(S.ADVISED)
    with pytest.raises(SignatureRequiredError) as info:
        cw.consent.record_consent(case_id, "return", "granted", signature_kind="declined_to_sign")
    assert info.value.fields == ("declined_reason",)
    with pytest.raises(SignatureRequiredError):
        cw.consent.record_consent(
            case_id, "return", "granted", signature_kind="declined_to_sign",
            declined_reason="he said he was too tired",
        )  # fmt: skip
    assert "cannot_write" in DECLINED_TO_SIGN_REASONS
    consent_id = cw.consent.record_consent(
        case_id, "return", "granted", signature_kind="declined_to_sign",
        declined_reason="cannot_write",
    )  # fmt: skip
    row = _row(world, consent_id)
    assert (row.signature, row.signature_kind, row.declined_reason) == (
        None, "declined_to_sign", "cannot_write",
    )  # fmt: skip
    assert _audit(world, "case.record_consent")[-1]["declined_reason"] == "cannot_write"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"signature_kind": "signed"}, "signature"),
        ({"signature_kind": "mark", "signature": b"not a png"}, "signature"),
        ({"signature": DRAWN}, "signature_kind"),
        ({"signature_kind": "scribble", "signature": DRAWN}, "signature_kind"),
        ({"signature_kind": "signed", "signature": DRAWN, "declined_reason": "cannot_write"},
         "declined_reason"),
        ({"signature_kind": "declined_to_sign", "signature": DRAWN,
          "declined_reason": "cannot_write"}, "signature"),
        ({"declined_reason": "cannot_write"}, "signature_kind"),
    ],
)  # fmt: skip
def test_an_incomplete_signature_is_refused_and_nothing_is_written(
    world: World, kwargs: dict, field: str
) -> None:
    cw = world["oscar"]
    case_id = world.new_case(S.ADVISED)
    with pytest.raises(SignatureRequiredError) as info:
        cw.consent.record_consent(case_id, "return", "granted", **kwargs)
    assert info.value.fields == (field,)
    with pytest.raises(SignatureRequiredError):
        cw.consent.record_data_sharing(case_id, "host_authorities", "granted", **kwargs)
    assert advisal_consent_view(world.handles["oscar"], case_id).latest("return") is None
    assert advisal_consent_view(world.handles["oscar"], case_id).status == S.ADVISED


def test_programmatic_callers_without_signature_arguments_keep_working(world: World) -> None:
    """The documented default: no signature argument -> no signature record (paper form)."""
    cw = world["oscar"]
    case_id = world.new_case(S.ADVISED)
    consent_id = cw.consent.record_consent(case_id, "return", "granted")
    row = _row(world, consent_id)
    assert (row.signature, row.signature_kind, row.declined_reason) == (None, None, None)
    assert _audit(world, "case.record_consent")[-1]["signature_kind"] == "not_captured"


def test_data_sharing_takes_a_signature_too(world: World) -> None:
    cw = world["oscar"]
    case_id = world.new_case(S.ADVISED)
    consent_id = cw.consent.record_data_sharing(
        case_id, "host_authorities", "declined", signature=DRAWN, signature_kind="signed"
    )
    assert _row(world, consent_id).signature == DRAWN
    view = advisal_consent_view(world.handles["oscar"], case_id)
    assert view.latest("data_sharing.host_authorities").decision == "declined"  # type: ignore[union-attr]


def test_consent_before_the_advisal_is_refused_even_when_signed(world: World) -> None:
    cw = world["oscar"]
    case_id = world.new_case(S.INTERVIEWED)
    with pytest.raises(ConsentBeforeAdvisalError):
        cw.consent.record_consent(
            case_id, "return", "granted", signature=DRAWN, signature_kind="signed"
        )
    view = advisal_consent_view(world.handles["oscar"], case_id)
    assert view.consents == () and not view.advised
    assert view.interview_language == "bn"


def test_the_advisal_answers_must_be_yes_or_no(world: World) -> None:
    cw = world["oscar"]
    case_id = world.new_case(S.INTERVIEWED)
    with pytest.raises(MissingInformationError) as info:
        cw.consent.deliver_advisal(case_id, **{**ADVISAL, "language_understood": None})
    assert info.value.fields == ("language_understood",)
    assert advisal_consent_view(world.handles["oscar"], case_id).status == S.INTERVIEWED


def test_a_child_consent_needs_the_guardian_fields() -> None:
    check_child_consent(False, None, None, None)
    with pytest.raises(GuardianRequiredError) as info:
        check_child_consent(True, " ", "neighbour", "")
    assert info.value.fields == (
        "guardian_name", "guardian_relationship", "best_interests_record",
    )  # fmt: skip
    check_child_consent(True, "G", "appointed_guardian", "BIA done")
