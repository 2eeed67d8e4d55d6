"""Red flags: facts that only grow.

An answer, note or event that raises a flag records it (``case_flags``) with who, when and from
what. Re-saving a form adds a version and never removes a flag: only a protection officer's
recorded decision, with its reason, clears one (``clear``), signed with their personal key
like an approval; a clearing whose signature does not verify (written around casework, with
SQL) is ignored: the flag stays open. The gate reads the flags, not the newest answers.

Kinds (``FLAG_KINDS``) and what clears each (``CLEARED_BY``):

* ``fear``: fear of return, including "unknown"; a referral outcome.
* ``pressure``: pressure reported or a preference for return over detention, including
  "unknown"; a voluntariness review that confirms free consent.
* ``trafficking``: trafficking indicators; a protection officer's assessment.
* ``protection_status``: a statelessness or refugee claim or an XXA/XXB/XXC code; the release
  of the protection hold.
* ``proceeding`` (``detail``: the proceeding's kind): a pending proceeding; a protection
  officer's record, with its reference, that it was decided or withdrawn.
* ``asylum_claim``: an asylum claim lodged through the protection officer; the same, with the
  claim's reference. A later "no protection need" screening does not clear it.
* ``child``: the person is, or may be, a child (by an answer or a date of birth from any
  source); a protection officer's age assessment.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.casework.snapshot import PROTECTION_CODES, FlagFacts
from laissez.storage.ids import utcnow
from laissez.storage.models import CaseFlag
from laissez.storage.signed import flag_clearing_payload, public_keys, valid

FEAR = "fear"
PRESSURE = "pressure"
TRAFFICKING = "trafficking"
PROTECTION_STATUS = "protection_status"
PROCEEDING = "proceeding"
ASYLUM_CLAIM = "asylum_claim"
CHILD = "child"
FLAG_KINDS: tuple[str, ...] = (
    FEAR, PRESSURE, TRAFFICKING, PROTECTION_STATUS, PROCEEDING, ASYLUM_CLAIM, CHILD,
)  # fmt: skip

#: the decision (the step and its reason codes) that clears each kind of flag
CLEARED_BY: dict[str, str] = {
    FEAR: "a protection officer's referral outcome",
    PRESSURE: "a protection officer's voluntariness review confirming free consent",
    TRAFFICKING: "a protection officer's assessment of the trafficking indicators",
    PROTECTION_STATUS: "a protection officer's release of the protection hold",
    PROCEEDING: "a protection officer's record, with its reference, that it was decided or "
    "withdrawn",
    ASYLUM_CLAIM: "a protection officer's record, with the claim's reference, that it was "
    "decided or withdrawn",
    CHILD: "a protection officer's age assessment",
}
#: kinds cleared with the generic ``DecisionSteps.clear_flag`` (the others by their own step)
#: and the reason codes each accepts
CLEAR_REASONS: dict[str, tuple[str, ...]] = {
    TRAFFICKING: ("assessed_no_risk", "referred_to_support_and_consents"),
    PROCEEDING: ("decided", "withdrawn"),
    ASYLUM_CLAIM: ("decided", "withdrawn"),
    CHILD: ("age_assessed_adult",),
}
#: kinds whose clearing needs the reference of the proceeding or claim
NEEDS_REFERENCE = frozenset({PROCEEDING, ASYLUM_CLAIM})
PROCEEDING_KINDS = ("asylum", "appeal", "court_hearing", "immigration_hearing")

_DATE = re.compile(r"(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)")


def may_be_child(date_of_birth: str | None, today: dt.date) -> bool:
    """Whether someone born on ``date_of_birth`` (ISO, ``XX`` for unknown parts) is, or may be,
    under 18 on ``today``: the latest birth date the known parts allow is taken."""
    m = _DATE.fullmatch((date_of_birth or "").strip())
    if m is None or m.group(1) == "XXXX":
        return False
    year = int(m.group(1))
    month = 12 if m.group(2) == "XX" else int(m.group(2))
    if m.group(3) == "XX":
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        day = (nxt - dt.timedelta(days=1)).day
    else:
        day = int(m.group(3))
    try:
        born = dt.date(year, month, day)
        adult_on = born.replace(year=year + 18)
    except ValueError:  # 29 February, or a day the month does not have
        return False
    return today < adult_on


def from_answers(
    form_id: str, answers: Mapping[str, Any], today: dt.date
) -> list[tuple[str, str | None]]:
    """The flags (kind, detail) a form's answers raise."""
    found: list[tuple[str, str | None]] = []
    risky = ("yes", "unknown")
    if form_id == "identity":
        if answers.get("stateless_claim") == "yes" or answers.get("refugee_status") == "yes":
            found.append((PROTECTION_STATUS, None))
        if answers.get("nationality") in PROTECTION_CODES:
            found.append((PROTECTION_STATUS, None))
        if may_be_child(answers.get("date_of_birth"), today):
            found.append((CHILD, None))
    elif form_id == "vulnerability":
        if answers.get("is_child") in risky:
            found.append((CHILD, None))
        if answers.get("trafficking_indicators"):
            found.append((TRAFFICKING, None))
    elif form_id == "fear_of_return":
        if answers.get("fears_return") != "no":
            found.append((FEAR, None))
        if (
            answers.get("prefers_return_to_detention") in risky
            or answers.get("pressure_reported") in risky
        ):
            found.append((PRESSURE, None))
    elif form_id == "pending_proceedings":
        for kind in PROCEEDING_KINDS:
            if answers.get(f"{kind}_pending") in risky:
                found.append((PROCEEDING, kind))
    return found


def _clearing_holds(row: CaseFlag, keys: dict[uuid.UUID, list[bytes]]) -> bool:
    """Whether the row's clearing is a protection officer's signed decision (a clearing written
    around casework, without a signature that verifies, is none: the flag stays open)."""
    if row.cleared_at is None or row.cleared_by is None:
        return False
    return valid(keys.get(row.cleared_by, []), flag_clearing_payload(row), row.clear_signature)


def _keys(session: Session, rows: Iterable[CaseFlag]) -> dict[uuid.UUID, list[bytes]]:
    return public_keys(session, [r.cleared_by for r in rows if r.cleared_by is not None])


def open_flags(
    session: Session, case_id: uuid.UUID, kind: str, detail: str | None = None
) -> list[CaseFlag]:
    """The open flags of ``kind`` (and ``detail`` when given) in the case: never cleared, or
    cleared without a signature that verifies."""
    stmt = select(CaseFlag).where(CaseFlag.case_id == case_id, CaseFlag.kind == kind)
    if detail is not None:
        stmt = stmt.where(CaseFlag.detail == detail)
    rows = list(session.scalars(stmt).all())
    keys = _keys(session, rows)
    return [r for r in rows if not _clearing_holds(r, keys)]


def raise_flags(
    session: Session,
    case_id: uuid.UUID,
    found: Iterable[tuple[str, str | None]],
    source: str,
    actor_id: uuid.UUID | None,
) -> list[str]:
    """Record each flag not already open; returns the kinds newly raised."""
    raised = []
    for kind, detail in dict.fromkeys(found):
        if any(f.detail == detail for f in open_flags(session, case_id, kind)):
            continue
        session.add(
            CaseFlag(case_id=case_id, kind=kind, detail=detail, source=source,
                     raised_by=actor_id, raised_at=utcnow())
        )  # fmt: skip
        raised.append(kind)
    session.flush()
    return raised


def clear(
    session: Session,
    case_id: uuid.UUID,
    kind: str,
    actor_id: uuid.UUID,
    reason: str,
    *,
    reference: str | None = None,
    detail: str | None = None,
    sign: Callable[[bytes], bytes],
) -> int:
    """Clear the open flags of ``kind`` (and ``detail``), each clearing signed with ``sign``
    (the deciding protection officer's key, ``Database.sign``); returns how many."""
    rows = open_flags(session, case_id, kind, detail)
    now = utcnow()
    for row in rows:
        row.cleared_by = actor_id
        row.cleared_at = now
        row.clear_reason = reason
        row.clear_reference = reference
        row.clear_signature = sign(flag_clearing_payload(row))
    session.flush()
    return len(rows)


def facts(session: Session, case_id: uuid.UUID) -> tuple[FlagFacts, ...]:
    """Every flag of the case, open and cleared, oldest first."""
    rows = session.scalars(
        select(CaseFlag).where(CaseFlag.case_id == case_id).order_by(CaseFlag.raised_at)
    ).all()
    keys = _keys(session, rows)
    found = []
    for r in rows:
        holds = _clearing_holds(r, keys)
        found.append(
            FlagFacts(
                kind=r.kind,
                detail=r.detail,
                source=r.source,
                raised_by=r.raised_by,
                raised_at=r.raised_at,
                cleared_by=r.cleared_by if holds else None,
                cleared_at=r.cleared_at if holds else None,
                clear_reason=r.clear_reason if holds else None,
            )
        )
    return tuple(found)
