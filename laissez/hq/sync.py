"""What devices do at headquarters: push changes, pull what concerns them, get number ranges.

Every function takes the authenticated ``Device`` and touches only rows of its mission.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from laissez.hq import highwater
from laissez.hq.db import insert_ignore
from laissez.hq.errors import NumberCapacityError, NumberQuotaError
from laissez.hq.models import (
    ChangeRecord,
    Conflict,
    Device,
    FormVersionRecord,
    Mission,
    NumberCounter,
    NumberRangeRecord,
    RevocationRecord,
    SignerCertificateRecord,
    utcnow,
)
from laissez.protocol import (
    AckStatus,
    ChangeAck,
    FormVersion,
    NumberRange,
    NumberRangeRequest,
    PullResponse,
    PushAck,
    PushBatch,
    Revocation,
    SignerCertificate,
)
from laissez.protocol.kinds import KINDS, ChangeKindError, Effect, Registry, stays_on_mission
from laissez.protocol.minimise import minimise_payload, without_sensitive_fields
from laissez.protocol.numbers import CAPACITY_PER_PREFIX, counter_key, number_prefix

log = logging.getLogger(__name__)


def _lock_mission(session: Session, mission_id: uuid.UUID) -> None:
    """Serialise pushes of one mission so two deliveries of one change id cannot both pass
    the "have we seen it?" check unseen by each other. Other missions are not blocked."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"push:{mission_id}"},
        )


def _holds_nul(value: object) -> bool:
    """True when ``value`` (strings, keys, lists, mappings, nested) holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    return False


def ingest(
    session: Session, device: Device, batch: PushBatch, registry: Registry = KINDS
) -> PushAck:
    """Store a batch in the caller's transaction and return the answer for each change.

    The caller commits, then sends the answer: an acknowledgement is never sent for data
    that is not committed. Same id and same hash: ``duplicate``. Same id, other hash: both
    versions stored, a ``Conflict`` row for a person, ``conflict``. Damaged hash: ``rejected``
    (``hash_mismatch``). A kind ``registry`` does not define, a schema version it does not
    read or a payload its schema refuses: that change alone is ``rejected`` with the code
    (``kind.unknown``, ``kind.version_ahead``/``_behind``, ``payload.invalid``); the others
    of the batch are stored. Each stored change then gets its kind's effects (a revocation
    joins the revocation list).
    """
    mission = session.get(Mission, device.mission_id)
    assert mission is not None
    _lock_mission(session, mission.id)
    ids = [c.change_id for c in batch.changes]
    seen: dict[uuid.UUID, dict[str, int]] = {}
    if ids:
        rows = session.execute(
            select(ChangeRecord.change_id, ChangeRecord.content_hash, ChangeRecord.seq).where(
                ChangeRecord.mission_id == mission.id, ChangeRecord.change_id.in_(ids)
            )
        )
        for change_id, digest, seq in rows:
            seen.setdefault(change_id, {})[digest] = seq
    acks: dict[uuid.UUID, ChangeAck] = {}
    effects: dict[uuid.UUID, frozenset[Effect]] = {}
    new_rows: list[dict[str, Any]] = []
    now = utcnow()
    for change in batch.changes:
        if not change.hash_matches():
            acks[change.change_id] = ChangeAck(
                change_id=change.change_id, status=AckStatus.REJECTED, reason="hash_mismatch"
            )
            continue
        if _holds_nul((change.entity, change.entity_id, change.operation, change.payload)):
            # PostgreSQL text and JSON cannot hold U+0000: refuse this change alone, with a
            # code the device records and shows an administrator, never the whole batch
            acks[change.change_id] = ChangeAck(
                change_id=change.change_id, status=AckStatus.REJECTED, reason="nul_character"
            )
            continue
        versions = seen.get(change.change_id, {})
        if change.content_hash in versions:
            acks[change.change_id] = ChangeAck(
                change_id=change.change_id, status=AckStatus.DUPLICATE
            )
            continue
        # the kind's schema is checked on what the mission sent, less the personal and
        # protection fields an older client may have left in (dropped, not a reason to refuse):
        # an unknown field is a payload that does not match and is refused alone
        try:
            kind, _ = registry.check(
                change.entity,
                change.operation,
                change.schema_version,
                without_sensitive_fields(change.payload, entity=change.entity),
            )
        except ChangeKindError as exc:
            log.info(
                "change %s of mission %s refused: %s", change.change_id, mission.code, exc.code
            )
            acks[change.change_id] = ChangeAck(
                change_id=change.change_id, status=AckStatus.REJECTED, reason=exc.code
            )
            continue
        if stays_on_mission(change.entity, change.operation, mission.share_protection_details):
            # a protection fact about one case, from a client that should have kept it: held
            # by nobody here, acknowledged so that the mission does not send it again
            log.info("change %s of mission %s not kept: protection", change.change_id,
                     mission.code)  # fmt: skip
            acks[change.change_id] = ChangeAck(
                change_id=change.change_id, status=AckStatus.ACCEPTED, stripped=["*"]
            )
            continue
        # then only what the allow-list names is stored
        kept, stripped = minimise_payload(
            change.payload,
            entity=change.entity,
            share_protection_details=mission.share_protection_details,
        )
        effects[change.change_id] = kind.effects
        new_rows.append(
            {
                "mission_id": mission.id,
                "device_id": device.id,
                "batch_id": batch.batch_id,
                "change_id": change.change_id,
                "content_hash": change.content_hash,
                "entity": change.entity,
                "entity_id": change.entity_id,
                "operation": change.operation,
                "schema_version": change.schema_version,
                "payload": kept,
                "stripped": stripped,
                "created_at": change.created_at,
                "received_at": now,
            }
        )
        status = AckStatus.CONFLICT if versions else AckStatus.ACCEPTED
        acks[change.change_id] = ChangeAck(
            change_id=change.change_id, status=status, stripped=stripped
        )
    if new_rows:
        inserted = session.execute(
            insert(ChangeRecord).returning(ChangeRecord.seq, ChangeRecord.change_id), new_rows
        ).all()
        seq_of = {change_id: seq for seq, change_id in inserted}
        for row in new_rows:
            earlier = seen.get(row["change_id"])
            if earlier:
                session.add(
                    Conflict(
                        mission_id=mission.id,
                        change_id=row["change_id"],
                        first_seq=min(earlier.values()),
                        other_seq=seq_of[row["change_id"]],
                    )
                )
                log.warning("conflict on change %s of mission %s", row["change_id"], mission.code)
            if Effect.REVOCATION_LIST in effects[row["change_id"]]:
                _record_mission_revocation(session, mission.id, row["payload"])
        session.flush()
    return PushAck(batch_id=batch.batch_id, acks=[acks[i] for i in ids], committed_at=utcnow())


def _record_mission_revocation(
    session: Session, mission_id: uuid.UUID, payload: dict[str, Any]
) -> None:
    """Add the document of a ``revocation/revoke`` payload (validated against its kind) to the
    mission's revocation list, once, with the time the mission revoked it."""
    number = str(payload["document_number"])
    exists = session.scalar(
        select(RevocationRecord.seq).where(
            RevocationRecord.mission_id == mission_id,
            RevocationRecord.document_number == number,
        )
    )
    if exists is None:
        session.add(
            RevocationRecord(
                mission_id=mission_id,
                document_number=number[:32],
                reason_code=str(payload.get("reason") or "unspecified")[:40],
                source="mission",
                revoked_at=_parse_time(payload.get("revoked_at")),
            )
        )


def _parse_time(raw: Any) -> dt.datetime:
    """A mission's ISO timestamp as an aware datetime (now when it cannot be read)."""
    try:
        return _aware(dt.datetime.fromisoformat(str(raw)))
    except ValueError:
        return utcnow()


#: numbers one device may hold in all (its ranges together) unless its mission says otherwise
DEVICE_QUOTA = 20_000
#: numbers one mission may hold in all unless its configuration says otherwise
MISSION_QUOTA = 250_000
#: headquarters warns once a mission has fewer than this share of its numbers left
LOW_SHARE = 0.10


@dataclass(frozen=True)
class NumberStanding:
    """How many document numbers a mission holds and may still get.

    ``left`` is the smaller of what its quota and its prefix's capacity still allow; ``low``
    is true once ``left`` is under ``LOW_SHARE`` of its quota (time to raise the quota or plan
    a new prefix, before officers meet ``NoDocumentNumbersError``).
    """

    mission_code: str
    prefix: str
    allocated: int
    quota: int
    prefix_used: int
    capacity: int
    left: int
    low: bool


def _quota(mission: Mission, key: str, default: int) -> int:
    value = (mission.config or {}).get(key)
    return int(value) if isinstance(value, int) and value >= 0 else default


def _held(session: Session, column: Any, value: uuid.UUID, series: str) -> int:
    total = session.scalar(
        select(
            func.coalesce(func.sum(NumberRangeRecord.last - NumberRangeRecord.first + 1), 0)
        ).where(column == value, NumberRangeRecord.series == series)
    )
    return int(total or 0)


def _counter_next(session: Session, key: str) -> int:
    value = session.scalar(select(NumberCounter.next_value).where(NumberCounter.series == key))
    return int(value) if value is not None else 1


def number_standing(session: Session, mission: Mission, series: str = "etd") -> NumberStanding:
    """The mission's document-number standing for ``series`` (see :class:`NumberStanding`)."""
    quota = _quota(mission, "number_quota_mission", MISSION_QUOTA)
    allocated = _held(session, NumberRangeRecord.mission_id, mission.id, series)
    used = _counter_next(session, counter_key(series, mission.code)) - 1
    left = max(0, min(quota - allocated, CAPACITY_PER_PREFIX - used))
    return NumberStanding(
        mission_code=mission.code,
        prefix=number_prefix(mission.code),
        allocated=allocated,
        quota=quota,
        prefix_used=used,
        capacity=CAPACITY_PER_PREFIX,
        left=left,
        low=left < LOW_SHARE * quota,
    )


def allocate_range(session: Session, device: Device, request: NumberRangeRequest) -> NumberRange:
    """Give the device ``request.size`` fresh numbers of ``request.series``.

    One counter per series and mission prefix (``laissez.protocol.numbers.counter_key``), so
    one mission's requests never use up another's numbers. The counter row moves forward in
    one ``UPDATE ... RETURNING`` (a row lock on PostgreSQL), so no two devices can ever receive
    overlapping numbers; a new prefix counter starts after every number the former single
    counter handed out, so no number is given twice across the change. Asking again with the
    same ``request_id`` returns the same range instead of a new one.

    Raises:
        NumberQuotaError: the device's or the mission's quota would be passed.
        NumberCapacityError: the prefix's 999,999 numbers would be passed.
    """
    previous = session.scalar(
        select(NumberRangeRecord).where(
            NumberRangeRecord.device_id == device.id,
            NumberRangeRecord.request_id == request.request_id,
        )
    )
    if previous is not None:
        return _range_message(previous)
    mission = session.get(Mission, device.mission_id)
    assert mission is not None
    _lock_mission(session, mission.id)  # quotas are checked and used under one lock
    size = request.size
    device_quota = _quota(mission, "number_quota_device", DEVICE_QUOTA)
    if _held(session, NumberRangeRecord.device_id, device.id, request.series) + size > (
        device_quota
    ):
        raise NumberQuotaError(
            f"device {device.id} would hold more than its quota of {device_quota} numbers"
        )
    standing = number_standing(session, mission, request.series)
    if standing.allocated + size > standing.quota:
        raise NumberQuotaError(
            f"mission {mission.code} would hold more than its quota of {standing.quota} numbers"
        )
    key = counter_key(request.series, mission.code)
    legacy = _counter_next(session, request.series)  # the single counter of earlier versions
    session.execute(insert_ignore(session, NumberCounter, {"series": key, "next_value": legacy}))
    mark = highwater.marks(session).get(key)
    if mark is not None and highwater.raise_to(session, key, mark) is not None:
        log.warning("number counter %s was behind its high-water mark %d: moved past it", key, mark)
    end = session.execute(
        update(NumberCounter)
        .where(NumberCounter.series == key)
        .values(next_value=NumberCounter.next_value + size)
        .returning(NumberCounter.next_value)
    ).scalar_one()
    if end - 1 > CAPACITY_PER_PREFIX:
        raise NumberCapacityError(
            f"prefix {standing.prefix} has {max(0, CAPACITY_PER_PREFIX - (end - size - 1))} "
            f"numbers left of {CAPACITY_PER_PREFIX}; {size} were asked for"
        )  # the caller rolls back, so the counter does not move
    highwater.record(session, key, end - 1)  # on disk before the range leaves headquarters
    row = NumberRangeRecord(
        series=request.series,
        mission_id=device.mission_id,
        device_id=device.id,
        request_id=request.request_id,
        first=end - size,
        last=end - 1,
    )
    session.add(row)
    session.flush()
    after = number_standing(session, mission, request.series)
    if after.low:
        log.warning(
            "mission %s is low on document numbers: %d left (quota %d, prefix %s used %d of %d)",
            mission.code, after.left, after.quota, after.prefix, after.prefix_used,
            after.capacity,
        )  # fmt: skip
    return _range_message(row)


def _range_message(row: NumberRangeRecord) -> NumberRange:
    return NumberRange(
        range_id=row.id,
        series=row.series,
        first=row.first,
        last=row.last,
        allocated_at=_aware(row.allocated_at),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def pull(session: Session, device: Device, since: int) -> PullResponse:
    """Everything the device's mission should know; revocations after cursor ``since``."""
    mission = session.get(Mission, device.mission_id)
    assert mission is not None
    revocations = session.scalars(
        select(RevocationRecord)
        .where(RevocationRecord.mission_id == mission.id, RevocationRecord.seq > since)
        .order_by(RevocationRecord.seq)
    ).all()
    cursor = max([since, *(r.seq for r in revocations)])
    ranges = session.scalars(
        select(NumberRangeRecord)
        .where(NumberRangeRecord.device_id == device.id)
        .order_by(NumberRangeRecord.first)
    ).all()
    forms = session.scalars(
        select(FormVersionRecord)
        .where(FormVersionRecord.signature.is_not(None))
        .order_by(FormVersionRecord.form_id, FormVersionRecord.published_at)
    ).all()
    certs = session.scalars(
        select(SignerCertificateRecord).where(
            (SignerCertificateRecord.mission_id == mission.id)
            | SignerCertificateRecord.mission_id.is_(None)
        )
    ).all()
    return PullResponse(
        mission_code=mission.code,
        cursor=cursor,
        revocations=[
            Revocation(
                seq=r.seq,
                document_number=r.document_number,
                revoked_at=_aware(r.revoked_at),
                reason_code=r.reason_code,
                source="mission" if r.source == "mission" else "headquarters",
            )
            for r in revocations
        ],
        number_ranges=[_range_message(r) for r in ranges],
        form_versions=[
            FormVersion(
                form_id=f.form_id,
                version=f.version,
                language=f.language,
                content_hash=f.content_hash,
                body=f.body,
                published_at=_aware(f.published_at),
                signature=f.signature,
            )
            for f in forms
        ],
        signer_certificates=[
            SignerCertificate(
                certificate_id=c.id,
                pem=c.pem,
                valid_from=_aware(c.valid_from),
                valid_until=_aware(c.valid_until),
            )
            for c in certs
        ],
        configuration={
            **mission.config,
            "share_protection_details": mission.share_protection_details,
        },
    )


def mission_changes(
    session: Session, device: Device, *, after_seq: int = 0, limit: int = 1000
) -> list[ChangeRecord]:
    """The device's own mission's stored changes after ``after_seq`` (to check what arrived)."""
    return list(
        session.scalars(
            select(ChangeRecord)
            .where(ChangeRecord.mission_id == device.mission_id, ChangeRecord.seq > after_seq)
            .order_by(ChangeRecord.seq)
            .limit(limit)
        ).all()
    )


def count_changes(session: Session, mission_id: uuid.UUID) -> int:
    """How many change versions a mission has stored."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(ChangeRecord)
            .where(ChangeRecord.mission_id == mission_id)
        )
        or 0
    )
