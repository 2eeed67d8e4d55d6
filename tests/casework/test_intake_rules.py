"""Rules of the intake kept in casework: what an MRZ says about identity, where the MRZ came
from, and the one four-eyes check every supervisor decision passes."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from laissez.casework.base import require_independent
from laissez.casework.errors import MissingInformationError, SelfApprovalError
from laissez.casework.intake import MRZ_SOURCES, identity_answers_from_mrz
from laissez.casework.snapshot import CaseSnapshot
from laissez.casework.states import CaseState
from laissez.documents.mrz import parse
from laissez.storage.models import Approval, Case, IdentityDocument
from tests.support.world import IDENTITY, World, mrz_lines

S = CaseState


def _sources(world: World, case_id: uuid.UUID) -> list[str]:
    with world.handles["oscar"].session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return list(
            session.scalars(
                select(IdentityDocument.source).where(IdentityDocument.person_id == case.person_id)
            )
        )


# --- the MRZ source ---------------------------------------------------------------------------


@pytest.mark.parametrize("source", MRZ_SOURCES)
def test_the_mrz_is_stored_with_where_it_came_from(world: World, source: str) -> None:
    case_id = world["oscar"].intake.open_case()
    world["oscar"].intake.record_identity(
        case_id, IDENTITY, mrz_lines=mrz_lines(), mrz_source=source
    )
    assert _sources(world, case_id) == [source]


def test_a_typed_mrz_is_stored_as_typed_and_a_scanned_one_as_scan(world: World) -> None:
    typed = world["oscar"].intake.open_case()
    world["oscar"].intake.record_identity(typed, IDENTITY, mrz_lines=mrz_lines())
    assert _sources(world, typed) == ["typed"]  # lines handed over as text are typed
    scanned = world["oscar"].intake.open_case()  # another person: another passport
    world["oscar"].intake.record_identity(
        scanned, IDENTITY, mrz_lines=mrz_lines(number="BX7654321"), mrz_source="scan"
    )
    assert _sources(world, scanned) == ["scan"]


def test_an_unknown_mrz_source_is_refused_and_nothing_is_written(world: World) -> None:
    case_id = world["oscar"].intake.open_case()
    with pytest.raises(MissingInformationError) as refused:
        world["oscar"].intake.record_identity(
            case_id, IDENTITY, mrz_lines=mrz_lines(), mrz_source="camera"
        )
    assert refused.value.fields == ("mrz_source",)
    assert world["oscar"].state(case_id) is S.DRAFT


# --- MRZ to identity answers ------------------------------------------------------------------


def test_an_mrz_gives_the_identity_answers_it_holds() -> None:
    parsed = parse(mrz_lines()).fields
    fields = {name: getattr(parsed, name) for name in dir(parsed) if not name.startswith("_")}
    assert identity_answers_from_mrz(fields) == {
        "primary_name": "RAHMAN",
        "secondary_name": "AMINA",
        "date_of_birth": "1990-03-04",
        "sex": "f",
        "nationality": "BGD",
        "evidence": ["passport_mrz"],
        "document_number": "BX1234567",
    }


def test_an_identity_card_and_unknown_parts_of_an_mrz() -> None:
    class Name:
        primary, secondary = "EL<HASSAN", "<"

    class Birth:
        year, month, day = 1985, None, None

    answers = identity_answers_from_mrz(
        {"name": Name(), "date_of_birth": Birth(), "sex": "<", "nationality": "SDN<",
         "document_number": "A12<<", "document_code": "ID"}
    )  # fmt: skip
    assert answers == {
        "primary_name": "EL HASSAN",
        "date_of_birth": "1985-XX-XX",
        "sex": "x",
        "nationality": "SDN",
        "document_number": "A12",
        "evidence": ["id_card_mrz"],
    }
    assert identity_answers_from_mrz({}) == {}


# --- four eyes --------------------------------------------------------------------------------


def test_require_independent_refuses_a_participant_only() -> None:
    case_id, me, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    snapshot = CaseSnapshot(case_id, "consent_recorded", participants=frozenset({me}))
    require_independent(snapshot, other, case_id)
    with pytest.raises(SelfApprovalError, match="cannot approve it"):
        require_independent(snapshot, me, case_id)
    with pytest.raises(SelfApprovalError, match="cannot decide on it"):
        require_independent(snapshot, me, case_id, verb="decide on it")


def _approvals(world: World, case_id: uuid.UUID) -> int:
    with world.handles["oscar"].session() as session:
        return len(session.scalars(select(Approval).where(Approval.case_id == case_id)).all())


def test_four_eyes_in_decisions_approve_and_reject(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, officer="boss")
    with pytest.raises(SelfApprovalError, match="cannot approve it"):
        world["boss"].decisions.approve(case_id)
    with pytest.raises(SelfApprovalError, match="cannot decide on it"):
        world["boss"].decisions.reject_approval(case_id, "identity_doubtful")
    assert _approvals(world, case_id) == 0
    world["sam"].decisions.approve(case_id)  # a supervisor who took no part
    assert world["oscar"].state(case_id) is S.APPROVED


def test_four_eyes_in_intake_approve_nationality(world: World) -> None:
    interviewed = {
        **IDENTITY,
        "evidence": ["expired_document", "nationality_interview"],
        "interview_summary": "Knows district, dialect and school; consular register.",
    }
    case_id = world.new_case(S.INTERVIEWED, officer="boss", identity=interviewed, mrz=None)
    with pytest.raises(SelfApprovalError, match="cannot approve it"):
        world["boss"].intake.approve_nationality(case_id)
    assert _approvals(world, case_id) == 0
    world["sue"].intake.approve_nationality(case_id)
    assert _approvals(world, case_id) == 1
