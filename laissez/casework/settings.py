"""The mission-wide settings an administrator may change (no Qt): retention rules and the
device's enrolment with headquarters. What the settings screen reads is in
``laissez.casework.views.settings``.

Every change here needs the administrator role (``RoleRequiredError`` otherwise, nothing
changes); storage audits it (``laissez.storage.retention``, the enrolment).
"""

from __future__ import annotations

from sqlalchemy import select

from laissez.casework.errors import IssuingStateError, MissingInformationError, RoleRequiredError
from laissez.casework.views.settings import is_administrator
from laissez.documents.codes import is_issuing_state
from laissez.storage import audit, retention
from laissez.storage.database import Database
from laissez.storage.models import Mission, Role
from laissez.storage.sync import state as sync_state
from laissez.storage.sync.enrolment import enrol_installation

__all__ = [
    "enrol",
    "remove_retention_rule",
    "set_freshness_days",
    "set_mission_state",
    "set_retention_rule",
    "set_share_protection_details",
]

#: the longest freshness period a mission may set for consent and approval (days): no longer
#: than the longest validity of the document they lead to (``ETD_MAX_VALIDITY_DAYS``)
MAX_FRESHNESS_DAYS = 90


def _require_administrator(db: Database) -> None:
    if not is_administrator(db):
        raise RoleRequiredError(
            "this setting needs the administrator role", role=Role.ADMINISTRATOR.value
        )


def set_retention_rule(db: Database, status: str, keep_days: int) -> None:
    """An administrator sets how many days personal data of cases in ``status`` is kept.
    Raises ``RoleRequiredError`` or ``RetentionPolicyError`` (nothing changes then)."""
    _require_administrator(db)
    with db.session() as session:
        retention.set_rule(session, db.user.id, status, keep_days)


def remove_retention_rule(db: Database, status: str) -> bool:
    """An administrator removes the rule for ``status`` (its data is then kept); returns
    whether there was one. Raises ``RoleRequiredError``."""
    _require_administrator(db)
    with db.session() as session:
        return retention.remove_rule(session, db.user.id, status)


def enrol(db: Database, hq_url: str, enrolment_code: str, device_name: str = "") -> str:
    """An administrator enrols this device with headquarters' one-time code; returns the
    mission code headquarters enrolled it in. Raises ``RoleRequiredError``,
    ``HqUnreachableError`` or ``HqRefusedError`` (nothing is stored then). Blocking: run it
    in a worker."""
    _require_administrator(db)
    identity = enrol_installation(
        db.session, db.engine, hq_url.strip(), enrolment_code.strip(), device_name
    )
    return identity.mission_code


def set_freshness_days(db: Database, days: int) -> None:
    """An administrator sets how many days a consent or an approval stays fresh at this
    mission (1 to ``MAX_FRESHNESS_DAYS``; the default is 30). Raises ``RoleRequiredError`` or
    ``MissingInformationError`` (nothing changes then); the change is audited."""
    _require_administrator(db)
    if not isinstance(days, int) or not 1 <= days <= MAX_FRESHNESS_DAYS:
        raise MissingInformationError(
            f"consent and approval stay fresh for 1 to {MAX_FRESHNESS_DAYS} days, not {days}",
            fields=["freshness_days"],
        )
    with db.session() as session:
        for mission in session.scalars(select(Mission)).all():
            mission.freshness_days = days
        audit.record(session, db.user.id, "settings.freshness_days", "mission", None,
                     {"days": days})  # fmt: skip


def set_share_protection_details(db: Database, share: bool) -> None:
    """An administrator decides whether this mission sends headquarters the protection
    details of cases (fears, referrals, cleared flags) rather than only the monthly counts.
    Off by default; headquarters' own configuration cannot turn it on. Audited."""
    _require_administrator(db)
    with db.session() as session:
        if share:
            sync_state.put(session, sync_state.KEY_SHARE_PROTECTION, "true")
        else:
            sync_state.delete_setting(session, sync_state.KEY_SHARE_PROTECTION)
        audit.record(session, db.user.id, "settings.share_protection_details", "mission", None,
                     {"share": bool(share)})  # fmt: skip


def set_mission_state(db: Database, country_code: str) -> None:
    """An administrator records the mission's own State (ICAO three-letter code) where an
    installation from before it was asked has none: the nationality it issues for unless
    headquarters says more. Once recorded it is not changed here (that would widen what this
    mission may issue): headquarters' list of issuable nationalities is the way.

    Raises ``RoleRequiredError``, ``IssuingStateError`` (not a State's code) or
    ``MissingInformationError`` (already recorded); nothing changes then. Audited.
    """
    _require_administrator(db)
    country = country_code.strip().upper()
    if not is_issuing_state(country):
        raise IssuingStateError("the mission's State is missing or not a State's ICAO code")
    with db.session() as session:
        missions = session.scalars(select(Mission)).all()
        if not missions:
            raise MissingInformationError(
                "this installation has no mission record: headquarters' list of issuable "
                "nationalities applies",
                fields=["country_code"],
            )
        if any(m.country_code for m in missions):
            raise MissingInformationError(
                "the mission's State is already recorded; headquarters changes what it issues",
                fields=["country_code"],
            )
        for mission in missions:
            mission.country_code = country
        audit.record(session, db.user.id, "settings.mission_state", "mission", None,
                     {"state": country.lower()})  # fmt: skip
