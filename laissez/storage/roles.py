"""Roles are decisions: who holds a role is what administrators' signed grants say.

A ``user_roles`` row alone proves nothing (anyone who can write the database can add one).
A role counts only when the latest decision about it (``role_grants``) is a grant signed,
with their personal key, by someone who was an administrator by the same rule when they
signed it. The chain starts at the *root batch*: the grants the first administrator signed
for themselves when the database was made (``Database.create``), or, in a database upgraded
from before revision 0008, when the first administrator unlocked it after the upgrade and
signed the roles held before in their own name (``resign_legacy``). Until then those roles
count as they were, once: as soon as one signed grant exists, an unsigned (legacy) row counts
for nothing. Nobody grants a role to themselves outside the root batch.

Verifying every signature is done once per distinct state of the grants and keys (a small
cache keyed by their content), so the gate can ask for roles as often as it likes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable
from threading import Lock

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage import audit
from laissez.storage.ids import utcnow
from laissez.storage.models import Role, RoleGrant, User, UserRole, UserSigningKey
from laissez.storage.signed import grant_payload, valid

GRANT, REMOVE = "grant", "remove"
ADMIN = Role.ADMINISTRATOR.value
Signer = Callable[[bytes], bytes]

_cache: dict[str, dict[uuid.UUID, frozenset[str]]] = {}
_MEMO = "laissez.roles.effective"
_lock = Lock()


def record(
    session: Session,
    sign: Signer,
    actor_id: uuid.UUID,
    user_id: uuid.UUID,
    role: str,
    action: str = GRANT,
    *,
    at: dt.datetime | None = None,
) -> RoleGrant:
    """Write and sign one decision about ``user_id``'s ``role`` (in the caller's transaction),
    audited ``role.granted`` / ``role.removed`` with ids and the role code only."""
    session.info.pop(_MEMO, None)
    row = RoleGrant(
        user_id=user_id, role=role, action=action, decided_by=actor_id, decided_at=at or utcnow()
    )
    session.add(row)
    session.flush()
    row.signature = sign(grant_payload(row))
    verb = "granted" if action == GRANT else "removed"
    audit.record(session, actor_id, f"role.{verb}", "user", user_id, {"role": role})
    return row


def _fingerprint(grants: list[RoleGrant], keys: list[tuple[uuid.UUID, bytes]]) -> str:
    digest = hashlib.sha256()
    for g in grants:
        for part in (g.id, g.user_id, g.role, g.action, g.decided_by, g.decided_at, g.legacy):
            digest.update(str(part).encode())
        digest.update(g.signature or b"-")
    for user_id, public in keys:
        digest.update(str(user_id).encode() + public)
    return digest.hexdigest()


def effective(session: Session) -> dict[uuid.UUID, frozenset[str]]:
    """Every user's roles that trace back to the root batch through signed grants (roles held
    in ``user_roles`` as well). Worked out once per transaction (``record`` and
    ``resign_legacy`` forget it), and once per distinct state of the tables in the process."""
    memo = session.info.get(_MEMO)
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    result = _effective(session)
    session.info[_MEMO] = result
    return result


def _effective(session: Session) -> dict[uuid.UUID, frozenset[str]]:
    grants = list(session.scalars(select(RoleGrant)).all())
    keys: list[tuple[uuid.UUID, bytes]] = [
        (user_id, public)
        for user_id, public in session.execute(
            select(UserSigningKey.user_id, UserSigningKey.public_key)
        )
    ]
    held: dict[uuid.UUID, set[str]] = {}
    for user_id, role in session.execute(
        select(UserRole.user_id, UserRole.role).join(User).where(User.active.is_(True))
    ):
        held.setdefault(user_id, set()).add(role)
    fingerprint = _fingerprint(grants, keys) + str(
        sorted((str(u), sorted(r)) for u, r in held.items())
    )
    with _lock:
        cached = _cache.get(fingerprint)
    if cached is not None:
        return cached
    traced = _trace(grants, keys)
    result = {u: frozenset(r & traced.get(u, set())) for u, r in held.items()}
    with _lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[fingerprint] = result
    return result


def _trace(
    grants: list[RoleGrant], keys: list[tuple[uuid.UUID, bytes]]
) -> dict[uuid.UUID, set[str]]:
    """The roles the decisions establish, replayed in time order."""
    signed = [g for g in grants if not g.legacy]
    if not signed:  # before the first administrator unlocked the upgraded database
        legacy: dict[uuid.UUID, set[str]] = {}
        for g in grants:
            if g.action == GRANT:
                legacy.setdefault(g.user_id, set()).add(g.role)
        return legacy
    publics: dict[uuid.UUID, list[bytes]] = {}
    for user_id, public in keys:
        publics.setdefault(user_id, []).append(public)
    roots = sorted(
        (g for g in signed if g.decided_by == g.user_id and g.role == ADMIN and g.action == GRANT),
        key=lambda g: (g.decided_at, str(g.id)),
    )
    root = next(
        (g for g in roots if valid(publics.get(g.user_id, []), grant_payload(g), g.signature)),
        None,
    )
    if root is None:
        return {}
    state: dict[uuid.UUID, set[str]] = {}

    def in_root_batch(g: RoleGrant) -> bool:
        return g.decided_by == root.user_id == g.user_id and g.decided_at == root.decided_at

    for g in sorted(signed, key=lambda g: (g.decided_at, not in_root_batch(g), str(g.id))):
        if g.decided_by is None or g.decided_at < root.decided_at:
            continue
        if g.decided_by == g.user_id and not in_root_batch(g):
            continue  # nobody decides on their own roles
        if not in_root_batch(g) and ADMIN not in state.get(g.decided_by, set()):
            continue
        if not valid(publics.get(g.decided_by, []), grant_payload(g), g.signature):
            continue
        roles = state.setdefault(g.user_id, set())
        if g.action == GRANT:
            roles.add(g.role)
        else:
            roles.discard(g.role)
    return state


def roles_of(session: Session, user_id: uuid.UUID) -> frozenset[str]:
    """The roles of ``user_id`` that count (empty for an unknown or removed user)."""
    return effective(session).get(user_id, frozenset())


def grant_at_creation(
    session: Session, sign: Signer, user_id: uuid.UUID, roles: Iterable[str]
) -> None:
    """The root batch of a new database: its first administrator's own roles."""
    at = utcnow()
    for role in sorted(set(roles) | {ADMIN}):
        record(session, sign, user_id, user_id, role, at=at)


def resign_legacy(session: Session, sign: Signer, admin_id: uuid.UUID) -> int:
    """Sign every role held from before revision 0008 in ``admin_id``'s name (the first
    administrator to unlock the upgraded database): their own roles become the root batch.
    Returns how many were signed (0 when there were none, or signed grants exist already)."""
    rows = list(session.scalars(select(RoleGrant)).all())
    legacy = [g for g in rows if g.legacy]
    if not legacy or any(not g.legacy for g in rows):
        return 0
    if not any(g.user_id == admin_id and g.role == ADMIN for g in legacy):
        return 0
    session.info.pop(_MEMO, None)
    at = utcnow()
    for g in legacy:
        g.legacy = False
        g.decided_by = admin_id
        g.decided_at = at
        session.flush()
        g.signature = sign(grant_payload(g))
    audit.record(
        session, admin_id, "role.legacy_resigned", "installation", None, {"grants": len(legacy)}
    )
    return len(legacy)
