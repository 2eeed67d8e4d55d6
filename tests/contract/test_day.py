"""The contract, end to end: real cases made through casework, pushed by the real client
(``laissez sync push``) to a real ``laissez-hq`` on PostgreSQL; then where every change
landed at headquarters: the change log, the revocation list, every report column."""

from __future__ import annotations

import contextlib
import io
import json
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from laissez.hq import report
from laissez.hq.cli import main as hq_main
from laissez.hq.models import ChangeRecord, Mission, RevocationRecord
from laissez.storage.models import OutboxEntry
from tests.contract.day import EXPECTED, Day, make_day, sync
from tests.hq.pgutil import HqServer


@pytest.fixture(scope="module")
def day(
    tmp_path_factory: pytest.TempPathFactory, pg_url: str, hq_process: HqServer
) -> Iterator[Day]:
    made = make_day(tmp_path_factory.mktemp("day"), pg_url, hq_process.url)
    status, pushed = sync(made.world, "push")
    assert status == 0, pushed
    assert (pushed["rejected"], pushed["invalid"]) == (0, 0), pushed
    yield made
    made.world.close()


@pytest.fixture(scope="module")
def hq(pg_url: str) -> Iterator[Session]:
    engine = create_engine(pg_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _mission_id(hq: Session, code: str):
    return hq.scalar(select(Mission.id).where(Mission.code == code))


def test_every_change_the_mission_made_is_stored_under_its_kind(day: Day, hq: Session) -> None:
    with day.world.admin.session() as s:
        sent = Counter(f"{e.entity}/{e.operation}" for e in s.scalars(select(OutboxEntry)).all())
        statuses = Counter(e.status for e in s.scalars(select(OutboxEntry)).all())
    assert set(statuses) == {"acked"}
    stored = Counter(
        f"{entity}/{operation}"
        for entity, operation in hq.execute(
            select(ChangeRecord.entity, ChangeRecord.operation).where(
                ChangeRecord.mission_id == _mission_id(hq, day.mission_code)
            )
        )
    )
    assert stored == sent
    assert stored["case/open"] == 10
    assert stored["revocation/revoke"] == 2
    assert stored["travel_document/issue"] == 7


def test_revocations_from_casework_reach_the_revocation_list_and_come_back(
    day: Day, hq: Session
) -> None:
    listed = hq.execute(
        select(RevocationRecord.document_number, RevocationRecord.source).where(
            RevocationRecord.mission_id == _mission_id(hq, day.mission_code)
        )
    ).all()
    assert sorted(listed) == sorted((n, "mission") for n in day.revoked_numbers)
    assert len(listed) == 2
    status, pulled = sync(day.world, "pull")
    assert status == 0 and pulled["revocations"] >= 0


def test_every_report_column_shows_what_happened(day: Day, hq: Session) -> None:
    raw = next(
        r
        for r in report.build(hq, suppress_below=1)
        if r.mission_code == day.mission_code and r.month == report.TOTAL
    )
    assert {c: raw.values.get(c, 0) for c in EXPECTED} == EXPECTED
    assert {c for c, n in raw.values.items() if n} == {c for c, n in EXPECTED.items() if n}
    # every case was interviewed and issued on the same day
    assert raw.median_days_interview_to_issue is not None
    assert 0 <= raw.median_days_interview_to_issue < 0.1


def test_the_published_report_suppresses_small_counts(day: Day, hq: Session) -> None:
    rows = [r for r in report.build(hq) if r.mission_code == day.mission_code]
    assert [r.month for r in rows][-1] == report.TOTAL and len(rows) == 2
    total = rows[-1]
    for column, n in EXPECTED.items():
        assert total.values[column] == (None if 0 < n < 5 else n), column
    assert total.median_days_interview_to_issue is not None


def test_laissez_hq_report_writes_csv_and_json(day: Day, pg_url: str) -> None:
    def run(fmt: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert hq_main(["--database", pg_url, "report", "--format", fmt]) == 0
        return out.getvalue()

    lines = run("csv").splitlines()
    header = lines[0].split(",")
    mine = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    total = next(r for r in mine if r["mission_code"] == day.mission_code and r["month"] == "total")
    assert total["cases_opened"] == "10" and total["fear_of_return_flags"] == "<5"
    assert total["documents_issued"] == "7" and total["documents_revoked"] == "<5"

    data = json.loads(run("json"))
    assert data["suppressed_below"] == 5
    row = next(
        r for r in data["rows"] if r["mission_code"] == day.mission_code and r["month"] == "total"
    )
    assert (row["advisals_delivered"], row["protection_referred"]) == (9, None)


def test_nothing_personal_or_protection_related_left_the_mission(day: Day, hq: Session) -> None:
    payloads = hq.scalars(
        select(ChangeRecord.payload).where(
            ChangeRecord.mission_id == _mission_id(hq, day.mission_code)
        )
    ).all()
    text = json.dumps(payloads)
    for secret in ("Rahman", "RAHMAN", "Amina", "BX1234567", "Interpreter One", "entry ban",
                   "asylum", "no_protection_need", "referred_to_protection_agency"):  # fmt: skip
        assert secret not in text, secret
