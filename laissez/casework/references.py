"""Short human case references: ``DAC-2026-00042`` (the mission's code, the year the case was
opened, its number in that year on this computer), shown instead of the case id and found by
the case list's search. Storage migration 0007 gave the cases made before one."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.ids import utcnow
from laissez.storage.models import Case, Mission

_END = "\x7f"
_SHAPE = re.compile(r"^[A-Z0-9]{1,8}-\d")
#: digits of the number within a year (more are written as they come)
NUMBER_DIGITS = 5


def reference_prefix(mission_code: str | None) -> str:
    """The mission part: its code's Latin letters and digits (``CASE`` when it has none)."""
    letters = "".join(ch for ch in (mission_code or "").upper() if ch.isascii() and ch.isalnum())
    return letters[:8] or "CASE"


def next_reference(session: Session, now: dt.datetime | None = None) -> str:
    """The reference for a case opened now on this computer (read in ``session``: the
    caller writes it in the same transaction)."""
    code = session.scalar(select(Mission.code).order_by(Mission.code).limit(1))
    head = f"{reference_prefix(code)}-{(now or utcnow()).year:04d}-"
    last = session.scalar(
        select(Case.reference)
        .where(Case.reference >= head, Case.reference < head + _END)
        .order_by(Case.reference.desc())
        .limit(1)
    )
    number = int(last[len(head) :]) + 1 if last and last[len(head) :].isdigit() else 1
    return f"{head}{number:0{NUMBER_DIGITS}d}"


def reference_query(text: str) -> str | None:
    """``text`` as the start of a reference (upper-case, no spaces), or None when it cannot
    be one (a reference starts with the mission's code, a hyphen and a digit)."""
    folded = re.sub(r"\s+", "", text).upper()
    return folded if _SHAPE.match(folded) else None
