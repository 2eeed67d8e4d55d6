"""The monthly protection counts: what headquarters learns of red flags instead of the cases.

A fear of return, a referral, an asylum claim, a cleared flag: none of these leaves the mission
with a case attached (``laissez.protocol.kinds.PROTECTION_KINDS``). Once a month is over,
the next sync queues one ``mission/protection_counts`` change for it: how many red flags were
raised and how many cleared at the mission in that month, over every case and kind. A month
still running is never sent (a count that grows between two syncs would point at the cases
that changed in between), and each closed month is queued once (the last one queued is kept
in ``sync_settings``, in the same transaction). Headquarters' report suppresses small counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from laissez.protocol import kinds
from laissez.storage import outbox
from laissez.storage.ids import utcnow
from laissez.storage.models import CaseFlag
from laissez.storage.sync import state


def _month(value: dt.datetime) -> str:
    return value.strftime("%Y-%m")


def _next(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _start(month: str) -> dt.datetime:
    return dt.datetime(int(month[:4]), int(month[5:]), 1, tzinfo=dt.UTC)


def queue_closed_months(session: Session, now: dt.datetime | None = None) -> list[str]:
    """Queue the counts of every closed month not queued yet (from the month of the first
    flag); returns the months queued, oldest first. In the caller's transaction."""
    current = _month(now or utcnow())
    through = state.get(session, state.KEY_PROTECTION_COUNTS)
    since = _start(_next(through)) if through else None
    stmt = select(CaseFlag.raised_at, CaseFlag.cleared_at)
    if since is not None:
        stmt = stmt.where(or_(CaseFlag.raised_at >= since, CaseFlag.cleared_at >= since))
    raised: Counter[str] = Counter()
    cleared: Counter[str] = Counter()
    for raised_at, cleared_at in session.execute(stmt):
        if since is None or raised_at >= since:
            raised[_month(raised_at)] += 1
        if cleared_at is not None and (since is None or cleared_at >= since):
            cleared[_month(cleared_at)] += 1
    first = _next(through) if through else min([*raised, *cleared], default=None)
    if first is None:
        return []
    queued = []
    month = first
    while month < current:
        outbox.enqueue(
            session,
            kinds.PROTECTION_COUNTS,
            month,
            {"month": month, "raised": raised[month], "cleared": cleared[month]},
        )
        queued.append(month)
        month = _next(month)
    if queued:
        state.put(session, state.KEY_PROTECTION_COUNTS, queued[-1])
    return queued
