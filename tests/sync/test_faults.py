"""Fault tests against real PostgreSQL and a real ``laissez-hq`` process: the link cut
before the request, in the middle of the body, after the server's commit but before the
acknowledgement; duplicated deliveries; a client crash; a server killed mid-push. Every case
ends with zero lost and zero duplicated changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from laissez.storage.models import OutboxEntry
from laissez.storage.outbox import PENDING, SENT
from tests.support.pg import HqServer
from tests.support.proxy import DROP_RESPONSE, REFUSE, FlakyProxy
from tests.support.sync import Installation, hq_change_ids, hq_counts, install, legacy_entry


@pytest.fixture
def proxy(hq_server: HqServer) -> Iterator[FlakyProxy]:
    p = FlakyProxy(hq_server.port)
    yield p
    p.close()


@pytest.fixture
def site(
    tmp_path: Path, pg_url: str, hq_server: HqServer, proxy: FlakyProxy
) -> Iterator[Installation]:
    inst = install(tmp_path / "site", pg_url, hq_server.url, via=proxy.url, batch_size=100)
    yield inst
    inst.engine.close()
    inst.db.close()


def _complete(site: Installation, pg_url: str, n: int) -> None:
    """Everything written is acknowledged and stored exactly once at headquarters."""
    assert site.statuses() == {"acked": n}
    assert hq_counts(pg_url, site.mission_code) == (n, n, 0)
    assert hq_change_ids(pg_url, site.mission_code) == set(site.entries())


def test_a_clean_push_acknowledges_everything(site: Installation, pg_url: str) -> None:
    site.write(250)
    report = site.engine.push()
    assert (report.batches, report.acked, report.interrupted) == (3, 250, False)
    _complete(site, pg_url, 250)


def test_link_down_before_the_request(site: Installation, proxy: FlakyProxy, pg_url: str) -> None:
    site.write(50)
    proxy.plans.extend([REFUSE])
    report = site.engine.push()
    assert report.interrupted and report.acked == 0
    assert site.statuses() == {"pending": 50}
    assert hq_counts(pg_url, site.mission_code) == (0, 0, 0)
    assert not site.engine.push().interrupted
    _complete(site, pg_url, 50)


def test_link_cut_in_the_middle_of_the_body(
    site: Installation, proxy: FlakyProxy, pg_url: str
) -> None:
    site.write(100)
    proxy.plans.extend([("cut_request", 3000)])
    report = site.engine.push()
    assert report.interrupted
    assert site.statuses() == {"pending": 100}
    assert hq_counts(pg_url, site.mission_code) == (0, 0, 0)
    site.engine.push()
    _complete(site, pg_url, 100)


def test_ack_lost_after_the_server_committed(
    site: Installation, proxy: FlakyProxy, pg_url: str
) -> None:
    site.write(100)
    proxy.plans.extend([DROP_RESPONSE])
    report = site.engine.push()
    assert report.interrupted
    assert site.statuses() == {"pending": 100}  # never marked sent without an ack
    assert hq_counts(pg_url, site.mission_code) == (100, 100, 0)  # but HQ committed
    again = site.engine.push()
    assert (again.acked, again.duplicates) == (100, 100)
    _complete(site, pg_url, 100)


def test_duplicated_deliveries_are_stored_once(site: Installation, pg_url: str) -> None:
    site.write(120)
    site.engine.push()
    with site.db.session() as s:  # as if every ack had been lost: deliver it all again, twice
        s.execute(update(OutboxEntry).values(status=PENDING))
    assert site.engine.push().duplicates == 120
    with site.db.session() as s:
        s.execute(update(OutboxEntry).values(status=PENDING))
    assert site.engine.push().duplicates == 120
    _complete(site, pg_url, 120)


def test_a_client_crash_in_flight_is_recovered(site: Installation, pg_url: str) -> None:
    site.write(30)
    with site.db.session() as s:  # the process died after marking a batch sent
        s.execute(update(OutboxEntry).values(status=SENT))
    assert site.engine.push().acked == 0  # in-flight entries are not resent blindly...
    assert site.engine.recover() == 30  # ...until start-up recovery puts them back
    site.engine.push()
    _complete(site, pg_url, 30)


def test_server_killed_mid_push_then_restarted(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    site = install(tmp_path / "site", pg_url, hq_server.url, batch_size=250)
    try:
        site.write(3000)
        pushed: list = []
        worker = threading.Thread(target=lambda: pushed.append(site.engine.push()))
        worker.start()
        deadline = time.monotonic() + 20
        while hq_counts(pg_url, site.mission_code)[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        hq_server.kill()  # SIGKILL while batches are in flight
        worker.join(30)
        assert pushed and pushed[0].interrupted
        stored_before = hq_counts(pg_url, site.mission_code)[0]
        assert 0 < stored_before < 3000
        hq_server.start()
        while site.engine.push().interrupted:
            time.sleep(0.1)
        _complete(site, pg_url, 3000)
    finally:
        site.engine.close()
        site.db.close()


def test_an_entry_that_cannot_travel_does_not_block_the_queue(
    site: Installation, pg_url: str
) -> None:
    site.write(3)
    bad = legacy_entry(site.db, "Travel-Document", "create", {"ok": True})
    site.write(3)
    report = site.engine.push()
    assert (report.acked, report.invalid) == (6, 1)
    assert site.statuses() == {"acked": 6, "failed": 1}
    with site.db.session() as s:
        from laissez.storage.models import OutboxEntry

        assert s.get(OutboxEntry, bad).last_error_code == "sync.invalid_entry"
    assert site.engine.push().invalid == 1  # retried once per run, never looping
    assert hq_counts(pg_url, site.mission_code) == (6, 6, 0)
