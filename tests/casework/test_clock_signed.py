"""Issue 15: a device clock set back cannot make a signed decision, or an audit event, look
older than one already recorded (issue 14's ``casework.clock_backwards`` rule, applied to the
decisions headquarters and the gate trust). The clock is moved for the whole process: every
``utcnow`` of casework and storage reads it."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from laissez.casework.errors import ClockBackwardsError, SignerMissingError
from laissez.casework.states import CaseState as S
from laissez.storage import audit_trust, ids
from laissez.storage.database import Database
from laissez.storage.models import Approval, AuditEvent, TravelDocument
from tests.support.world import PASSPHRASE, World

HOURS_BACK = 3


@pytest.fixture
def set_back(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Set the process's clock back by three hours (what an officer who changes the computer's
    date does); undone after the test, or by :func:`set_right`."""

    class _Earlier(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return dt.datetime.now(tz) - dt.timedelta(hours=HOURS_BACK)

    def move() -> None:
        clock = types.SimpleNamespace(**{k: getattr(dt, k) for k in dir(dt) if k[0] != "_"})
        clock.datetime = _Earlier
        monkeypatch.setattr(ids, "dt", clock)

    return move


def set_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set the clock right again."""
    monkeypatch.setattr(ids, "dt", dt)


def _counts(world: World) -> tuple[int, int, int]:
    with world.admin.read_session() as s:
        return (
            s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
            s.scalar(select(func.count()).select_from(Approval)) or 0,
            s.scalar(select(func.count()).select_from(TravelDocument)) or 0,
        )


def test_an_approval_cannot_be_signed_with_a_clock_set_back(
    world: World, set_back: Callable[[], None]
) -> None:
    first = world.new_case(S.APPROVED)
    second = world.new_case(S.CONSENT_RECORDED)
    before = _counts(world)
    set_back()
    with pytest.raises(ClockBackwardsError) as refused:
        world["sue"].decisions.approve(second)
    assert "clock was set back" in str(refused.value)
    # nor an issue (refused for the clock, or because the clock is before the seal key's
    # period, which began when the test signer was made) ...
    with pytest.raises((ClockBackwardsError, SignerMissingError)):
        world["sam"].decisions.issue_document(first)
    with pytest.raises(ClockBackwardsError):  # ... nor a withdrawal
        world["oscar"].consent.withdraw_consent(first)
    assert _counts(world) == before  # nothing signed, nothing issued, nothing audited
    assert world["oscar"].state(second) is S.CONSENT_RECORDED
    assert world["oscar"].state(first) is S.APPROVED


def test_decisions_signed_after_the_clock_is_right_again_are_in_order(
    world: World, monkeypatch: pytest.MonkeyPatch, set_back: Callable[[], None]
) -> None:
    first = world.new_case(S.APPROVED)
    second = world.new_case(S.CONSENT_RECORDED)
    set_back()
    with pytest.raises(ClockBackwardsError):
        world["sue"].decisions.approve(second)
    set_right(monkeypatch)
    world["sue"].decisions.approve(second)
    with world.admin.read_session() as s:
        times = list(s.scalars(select(AuditEvent.at).order_by(AuditEvent.seq)))
        decided = {a.case_id: a.decided_at for a in s.scalars(select(Approval)) if a.signature}
    assert times == sorted(times)
    assert decided[second] > decided[first]


def test_an_audit_event_is_never_dated_before_the_one_it_follows(
    world: World, set_back: Callable[[], None]
) -> None:
    world.new_case(S.APPROVED)
    with world.admin.read_session() as s:
        last = s.scalars(select(AuditEvent.at).order_by(AuditEvent.seq.desc())).first()
    set_back()
    # signing in cannot be refused (the officer must be able to fix the clock): the event it
    # writes takes the last event's time instead of the earlier clock's
    late = Database.open(world.path, username="olga", passphrase=PASSPHRASE.format(name="olga"))
    late.close()
    with world.admin.read_session() as s:
        events = [
            (e.at, e.signature) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        ]
        problems = audit_trust.verify(s)
    assert last is not None and events[-1][0] >= last
    assert [at for at, _ in events] == sorted(at for at, _ in events)
    assert events[-1][1] is not None and problems == []
    assert world.admin.verify_audit().ok
