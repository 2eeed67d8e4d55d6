"""``SyncEngine``: push the outbox to headquarters and apply what headquarters has.

Push, for each batch of pending outbox entries in outbox order:

1. mark the entries ``sent`` and commit (they are in flight);
2. send one signed batch; headquarters commits, then acknowledges;
3. mark every entry headquarters holds (``accepted``, ``duplicate``, ``conflict``) ``acked``,
   and a rejected one ``failed`` with headquarters' reason; commit.

If the link drops anywhere, the batch goes back to ``pending`` and the next push sends it
again; headquarters recognises what it already committed by change id and hash, so nothing
is lost and nothing is stored twice. If the process dies between steps, ``recover`` (run at
start) puts ``sent`` entries back to ``pending``. Entries that failed are retried once per
push run, so a refused entry cannot stall the queue behind it.

Pull stores revocations, number ranges, form versions and configuration in the ``sync_*``
tables in one transaction, and moves the revocation cursor only in that same transaction.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.orm import Session

from laissez.protocol import (
    DURABLE_STATUSES,
    MAX_BATCH_CHANGES,
    AckStatus,
    Change,
    ChangeAck,
    NumberRange,
    NumberRangeRequest,
    PullResponse,
    PushBatch,
)
from laissez.protocol.kinds import PROTECTION_KINDS
from laissez.protocol.minimise import minimise_payload
from laissez.storage.ids import utcnow
from laissez.storage.models import OutboxEntry
from laissez.storage.outbox import ACKED, FAILED, PENDING, SENT, reset_in_flight
from laissez.storage.sync import protection_counts, signer, state, trust
from laissez.storage.sync.client import HqClient
from laissez.storage.sync.errors import AuditRewrittenError, HqRefusedError, HqUnreachableError

log = logging.getLogger(__name__)
DEFAULT_BATCH_SIZE = 500
INVALID_ENTRY = "sync.invalid_entry"
SessionScope = Callable[[], AbstractContextManager[Session]]


@dataclass
class PushReport:
    """What one push run did (counts only)."""

    batches: int = 0
    acked: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    invalid: int = 0
    interrupted: bool = False
    rejected_codes: dict[str, int] = field(default_factory=dict)


@dataclass
class PullReport:
    """What one pull brought (counts only)."""

    revocations: int = 0
    number_ranges: int = 0
    form_versions: int = 0
    certificates: int = 0
    cursor: int = 0


class SyncEngine:
    """Push and pull for one enrolled installation.

    ``session_scope`` opens one transaction (``Database.session``); ``client`` talks to
    headquarters. The engine is not thread-safe: run one per installation, in a worker.
    """

    def __init__(
        self,
        session_scope: SessionScope,
        client: HqClient,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        trust_dir: Path | None = None,
    ) -> None:
        """``trust_dir``: where each pull writes ``certificates.json`` and
        ``revocations.json`` (``laissez.storage.sync.signer.write_trust_files``)."""
        self.trust_dir = trust_dir
        if not 1 <= batch_size <= MAX_BATCH_CHANGES:
            raise ValueError(f"batch_size must be 1..{MAX_BATCH_CHANGES}")
        self._scope = session_scope
        self._client = client
        self._batch_size = batch_size
        self._full_batch_size = batch_size

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.close()

    def recover(self) -> int:
        """Put entries left in flight by a crash back to ``pending``; returns how many."""
        with self._scope() as session:
            return reset_in_flight(session)

    def _take_batch(self, report: PushReport) -> tuple[list[uuid.UUID], PushBatch] | None:
        """The next batch of pending entries, marked ``sent``. Entries that cannot become a
        valid change (a malformed name, a value JSON cannot hold) are marked ``failed`` with
        ``sync.invalid_entry`` instead, so one bad entry never blocks the queue behind it."""
        while True:
            with self._scope() as session:
                share = state.shares_protection_details(session)
                withheld(session, share)
                entries = list(
                    session.scalars(
                        select(OutboxEntry)
                        .where(OutboxEntry.status == PENDING)
                        .order_by(OutboxEntry.created_at, OutboxEntry.id)
                        .limit(self._batch_size)
                    ).all()
                )
                if not entries:
                    return None
                changes, invalid = [], []
                for entry in entries:
                    try:
                        changes.append(to_change(entry, share))
                    except (ValueError, TypeError):
                        invalid.append(entry.id)
                if invalid:
                    report.invalid += len(invalid)
                    log.warning("%d outbox entries cannot be sent (invalid)", len(invalid))
                    session.execute(
                        update(OutboxEntry)
                        .where(OutboxEntry.id.in_(invalid))
                        .values(status=FAILED, last_error_code=INVALID_ENTRY)
                    )
                if not changes:
                    continue
                ids = [c.change_id for c in changes]
                session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.id.in_(ids))
                    .values(status=SENT, sent_at=utcnow(), attempts=OutboxEntry.attempts + 1)
                )
                return ids, PushBatch(batch_id=uuid.uuid4(), changes=changes)

    def _release(self, ids: list[uuid.UUID], code: str) -> None:
        with self._scope() as session:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.id.in_(ids), OutboxEntry.status == SENT)
                .values(status=PENDING, last_error_code=code)
            )

    def push(self) -> PushReport:
        """Send every pending entry; returns the counts. Never raises for a lost link: the
        report says ``interrupted`` and the entries wait for the next run."""
        report = PushReport()
        with self._scope() as session:
            protection_counts.queue_closed_months(session)
            session.execute(
                update(OutboxEntry).where(OutboxEntry.status == FAILED).values(status=PENDING)
            )
        while True:
            taken = self._take_batch(report)
            if taken is None:
                try:
                    self.send_signer_request()
                except HqUnreachableError:
                    report.interrupted = True  # the request stays queued for the next run
                return report
            ids, batch = taken
            try:
                ack = self._client.push(batch)
            except HqUnreachableError as exc:
                self._release(ids, exc.code)
                report.interrupted = True
                log.info("push interrupted: %d entries wait for the next run", len(ids))
                return report
            except HqRefusedError as exc:
                if not self._refused(ids, exc, report):
                    raise
                continue
            except BaseException:
                self._release(ids, "sync.error")
                raise
            self._apply_ack(ids, ack.acks, report)
            report.batches += 1
            self._batch_size = self._full_batch_size

    def _refused(self, ids: list[uuid.UUID], exc: HqRefusedError, report: PushReport) -> bool:
        """Handle headquarters refusing a whole batch (an answer, not being offline); False
        when the refusal concerns the device, not its changes (the caller re-raises).

        Too large (413): the batch goes back and is sent again in halves. Malformed (400,
        422): each of its entries is marked ``failed`` with ``refused:<code>``, counted as
        rejected, and the queue goes on; a single refused entry so marked is what an
        administrator sees. Authentication and revocation (401, 403): the entries go back.
        """
        if exc.status == 413 and len(ids) > 1:
            self._release(ids, f"refused:{exc.hq_code}"[:64])
            self._batch_size = max(1, len(ids) // 2)
            log.info("headquarters found a batch too large; sending %d at a time", len(ids) // 2)
            return True
        if exc.status in (400, 413, 422):
            code = f"refused:{exc.hq_code}"[:64]
            with self._scope() as session:
                session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.id.in_(ids), OutboxEntry.status == SENT)
                    .values(status=FAILED, last_error_code=code)
                )
            report.rejected += len(ids)
            report.rejected_codes[code] = report.rejected_codes.get(code, 0) + len(ids)
            log.warning("headquarters refused %d entries (%s)", len(ids), exc.hq_code)
            return True
        self._release(ids, exc.code)
        return False

    def _apply_ack(self, ids: list[uuid.UUID], acks: list[ChangeAck], report: PushReport) -> None:
        with self._scope() as session:
            apply_acks(session, ids, acks, report)

    def pull(self) -> PullReport:
        """Have the officers' keys certified (``exchange_keys``), then fetch and store what
        headquarters has for this mission. Raises ``HqUnreachableError`` when offline (nothing
        changes locally then).

        The keys go first because a pull brings headquarters' certificate authority, after which
        the gate trusts only certified keys: a pull alone would leave every decision made here
        untrusted until the next full sync."""
        self.exchange_keys()
        with self._scope() as session:
            since = state.cursor(session)
        response = self._client.pull(since)
        with self._scope() as session:
            report = apply_pull(session, response, since)
        self.write_trust_files()
        return report

    def write_trust_files(self) -> None:
        """Write the offline trust files into ``trust_dir`` (when set)."""
        if self.trust_dir is not None:
            with self._scope() as session:
                signer.write_trust_files(session, self.trust_dir)

    def send_signer_request(self) -> str | None:
        """Send the seal-signer certificate request waiting here (if any); returns its state
        at headquarters (``pending``, or ``refused``), or None when none was waiting.
        A refusal of the whole call (an older headquarters) leaves it queued."""
        with self._scope() as session:
            request = signer.outgoing(session)
        if request is None:
            return None
        try:
            answer = self._client.signer_request(request)
        except HqRefusedError as exc:
            log.warning("headquarters did not take the signer request (%s)", exc.hq_code)
            return None
        with self._scope() as session:
            return signer.record_status(session, answer)

    def request_numbers(self, size: int, series: str = "etd") -> NumberRange:
        """Ask headquarters for ``size`` more document numbers and keep them.

        The request id is stored before asking, so if the answer is lost the next call asks
        with the same id and gets the same range, never a second one.
        """
        with self._scope() as session:
            pending = state.get(session, state.KEY_RANGE_REQUEST)
            if pending is None:
                pending = _json({"id": str(uuid.uuid4()), "size": size, "series": series})
                state.put(session, state.KEY_RANGE_REQUEST, pending)
        saved = json.loads(pending)
        request = NumberRangeRequest(
            request_id=uuid.UUID(saved["id"]), size=int(saved["size"]), series=saved["series"]
        )
        got = self._client.request_range(request)
        with self._scope() as session:
            state.store_range(session, got)
            state.delete_setting(session, state.KEY_RANGE_REQUEST)
        return got

    def exchange_keys(self) -> int:
        """Send headquarters the officers' keys it has not certified and the revocations made
        here; keep the certificates it answers with. Returns how many certificates are held."""
        with self._scope() as session:
            request = trust.key_requests(session)
        if request is None:
            return 0
        answer = self._client.keys(request)
        with self._scope() as session:
            trust.store_answer(session, answer, clear_pending=True)
        return len(answer.certificates)

    def anchor_audit(self) -> int:
        """Anchor this device's audit head at headquarters; returns the anchored count.

        Raises:
            AuditRewrittenError: the trail does not extend the head headquarters holds.
        """
        anchor = self._client.audit_anchor()
        with self._scope() as session:
            head = trust.audit_head(session, anchor)
        try:
            anchored = self._client.audit_head(head)
        except HqRefusedError as exc:
            if exc.status != 409:
                raise
            raise AuditRewrittenError(
                f"this device's audit trail no longer extends what headquarters anchored "
                f"(event {anchor.count}; this device has {head.count}): events were cut off "
                "or rewritten here, or an older backup was restored. Headquarters has flagged "
                "it; ask headquarters to check this device."
            ) from None
        with self._scope() as session:
            trust.store_anchor(session, anchored)
        return anchored.count

    def sync(self) -> tuple[PushReport, PullReport | None]:
        """Push, pull (officers' key certificates first), then anchor the audit head, while
        the link holds; the pull report is None when offline. Raises
        ``AuditRewrittenError`` (after the pull) when headquarters refuses the audit head."""
        pushed = self.push()
        if pushed.interrupted:
            return pushed, None
        try:
            pulled = self.pull()
            self.anchor_audit()
        except HqUnreachableError:
            return pushed, None
        return pushed, pulled


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def withheld(session: Session, share_protection_details: bool) -> int:
    """Delete the waiting outbox entries that must stay on the mission (the per-case
    protection kinds, which an older version queued); returns how many. What they recorded
    stays in the case and its audit trail; headquarters gets the monthly counts instead."""
    if share_protection_details:
        return 0
    names = [(k.entity, k.operation) for k in PROTECTION_KINDS]
    result = session.execute(
        delete(OutboxEntry).where(
            OutboxEntry.status.in_((PENDING, FAILED)),
            tuple_(OutboxEntry.entity, OutboxEntry.operation).in_(names),
        )
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.info("%d protection entries kept on the mission, not sent", count)
    return count


def to_change(entry: OutboxEntry, share_protection_details: bool) -> Change:
    """The wire form of an outbox entry, minimised for headquarters. Raises ``ValueError``
    (pydantic's validation error included) or ``TypeError`` when the entry cannot travel."""
    payload, _dropped = minimise_payload(
        entry.payload, entity=entry.entity, share_protection_details=share_protection_details
    )
    return Change.build(
        change_id=entry.id,
        entity=entry.entity,
        entity_id=entry.entity_id,
        operation=entry.operation,
        payload=payload,
        schema_version=entry.schema_version,
        created_at=state.aware(entry.created_at),
    )


def apply_pull(session: Session, response: PullResponse, since: int) -> PullReport:
    """Store what a pull brought, in the caller's transaction (the cursor moves with it)."""
    report = PullReport(cursor=response.cursor)
    report.revocations = sum(state.store_revocation(session, r) for r in response.revocations)
    report.number_ranges = sum(state.store_range(session, r) for r in response.number_ranges)
    report.form_versions = sum(state.store_form(session, f) for f in response.form_versions)
    report.certificates = sum(
        state.store_certificate(session, c) for c in response.signer_certificates
    )
    trust.store_certificates(session, response.user_key_ca, response.key_certificates)
    signer.apply(session, response)
    state.put(session, state.KEY_CONFIG, _json(response.configuration))
    state.put(session, state.KEY_MISSION, response.mission_code)
    state.put(session, state.KEY_CURSOR, str(max(since, response.cursor)))
    return report


def apply_acks(
    session: Session, ids: list[uuid.UUID], acks: list[ChangeAck], report: PushReport
) -> None:
    """Mark entries headquarters holds ``acked`` and rejected ones ``failed``, in the caller's
    transaction; only entries in ``ids`` are touched."""
    by_id = {a.change_id: a for a in acks}
    now = utcnow()
    durable: list[uuid.UUID] = []
    for entry_id in ids:
        ack = by_id.get(entry_id)
        if ack is not None and ack.status in DURABLE_STATUSES:
            durable.append(entry_id)
            report.acked += 1
            report.duplicates += ack.status == AckStatus.DUPLICATE
            report.conflicts += ack.status == AckStatus.CONFLICT
            continue
        reason = (ack.reason if ack is not None else None) or "sync.not_acknowledged"
        report.rejected += 1
        report.rejected_codes[reason] = report.rejected_codes.get(reason, 0) + 1
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.status != ACKED)
            .values(status=FAILED, last_error_code=reason[:64])
        )
    for start in range(0, len(durable), 500):
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id.in_(durable[start : start + 500]))
            .values(status=ACKED, acked_at=now, last_error_code=None)
        )
