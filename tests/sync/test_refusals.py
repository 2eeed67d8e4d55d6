"""Headquarters refusing is an answer, not an outage: a change it refuses is marked ``failed``
with headquarters' code (what an administrator sees) while the rest of its batch is stored, and
a batch too large for headquarters is sent again in halves instead of being retried whole."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from laissez.storage import outbox
from laissez.storage.models import OutboxEntry
from tests.support.pg import HqServer
from tests.support.sync import Installation, hq_counts, install


@pytest.fixture
def site(tmp_path: Path, pg_url: str, hq_server: HqServer) -> Iterator[Installation]:
    inst = install(tmp_path / "site", pg_url, hq_server.url, batch_size=100)
    yield inst
    inst.engine.close()
    inst.db.close()


def test_a_nul_character_fails_its_change_alone(site: Installation, pg_url: str) -> None:
    site.write(3, prefix="before")
    with site.db.session() as s:
        bad = outbox.enqueue(s, "case", uuid.uuid4(), "create", {"status": "dr\x00aft"})
    site.write(3, prefix="after")
    report = site.engine.push()
    assert not report.interrupted
    assert report.acked == 6
    assert site.statuses() == {"acked": 6, "failed": 1}
    with site.db.session() as s:
        code = s.get(OutboxEntry, bad.id).last_error_code
    assert code == "nul_character", code
    assert hq_counts(pg_url, site.mission_code) == (6, 6, 0)


def test_a_batch_too_large_for_headquarters_is_sent_in_halves(
    site: Installation, pg_url: str
) -> None:
    filler = "x" * (1024 * 1024)
    with site.db.session() as s:
        for i in range(40):  # about 40 MB in one batch of 100: over the 32 MiB limit
            outbox.enqueue(s, "case", uuid.uuid4(), "create", {"status": "draft", "n": i,
                                                               "reason_code": filler})  # fmt: skip
    report = site.engine.push()
    assert (report.acked, report.rejected, report.interrupted) == (40, 0, False)
    assert site.statuses() == {"acked": 40}
    assert hq_counts(pg_url, site.mission_code)[1] == 40
    with site.db.session() as s:
        assert not s.scalars(select(OutboxEntry).where(OutboxEntry.status != "acked")).all()


def test_a_bundle_that_is_a_pipe_or_a_device_is_refused_unread(tmp_path: Path) -> None:
    import os

    from laissez.protocol import BundleError
    from laissez.storage.sync.offline import read_bundle_file

    fifo = tmp_path / "from-hq.laissez"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(BundleError, match=r"file\.not_regular"):
            read_bundle_file(path)
