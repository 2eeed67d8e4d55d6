"""The mission-wide settings an administrator may change (no Qt): retention rules and the
device's enrolment with headquarters. What the settings screen reads is in
``laissez.casework.views.settings``.

Every change here needs the administrator role (``RoleRequiredError`` otherwise, nothing
changes); storage audits it (``laissez.storage.retention``, the enrolment).
"""

from __future__ import annotations

from laissez.casework.errors import RoleRequiredError
from laissez.casework.views.settings import is_administrator
from laissez.storage import retention
from laissez.storage.database import Database
from laissez.storage.models import Role
from laissez.storage.sync.enrolment import enrol_installation

__all__ = ["enrol", "remove_retention_rule", "set_retention_rule"]


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
