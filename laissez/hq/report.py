"""The accountability report: what happened at each mission, per month, as counts only.

Every number comes from the changes missions really push, read through the contract
(``laissez.protocol.kinds``): each counted kind has one counter here (``COUNTERS``), which
reads only the few codes its payload schema allows (a language, a scope, a decision). Each
change id counts once (the first stored version; a conflict does not count twice). The month
is the mission's own time of the change (when it was recorded), else when it arrived; the
monthly protection counts (``mission/protection_counts``: red flags raised and cleared, no
case attached) count in the month they cover.

No person can be singled out: a count from 1 to 4 is suppressed (``None``, shown ``<5``),
a mission's total of a column is suppressed wherever one of its months is (else the hidden
month would be the total less the others), and the median days from interview to issue is
shown only over 5 or more documents.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from laissez.hq.models import ChangeRecord, Mission
from laissez.protocol.kinds import KINDS, PROTECTION_COUNTS, Effect, Kind, kind

#: counts from 1 to SUPPRESS_BELOW - 1 are not shown
SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "<5"
MAIN_SCOPES = ("return", "travel_document")
#: the columns every row has, in order (per-language and per-recipient columns follow them)
FIXED_COLUMNS: tuple[str, ...] = (
    "cases_opened",
    "advisals_delivered",
    "advisals_with_interpreter",
    *(f"consents_granted_{s}" for s in MAIN_SCOPES),
    *(f"consents_declined_{s}" for s in MAIN_SCOPES),
    *(f"consents_withdrawn_{s}" for s in MAIN_SCOPES),
    "fear_of_return_flags",
    "protection_referred",
    "protection_cleared",
    "protection_flags_raised",
    "protection_flags_cleared",
    "closed_without_document",
    "documents_issued",
    "documents_revoked",
)
MEDIAN = "median_days_interview_to_issue"
#: columns made per value: ``advisals_language_<code>``, ``consents_<decision>_data_sharing_<r>``
DYNAMIC_PREFIXES = ("advisals_language_", "consents_granted_data_sharing_",
                    "consents_declined_data_sharing_")  # fmt: skip
#: the month of each mission's row over every month
TOTAL = "total"


@dataclass
class _Event:
    """One counted change as the counters see it."""

    case: str
    when: dt.datetime
    payload: Mapping[str, Any]


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fear_cases: set[str] = field(default_factory=set)
    days_to_issue: list[float] = field(default_factory=list)


Counter = Callable[[_Tally, _Event], None]


def _add(column: str) -> Counter:
    def count(tally: _Tally, _event: _Event) -> None:
        tally.counts[column] += 1

    return count


# a version-1 payload (written before the contract) has only the status: it counts where it
# can (an advisal was delivered) and adds nothing to the per-code columns


def _advisal(tally: _Tally, event: _Event) -> None:
    tally.counts["advisals_delivered"] += 1
    if "language" in event.payload:
        tally.counts[f"advisals_language_{event.payload['language']}"] += 1
    if event.payload.get("interpreter_used"):
        tally.counts["advisals_with_interpreter"] += 1


def _consent(tally: _Tally, event: _Event) -> None:
    if "scope" not in event.payload:
        return
    tally.counts[f"consents_{event.payload['decision']}_{event.payload['scope']}"] += 1


def _data_sharing(tally: _Tally, event: _Event) -> None:
    recipient = event.payload["recipient"]
    tally.counts[f"consents_{event.payload['decision']}_data_sharing_{recipient}"] += 1


def _withdrawal(tally: _Tally, event: _Event) -> None:
    for scope in event.payload.get("scopes", ()):
        tally.counts[f"consents_withdrawn_{scope}"] += 1


def _fear_answers(tally: _Tally, event: _Event) -> None:
    if event.payload.get("fear_flag"):
        tally.fear_cases.add(event.case)


def _fear_said(tally: _Tally, event: _Event) -> None:
    tally.fear_cases.add(event.case)


def _referral(tally: _Tally, event: _Event) -> None:
    if "outcome" not in event.payload:
        return
    tally.counts[f"protection_{event.payload['outcome']}"] += 1


#: the counter of each counted kind (``tests/contract`` checks this matches the contract)
COUNTERS: dict[Kind, Counter] = {
    kind("case", "open"): _add("cases_opened"),
    kind("case", "deliver_advisal"): _advisal,
    kind("case", "record_consent"): _consent,
    kind("case", "record_data_sharing"): _data_sharing,
    kind("case", "withdraw_consent"): _withdrawal,
    kind("case", "record_interview"): _fear_answers,
    kind("case", "record_fear_expressed"): _fear_said,
    kind("case", "record_referral_outcome"): _referral,
    kind("case", "close_without_document"): _add("closed_without_document"),
    kind("travel_document", "issue"): _add("documents_issued"),
    kind("revocation", "revoke"): _add("documents_revoked"),
    # read for the median days from interview to issue (below)
    kind("case", "issue_document"): lambda _tally, _event: None,
    # counted in the month it covers, the latest sent of each (below)
    PROTECTION_COUNTS: lambda _tally, _event: None,
}
_INTERVIEW = kind("case", "record_interview")
_ISSUED = kind("case", "issue_document")


@dataclass(frozen=True)
class ReportRow:
    """One mission's month. ``values``: column -> count, ``None`` where suppressed."""

    mission_code: str
    month: str
    values: Mapping[str, int | None]
    median_days_interview_to_issue: float | None


def _suppress(n: int, below: int) -> int | None:
    return None if 0 < n < below else n


def _month(event: _Event) -> str:
    return event.when.strftime("%Y-%m")


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _events(session: Session) -> Iterable[tuple[uuid.UUID, Kind, _Event]]:
    """Every counted change, first stored version of each change id, in arrival order."""
    wanted = [(k.entity, k.operation) for k in COUNTERS]
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    rows = session.execute(
        select(
            ChangeRecord.mission_id,
            ChangeRecord.change_id,
            ChangeRecord.entity,
            ChangeRecord.operation,
            ChangeRecord.entity_id,
            ChangeRecord.payload,
            ChangeRecord.created_at,
            ChangeRecord.received_at,
        )
        .where(tuple_(ChangeRecord.entity, ChangeRecord.operation).in_(wanted))
        .order_by(ChangeRecord.seq)
        .execution_options(yield_per=2000)
    )
    for mission_id, change_id, entity, operation, entity_id, payload, created, received in rows:
        if (mission_id, change_id) in seen:
            continue
        seen.add((mission_id, change_id))
        when = _aware(created or received)
        yield mission_id, KINDS.get(entity, operation), _Event(entity_id, when, payload or {})


def build(session: Session, *, suppress_below: int = SUPPRESS_BELOW) -> list[ReportRow]:
    """The report: one row per mission and month with any counted change, ordered by mission
    code then month, and after them the mission's row ``total`` over every month (counted
    from the raw numbers, then suppressed like the others). ``suppress_below=1`` shows
    every count (for tests that check the raw numbers; never for publishing)."""
    missions = {m_id: code for m_id, code in session.execute(select(Mission.id, Mission.code))}
    tallies: dict[tuple[uuid.UUID, str], _Tally] = defaultdict(_Tally)
    fear_first: dict[tuple[uuid.UUID, str], str] = {}
    interviewed: dict[tuple[uuid.UUID, str], dt.datetime] = {}
    issued: dict[tuple[uuid.UUID, str], dt.datetime] = {}
    protection: dict[tuple[uuid.UUID, str], Mapping[str, Any]] = {}
    for mission_id, what, event in _events(session):
        if what == PROTECTION_COUNTS:
            # the month the counts cover; a month sent again (a restored backup) replaces it
            protection[(mission_id, str(event.payload["month"]))] = event.payload
            continue
        key = (mission_id, event.case)
        month = _month(event)
        if what == _INTERVIEW:
            first = interviewed.get(key)
            interviewed[key] = event.when if first is None else min(first, event.when)
            if event.payload.get("fear_flag"):
                fear_first.setdefault(key, month)
            continue
        if what == _ISSUED:
            issued.setdefault(key, event.when)
            continue
        if what == kind("case", "record_fear_expressed"):
            fear_first.setdefault(key, month)
            continue
        COUNTERS[what](tallies[(mission_id, month)], event)
    for (mission_id, case), month in fear_first.items():
        tallies[(mission_id, month)].fear_cases.add(case)
    for (mission_id, month), counts in protection.items():
        tally = tallies[(mission_id, month)]
        tally.counts["protection_flags_raised"] += int(counts.get("raised", 0))
        tally.counts["protection_flags_cleared"] += int(counts.get("cleared", 0))
    for key, when in issued.items():
        start = interviewed.get(key)
        if start is not None:
            days = (when - start).total_seconds() / 86400
            tallies[(key[0], when.strftime("%Y-%m"))].days_to_issue.append(days)
    for (mission_id, _month_name), tally in list(tallies.items()):
        total = tallies[(mission_id, TOTAL)]
        for column, n in tally.counts.items():
            total.counts[column] += n
        total.fear_cases |= tally.fear_cases
        total.days_to_issue += tally.days_to_issue
    rows: list[ReportRow] = []
    for mission_id, code in sorted(missions.items(), key=lambda item: item[1]):
        months = sorted(m for (mid, m) in tallies if mid == mission_id and m != TOTAL)
        for month in [*months, TOTAL]:
            tally = tallies.get((mission_id, month), _Tally())
            counts = dict(tally.counts)
            counts["fear_of_return_flags"] = len(tally.fear_cases)
            values = {c: _suppress(counts.get(c, 0), suppress_below) for c in FIXED_COLUMNS}
            values |= {
                c: _suppress(n, suppress_below)
                for c, n in sorted(counts.items())
                if c not in values
            }
            median = (
                round(statistics.median(tally.days_to_issue), 1)
                if tally.days_to_issue and len(tally.days_to_issue) >= suppress_below
                else None
            )
            rows.append(ReportRow(code, month, values, median))
        _protect_total(rows, len(months))
    return rows


def _protect_total(rows: list[ReportRow], months: int) -> None:
    """Secondary suppression: where a month's count of a column is suppressed, the mission's
    total of that column is suppressed too, or the hidden count would be the total less the
    months shown. ``rows`` ends with the mission's month rows and then its total row."""
    total = rows[-1]
    month_rows = rows[-1 - months : -1]
    hidden = {c for row in month_rows for c, v in row.values.items() if v is None}
    if hidden:
        values = {c: (None if c in hidden else v) for c, v in total.values.items()}
        rows[-1] = ReportRow(
            total.mission_code, total.month, values, total.median_days_interview_to_issue
        )


def columns(rows: Iterable[ReportRow]) -> list[str]:
    """Every column of ``rows``: the fixed ones, then per-language and per-recipient ones."""
    extra = sorted({c for r in rows for c in r.values} - set(FIXED_COLUMNS))
    return [*FIXED_COLUMNS, *extra, MEDIAN]


def cell(row: ReportRow, column: str) -> int | float | None:
    if column == MEDIAN:
        return row.median_days_interview_to_issue
    return row.values.get(column, 0)


def to_json(rows: list[ReportRow]) -> dict[str, Any]:
    """The report as a JSON-ready document; a suppressed count is ``null``."""
    names = columns(rows)
    return {
        "report": "accountability",
        "suppressed_below": SUPPRESS_BELOW,
        "columns": names,
        "rows": [
            {"mission_code": r.mission_code, "month": r.month} | {c: cell(r, c) for c in names}
            for r in rows
        ],
    }


def to_csv(rows: list[ReportRow]) -> str:
    """The report as CSV text with a header line; a suppressed count reads ``<5``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = columns(rows)
    writer.writerow(["mission_code", "month", *names])
    for row in rows:
        cells = [cell(row, c) for c in names]
        writer.writerow(
            [row.mission_code, row.month, *("" if v is None and c == MEDIAN else
                                            SUPPRESSED_TEXT if v is None else v
                                            for c, v in zip(names, cells, strict=True))]
        )  # fmt: skip
    return out.getvalue()


def counted_kinds() -> frozenset[Kind]:
    """The kinds this report reads (each must have ``Effect.REPORT`` in the contract)."""
    return frozenset(COUNTERS)


def reported_by_contract() -> frozenset[Kind]:
    """The kinds the contract says the report counts."""
    return frozenset(k for k in KINDS if k.has(Effect.REPORT))
