"""The safeguard gate as a pure function over frozen snapshots (no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable

import pytest

from laissez.casework.gate import GATE_CODES, evaluate
from laissez.casework.snapshot import (
    REQUIRED_FORMS,
    Actor,
    AdvisalFacts,
    ApprovalFacts,
    CaseSnapshot,
    ConsentFacts,
    FlagFacts,
    IdentityFacts,
    LinkedCaseFacts,
    PersonFacts,
    ProceedingFacts,
    Refusal,
    ScreeningFacts,
    VoluntarinessReview,
)

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
OFFICER = Actor(uuid.uuid4(), frozenset({"officer"}))
SUPERVISOR = Actor(uuid.uuid4(), frozenset({"supervisor"}))
PROTECTION = Actor(uuid.uuid4(), frozenset({"protection_officer"}))
ADVISAL_ID = uuid.uuid4()


def t(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def consent(scope: str, minutes: int = 20, **kw: object) -> ConsentFacts:
    return ConsentFacts(uuid.uuid4(), scope, "granted", t(minutes), ADVISAL_ID, **kw)  # type: ignore[arg-type]


def good() -> CaseSnapshot:
    """A case in which every safeguard holds."""
    return CaseSnapshot(
        case_id=uuid.uuid4(),
        state="approved",
        completed_forms=frozenset(REQUIRED_FORMS),
        identity=IdentityFacts(nationality="BGD", mrz_valid=True, has_photo=True),
        issuable_nationalities=frozenset({"BGD"}),
        advisal=AdvisalFacts(
            id=ADVISAL_ID,
            text_ref="rights@1/bn",
            text_hash="0" * 64,
            text_known=True,
            language="bn",
            person_language="bn-BD",
            language_understood=True,
            interpreter_needed=True,
            interpreter_used=True,
            questions_recorded=True,
            legal_counsel_offered=True,
            delivered_at=t(10),
            delivered_by=OFFICER.id,
        ),
        consents=(
            consent("return"),
            consent("travel_document"),
            consent("data_sharing", recipient="legal_aid"),
        ),
        screening=ScreeningFacts(fear_expressed=False),
        proceedings_recorded=True,
        approval=ApprovalFacts(SUPERVISOR, "approved", t(30)),
        participants=frozenset({OFFICER.id}),
        last_content_change=t(20),
        required_recipients=("legal_aid",),
    )


def replace(**changes: object) -> CaseSnapshot:
    return dataclasses.replace(good(), **changes)  # type: ignore[arg-type]


def adv(**changes: object) -> CaseSnapshot:
    base = good()
    assert base.advisal is not None
    return replace(advisal=dataclasses.replace(base.advisal, **changes))  # type: ignore[arg-type]


def codes(snapshot: CaseSnapshot) -> list[str]:
    return [i.code for i in evaluate(snapshot)]


CASES: dict[str, Callable[[], CaseSnapshot]] = {
    "identity.nationality_missing": lambda: replace(
        identity=IdentityFacts(nationality=None, mrz_valid=True, has_photo=True)
    ),
    "identity.not_established": lambda: replace(
        identity=IdentityFacts(nationality="BGD", has_photo=True)
    ),
    "identity.photo_missing": lambda: replace(
        identity=IdentityFacts(nationality="BGD", mrz_valid=True)
    ),
    "protection.status_hold": lambda: replace(
        identity=IdentityFacts(
            nationality="XXB", mrz_valid=True, protection_codes=frozenset({"XXB"}), has_photo=True
        )
    ),
    "interview.incomplete": lambda: replace(completed_forms=frozenset({"identity"})),
    "advisal.text_unknown": lambda: adv(text_known=False),
    "advisal.language_not_understood": lambda: adv(language="en"),
    "advisal.interpreter_unrecorded": lambda: adv(interpreter_needed=None),
    "advisal.interpreter_missing": lambda: adv(interpreter_used=False),
    "advisal.questions_unrecorded": lambda: adv(questions_recorded=False),
    "advisal.counsel_not_offered": lambda: adv(legal_counsel_offered=False),
    "consent.return_missing": lambda: replace(consents=good().consents[1:]),
    "consent.document_missing": lambda: replace(consents=good().consents[::2]),
    "consent.declined": lambda: replace(
        consents=(
            dataclasses.replace(good().consents[0], decision="declined"),
            *good().consents[1:],
        )
    ),
    "consent.withdrawn": lambda: replace(
        consents=(dataclasses.replace(good().consents[0], withdrawn=True), *good().consents[1:])
    ),
    "consent.before_advisal": lambda: replace(
        consents=(consent("return", 5), *good().consents[1:])
    ),
    "consent.not_free": lambda: replace(
        screening=ScreeningFacts(fear_expressed=False, prefers_return_to_detention=True)
    ),
    "consent.data_sharing_undecided": lambda: replace(consents=good().consents[:2]),
    "consent.sharing_terms_changed": lambda: replace(
        consents=(
            *good().consents[:2],
            dataclasses.replace(good().consents[2], terms_current=False),
        )
    ),
    "fear.screening_missing": lambda: replace(screening=None),
    "fear.unresolved": lambda: replace(screening=ScreeningFacts(fear_expressed=True)),
    "fear.referred": lambda: replace(
        screening=ScreeningFacts(True, "asylum_claim_lodged", PROTECTION)
    ),
    "proceedings.unrecorded": lambda: replace(proceedings_recorded=False),
    "approval.missing": lambda: replace(approval=None),
    "approval.not_supervisor": lambda: replace(approval=ApprovalFacts(OFFICER, "approved", t(30))),
    "approval.stale": lambda: replace(last_content_change=t(40)),
    "approval.expired": lambda: replace(now=t(30) + dt.timedelta(days=31)),
    "consent.expired": lambda: replace(now=t(20) + dt.timedelta(days=31)),
    "consent.before_explanation": lambda: replace(
        proceedings=(ProceedingFacts("appeal", True, True),), consequences_explained_at=t(25)
    ),
    "protection.trafficking_indicators": lambda: replace(flags=(flag("trafficking"),)),
    "protection.asylum_claim_pending": lambda: replace(flags=(flag("asylum_claim"),)),
    "decision.unsigned": lambda: replace(unsigned_decisions=("approval:forged",)),
    "identity.nationality_not_issuable": lambda: replace(
        identity=IdentityFacts(nationality="IND", mrz_valid=True, has_photo=True),
        issuable_nationalities=frozenset({"BGD"}),
    ),
    "identity.issuing_state_unset": lambda: replace(issuable_nationalities=frozenset()),
    "person.match_undecided": lambda: replace(person=PersonFacts(undecided=("DAC-2026-00001",))),
    "person.flag_open_in_linked_case": lambda: linked(open_flags=("fear",)),
    "person.proceeding_pending_in_linked_case": lambda: linked(pending_proceedings=1),
    "person.refused_in_linked_case": lambda: linked(refusals=(Refusal("referral", t(1)),)),
    "person.valid_document_held": lambda: linked(valid_documents=1),
    "decision.key_untrusted": lambda: replace(untrusted_decisions=("approval:revoked",)),
    "decision.signed_before_upgrade": lambda: replace(old_decisions=("approval:old",)),
}


def linked(**facts: object) -> CaseSnapshot:
    """The good case, with one other case of the same person holding ``facts``."""
    other = LinkedCaseFacts(uuid.uuid4(), "DAC-2026-00001", "document", **facts)  # type: ignore[arg-type]
    return replace(person=PersonFacts(linked=(other,)))


def flag(kind: str, cleared: bool = False) -> FlagFacts:
    return FlagFacts(kind, None, "test", OFFICER.id, t(1), PROTECTION.id if cleared else None,
                     t(2) if cleared else None, "reason" if cleared else None)  # fmt: skip


def test_a_case_with_every_safeguard_passes() -> None:
    assert evaluate(good()) == ()


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_condition_alone_blocks_with_its_code(code: str) -> None:
    assert code in codes(CASES[code]())


def test_every_code_has_a_sentence_and_is_reachable() -> None:
    extra = {"child.guardian_missing", "child.best_interests_missing",
             "proceedings.consequences_not_explained", "proceedings.consequences_not_acknowledged",
             "approval.self", "advisal.missing"}  # fmt: skip
    assert set(GATE_CODES) == set(CASES) | extra
    assert all(s.endswith(".") and len(s) > 30 for s in GATE_CODES.values())


def test_every_unmet_condition_is_returned_not_just_the_first() -> None:
    snap = replace(screening=ScreeningFacts(fear_expressed=True), advisal=None, approval=None,
                   is_child=True,
                   proceedings=(ProceedingFacts("appeal", False, False),))  # fmt: skip
    assert codes(snap) == [
        "advisal.missing",
        "fear.unresolved",
        "child.guardian_missing",
        "child.best_interests_missing",
        "proceedings.consequences_not_explained",
        "proceedings.consequences_not_acknowledged",
        "approval.missing",
    ]


def test_fear_is_cleared_only_by_a_protection_officer() -> None:
    by_supervisor = ScreeningFacts(True, "no_protection_need", SUPERVISOR)
    assert "fear.unresolved" in codes(replace(screening=by_supervisor))
    by_protection = ScreeningFacts(True, "no_protection_need", PROTECTION)
    assert codes(replace(screening=by_protection)) == []


def test_self_approval_and_nationality_approval_by_a_participant() -> None:
    snap = replace(participants=frozenset({OFFICER.id, SUPERVISOR.id}))
    assert codes(snap) == ["approval.self"]
    own = IdentityFacts(nationality="BGD", nationality_approved_by=SUPERVISOR, has_photo=True)
    assert codes(replace(identity=own, participants=frozenset({SUPERVISOR.id}))) == [
        "identity.not_established", "approval.self"
    ]  # fmt: skip
    other = Actor(uuid.uuid4(), frozenset({"supervisor"}))
    assert (
        codes(replace(identity=IdentityFacts("BGD", nationality_approved_by=other, has_photo=True)))
        == []
    )


def test_child_needs_guardian_on_every_consent_and_best_interests() -> None:
    snap = replace(is_child=True)
    assert codes(snap) == ["child.guardian_missing", "child.best_interests_missing"]
    on_return = (consent("return", has_guardian=True, has_best_interests_record=True),
                 *good().consents[1:])  # fmt: skip
    assert codes(replace(is_child=True, consents=on_return)) == ["child.guardian_missing"]
    both = (on_return[0], consent("travel_document", has_guardian=True), good().consents[2])
    assert codes(replace(is_child=True, consents=both)) == []


def test_an_open_flag_blocks_and_only_its_clearing_lifts_it() -> None:
    for kind, code in (("fear", "fear.unresolved"), ("pressure", "consent.not_free"),
                       ("protection_status", "protection.status_hold"),
                       ("trafficking", "protection.trafficking_indicators"),
                       ("asylum_claim", "protection.asylum_claim_pending")):  # fmt: skip
        assert code in codes(replace(flags=(flag(kind),)))
        assert code not in codes(replace(flags=(flag(kind, cleared=True),)))
    assert codes(replace(flags=(flag("child"),)))  # a child flag alone asks for a guardian


def test_consent_given_before_a_pressure_flag_was_cleared_does_not_count() -> None:
    assert codes(replace(flags=(flag("pressure", cleared=True),))) == []
    late = FlagFacts("pressure", None, "test", OFFICER.id, t(1), PROTECTION.id, t(22), "ok")
    assert codes(replace(flags=(late,))) == ["consent.not_free"]


def test_not_free_consent_needs_review_then_new_consent() -> None:
    screening = ScreeningFacts(fear_expressed=False, pressure_reported=True)
    review = VoluntarinessReview("free_consent_confirmed", t(25), PROTECTION)
    assert codes(replace(screening=screening, voluntariness_reviews=(review,))) == [
        "consent.not_free"
    ]
    fresh = (consent("return", 26), consent("travel_document", 26), good().consents[2])
    snap = replace(screening=screening, voluntariness_reviews=(review,), consents=fresh,
                   last_content_change=t(26))  # fmt: skip
    assert codes(snap) == []
    later_doubt = VoluntarinessReview("consent_not_free", t(27), PROTECTION)
    assert codes(dataclasses.replace(snap, voluntariness_reviews=(review, later_doubt))) == [
        "consent.not_free"
    ]


def test_protection_hold_is_released_only_by_a_protection_officer() -> None:
    # a national whose earlier document carried XXA (the nationality XXA itself is never
    # issuable: test_unknown_and_protection_nationalities_are_never_issuable)
    held = IdentityFacts("BGD", mrz_valid=True, protection_codes=frozenset({"XXA"}),
                         hold_released_by=SUPERVISOR, has_photo=True)  # fmt: skip
    assert codes(replace(identity=held)) == ["protection.status_hold"]
    released = dataclasses.replace(held, hold_released_by=PROTECTION)
    assert codes(replace(identity=released)) == []


def test_ignore_approval_leaves_approval_codes_out() -> None:
    assert evaluate(replace(approval=None), ignore_approval=True) == ()


def test_the_gate_code_document_is_current() -> None:
    from pathlib import Path

    import laissez.casework

    doc = (Path(laissez.casework.__file__).parent / "GATE_CODES.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| `")]
    assert rows == [f"| `{c}` | {s} |" for c, s in GATE_CODES.items()]


def test_unknown_and_protection_nationalities_are_never_issuable() -> None:
    for code in ("XXX", "XXA", "XXB", "XXC"):
        snap = replace(identity=IdentityFacts(nationality=code, mrz_valid=True, has_photo=True))
        assert "identity.nationality_not_issuable" in codes(snap)
    # the mission's own State (or headquarters' list) only: another nationality is refused
    other = replace(identity=IdentityFacts(nationality="IND", mrz_valid=True, has_photo=True))
    assert codes(other) == ["identity.nationality_not_issuable"]


def test_a_mission_with_no_state_and_no_list_refuses_every_nationality() -> None:
    for code in ("BGD", "IND", "UTO"):
        snap = replace(
            identity=IdentityFacts(nationality=code, mrz_valid=True, has_photo=True),
            issuable_nationalities=frozenset(),
        )
        assert codes(snap) == ["identity.issuing_state_unset"]
    # XXX stays refused for what it is, not for the missing State
    xxx = replace(
        identity=IdentityFacts(nationality="XXX", mrz_valid=True, has_photo=True),
        issuable_nationalities=frozenset(),
    )
    assert codes(xxx) == ["identity.nationality_not_issuable"]


def test_a_refusal_in_a_linked_case_stands_until_asked_again_after_it() -> None:
    # the person declined in the other case after consenting here (t 20): blocks
    assert codes(linked(refusals=(Refusal("consent", t(25)),))) == ["person.refused_in_linked_case"]
    # declined there before consenting here: this consent is the newer word
    assert codes(linked(refusals=(Refusal("consent", t(5)),))) == []
    # a supervisor refused there after the approval here (t 30): blocks until approved again
    assert codes(linked(refusals=(Refusal("approval", t(35)),))) == [
        "person.refused_in_linked_case"
    ]
    assert codes(linked(refusals=(Refusal("approval", t(25)),))) == []
