"""Issue 15: decisions made before decisions were signed (an installation upgraded across
schema 0007_insider_signed) do not block their case forever. Their author signs them again,
or a supervisor who took no part approves the case again; both are audited. A row written
unsigned around casework in a database that always signed stays refused."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from laissez.casework.errors import GateBlockedError, InvalidTransitionError
from laissez.casework.states import CaseState as S
from laissez.storage.models import Approval, AuditEvent
from tests.support.world import World


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path / "upgraded", upgraded_from="0006")
    try:
        yield world
    finally:
        world.close()


def _made_before_signing(world: World, case_id: uuid.UUID) -> uuid.UUID:
    """Make the case's approval look as schema 0007 leaves one made before it: no signature,
    decided before the database's first signed event."""
    with world.admin.session() as s:
        first_signed = s.scalar(
            select(func.min(AuditEvent.at)).where(AuditEvent.signature.is_not(None))
        )
        approval = s.scalars(select(Approval).where(Approval.case_id == case_id)).one()
        s.execute(
            update(Approval)
            .where(Approval.id == approval.id)
            .values(signature=None, decided_at=first_signed - dt.timedelta(minutes=5))
        )
        return approval.id


def _codes(world: World, case_id: uuid.UUID) -> list[str]:
    return [i.code for i in world["oscar"].gate(case_id)]


def test_an_old_approval_is_named_as_such_not_as_a_forgery(upgraded: World) -> None:
    case = upgraded.new_case(S.APPROVED)
    _made_before_signing(upgraded, case)
    codes = _codes(upgraded, case)
    assert "decision.signed_before_upgrade" in codes and "decision.unsigned" not in codes


def test_its_author_signs_it_again_and_the_event_is_audited(upgraded: World) -> None:
    case = upgraded.new_case(S.APPROVED)
    _made_before_signing(upgraded, case)
    assert upgraded["sue"].legacy.resign(case) == 0  # not sue's decision: left alone
    assert upgraded["sam"].legacy.resign(case) == 1
    assert "decision.signed_before_upgrade" not in _codes(upgraded, case)
    assert "decision.unsigned" not in _codes(upgraded, case)
    with upgraded.admin.read_session() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))
    assert actions.count("decision.resigned") == 1
    assert upgraded.admin.verify_audit().ok


def test_a_second_supervisor_approves_again_and_the_document_is_issued(upgraded: World) -> None:
    case = upgraded.new_case(S.APPROVED)
    _made_before_signing(upgraded, case)
    with pytest.raises(GateBlockedError):
        upgraded["sue"].decisions.issue_document(case)
    upgraded["sue"].legacy.reaffirm(case)
    assert _codes(upgraded, case) == []
    upgraded["sue"].decisions.issue_document(case)
    assert upgraded["oscar"].state(case) is S.DOCUMENT_ISSUED
    with pytest.raises(InvalidTransitionError):  # nothing left to reaffirm
        upgraded["sam"].legacy.reaffirm(case)


def test_a_database_that_always_signed_has_no_old_decisions(world: World) -> None:
    case = world.new_case(S.APPROVED)
    _made_before_signing(world, case)  # an unsigned, backdated row written around casework
    codes = _codes(world, case)
    assert "decision.unsigned" in codes and "decision.signed_before_upgrade" not in codes
    assert world["sam"].legacy.resign(case) == 0
    with pytest.raises(InvalidTransitionError):
        world["sue"].legacy.reaffirm(case)
