"""The append-only, hash-chained audit log.

``record`` appends an event inside the caller's transaction, so the event commits or rolls back
with the change it records. Each event stores ``prev_hash`` (the previous event's hash) and
``hash`` = SHA-256 of its own canonical form, ``prev_hash`` included. The
``audit_head`` row holds the count and the last hash, updated in the same transaction, so that
deleting events at the end is noticed too. Triggers refuse UPDATE and DELETE on the table.

``verify`` walks the chain and returns the first problem: an *edited* event (its hash no longer
matches), a *deleted* one (a gap in ``seq``, a broken link or a short chain) or a *reordered*
one (its link points to an event that is not its predecessor).

Details hold record ids, codes and counts only, never personal data: values may be UUIDs,
integers, booleans, None, short lower-case codes (``consent.granted``, ``closed``,
``form_v2``) or 64-digit hex digests, or lists of those; keys that name personal fields
(``name``, ``document_number`` ...) are refused. Anything else raises ``AuditDetailsError``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.errors import AuditDetailsError
from laissez.storage.ids import new_id, utcnow
from laissez.storage.models import AuditEvent, AuditHead

GENESIS_HASH = "0" * 64
#: ``Session.info`` keys under which ``Database`` puts the unlocking user's signer and id
SIGNER = "laissez.sign"
SIGNER_ID = "laissez.signer_id"
#: set in ``Session.info`` by an event the high-water record must follow at once
HIGHWATER = "laissez.highwater"
HIGHWATER_ACTIONS = ("travel_document.issued", "travel_document.revoked", "case.withdraw")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CODE = re.compile(r"^[a-z][a-z0-9_]*([.:-][a-z0-9_]+)*$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DIGITS = re.compile(r"[0-9]{4,}")
_MAX_CODE = 64
_MAX_LIST = 64
#: keys that name personal data: refused even when the value looks like a code.
FORBIDDEN_KEYS = frozenset(
    {
        "name",
        "names",
        "surname",
        "given_name",
        "given_names",
        "primary_name",
        "secondary_name",
        "full_name",
        "mrz",
        "mrz_lines",
        "mrz_name",
        "document_number",
        "passport_number",
        "number",
        "date_of_birth",
        "dob",
        "birth_date",
        "birthdate",
        "place_of_birth",
        "address",
        "phone",
        "email",
        "answers",
        "answer",
        "text",
        "notes",
        "questions",
        "comment",
        "passphrase",
        "password",
        "photo",
        "image",
        "scan",
        "guardian_name",
        "interpreter_name",
        "reference",
        "payload",
    }
)


def _check_value(key: str, value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value)) if len(value) in (32, 36) else _check_code(key, value)
        except ValueError:
            return _check_code(key, value)
    if isinstance(value, list | tuple):
        if len(value) > _MAX_LIST:
            raise AuditDetailsError(f"audit detail {key!r} holds too many values")
        return [_check_value(key, v) for v in value]
    raise AuditDetailsError(f"audit detail {key!r} has a value of a type that is not allowed")


def _check_code(key: str, value: str) -> str:
    if _HEX64.match(value):
        return value
    if len(value) <= _MAX_CODE and _CODE.match(value) and not _DIGITS.search(value):
        return value
    raise AuditDetailsError(
        f"audit detail {key!r} is not an id, a code or a count (personal data is not allowed)"
    )


def clean_details(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """Validate audit details and return their JSON form; raises ``AuditDetailsError``."""
    out: dict[str, Any] = {}
    for key, value in (details or {}).items():
        if not isinstance(key, str) or not _KEY.match(key):
            raise AuditDetailsError("audit detail keys are short lower-case identifiers")
        if key in FORBIDDEN_KEYS:
            raise AuditDetailsError(f"audit detail {key!r} names personal data")
        out[key] = _check_value(key, value)
    return out


def event_hash(event: AuditEvent) -> str:
    """SHA-256 (hex) of an event's canonical form, ``prev_hash`` included.

    ``seq`` is left out on purpose: the position is given by the links, so moving an event
    shows up as a broken link (reported as *reordered*) rather than as an edit.
    """
    body = {
        "event_id": str(event.event_id),
        "at": event.at.isoformat(timespec="microseconds"),
        "actor_id": str(event.actor_id) if event.actor_id else None,
        "action": event.action,
        "record_type": event.record_type,
        "record_id": event.record_id,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _not_before_last(session: Session, count: int) -> dt.datetime:
    """Now, or the last event's time when the clock was set back since: an event is never
    dated before the one it follows (casework refuses decisions then, ``check_clock``; an
    event it cannot refuse, such as a sign-in, takes the last event's time)."""
    now = utcnow()
    if count:
        last = session.scalar(select(AuditEvent.at).where(AuditEvent.seq == count))
        if last is not None and last > now:
            return last
    return now


def record(
    session: Session,
    actor_id: uuid.UUID | None,
    action: str,
    record_type: str,
    record_id: uuid.UUID | str | None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event in ``session``'s transaction and return it (flushed).

    ``actor_id`` is the user who acted (None for the system, such as a scheduled purge);
    ``action`` a dotted code (``case.created``); ``record_type`` the kind of record
    (``case``); ``record_id`` its id. Raises ``AuditDetailsError`` for details that are not ids,
    codes or counts, and for an ``action``/``record_type`` that is not a code.
    """
    for label, code in (("action", action), ("record_type", record_type)):
        if len(code) > _MAX_CODE or not _CODE.match(code):
            raise AuditDetailsError(f"audit {label} must be a lower-case code")
    rid: str | None
    if record_id is None:
        rid = None
    elif isinstance(record_id, uuid.UUID):
        rid = str(record_id)
    else:
        rid = str(_check_value("record_id", record_id))
    clean = clean_details(details)
    head = session.get(AuditHead, 1, with_for_update=True)
    if head is None:
        head = AuditHead(id=1, count=0, last_hash=GENESIS_HASH)
        session.add(head)
    event = AuditEvent(
        seq=head.count + 1,
        event_id=new_id(),
        at=_not_before_last(session, head.count),
        actor_id=actor_id,
        action=action,
        record_type=record_type,
        record_id=rid,
        details=clean,
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(event)
    sign = session.info.get(SIGNER)
    if sign is not None and actor_id is not None and actor_id == session.info.get(SIGNER_ID):
        # signed by the actor's personal key: a chain re-hashed after deleting events needs
        # every later actor's signature again, which nobody else can make
        event.signature = sign(bytes.fromhex(event.hash))
    if action.startswith(HIGHWATER_ACTIONS):
        session.info[HIGHWATER] = True
    head.count = event.seq
    head.last_hash = event.hash
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainProblem:
    """The first bad place in the chain.

    Attributes:
        kind: ``edited``, ``deleted`` or ``reordered``.
        seq: position of the first bad event (for a deletion at the end: the first missing).
        event_id: that event's id, or None when it is missing.
        message: an English sentence naming the event.
    """

    kind: str
    seq: int
    event_id: uuid.UUID | None
    message: str


@dataclass(frozen=True)
class ChainReport:
    """Result of ``verify``: ``events`` checked and the first ``problem`` (None when intact)."""

    events: int
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        """True when the chain is intact."""
        return self.problem is None


def _iter_events(session: Session) -> Iterator[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=2000)
    yield from session.scalars(stmt)


def verify(session: Session) -> ChainReport:
    """Check the whole chain; return the first edited, deleted or reordered event."""
    every_hash = set(session.scalars(select(AuditEvent.hash)))
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    for event in _iter_events(session):
        count += 1
        if event.seq != expected_seq:
            return _report(
                count,
                "deleted",
                expected_seq,
                None,
                f"events {expected_seq} to {event.seq - 1} are missing (deleted)",
            )
        if event_hash(event) != event.hash:
            return _report(
                count,
                "edited",
                event.seq,
                event.event_id,
                f"event {event.seq} ({event.event_id}) was edited",
            )
        if event.prev_hash != prev_hash:
            if event.prev_hash in every_hash:
                return _report(
                    count,
                    "reordered",
                    event.seq,
                    event.event_id,
                    f"event {event.seq} ({event.event_id}) is out of order",
                )
            return _report(
                count,
                "deleted",
                event.seq,
                event.event_id,
                f"the event before event {event.seq} ({event.event_id}) was deleted or replaced",
            )
        prev_hash = event.hash
        expected_seq += 1
    head = session.get(AuditHead, 1)
    head_count = head.count if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_count > count:
        return _report(
            count,
            "deleted",
            count + 1,
            None,
            f"events {count + 1} to {head_count} at the end were deleted",
        )
    if head_count != count or head_hash != prev_hash:
        return _report(count, "edited", count, None, "the chain head does not match the last event")
    return ChainReport(events=count, problem=None)


def _report(count: int, kind: str, seq: int, event_id: uuid.UUID | None, msg: str) -> ChainReport:
    return ChainReport(events=count, problem=ChainProblem(kind, seq, event_id, msg))
