"""What the settings screen reads and the few settings it may change (no Qt).

The mission's code and name are read-only here: storage has no audited way to change them
(headquarters enrols a device into one mission). Retention rules are shown to everyone and
changed by an administrator only (audited by ``laissez.storage.retention``). Enrolling the
device with headquarters is an administrator's job too: it stores a device key.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from laissez.casework.errors import RoleRequiredError
from laissez.storage import retention
from laissez.storage.database import Database
from laissez.storage.models import Installation, Mission, Role
from laissez.storage.sync import state
from laissez.storage.sync.enrolment import enrol_installation
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


def is_administrator(db: Database) -> bool:
    """Whether the signed-in user may change mission-wide settings."""
    return db.user.has_role(Role.ADMINISTRATOR.value)


def settings_view(db: Database) -> SettingsView:
    """Read the mission, the retention rules (sorted by status) and the sync status."""
    with db.read_session() as session:
        mission = session.execute(
            select(Mission.code, Mission.name)
            .join(Installation, Installation.mission_id == Mission.id)
            .limit(1)
        ).first()
        rules = tuple(sorted(retention.rules(session).items()))
        sync = read_status(session)
    info = MissionInfo(mission[0], mission[1]) if mission else MissionInfo("", "")
    return SettingsView(info, rules, sync, is_administrator(db))


def sync_status(db: Database) -> SyncStatus:
    """The sync status alone (outbox counts, numbers left, last run), read-only."""
    with db.read_session() as session:
        return read_status(session)


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


def enrolled_url(db: Database) -> str:
    """The headquarters address this device is enrolled with ("" when not enrolled)."""
    with db.read_session() as session:
        return state.get(session, state.KEY_HQ_URL) or ""


def remove_retention_rule(db: Database, status: str) -> bool:
    """An administrator removes the rule for ``status`` (its data is then kept); returns
    whether there was one. Raises ``RoleRequiredError``."""
    _require_administrator(db)
    with db.session() as session:
        return retention.remove_rule(session, db.user.id, status)
