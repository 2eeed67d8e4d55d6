"""Version skew: a mission one contract version ahead of headquarters, or one behind, keeps
syncing what both understand; each change the other side cannot read is refused alone, with a
code the mission's administrator sees in ``laissez sync status``, and is sent again until an
update of either side makes it readable."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import pytest
import uvicorn

from laissez.hq.app import create_app
from laissez.hq.db import make_engine
from laissez.protocol import minimise
from laissez.protocol.kinds import (
    KINDS,
    PAYLOAD_INVALID,
    UNKNOWN_KIND,
    VERSION_AHEAD,
    VERSION_BEHIND,
    AdvisalDelivered,
    CaseStatus,
    ConsentRecorded,
    Kind,
    Registry,
    kind,
)
from laissez.storage import outbox
from laissez.storage.sync.engine import PushReport
from laissez.storage.sync.enrolment import connect
from laissez.storage.sync.status import read_status
from tests.support.day import sync
from tests.support.pg import ADMIN_TOKEN, HqServer, free_port
from tests.support.sync import Installation, install, legacy_entry


class AdvisalDeliveredV2(AdvisalDelivered):
    """Version 2 of the advisal change: how the text was read."""

    reading_mode: Literal["read_aloud", "read_by_person", "both"]


class ConsentRecordedV2(ConsentRecorded):
    """Version 2 of the consent change: whether a copy was given."""

    copy_given: bool


ADVISAL = kind("case", "deliver_advisal")


def _newer_allow_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mission runs a newer release whose minimisation allow-list names its new fields
    (a field no allow-list names never leaves a mission at all)."""
    monkeypatch.setattr(
        minimise, "OPERATIONAL_FIELDS", minimise.OPERATIONAL_FIELDS | {"reading_mode", "copy_given"}
    )


CONSENT = kind("case", "record_consent")
#: the contract one version later: a new advisal schema and a kind version 1 did not have
NEXT = KINDS.replacing(
    Kind("case", "deliver_advisal", {1: CaseStatus, 2: AdvisalDelivered, 3: AdvisalDeliveredV2},
         ADVISAL.effects, ADVISAL.report),
    Kind("case", "record_copy_given", {1: CaseStatus}),
)  # fmt: skip
#: ... and one in which headquarters no longer reads version 1 of the consent change
NEXT_WITHOUT_OLD_CONSENT = NEXT.replacing(
    Kind("case", "record_consent", {3: ConsentRecordedV2}, CONSENT.effects, CONSENT.report)
)
ADVISED = {"status": "advised", "version": 3, "language": "bn", "interpreter_used": True}


@contextmanager
def headquarters(pg_url: str, registry: Registry) -> Iterator[str]:
    """A real headquarters HTTP server that reads the kinds of ``registry``."""
    engine = make_engine(pg_url)
    app = create_app(engine=engine, admin_token=ADMIN_TOKEN, run_migrations=False,
                     registry=registry)  # fmt: skip
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(20)
        engine.dispose()


def _push(site: Installation, url: str) -> PushReport:
    engine = connect(site.db.session, site.db.engine, hq_url=url, timeout=10)
    try:
        return engine.push()
    finally:
        engine.close()


def test_a_mission_one_version_ahead_keeps_syncing_and_says_what_headquarters_cannot_read(
    tmp_path: Path, pg_url: str, hq_server: HqServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _newer_allow_list(monkeypatch)
    site = install(tmp_path / "ahead", pg_url, hq_server.url)
    case = uuid.uuid4()
    with site.db.session() as s:
        outbox.enqueue(s, kind("case", "open"), case, {"status": "draft"})
        outbox.enqueue(s, NEXT.get("case", "deliver_advisal"), case,
                       {**ADVISED, "reading_mode": "both"}, registry=NEXT)  # fmt: skip
        outbox.enqueue(s, NEXT.get("case", "record_copy_given"), case,
                       {"status": "advised", "version": 4}, registry=NEXT)  # fmt: skip
        outbox.enqueue(s, kind("case", "close_without_document"), case,
                       {"status": "closed_without_document", "version": 5})  # fmt: skip

    first = _push(site, hq_server.url)
    assert (first.acked, first.rejected) == (2, 2)
    assert first.rejected_codes == {VERSION_AHEAD: 1, UNKNOWN_KIND: 1}
    with site.db.read_session() as s:
        shown = read_status(s)
    assert shown.refused == {VERSION_AHEAD: 1, UNKNOWN_KIND: 1}
    assert (shown.pending, shown.failed) == (2, 2)
    # what the administrator reads in ``laissez sync status``
    status, printed = sync(site.db.path, "status")
    assert status == 0 and printed["refused"] == {VERSION_AHEAD: 1, UNKNOWN_KIND: 1}

    # the refused changes are offered again, and refused again, without blocking new ones
    with site.db.session() as s:
        outbox.enqueue(s, kind("case", "open"), uuid.uuid4(), {"status": "draft"})
    again = _push(site, hq_server.url)
    assert (again.acked, again.rejected) == (1, 2)

    # headquarters is updated to the next version: everything goes through
    with headquarters(pg_url, NEXT) as updated:
        after = _push(site, updated)
    assert (after.acked, after.rejected) == (2, 0)
    with site.db.read_session() as s:
        shown = read_status(s)
    assert (shown.refused, shown.pending) == ({}, 0)


def test_a_mission_one_version_behind_keeps_syncing_what_headquarters_still_reads(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    site = install(tmp_path / "behind", pg_url, hq_server.url)
    case = uuid.uuid4()
    with site.db.session() as s:
        outbox.enqueue(s, kind("case", "open"), case, {"status": "draft"})
        outbox.enqueue(s, ADVISAL, case, ADVISED)
        outbox.enqueue(s, CONSENT, case, {"status": "advised", "version": 4, "scope": "return",
                                          "decision": "granted"})  # fmt: skip
    with headquarters(pg_url, NEXT_WITHOUT_OLD_CONSENT) as newer:
        pushed = _push(site, newer)
    # version 1 of the advisal is still read; version 1 of the consent no longer is
    assert (pushed.acked, pushed.rejected) == (2, 1)
    assert pushed.rejected_codes == {VERSION_BEHIND: 1}
    with site.db.read_session() as s:
        assert read_status(s).refused == {VERSION_BEHIND: 1}


def test_a_payload_that_does_not_match_is_refused_alone(
    tmp_path: Path, pg_url: str, hq_server: HqServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client whose schema says more than headquarters' (same version number, a field
    headquarters does not know) gets ``payload.invalid`` for that change only."""
    _newer_allow_list(monkeypatch)
    site = install(tmp_path / "odd", pg_url, hq_server.url)
    lax = KINDS.replacing(Kind("case", "deliver_advisal", {1: CaseStatus, 2: AdvisalDeliveredV2}))
    with site.db.session() as s:
        outbox.enqueue(s, lax.get("case", "deliver_advisal"), uuid.uuid4(),
                       {**ADVISED, "reading_mode": "both"}, registry=lax)  # fmt: skip
        outbox.enqueue(s, kind("case", "open"), uuid.uuid4(), {"status": "draft"})
    pushed = _push(site, hq_server.url)
    assert (pushed.acked, pushed.rejected_codes) == (1, {PAYLOAD_INVALID: 1})


def test_an_outbox_written_before_the_contract_still_syncs(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    """Entries an installation wrote before this contract (a case change with its status and
    version only, schema version 1) are still read: nothing waiting in an outbox is stranded
    by the update, they just add nothing to the per-language or per-scope columns."""
    site = install(tmp_path / "older", pg_url, hq_server.url)
    for operation in ("record_interview", "deliver_advisal", "record_consent",
                      "withdraw_consent", "record_referral_outcome"):  # fmt: skip
        legacy_entry(site.db, "case", operation, {"status": "advised", "version": 3})
    assert ADVISAL.version == 2 and 1 in ADVISAL.schemas
    pushed = _push(site, hq_server.url)
    # the referral outcome is a protection fact about the case: it stays on the mission
    # (issue 14), the four others are read
    assert (pushed.acked, pushed.rejected) == (4, 0)
    assert site.statuses() == {"acked": 4}
