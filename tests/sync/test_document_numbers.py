"""Document numbers end to end with the real headquarters (PostgreSQL, a server process):
two devices of one mission issue ETDs with disjoint numbers, and a mission with no link
loads numbers from headquarters' signed reply bundle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from laissez.casework.errors import NoDocumentNumbersError
from laissez.casework.states import CaseState as S
from laissez.hq import admin
from laissez.hq.db import session_factory
from laissez.hq.models import Mission, NumberRangeRecord
from laissez.storage.models import AuditEvent
from laissez.storage.sync import state
from laissez.storage.sync.enrolment import connect, enrol_installation
from laissez.storage.sync.offline import export_bundle
from tests.support.pg import ROOT, HqServer
from tests.support.sync import new_mission
from tests.support.world import World

pytestmark = pytest.mark.slow


def _enrolment_code(pg_url: str, mission_code: str) -> str:
    engine = create_engine(pg_url)
    try:
        with session_factory(engine)() as s:
            code = admin.create_enrolment_code(s, mission_code)
            s.commit()
            return code
    finally:
        engine.dispose()


def _device(tmp: Path, pg_url: str, hq_url: str, mission: str, enrolment: str | None) -> World:
    """A mission desktop with the casework users, enrolled in ``mission`` at headquarters
    and holding no document number yet."""
    world = World(tmp, numbers=0)
    code = enrolment or _enrolment_code(pg_url, mission)
    enrol_installation(world.admin.session, world.admin.engine, hq_url, code, tmp.name)
    return world


def _issue_all(world: World, count: int) -> list[str]:
    return [
        world["olga"].decisions.issue_document(world.new_case(S.APPROVED)).document_number
        for _ in range(count)
    ]


def test_two_devices_of_one_mission_never_issue_the_same_number(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    mission, enrolment = new_mission(pg_url)
    a = _device(tmp_path / "desk-a", pg_url, hq_server.url, mission, enrolment)
    b = _device(tmp_path / "desk-b", pg_url, hq_server.url, mission, None)
    try:
        engines = {name: connect(w.admin.session, w.admin.engine, timeout=10)
                   for name, w in (("a", a), ("b", b))}  # fmt: skip
        try:
            # interleaved requests, then each device pulls what headquarters holds for it
            engines["a"].request_numbers(2)
            engines["b"].request_numbers(3)
            engines["a"].request_numbers(1)
            for engine in engines.values():
                engine.pull()
        finally:
            for engine in engines.values():
                engine.close()
        assert (a["olga"].numbers.numbers_left(), b["olga"].numbers.numbers_left()) == (3, 3)
        issued_a, issued_b = _issue_all(a, 3), _issue_all(b, 3)
        assert not set(issued_a) & set(issued_b)
        assert len(set(issued_a) | set(issued_b)) == 6
        assert all(len(n) == 9 and n.isalnum() for n in issued_a + issued_b)
        for world in (a, b):
            with pytest.raises(NoDocumentNumbersError):
                world["olga"].decisions.issue_document(world.new_case(S.APPROVED))
    finally:
        a.close()
        b.close()


def test_a_mission_without_a_link_loads_numbers_from_a_reply_bundle(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    mission, enrolment = new_mission(pg_url)
    world = _device(tmp_path / "desk", pg_url, hq_server.url, mission, enrolment)
    try:
        first, second = tmp_path / "1.laissez", tmp_path / "2.laissez"
        export_bundle(world.admin.session, first, numbers=4)
        export_bundle(world.admin.session, second, numbers=4)  # same pending request
        replies = []
        for path in (first, second):
            reply = path.with_suffix(".reply")
            out = subprocess.run(
                [sys.executable, "-m", "laissez.hq.cli", "--database", pg_url, "import",
                 str(path), "--reply", str(reply)],
                capture_output=True, text=True, cwd=ROOT, timeout=60,
            )  # fmt: skip
            assert out.returncode == 0, out.stderr
            replies.append(reply)
        assert world["olga"].numbers.numbers_left() == 0
        loaded = world.admin_casework().numbers.load_numbers(replies[0])
        assert (loaded.ranges, loaded.numbers_left) == (1, 4)
        with world.admin.session() as s:
            assert state.get(s, state.KEY_RANGE_REQUEST) is None
            event = s.scalars(
                select(AuditEvent).where(AuditEvent.action == "document_numbers.loaded")
            ).one()
            assert event.details == {"numbers_added": 4, "numbers_left": 4}
        # the second reply answers the same request: the same range, no more numbers
        assert world.admin_casework().numbers.load_numbers(replies[1]).numbers_left == 4
        numbers = _issue_all(world, 4)
        assert len(set(numbers)) == 4
        with pytest.raises(NoDocumentNumbersError):
            world["olga"].decisions.issue_document(world.new_case(S.APPROVED))
    finally:
        world.close()
    engine = create_engine(pg_url)
    try:
        with Session(engine) as s:
            mission_id = s.scalar(select(Mission.id).where(Mission.code == mission))
            ranges = s.scalars(
                select(NumberRangeRecord).where(NumberRangeRecord.mission_id == mission_id)
            ).all()
            assert [(r.last - r.first + 1) for r in ranges] == [4]  # two bundles, one range
    finally:
        engine.dispose()
