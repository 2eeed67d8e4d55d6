"""Headquarters refusing is an answer, not an outage: a change it refuses is marked ``failed``
with headquarters' code (what an administrator sees) while the rest of its batch is stored, and
a batch too large for headquarters is sent again in halves instead of being retried whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from laissez.storage.models import OutboxEntry
from tests.support.pg import HqServer
from tests.support.sync import Installation, hq_counts, install, legacy_entry


@pytest.fixture
def site(tmp_path: Path, pg_url: str, hq_server: HqServer) -> Iterator[Installation]:
    inst = install(tmp_path / "site", pg_url, hq_server.url, batch_size=100)
    yield inst
    inst.engine.close()
    inst.db.close()


def test_a_nul_character_fails_its_change_alone(site: Installation, pg_url: str) -> None:
    site.write(3)
    # the contract refuses a NUL at enqueue; an entry written before it could still hold one
    bad_id = legacy_entry(site.db, "case", "open", {"status": "dr\x00aft"})
    site.write(3)
    report = site.engine.push()
    assert not report.interrupted
    assert report.acked == 6
    assert site.statuses() == {"acked": 6, "failed": 1}
    with site.db.session() as s:
        code = s.get(OutboxEntry, bad_id).last_error_code
    assert code == "nul_character", code
    assert hq_counts(pg_url, site.mission_code) == (6, 6, 0)


def test_a_batch_too_large_for_headquarters_is_sent_in_halves(
    site: Installation, pg_url: str
) -> None:
    """40 entries of about 1 MB each (entries from before the change-kind contract, which
    allowed any payload): one batch of 100 is over the 32 MiB limit. The client halves it until
    headquarters reads it, and every entry gets headquarters' own answer (here: the payload
    does not match its kind) instead of a push retried whole for ever."""
    filler = "x" * (1024 * 1024)
    for i in range(40):
        legacy_entry(site.db, "case", "open", {"status": "draft", "n": i, "reason_code": filler})
    report = site.engine.push()
    assert (report.acked + report.rejected, report.interrupted) == (40, False)
    assert site.statuses() == {"failed": 40}
    with site.db.session() as s:
        codes = set(s.scalars(select(OutboxEntry.last_error_code)).all())
    assert codes == {"payload.invalid"}, codes


def test_a_bundle_that_is_a_pipe_or_a_device_is_refused_unread(tmp_path: Path) -> None:
    import os

    from laissez.protocol import BundleError
    from laissez.storage.sync.offline import read_bundle_file

    fifo = tmp_path / "from-hq.laissez"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(BundleError, match=r"file\.not_regular"):
            read_bundle_file(path)
