"""Column types shared by the models: UTC datetimes stored as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware ``datetime`` stored in UTC as fixed-width ISO 8601 text.

    Writing a naive datetime raises ``ValueError``: a time without a zone is a bug waiting to
    happen on a laptop that travels. Values read back are aware and in UTC. The text form
    (``2026-01-31T12:00:00.000000+00:00``) sorts chronologically, so indexes and ranges work.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Aware datetime -> UTC ISO text."""
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError("UtcDateTime columns take datetime values")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("UtcDateTime columns need an aware datetime (with a time zone)")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """UTC ISO text -> aware datetime."""
        if value is None:
            return None
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)
