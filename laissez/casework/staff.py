"""The mission's staff: who may sign in, with which roles (no Qt).

Storage (``laissez.storage.users``) keeps the key slots and the ``users`` table and audits
every change with ids and role codes only (``user.added``, ``user.removed``,
``user.passphrase_reset``, ``database.rekeyed``). This module adds the rules the screen needs
before it calls storage: only an administrator manages staff, a request names a user name
and at least one role, the passphrase is typed twice and follows storage's rule, an
administrator does not remove their own account, and removing someone always rotates the
database key so a copy of the old key they may hold no longer opens the file.

Key derivation (Argon2id) and the key rotation are slow on purpose: call ``add_staff``,
``reset_staff_passphrase`` and ``remove_staff`` from a worker thread.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from laissez.casework.accounts import passphrase_problems
from laissez.casework.errors import CaseworkError, RoleRequiredError
from laissez.storage import roles as role_grants
from laissez.storage.database import Database
from laissez.storage.keys import DEFAULT_KDF, KdfParams
from laissez.storage.models import Role, User
from laissez.storage.sync import trust

#: the roles in the order the screen offers them
ROLE_ORDER: tuple[str, ...] = (
    Role.OFFICER.value,
    Role.SUPERVISOR.value,
    Role.PROTECTION_OFFICER.value,
    Role.ADMINISTRATOR.value,
)
#: a user name: letters, digits, dots, hyphens and underscores, no spaces
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class StaffRequestError(CaseworkError):
    """A request to add a user or change a passphrase is incomplete or inconsistent.

    Attributes:
        problems: codes, in the screen's order: ``username`` (missing or not a valid user
            name), ``no_role``, ``too_short`` (passphrase), ``mismatch`` (the two passphrases
            differ), ``own_account`` (an administrator removing themselves).
    """

    code = "casework.staff_request"

    def __init__(self, message: str, *, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True)
class StaffMember:
    """One user as the staff list shows them (no passphrase, no key)."""

    username: str
    display_name: str
    roles: tuple[str, ...]
    active: bool


def is_administrator(db: Database) -> bool:
    """Whether the signed-in user may manage staff."""
    return db.user.has_role(Role.ADMINISTRATOR.value)


def require_administrator(db: Database) -> None:
    """Raise ``RoleRequiredError`` unless the signed-in user is an administrator."""
    if not is_administrator(db):
        raise RoleRequiredError(
            "managing staff needs the administrator role", role=Role.ADMINISTRATOR.value
        )


def ordered_roles(roles: Iterable[str]) -> tuple[str, ...]:
    """``roles`` in ``ROLE_ORDER`` (unknown codes last, sorted)."""
    given = set(roles)
    known = tuple(r for r in ROLE_ORDER if r in given)
    return known + tuple(sorted(given - set(ROLE_ORDER)))


def staff_list(db: Database) -> list[StaffMember]:
    """Every user, active ones first, then by user name (everyone may read it), with the roles
    that count: a role row no administrator signed is not shown."""
    with db.read_session() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        counted = role_grants.effective(session)  # roles signed by an administrator only
        members = [
            StaffMember(
                u.username,
                u.display_name or "",
                # a removed user's roles as they were (they count for nothing any more)
                ordered_roles(counted.get(u.id, frozenset()) if u.active else u.role_names),
                u.active,
            )
            for u in users
        ]
    return sorted(members, key=lambda m: (not m.active, m.username))


def request_problems(
    username: str, passphrase: str, repeated: str, roles: Iterable[str]
) -> tuple[str, ...]:
    """Codes of what is wrong with a request to add a user (see ``StaffRequestError``)."""
    problems: list[str] = []
    if not _USERNAME.match(username.strip()):
        problems.append("username")
    if not any(r in ROLE_ORDER for r in roles):
        problems.append("no_role")
    problems.extend(passphrase_problems(passphrase, repeated))
    return tuple(problems)


def add_staff(
    db: Database,
    username: str,
    display_name: str,
    passphrase: str,
    repeated: str,
    roles: Iterable[str],
    *,
    kdf: KdfParams = DEFAULT_KDF,
) -> uuid.UUID:
    """An administrator adds a user who signs in with ``passphrase``; returns the new id.

    Raises ``RoleRequiredError``, ``StaffRequestError`` and storage's ``UserExistsError``;
    nothing is added then. Blocking (key derivation): run it in a worker."""
    require_administrator(db)
    role_list = list(roles)
    problems = request_problems(username, passphrase, repeated, role_list)
    if problems:
        raise StaffRequestError("the new user request is incomplete", problems=problems)
    return db.add_user(
        username.strip(),
        passphrase,
        ordered_roles(role_list),
        display_name=display_name.strip(),
        kdf=kdf,
    )


def reset_staff_passphrase(
    db: Database, username: str, passphrase: str, repeated: str, *, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """An administrator gives ``username`` a new passphrase (a new key slot).

    Raises ``RoleRequiredError``, ``StaffRequestError`` and storage's ``UserNotFoundError``.
    Blocking (key derivation): run it in a worker."""
    require_administrator(db)
    problems = passphrase_problems(passphrase, repeated)
    if problems:
        raise StaffRequestError("the new passphrase is not acceptable", problems=problems)
    db.reset_passphrase(username, passphrase, kdf=kdf)


def remove_staff(db: Database, username: str) -> None:
    """An administrator removes ``username`` and rotates the database key.

    The user's row stays (audit events keep resolving); their key slot goes, and the new
    database key is sealed only to the remaining users. Raises ``RoleRequiredError``,
    ``StaffRequestError`` (``own_account``) and storage's ``UserNotFoundError`` or
    ``LastAdministratorError``. Blocking (re-encrypts the file): run it in a worker, with no
    other use of the database meanwhile."""
    require_administrator(db)
    if username == db.user.username:
        raise StaffRequestError("an administrator cannot remove their own account",
                                problems=("own_account",))  # fmt: skip
    db.remove_user(username)
    db.rekey()


def change_staff_roles(db: Database, username: str, roles: Iterable[str]) -> None:
    """An administrator gives ``username`` exactly ``roles``; each role added or removed is
    the administrator's signed decision (``laissez.storage.roles``), and only such decisions
    make a role count. Nobody changes their own roles. Raises ``RoleRequiredError``,
    ``StaffRequestError`` (``own_account``, ``no_role``) and storage's ``UserNotFoundError``
    or ``LastAdministratorError``."""
    require_administrator(db)
    role_list = list(roles)
    if username == db.user.username:
        raise StaffRequestError("nobody changes their own roles", problems=("own_account",))
    if not any(r in ROLE_ORDER for r in role_list):
        raise StaffRequestError("a user needs at least one role", problems=("no_role",))
    db.set_roles(username, ordered_roles(role_list))


def revoke_signing_keys(db: Database, username: str, reason: str = "compromised") -> int:
    """An administrator revokes every personal signing key ``username`` ever had (a key
    believed stolen or misused): decisions signed with them stop counting on this device at
    once (the gate reports ``decision.key_untrusted``), at headquarters and on the mission's
    other devices from their next sync. The user gets a new key with their next passphrase
    reset. Returns how many keys. Raises ``RoleRequiredError`` and ``StaffRequestError``
    (``unknown_user``)."""
    require_administrator(db)
    with db.session() as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        if user_id is None:
            raise StaffRequestError("no such user", problems=("unknown_user",))
        return trust.revoke_keys(session, db.user.id, user_id, reason)
