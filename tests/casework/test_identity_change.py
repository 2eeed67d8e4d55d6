"""Issue 17: an identity already recorded is not replaced silently (intake's rule)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from laissez.casework.errors import DocumentInOtherCaseError, IdentityChangeUnconfirmedError
from laissez.casework.states import CaseState
from laissez.storage.models import AuditEvent, InterviewAnswers
from tests.support.world import IDENTITY, INTERVIEW, PHOTO, World, mrz_lines

OTHER = {**IDENTITY, "primary_name": "Eriksson", "secondary_name": "Anna", "sex": "f",
         "nationality": "UTO", "document_number": "L898902C3"}  # fmt: skip
OTHER_MRZ = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]


def _forms(world: World, case_id) -> set[str]:  # type: ignore[no-untyped-def]
    with world.admin.session() as s:
        rows = s.scalars(
            select(InterviewAnswers.form_id).where(InterviewAnswers.case_id == case_id)
        )
        return set(rows)


def _identified_with_answers(world: World):  # type: ignore[no-untyped-def]
    case_id = world.new_case(CaseState.IDENTIFIED)
    cw = world["oscar"]
    cw.intake.record_interview(case_id, "fear_of_return", INTERVIEW["fear_of_return"])
    return case_id


def test_another_passport_needs_confirmation_and_drops_the_answers(world: World) -> None:
    case_id = _identified_with_answers(world)
    cw = world["oscar"]
    change = cw.intake.identity_change(case_id, OTHER, mrz_lines=OTHER_MRZ)
    assert change.replacement and change.interview_forms == 1 and change.other_case is None
    assert set(change.fields) >= {"name", "document"}
    with pytest.raises(IdentityChangeUnconfirmedError) as refused:
        cw.intake.record_identity(case_id, OTHER, mrz_lines=OTHER_MRZ, photo=PHOTO)
    assert refused.value.replacement and "document" in refused.value.fields
    assert "fear_of_return" in _forms(world, case_id)  # nothing written
    cw.intake.record_identity(case_id, OTHER, mrz_lines=OTHER_MRZ, photo=PHOTO,
                              confirm_change=True)  # fmt: skip
    assert _forms(world, case_id) == {"identity"}
    with world.admin.session() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.identity_replaced")
        ).one()
        assert event.details["interview_forms_discarded"] == 1
        assert "Eriksson" not in str(event.details)


def test_answers_are_kept_only_when_asked(world: World) -> None:
    case_id = _identified_with_answers(world)
    world["oscar"].intake.record_identity(
        case_id, OTHER, mrz_lines=OTHER_MRZ, photo=PHOTO, confirm_change=True,
        keep_interview=True,
    )  # fmt: skip
    assert "fear_of_return" in _forms(world, case_id)


def test_a_passport_of_another_open_case_is_refused(world: World) -> None:
    first = world.new_case(CaseState.IDENTIFIED)  # passport BX1234567 (mrz_lines())
    second = world["oscar"].intake.open_case()
    with pytest.raises(DocumentInOtherCaseError) as refused:
        world["oscar"].intake.record_identity(second, IDENTITY, mrz_lines=mrz_lines(), photo=PHOTO)
    assert refused.value.reference.startswith("DAC-")
    assert world["oscar"].state(second) is CaseState.DRAFT
    assert first != second


def test_a_correction_keeps_the_answers(world: World) -> None:
    case_id = _identified_with_answers(world)
    fixed = {**IDENTITY, "secondary_name": "Aminah"}
    with pytest.raises(IdentityChangeUnconfirmedError) as refused:
        world["oscar"].intake.record_identity(case_id, fixed, mrz_lines=mrz_lines(), photo=PHOTO)
    assert refused.value.fields == ("name",) and not refused.value.replacement
    world["oscar"].intake.record_identity(
        case_id, fixed, mrz_lines=mrz_lines(), photo=PHOTO, confirm_change=True
    )
    assert "fear_of_return" in _forms(world, case_id)


def test_saving_the_same_identity_again_asks_nothing(world: World) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    world["oscar"].intake.record_identity(case_id, IDENTITY, mrz_lines=mrz_lines(), photo=PHOTO)
