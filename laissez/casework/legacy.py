"""Decisions made before decisions were signed (cases from before schema 0007_insider_signed):
they must not block a case forever, and nobody may sign them in someone else's name.

A decision is *from before signing* when it has no signature at all and was decided before
the first signed audit event of a database that had an unsigned era (actor events with no
signature before that one): a database made by this version has no such era, so a row
written around casework there stays ``decision.unsigned``. The gate reports the old ones as
``decision.signed_before_upgrade``, and two paths clear them, both audited:

* ``resign``: their author, signed in, signs their own old decisions of a case after looking
  at them (``decision.resigned``);
* ``reaffirm``: when the author is gone or unavailable, a supervisor who took no part in the
  case approves it again (``case.reaffirm_approval``): a new signed approval that supersedes
  every older unsigned one. An old protection officer's decision can only be re-signed by
  its author, or replaced by a new decision of a protection officer.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from laissez.casework import signatures
from laissez.casework.base import CaseContext, require_independent
from laissez.casework.decisions import record_approval
from laissez.casework.errors import InvalidTransitionError
from laissez.casework.gate import evaluate
from laissez.casework.states import CaseState as S
from laissez.storage import audit
from laissez.storage.models import Approval, Role, Screening

SUPERVISOR = Role.SUPERVISOR.value


class LegacySteps:
    """The two ways to clear decisions from before signing (see the module's docstring)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    def resign(self, case_id: uuid.UUID) -> int:
        """Sign, as their author, the signed-in user's own decisions of the case from before
        signing; returns how many. Other people's are left alone."""
        me = self.ctx.actor_id
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_clock(session, case)
            old = set(signatures.old_decisions(session, case.id))
            count = 0
            for a in session.scalars(select(Approval).where(Approval.case_id == case.id)):
                if f"approval:{a.id}" in old and a.approver_id == me:
                    signatures.sign_approval(self.ctx.db, a)
                    count += 1
            for s in session.scalars(select(Screening).where(Screening.case_id == case.id)):
                if f"screening:{s.id}" in old and s.decided_by == me:
                    signatures.sign_screening(self.ctx.db, s)
                    count += 1
            if count:
                audit.record(session, me, "decision.resigned", "case", case.id,
                             {"decisions": count})  # fmt: skip
            return count

    def reaffirm(self, case_id: uuid.UUID, comment: str | None = None) -> None:
        """A supervisor who took no part in the case approves it again, in place of its old
        unsigned approval. Allowed only on an approved case that has one; every other gate
        condition must hold (``GateBlockedError``)."""
        self.ctx.require(SUPERVISOR)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            old = [
                o for o in signatures.old_decisions(session, case.id) if o.startswith("approval:")
            ]
            if case.status != S.APPROVED.value or not old:
                raise InvalidTransitionError(
                    f"case {case.id} has no approval from before signing to reaffirm",
                    state=case.status,
                    action="reaffirm_approval",
                )
            snap = self.ctx.snapshot(session, case)
            require_independent(snap, self.ctx.actor_id, case.id)
            issues = [
                i
                for i in evaluate(snap, ignore_approval=True)
                if i.code != "decision.signed_before_upgrade"
            ]
            record_approval(self.ctx, session, case, issues, comment)
            self.ctx.log(session, case, "approve", S.APPROVED, {"reaffirmed": len(old)})
