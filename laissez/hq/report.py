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

from sqlalchemy import Float, and_, cast, func, or_, select, tuple_
from sqlalchemy.orm import Session

from laissez.hq.models import ChangeRecord, Conflict, Mission
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
    """Counted changes as the counters see them: ``weight`` changes of one kind, month and
    payload codes (grouped by the database)."""

    case: str
    when: dt.datetime
    payload: Mapping[str, Any]
    weight: int = 1


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fear_cases: set[str] = field(default_factory=set)
    days_to_issue: list[float] = field(default_factory=list)


Counter = Callable[[_Tally, _Event], None]


def _add(column: str) -> Counter:
    def count(tally: _Tally, event: _Event) -> None:
        tally.counts[column] += event.weight

    return count


# a version-1 payload (written before the contract) has only the status: it counts where it
# can (an advisal was delivered) and adds nothing to the per-code columns


def _advisal(tally: _Tally, event: _Event) -> None:
    tally.counts["advisals_delivered"] += event.weight
    if "language" in event.payload:
        tally.counts[f"advisals_language_{event.payload['language']}"] += event.weight
    if event.payload.get("interpreter_used"):
        tally.counts["advisals_with_interpreter"] += event.weight


def _consent(tally: _Tally, event: _Event) -> None:
    if "scope" not in event.payload:
        return
    tally.counts[f"consents_{event.payload['decision']}_{event.payload['scope']}"] += event.weight


def _data_sharing(tally: _Tally, event: _Event) -> None:
    recipient = event.payload["recipient"]
    tally.counts[f"consents_{event.payload['decision']}_data_sharing_{recipient}"] += event.weight


def _withdrawal(tally: _Tally, event: _Event) -> None:
    for scope in event.payload.get("scopes", ()):
        tally.counts[f"consents_withdrawn_{scope}"] += event.weight


def _fear_answers(tally: _Tally, event: _Event) -> None:
    if event.payload.get("fear_flag"):
        tally.fear_cases.add(event.case)


def _fear_said(tally: _Tally, event: _Event) -> None:
    tally.fear_cases.add(event.case)


def _referral(tally: _Tally, event: _Event) -> None:
    if "outcome" not in event.payload:
        return
    tally.counts[f"protection_{event.payload['outcome']}"] += event.weight


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
_FEAR_SAID = kind("case", "record_fear_expressed")
#: the time given to grouped events (the counters read only their month's key)
_MONTH_START = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ReportRow:
    """One mission's month. ``values``: column -> count, ``None`` where suppressed."""

    mission_code: str
    month: str
    values: Mapping[str, int | None]
    median_days_interview_to_issue: float | None


def _suppress(n: int, below: int) -> int | None:
    return None if 0 < n < below else n


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


#: the payload fields the counters read (codes and flags only), grouped on in the database
_READ_FIELDS = ("language", "interpreter_used", "scope", "decision", "recipient", "outcome")


def _first_version() -> Any:
    """Only the first stored version of each change id counts (a conflict does not count
    twice). Every later version has a ``Conflict`` row naming it (``other_seq``, unique and
    indexed), written when it is stored (``laissez.hq.sync.ingest``): a hashed anti-join on
    that small table, where looking for an earlier row of the same change id took 4 s of the
    report's time at 100,000 cases."""
    return ChangeRecord.seq.not_in(select(Conflict.other_seq))


def _of(*kinds: Kind) -> Any:
    return tuple_(ChangeRecord.entity, ChangeRecord.operation).in_(
        [(k.entity, k.operation) for k in kinds]
    )


def _when() -> Any:
    return func.coalesce(ChangeRecord.created_at, ChangeRecord.received_at)


def _month_sql(session: Session, when: Any) -> Any:
    """``YYYY-MM`` of ``when`` in UTC, computed by the database."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", when), "YYYY-MM")
    return func.strftime("%Y-%m", when)


def _grouped(session: Session) -> Iterable[tuple[uuid.UUID, str, Kind, _Event]]:
    """The counted changes, grouped in the database by mission, month, kind and the fields
    the counters read: one row per group with its size (a few thousand rows for a year of
    100,000 cases, instead of a million changes sent over to be counted here)."""
    plain = [k for k in COUNTERS if k not in (_INTERVIEW, _ISSUED, _FEAR_SAID, PROTECTION_COUNTS)]
    month = _month_sql(session, _when()).label("month")
    fields = [ChangeRecord.payload[f].as_string().label(f) for f in _READ_FIELDS]
    scopes = ChangeRecord.payload["scopes"].label("scopes")
    keys = [ChangeRecord.mission_id, month, ChangeRecord.entity, ChangeRecord.operation,
            *fields, scopes]  # fmt: skip
    rows = session.execute(
        select(*keys, func.count()).where(_of(*plain), _first_version()).group_by(*keys)
    )
    for mission_id, month_name, entity, operation, *values, scope_list, n in rows:
        payload: dict[str, Any] = {
            f: v for f, v in zip(_READ_FIELDS, values, strict=True) if v is not None
        }
        if "interpreter_used" in payload:
            payload["interpreter_used"] = payload["interpreter_used"] in ("true", "1", True)
        if scope_list is not None:
            payload["scopes"] = scope_list
        event = _Event("", _MONTH_START, payload, weight=int(n))
        yield mission_id, month_name, KINDS.get(entity, operation), event


def _protection_counts(session: Session) -> dict[tuple[uuid.UUID, str], Mapping[str, Any]]:
    """A mission's monthly protection counts (``mission/protection_counts``: red flags raised
    and cleared, no case attached), keyed by the month they cover; a month sent again (a
    restored backup) replaces the earlier one (the latest stored wins)."""
    found: dict[tuple[uuid.UUID, str], Mapping[str, Any]] = {}
    rows = session.execute(
        select(ChangeRecord.mission_id, ChangeRecord.payload)
        .where(_of(PROTECTION_COUNTS))
        .order_by(ChangeRecord.seq)
    )
    for mission_id, payload in rows:
        found[(mission_id, str(payload["month"]))] = payload
    return found


def _fear_counts(session: Session) -> Iterable[tuple[uuid.UUID, str, int]]:
    """(mission, month, cases) of the cases flagged for fear of return, each in the month of
    the first change (in arrival order) that flagged it."""
    flagged = or_(
        and_(_of(_INTERVIEW), ChangeRecord.payload["fear_flag"].as_boolean().is_(True)),
        _of(_FEAR_SAID),
    )
    first = (
        select(func.min(ChangeRecord.seq).label("seq"))
        .where(flagged, _first_version())
        .group_by(ChangeRecord.mission_id, ChangeRecord.entity_id)
        .subquery()
    )
    month = _month_sql(session, _when())
    rows = session.execute(
        select(ChangeRecord.mission_id, month, func.count())
        .join(first, first.c.seq == ChangeRecord.seq)
        .group_by(ChangeRecord.mission_id, month)
    )
    for mission_id, month_name, n in rows:
        yield mission_id, str(month_name), int(n)


def _issue_days(session: Session) -> Iterable[tuple[uuid.UUID, str, list[float]]]:
    """(mission, month of issue, days) where days lists, for each case issued that month,
    the days from its first interview change to its first (in arrival order) issue change."""
    interviewed = (
        select(ChangeRecord.mission_id, ChangeRecord.entity_id, func.min(_when()).label("at"))
        .where(_of(_INTERVIEW), _first_version())
        .group_by(ChangeRecord.mission_id, ChangeRecord.entity_id)
    )
    first_issue = (
        select(func.min(ChangeRecord.seq).label("seq"))
        .where(_of(_ISSUED), _first_version())
        .group_by(ChangeRecord.mission_id, ChangeRecord.entity_id)
    )
    if session.get_bind().dialect.name != "postgresql":
        yield from _issue_days_here(session, interviewed, first_issue)
        return
    # materialised, so that PostgreSQL pairs 100,000 cases, not every change of the table
    started = interviewed.cte("interviewed").prefix_with("MATERIALIZED")
    firsts = first_issue.cte("first_issue").prefix_with("MATERIALIZED")
    issued = (
        select(ChangeRecord.mission_id, ChangeRecord.entity_id, _when().label("at"))
        .join(firsts, firsts.c.seq == ChangeRecord.seq)
        .cte("issued")
        .prefix_with("MATERIALIZED")
    )
    days = cast(func.extract("epoch", issued.c.at - started.c.at), Float) / 86400.0
    month = _month_sql(session, issued.c.at)
    rows = session.execute(
        select(issued.c.mission_id, month, func.array_agg(days))
        .join(
            started,
            and_(
                started.c.mission_id == issued.c.mission_id,
                started.c.entity_id == issued.c.entity_id,
            ),
        )
        .group_by(issued.c.mission_id, month)
    )
    for mission_id, month_name, values in rows:
        yield mission_id, str(month_name), [float(v) for v in values]


def _issue_days_here(
    session: Session, interviewed: Any, first_issue: Any
) -> Iterable[tuple[uuid.UUID, str, list[float]]]:
    """:func:`_issue_days` paired in Python (SQLite: the demo headquarters)."""
    started = {(m, case): at for m, case, at in session.execute(interviewed)}
    firsts = first_issue.subquery()
    found: dict[tuple[uuid.UUID, str], list[float]] = defaultdict(list)
    for mission_id, case, at in session.execute(
        select(ChangeRecord.mission_id, ChangeRecord.entity_id, _when()).join(
            firsts, firsts.c.seq == ChangeRecord.seq
        )
    ):
        start = started.get((mission_id, case))
        if start is not None:
            issued_at = _aware(at)
            days = (issued_at - _aware(start)).total_seconds() / 86400
            found[(mission_id, issued_at.strftime("%Y-%m"))].append(days)
    for (mission_id, month_name), values in found.items():
        yield mission_id, month_name, values


def build(session: Session, *, suppress_below: int = SUPPRESS_BELOW) -> list[ReportRow]:
    """The report: one row per mission and month with any counted change, ordered by mission
    code then month, and after them the mission's row ``total`` over every month (counted
    from the raw numbers, then suppressed like the others). ``suppress_below=1`` shows
    every count (for tests that check the raw numbers; never for publishing).

    The database does the counting (grouped queries: ``_grouped``, ``_fear_counts`` and
    ``_issue_days``); 100,000 cases take seconds (``bench/bench_hq_report.py``)."""
    missions = {m_id: code for m_id, code in session.execute(select(Mission.id, Mission.code))}
    tallies: dict[tuple[uuid.UUID, str], _Tally] = defaultdict(_Tally)
    for mission_id, month, what, event in _grouped(session):
        COUNTERS[what](tallies[(mission_id, month)], event)
    for mission_id, month, n in _fear_counts(session):
        tallies[(mission_id, month)].counts["fear_of_return_flags"] += n
    for mission_id, month, days in _issue_days(session):
        tallies[(mission_id, month)].days_to_issue += days
    for (mission_id, month), counts in _protection_counts(session).items():
        tally = tallies[(mission_id, month)]
        tally.counts["protection_flags_raised"] += int(counts.get("raised", 0))
        tally.counts["protection_flags_cleared"] += int(counts.get("cleared", 0))
    for (mission_id, _month_name), tally in list(tallies.items()):
        total = tallies[(mission_id, TOTAL)]
        for column, n in tally.counts.items():
            total.counts[column] += n
        total.days_to_issue += tally.days_to_issue
    rows: list[ReportRow] = []
    for mission_id, code in sorted(missions.items(), key=lambda item: item[1]):
        months = sorted(m for (mid, m) in tallies if mid == mission_id and m != TOTAL)
        for month in [*months, TOTAL]:
            tally = tallies.get((mission_id, month), _Tally())
            counts = dict(tally.counts)
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
