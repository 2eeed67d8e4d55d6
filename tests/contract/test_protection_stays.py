"""Fear, asylum and protection details never leave the mission (issue 14, item 6).

A real mission (casework on its encrypted database) records a fear in the interview, an asylum
claim lodged and later decided, a fear said after a document was issued (revoked), a pending
asylum proceeding withdrawn; then the real client (``laissez sync push``) sends everything to
a real ``laissez-hq`` on its own PostgreSQL database, through a proxy that keeps every byte of
every request. Afterwards: no table, column or request body at headquarters links a case to a
protection fact, names the person, or says fear, asylum or referral; every case's versions at
headquarters run without a gap (a gap would point at a change kept back); and once the month
is over the next sync brings headquarters the month's counts of red flags, without a case,
which its report shows (suppressed when small).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from laissez.casework.states import CaseState as S
from laissez.hq import report
from laissez.hq.db import make_engine, migrate
from laissez.hq.models import ChangeRecord, Mission
from laissez.protocol import kinds
from laissez.storage.models import CaseFlag
from laissez.storage.sync.enrolment import enrol_installation
from tests.support.day import sync
from tests.support.pg import HqServer, free_port
from tests.support.proxy import FlakyProxy
from tests.support.sync import new_mission
from tests.support.token import use_private_token
from tests.support.world import IDENTITY, INTERVIEW, World

FEAR = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
ASYLUM_PENDING = {**INTERVIEW["pending_proceedings"], "asylum_pending": "yes",
                  "asylum_country": "DEU", "asylum_reference": "BAMF-5551234",
                  "consequences_explained": "yes", "consequences_acknowledged": "yes"}  # fmt: skip
#: what must appear nowhere at headquarters (the name, the references, the words)
SECRETS = ("fear", "asylum", "referral", "refugee", IDENTITY["primary_name"].lower(),
           IDENTITY["secondary_name"].lower(), "bamf-5551234", "asy-ref-777",
           "imm-2026-0042")  # fmt: skip
#: every case answers the fear-of-return form: the form's name says nothing about the person
FORM_NAME = re.compile(r'"form":\s*"fear_of_return"')


class RecordingProxy(FlakyProxy):
    """A pass-through proxy that keeps every byte clients send."""

    def __init__(self, target_port: int) -> None:
        self.sent: list[bytes] = []
        self._lock = threading.Lock()
        super().__init__(target_port)

    def _serve(self, client: socket.socket, plan: object) -> None:
        server = socket.create_connection(("127.0.0.1", self.target_port))

        def up() -> None:
            try:
                while data := client.recv(65536):
                    with self._lock:
                        self.sent.append(data)
                    server.sendall(data)
            except OSError:
                pass
            finally:
                try:
                    server.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        threading.Thread(target=up, daemon=True).start()
        try:
            while data := server.recv(65536):
                client.sendall(data)
        except OSError:
            pass
        for s in (client, server):
            try:
                s.close()
            except OSError:
                pass


@pytest.fixture(scope="module")
def headquarters(pg_server: str) -> Iterator[tuple[str, HqServer, RecordingProxy]]:
    """A headquarters of its own (a fresh database, so every table can be read whole)."""
    admin = create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    name = f"laissez_protect_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{pg_server}/{name}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    server = HqServer(url, free_port())
    server.start()
    proxy = RecordingProxy(server.port)
    try:
        yield url, server, proxy
    finally:
        proxy.close()
        server.stop()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _next_month(now: dt.datetime) -> dt.datetime:
    return (now.replace(day=1) + dt.timedelta(days=32)).replace(day=2)


@pytest.fixture(scope="module")
def mission(
    tmp_path_factory: pytest.TempPathFactory,
    headquarters: tuple[str, HqServer, RecordingProxy],
    _token_template: Path | None,
) -> Iterator[tuple[World, str, dict[str, uuid.UUID]]]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        if _token_template is not None:  # the module's own seal-key token
            use_private_token(_token_template, tmp_path_factory.mktemp("token"), monkeypatch)
        yield from _mission(tmp_path_factory, headquarters)


def _mission(
    tmp_path_factory: pytest.TempPathFactory,
    headquarters: tuple[str, HqServer, RecordingProxy],
) -> Iterator[tuple[World, str, dict[str, uuid.UUID]]]:
    url, _server, proxy = headquarters
    world = World(tmp_path_factory.mktemp("protect"))
    code, enrolment = new_mission(url)
    enrol_installation(world.admin.session, world.admin.engine, proxy.url, enrolment, "desk-1")
    officer, pat, sam = world["oscar"], world["pat"], world["sam"]
    cases: dict[str, uuid.UUID] = {}
    # fear in the interview; an asylum claim lodged, then decided
    cases["asylum"] = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR})
    pat.decisions.record_referral_outcome(cases["asylum"], "asylum_claim_lodged")
    pat.decisions.clear_flag(cases["asylum"], "asylum_claim", "decided", reference="ASY-REF-777")
    # issued, then the person said they fear return: revoked; no protection need found
    cases["fear_after"] = world.new_case(S.APPROVED)
    sam.decisions.issue_document(cases["fear_after"])
    officer.intake.record_fear_expressed(cases["fear_after"])
    pat.decisions.record_referral_outcome(cases["fear_after"], "no_protection_need")
    # an asylum procedure pending in another country, withdrawn
    cases["proceeding"] = world.new_case(
        S.INTERVIEWED, interview={"pending_proceedings": ASYLUM_PENDING}
    )
    pat.decisions.clear_flag(cases["proceeding"], "proceeding", "withdrawn",
                             reference="IMM-2026-0042", detail="asylum")  # fmt: skip
    # and a case with nothing to protect
    cases["plain"] = world.new_case(S.APPROVED)
    sam.decisions.issue_document(cases["plain"])
    status, pushed = sync(world.path, "push")
    assert status == 0 and (pushed["rejected"], pushed["invalid"]) == (0, 0), pushed
    # the month ends; the next sync sends its counts
    later = _next_month(dt.datetime.now(dt.UTC))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("laissez.storage.sync.protection_counts.utcnow", lambda: later)
        status, pushed = sync(world.path, "push")
    assert status == 0 and (pushed["rejected"], pushed["invalid"]) == (0, 0), pushed
    yield world, code, cases
    world.close()


def _hq_text(url: str) -> dict[str, list[str]]:
    """Every row of every table at headquarters, as text, per table."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = conn.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
            return {
                t: [str(r) for r in conn.scalars(text(f'SELECT t::text FROM "{t}" AS t'))]
                for t in tables
            }
    finally:
        engine.dispose()


def _clean(value: str) -> str:
    return FORM_NAME.sub('"form":"-"', value.replace('\\"', '"').replace('""', '"')).lower()


def test_nothing_headquarters_stored_tells_a_protection_fact(
    mission: tuple[World, str, dict[str, uuid.UUID]],
    headquarters: tuple[str, HqServer, RecordingProxy],
) -> None:
    _world, _code, cases = mission
    stored = _hq_text(headquarters[0])
    assert stored["changes"], "nothing reached headquarters"
    every_row = [(table, _clean(row)) for table, rows in stored.items() for row in rows]
    for secret in SECRETS:
        found = sorted({table for table, row in every_row if secret in row})
        hits = [row for table, row in every_row if secret in row][:3]
        assert found == [], f"{secret!r} is stored at headquarters in {found}: {hits}"
    # no change of a protection kind, for any case
    names = {f"{k.entity}/{k.operation}" for k in kinds.PROTECTION_KINDS}
    engine = create_engine(headquarters[0])
    with Session(engine) as hq:
        rows = hq.execute(select(ChangeRecord.entity, ChangeRecord.operation,
                                 ChangeRecord.entity_id, ChangeRecord.payload)).all()  # fmt: skip
    engine.dispose()
    assert not {f"{e}/{o}" for e, o, _, _ in rows} & names
    # the versions of each case run without a gap: nothing points at a change kept back
    for name, case_id in cases.items():
        versions = sorted(p["version"] for e, _, i, p in rows if e == "case" and "version" in p
                          and i == str(case_id))  # fmt: skip
        assert versions == list(range(1, len(versions) + 1)), name
    # the statuses headquarters sees name no protection state
    statuses = {p.get("status") for e, _, _, p in rows if e == "case"}
    assert "protection_referral" not in statuses


def test_no_request_body_carried_a_protection_fact(
    mission: tuple[World, str, dict[str, uuid.UUID]],
    headquarters: tuple[str, HqServer, RecordingProxy],
) -> None:
    sent = _clean(b"".join(headquarters[2].sent).decode("utf-8", "replace"))
    assert "/v1/push" in sent and "protection_counts" in sent
    for secret in SECRETS:
        assert secret not in sent, secret
    for k in kinds.PROTECTION_KINDS:
        assert f'"operation":"{k.operation}"' not in sent.replace(" ", ""), k.name


def test_the_months_counts_arrive_and_the_report_suppresses_them(
    mission: tuple[World, str, dict[str, uuid.UUID]],
    headquarters: tuple[str, HqServer, RecordingProxy],
) -> None:
    world, code, _cases = mission
    with world.admin.session() as s:
        flags = s.scalars(select(CaseFlag)).all()
        raised, cleared = len(flags), sum(f.cleared_at is not None for f in flags)
    # fear twice, the asylum claim, the asylum proceeding; each cleared by its decision
    assert (raised, cleared) == (4, 4)
    month = dt.datetime.now(dt.UTC).strftime("%Y-%m")
    engine = create_engine(headquarters[0])
    with Session(engine) as hq:
        mission_id = hq.scalar(select(Mission.id).where(Mission.code == code))
        counts = hq.execute(
            select(ChangeRecord.entity_id, ChangeRecord.payload).where(
                ChangeRecord.mission_id == mission_id, ChangeRecord.entity == "mission"
            )
        ).all()
        assert counts == [(month, {"month": month, "raised": 4, "cleared": 4})]
        raw = {r.month: r for r in report.build(hq, suppress_below=1) if r.mission_code == code}
        shown = {r.month: r for r in report.build(hq) if r.mission_code == code}
    engine.dispose()
    assert raw[month].values["protection_flags_raised"] == 4
    assert raw[month].values["protection_flags_cleared"] == 4
    # four is under five: the published report hides it, and the total with it
    assert shown[month].values["protection_flags_raised"] is None
    assert shown[report.TOTAL].values["protection_flags_raised"] is None


def test_a_third_sync_does_not_send_the_month_again(
    mission: tuple[World, str, dict[str, uuid.UUID]], tmp_path: Path
) -> None:
    world, _code, _cases = mission
    later = _next_month(dt.datetime.now(dt.UTC))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("laissez.storage.sync.protection_counts.utcnow", lambda: later)
        status, pushed = sync(world.path, "push")
    assert status == 0 and pushed["acked"] == 0, pushed
