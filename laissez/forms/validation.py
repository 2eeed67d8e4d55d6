"""Validate answers to a form: which fields are shown, which are missing, which are malformed.

Expected failures are values: ``validate`` returns a tuple of ``FieldIssue`` (field id and a
stable code, never the answer itself), empty when the answers are complete and well formed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from laissez.forms.schema import Condition, Field, FieldType, Form

_COUNTRY = re.compile(r"^[A-Z]{3}$|^D$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_PARTIAL_DATE = re.compile(r"^([0-9]{4}|XXXX)-([0-9]{2}|XX)-([0-9]{2}|XX)$")
SIGNATURE_KINDS = ("signed", "mark", "declined")


@dataclass(frozen=True)
class PartialDate:
    """A date whose year, month or day may be unknown (written ``XXXX``/``XX``).

    ``1987-XX-XX`` is "some day in 1987"; ``XXXX-XX-XX`` is "unknown". A known day with an
    unknown month is allowed (people do remember "the 15th").
    """

    year: int | None
    month: int | None
    day: int | None

    @staticmethod
    def parse(text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD`` with ``XXXX``/``XX`` for unknown parts; ``ValueError`` if not."""
        m = _PARTIAL_DATE.match(text)
        if not m:
            raise ValueError("not a partial date")
        year, month, day = (None if "X" in g else int(g) for g in m.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError("month out of range")
        if day is not None:
            if not 1 <= day <= 31:
                raise ValueError("day out of range")
            if year is not None and month is not None:
                dt.date(year, month, day)  # raises ValueError for 2023-02-30
        return PartialDate(year, month, day)

    @property
    def complete(self) -> bool:
        """Whether every part is known."""
        return None not in (self.year, self.month, self.day)

    def earliest(self) -> dt.date | None:
        """The earliest real date this could be (None when the year is unknown)."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day if self.month and self.day else 1)

    def __str__(self) -> str:
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        m = f"{self.month:02d}" if self.month is not None else "XX"
        d = f"{self.day:02d}" if self.day is not None else "XX"
        return f"{y}-{m}-{d}"


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one answer: ``field`` id and a stable ``code``:

    ``required``, ``type``, ``option``, ``too_long``, ``pattern``, ``date``, ``future``,
    ``too_early``, ``items``, ``range``, ``unknown_field``, ``not_shown``.
    """

    field: str
    code: str


def condition_holds(condition: Condition, answers: Mapping[str, Any], shown: set[str]) -> bool:
    """Whether ``condition`` holds for ``answers``; a condition on a hidden field is false."""
    if condition.all_of:
        return all(condition_holds(c, answers, shown) for c in condition.all_of)
    if condition.any_of:
        return any(condition_holds(c, answers, shown) for c in condition.any_of)
    assert condition.field is not None
    if condition.field not in shown or condition.field not in answers:
        return False
    value = answers[condition.field]
    if condition.one_of is not None:
        return value in condition.one_of
    if condition.contains is not None:
        return isinstance(value, list | tuple) and condition.contains in value
    return bool(value == condition.equals)


def shown_fields(form: Form, answers: Mapping[str, Any]) -> tuple[Field, ...]:
    """The fields shown for these answers, in form order (conditions read earlier fields)."""
    shown: set[str] = set()
    result = []
    for f in form.fields:
        if f.when is None or condition_holds(f.when, answers, shown):
            shown.add(f.id)
            result.append(f)
    return tuple(result)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _check(f: Field, value: Any, today: dt.date) -> str | None:
    t = f.type
    if t is FieldType.TEXT:
        if not isinstance(value, str):
            return "type"
        if f.max_length is not None and len(value) > f.max_length:
            return "too_long"
        if f.pattern is not None and not re.fullmatch(f.pattern, value):
            return "pattern"
    elif t is FieldType.INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            return "type"
        if (f.minimum is not None and value < f.minimum) or (
            f.maximum is not None and value > f.maximum
        ):
            return "range"
    elif t is FieldType.DATE:
        if not isinstance(value, str):
            return "type"
        try:
            date = PartialDate.parse(value)
        except ValueError:
            return "date"
        earliest = date.earliest()
        if f.not_future and earliest is not None and earliest > today:
            return "future"
        if f.not_before and date.year is not None:
            limit = dt.date.fromisoformat(f.not_before)
            if date.year < limit.year or (date.complete and (earliest or limit) < limit):
                return "too_early"
    elif t in (FieldType.CHOICE, FieldType.YES_NO_UNKNOWN):
        if value not in f.option_values():
            return "option"
    elif t is FieldType.MULTI_CHOICE:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return "type"
        if any(v not in f.option_values() for v in value) or len(set(value)) != len(value):
            return "option"
        if (f.min_items is not None and len(value) < f.min_items) or (
            f.max_items is not None and len(value) > f.max_items
        ):
            return "items"
    elif t is FieldType.COUNTRY:
        if not isinstance(value, str) or not _COUNTRY.match(value):
            return "type"
    elif t is FieldType.LANGUAGE:
        if not isinstance(value, str) or not _LANGUAGE.match(value):
            return "type"
    elif t is FieldType.SIGNATURE:
        if not isinstance(value, Mapping) or value.get("kind") not in SIGNATURE_KINDS:
            return "type"
        if value["kind"] == "declined" and not value.get("reason"):
            return "required"
        if value["kind"] != "declined" and not isinstance(value.get("ref"), str):
            return "required"
    elif t is FieldType.PHOTO and (
        not isinstance(value, Mapping)
        or not isinstance(value.get("ref"), str)
        or not _HEX64.match(str(value.get("sha256", "")))
    ):
        return "type"
    return None


def validate(
    form: Form, answers: Mapping[str, Any], *, today: dt.date | None = None, partial: bool = False
) -> tuple[FieldIssue, ...]:
    """Every problem with ``answers`` to ``form`` (empty when they are complete and valid).

    With ``partial`` (a form being filled in), missing required answers are not reported.
    Answers to fields that are not shown, or that the form does not have, are reported so that
    nothing stale or unexpected is stored silently.
    """
    today = today or dt.date.today()
    known = {f.id for f in form.fields}
    shown = shown_fields(form, answers)
    shown_ids = {f.id for f in shown}
    issues: list[FieldIssue] = []
    for f in shown:
        value = answers.get(f.id)
        if _empty(value):
            if f.required and not partial:
                issues.append(FieldIssue(f.id, "required"))
            continue
        code = _check(f, value, today)
        if code is not None:
            issues.append(FieldIssue(f.id, code))
    for name in answers:
        if name not in known:
            issues.append(FieldIssue(name, "unknown_field"))
        elif name not in shown_ids and not _empty(answers[name]):
            issues.append(FieldIssue(name, "not_shown"))
    return tuple(issues)
