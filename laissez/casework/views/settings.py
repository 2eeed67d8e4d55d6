"""What the settings screen reads (no Qt, no writes).

The mission's code and name are read-only: storage has no audited way to change them
(headquarters enrols a device into one mission). Retention rules are shown to everyone; an
administrator changes them, and enrols the device, through ``laissez.casework.settings``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from laissez.casework.snapshot import DEFAULT_FRESHNESS_DAYS
from laissez.storage import retention
from laissez.storage.database import Database
from laissez.storage.models import Installation, Mission, Role
from laissez.storage.sync import state
from laissez.storage.sync.status import SyncStatus, read_status


@dataclass(frozen=True)
class MissionInfo:
    """The mission this installation belongs to."""

    code: str
    name: str


@dataclass(frozen=True)
class SettingsView:
    """Everything the settings screen shows that lives in the database."""

    mission: MissionInfo
    retention_rules: tuple[tuple[str, int], ...]
    sync: SyncStatus
    is_administrator: bool
    #: whether this version can change the mission's code or name (it cannot)
    mission_editable: bool = False
    #: how many days consent and approval stay fresh at this mission
    freshness_days: int = DEFAULT_FRESHNESS_DAYS
    #: the mission's own State (ICAO code; "" when an older installation never recorded it)
    mission_state: str = ""


def is_administrator(db: Database) -> bool:
    """Whether the signed-in user may change mission-wide settings."""
    return db.user.has_role(Role.ADMINISTRATOR.value)


def settings_view(db: Database) -> SettingsView:
    """Read the mission, the retention rules (sorted by status) and the sync status."""
    with db.read_session() as session:
        mission = session.execute(
            select(Mission.code, Mission.name, Mission.freshness_days, Mission.country_code)
            .join(Installation, Installation.mission_id == Mission.id)
            .limit(1)
        ).first()
        rules = tuple(sorted(retention.rules(session).items()))
        sync = read_status(session)
    info = MissionInfo(mission[0], mission[1]) if mission else MissionInfo("", "")
    fresh = (mission[2] if mission else None) or DEFAULT_FRESHNESS_DAYS
    state = (mission[3] if mission else None) or ""
    return SettingsView(
        info, rules, sync, is_administrator(db), freshness_days=fresh, mission_state=state
    )


def retention_rules(db: Database) -> tuple[tuple[str, int], ...]:
    """The retention rules, ``(status, days)`` sorted by status (everyone may read them)."""
    with db.read_session() as session:
        return tuple(sorted(retention.rules(session).items()))


def enrolled_url(db: Database) -> str:
    """The headquarters address this device is enrolled with ("" when not enrolled)."""
    with db.read_session() as session:
        return state.get(session, state.KEY_HQ_URL) or ""
