"""MRZ dates (``YYMMDD``) with unknown parts and century resolution by role.

Doc 9303 Part 3 §4.8 lets an unknown part of a date of birth be written with fillers. A
two-digit year needs a century; which one is policy, decided by the date's role: a date of
birth lies in the past, an expiry date usually in the future.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class DateRole(StrEnum):
    """What a date means, which decides its century and whether parts may be unknown."""

    BIRTH = "birth"
    EXPIRY = "expiry"
    ISSUE = "issue"


#: Expiry dates up to this many years in the past resolve to the past century.
EXPIRY_PAST_WINDOW_YEARS = 50


@dataclass(frozen=True)
class MrzDate:
    """A parsed MRZ date. Unknown parts are None.

    Attributes:
        raw: the six characters as printed.
        year: four-digit year after century resolution, or None when unknown.
        month, day: 1-based, or None when unknown.
    """

    raw: str
    year: int | None
    month: int | None
    day: int | None

    @property
    def complete(self) -> bool:
        """True when year, month and day are all known."""
        return None not in (self.year, self.month, self.day)

    def as_date(self) -> dt.date | None:
        """The calendar date, or None when a part is unknown."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str | None:
        """ISO 8601 form; unknown parts become ``XX`` / ``XXXX`` (``1974-XX-XX``)."""
        if self.year is None and self.month is None and self.day is None:
            return None
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        m = f"{self.month:02d}" if self.month is not None else "XX"
        d = f"{self.day:02d}" if self.day is not None else "XX"
        return f"{y}-{m}-{d}"


class DateProblem(StrEnum):
    """Why a six-character MRZ date is not acceptable."""

    NOT_DIGITS = "not_digits"
    UNKNOWN_NOT_ALLOWED = "unknown_not_allowed"
    BAD_MONTH = "bad_month"
    BAD_DAY = "bad_day"


def resolve_century(yy: int, role: DateRole, today: dt.date) -> int:
    """Four-digit year for a two-digit MRZ year, by role.

    Birth (and issue) dates cannot lie in the future, so the latest century that keeps the
    year at or before this year wins. Expiry dates resolve to this century unless that would put
    them more than ``EXPIRY_PAST_WINDOW_YEARS`` years ahead.
    """
    century = today.year - today.year % 100
    year = century + yy
    if role is DateRole.EXPIRY:
        if year > today.year + EXPIRY_PAST_WINDOW_YEARS:
            year -= 100
        elif year < today.year - EXPIRY_PAST_WINDOW_YEARS:
            year += 100
        return year
    if year > today.year:
        year -= 100
    return year


def parse_date(
    raw: str, role: DateRole, today: dt.date | None = None
) -> tuple[MrzDate | None, DateProblem | None, int]:
    """Parse ``YYMMDD``; returns ``(date, problem, offset)``.

    ``offset`` is the 0-based index inside ``raw`` where a problem lies (0 when none). A date
    of birth may have unknown parts: each of YY, MM and DD is either two digits or ``<<``.
    """
    today = today or dt.date.today()
    parts = (raw[0:2], raw[2:4], raw[4:6])
    values: list[int | None] = []
    for i, part in enumerate(parts):
        if part == "<<":
            if role is not DateRole.BIRTH:
                return None, DateProblem.UNKNOWN_NOT_ALLOWED, 2 * i
            values.append(None)
        elif part.isdigit() and part.isascii():
            values.append(int(part))
        else:
            bad = next((j for j, c in enumerate(part) if not ("0" <= c <= "9")), 0)
            return None, DateProblem.NOT_DIGITS, 2 * i + bad
    yy, mm, dd = values
    if mm is not None and not 1 <= mm <= 12:
        return None, DateProblem.BAD_MONTH, 2
    year = resolve_century(yy, role, today) if yy is not None else None
    if dd is not None:
        # With an unknown year or month, allow the largest the calendar could hold.
        days = 31 if mm is None else calendar.monthrange(year if year else 2000, mm)[1]
        if not 1 <= dd <= days:
            return None, DateProblem.BAD_DAY, 4
    return MrzDate(raw, year, mm, dd), None, 0


def format_date(value: dt.date | str | None) -> str:
    """Six MRZ characters for a date: a ``date``, ``YYMMDD`` text, ISO text with ``XX``
    parts (``1974-XX-XX``), or None for a wholly unknown date (``<<<<<<``)."""
    if value is None:
        return "<<<<<<"
    if isinstance(value, dt.date):
        return value.strftime("%y%m%d")
    text = value.strip().upper()
    if len(text) == 6:
        return text
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        y, m, d = text[2:4], text[5:7], text[8:10]
        return "".join("<<" if p == "XX" else p for p in (y, m, d))
    raise ValueError("date must be a date, YYMMDD or YYYY-MM-DD (XX for unknown parts)")
