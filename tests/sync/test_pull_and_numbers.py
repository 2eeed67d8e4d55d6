"""Pull through the real server into the encrypted database: revocations, number ranges,
forms and configuration; number requests that survive a lost answer; client-side data
minimisation (protection details never leave the desktop)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from laissez.hq import admin
from laissez.hq.models import ChangeRecord, Mission
from laissez.storage.sync import state
from laissez.storage.sync.errors import HqRefusedError, NumbersExhaustedError
from tests.support import own_hq
from tests.support.pg import HqServer
from tests.support.proxy import DROP_RESPONSE, FlakyProxy
from tests.support.publications import new_form_version
from tests.support.sync import Installation, install, legacy_entry

# this module changes what headquarters hands out: its own database and process
pg_url = own_hq.pg_url
hq_process = own_hq.hq_process


@pytest.fixture
def proxy(hq_server: HqServer) -> Iterator[FlakyProxy]:
    p = FlakyProxy(hq_server.port)
    yield p
    p.close()


@pytest.fixture
def site(
    tmp_path: Path, pg_url: str, hq_server: HqServer, proxy: FlakyProxy
) -> Iterator[Installation]:
    inst = install(tmp_path / "site", pg_url, hq_server.url, via=proxy.url)
    yield inst
    inst.engine.close()
    inst.db.close()


def _hq(pg_url: str) -> Session:
    return Session(create_engine(pg_url), expire_on_commit=False)


def test_pull_stores_revocations_forms_and_configuration(site: Installation, pg_url: str) -> None:
    with _hq(pg_url) as s:
        admin.revoke_document(s, site.mission_code, "E0000042", "consent_withdrawn")
        admin.publish_form(s, new_form_version())
        admin.set_config(s, site.mission_code, "retention_days", 90)
        now = dt.datetime.now(dt.UTC)
        admin.add_signer_certificate(
            s, "-----BEGIN CERTIFICATE-----\nX", now, now, site.mission_code
        )
        s.commit()
    report = site.engine.pull()
    assert (report.revocations, report.form_versions >= 1) == (1, True)
    with site.db.session() as s:
        assert state.is_revoked(s, "E0000042")
        assert not state.is_revoked(s, "E0000043")
        assert state.configuration(s)["retention_days"] == 90
        assert state.cursor(s) == report.cursor > 0
        assert state.signer_certificates(s) == ["-----BEGIN CERTIFICATE-----\nX"]
    assert site.engine.pull().revocations == 0  # incremental: nothing new


def test_number_ranges_survive_a_lost_answer_and_are_used_up_in_order(
    site: Installation, proxy: FlakyProxy
) -> None:
    proxy.plans.extend([DROP_RESPONSE])
    from laissez.storage.sync.errors import HqUnreachableError

    with pytest.raises(HqUnreachableError):
        site.engine.request_numbers(3)
    got = site.engine.request_numbers(3)  # same request id: the range HQ already gave
    site.engine.pull()
    with site.db.session() as s:
        assert state.numbers_left(s) == 3
        taken = [state.take_number(s) for _ in range(3)]
        with pytest.raises(NumbersExhaustedError):
            state.take_number(s)
    assert taken == list(range(got.first, got.last + 1))
    second = site.engine.request_numbers(2)
    assert second.first == got.last + 1


def test_protection_details_never_leave_the_desktop(site: Installation, pg_url: str) -> None:
    legacy_entry(
        site.db, "case", "record_interview",
        {"status": "interviewed", "version": 2, "fear_of_return": True,
         "fear_details": "VERBATIM-FEAR", "primary_name": "NAME-NOT-CONSENTED"},
    )  # fmt: skip
    assert site.engine.push().acked == 1
    with _hq(pg_url) as s:
        mission_id = s.scalar(select(Mission.id).where(Mission.code == site.mission_code))
        row = s.scalars(select(ChangeRecord).where(ChangeRecord.mission_id == mission_id)).one()
    assert row.payload == {"status": "interviewed", "version": 2}
    assert row.stripped == []  # the client removed them before sending: HQ had nothing to strip


def test_a_revoked_device_is_refused_and_keeps_its_outbox(site: Installation, pg_url: str) -> None:
    with site.db.session() as s:
        device_id = state.load_identity(s).device_id
    with _hq(pg_url) as s:
        admin.revoke_device(s, device_id)
        s.commit()
    site.write(5)
    with pytest.raises(HqRefusedError) as info:
        site.engine.push()
    assert info.value.hq_code == "device.revoked"
    assert site.statuses() == {"pending": 5}
