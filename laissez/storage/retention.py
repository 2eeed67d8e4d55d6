"""Retention: how long personal data of cases is kept, and the purge that removes it.

A policy is a set of rules ``status -> keep_days``: the personal data of a case that has been
in ``status`` for more than ``keep_days`` days (counted from ``cases.status_changed_at``) is
removed. The purge runs on demand (``laissez purge``) and at every start-up
(``Database.open``). For each due case it:

* deletes the person's identity documents, scans and photos and the interview answers;
* clears the personal columns listed in ``models.PERSONAL_COLUMNS`` (names, birth date,
  interpreter, questions, guardian, free-text notes, MRZ of issued documents);
* deletes the case's outbox entries HQ has acknowledged (their payloads are personal data);
* sets ``purged_at`` on the case and the person and writes a ``retention.purged`` audit event
  holding only the case id, the rule's status and the number of days.

Automatic backups (made before migrations) older than the shortest retention period are
deleted too, since they may hold data purged since; backups an operator wrote elsewhere with
``laissez backup`` are the operator's to keep or destroy.

The case skeleton (ids, statuses, dates, decisions, travel-document numbers for revocation)
and the audit chain remain, so the chain still verifies. A case with outbox entries that HQ has
not acknowledged yet is *deferred*: deleting it would lose data HQ never received. A person
shared by another case that is not purged keeps their data until that case is purged too.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from laissez.storage import audit
from laissez.storage.errors import RetentionPolicyError
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    PERSONAL_COLUMNS,
    Base,
    Case,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    InterviewAnswerVersion,
    OutboxEntry,
    Person,
    RetentionRule,
)

_STATUS = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ACKED = "acked"


@dataclass(frozen=True)
class PurgeReport:
    """What a purge did (or, with ``dry_run``, would do).

    Attributes:
        purged: ids of cases whose personal data was removed.
        deferred: ids of due cases kept because HQ has not acknowledged all their changes.
        dry_run: True when nothing was changed.
        backups_removed: automatic backups older than the shortest retention period, deleted
            because they may still hold data that has since been purged.
    """

    purged: list[uuid.UUID] = field(default_factory=list)
    deferred: list[uuid.UUID] = field(default_factory=list)
    dry_run: bool = False
    backups_removed: list[str] = field(default_factory=list)


def rules(session: Session) -> dict[str, int]:
    """The policy: ``{status: keep_days}``."""
    return {r.status: r.keep_days for r in session.scalars(select(RetentionRule))}


def set_rule(session: Session, actor_id: uuid.UUID | None, status: str, keep_days: int) -> None:
    """Keep personal data of cases in ``status`` for ``keep_days`` days (audited).

    Raises ``RetentionPolicyError`` for a status that is not a lower-case code or a negative
    number of days.
    """
    if not _STATUS.match(status):
        raise RetentionPolicyError("a retention rule's status must be a lower-case code")
    if keep_days < 0:
        raise RetentionPolicyError("a retention rule needs zero or more days")
    rule = session.get(RetentionRule, status)
    if rule is None:
        session.add(RetentionRule(status=status, keep_days=keep_days))
    else:
        rule.keep_days = keep_days
    audit.record(
        session,
        actor_id,
        "retention.rule_set",
        "retention_rule",
        None,
        {"status": status, "keep_days": keep_days},
    )


def remove_rule(session: Session, actor_id: uuid.UUID | None, status: str) -> bool:
    """Delete the rule for ``status``; returns whether there was one (audited)."""
    rule = session.get(RetentionRule, status)
    if rule is None:
        return False
    session.delete(rule)
    audit.record(
        session, actor_id, "retention.rule_removed", "retention_rule", None, {"status": status}
    )
    return True


def due_cases(session: Session, now: dt.datetime) -> list[tuple[uuid.UUID, str, int]]:
    """(case id, status, keep_days) of cases not yet purged whose retention time is over."""
    out: list[tuple[uuid.UUID, str, int]] = []
    for status, days in sorted(rules(session).items()):
        cutoff = now - dt.timedelta(days=days)
        stmt = (
            select(Case.id)
            .where(Case.status == status, Case.purged_at.is_(None))
            .where(Case.status_changed_at <= cutoff)
            .order_by(Case.id)
        )
        out += [(cid, status, days) for cid in session.scalars(stmt)]
    return out


def purge(
    session: Session,
    actor_id: uuid.UUID | None,
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
) -> PurgeReport:
    """Remove the personal data of every due case, in ``session``'s transaction."""
    now = now or utcnow()
    report = PurgeReport(dry_run=dry_run)
    for case_id, status, days in due_cases(session, now):
        unacked = session.scalar(
            select(OutboxEntry.id)
            .where(OutboxEntry.case_id == case_id, OutboxEntry.status != ACKED)
            .limit(1)
        )
        if unacked is not None:
            report.deferred.append(case_id)
            continue
        report.purged.append(case_id)
        if not dry_run:
            _purge_case(session, case_id, now)
            audit.record(
                session,
                actor_id,
                "retention.purged",
                "case",
                case_id,
                {"status": status, "keep_days": days},
            )
    return report


def _purge_case(session: Session, case_id: uuid.UUID, now: dt.datetime) -> None:
    case = session.get(Case, case_id)
    assert case is not None
    tables = Base.metadata.tables
    session.execute(delete(InterviewAnswers).where(InterviewAnswers.case_id == case_id))
    session.execute(delete(InterviewAnswerVersion).where(InterviewAnswerVersion.case_id == case_id))
    for table_name, columns in PERSONAL_COLUMNS.items():
        if table_name == "people":
            continue
        table = tables[table_name]
        session.execute(
            update(table).where(table.c.case_id == case_id).values({c: None for c in columns})
        )
    session.execute(
        delete(OutboxEntry).where(OutboxEntry.case_id == case_id, OutboxEntry.status == ACKED)
    )
    case.purged_at = now
    person_id = case.person_id
    session.flush()
    if person_id is None:
        return
    still_used = session.scalar(
        select(Case.id)
        .where(Case.person_id == person_id, Case.purged_at.is_(None), Case.id != case_id)
        .limit(1)
    )
    if still_used is not None:
        return
    doc_ids = select(IdentityDocument.id).where(IdentityDocument.person_id == person_id)
    session.execute(delete(DocumentImage).where(DocumentImage.document_id.in_(doc_ids)))
    session.execute(delete(IdentityDocument).where(IdentityDocument.person_id == person_id))
    session.execute(
        update(Person)
        .where(Person.id == person_id)
        .values({**{c: None for c in PERSONAL_COLUMNS["people"]}, "purged_at": now})
    )
