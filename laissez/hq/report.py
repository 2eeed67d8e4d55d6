"""The aggregate accountability report: counts per mission, never a person's data.

Counts come from the kinds of change missions push, identified by ``(entity, operation)``
only (payloads are not read), and from the revocation list. Each change id counts once, so
a conflict (two versions of one change) does not count twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from laissez.hq.models import ChangeRecord, Mission, RevocationRecord

#: report column -> the (entity, operation) of the changes it counts
COUNTED: dict[str, tuple[str, str]] = {
    "cases_opened": ("case", "create"),
    "advisals_delivered": ("rights_advisal", "create"),
    "consents_declined": ("consent_decision", "decline"),
    "consents_withdrawn": ("consent_withdrawal", "create"),
    "fear_of_return_flags": ("screening", "flag_fear"),
    "protection_referrals": ("protection_referral", "create"),
    "documents_issued": ("travel_document", "issue"),
}


@dataclass(frozen=True)
class MissionCounts:
    """One line of the report."""

    mission_code: str
    cases_opened: int = 0
    advisals_delivered: int = 0
    consents_declined: int = 0
    consents_withdrawn: int = 0
    fear_of_return_flags: int = 0
    protection_referrals: int = 0
    documents_issued: int = 0
    documents_revoked: int = 0


def build(session: Session) -> list[MissionCounts]:
    """The report, one line per mission ordered by mission code."""
    missions = session.execute(select(Mission.id, Mission.code).order_by(Mission.code)).all()
    counts: dict[Any, dict[str, int]] = {m_id: {} for m_id, _ in missions}
    pairs = {pair: column for column, pair in COUNTED.items()}
    rows = session.execute(
        select(
            ChangeRecord.mission_id,
            ChangeRecord.entity,
            ChangeRecord.operation,
            func.count(distinct(ChangeRecord.change_id)),
        ).group_by(ChangeRecord.mission_id, ChangeRecord.entity, ChangeRecord.operation)
    )
    for mission_id, entity, operation, n in rows:
        column = pairs.get((entity, operation))
        if column and mission_id in counts:
            counts[mission_id][column] = int(n)
    revoked = session.execute(
        select(RevocationRecord.mission_id, func.count()).group_by(RevocationRecord.mission_id)
    )
    for mission_id, n in revoked:
        if mission_id in counts:
            counts[mission_id]["documents_revoked"] = int(n)
    return [MissionCounts(mission_code=code, **counts[m_id]) for m_id, code in missions]


def to_json(rows: list[MissionCounts]) -> dict[str, Any]:
    """The report as a JSON-ready document."""
    return {"report": "accountability", "missions": [asdict(r) for r in rows]}


def to_csv(rows: list[MissionCounts]) -> str:
    """The report as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [f.name for f in fields(MissionCounts)]
    writer.writerow(names)
    for row in rows:
        writer.writerow([getattr(row, n) for n in names])
    return out.getvalue()
