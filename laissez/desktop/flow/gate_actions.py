"""What the officer can do from the gate's checklist, wherever the checklist is shown (the
overview and the approval steps): decide an uncertain match with another case, and sign again
or approve again decisions made before decisions were signed."""

from __future__ import annotations

import uuid

from laissez.desktop.flow import legacy
from laissez.desktop.flow.checklist import GateChecklist
from laissez.desktop.flow.step import CaseStep


def connect_checklist(step: CaseStep, gate: GateChecklist) -> None:
    """Wire ``gate``'s buttons to casework for ``step``'s case (the case reloads after)."""

    def decide_match(proposal_id: object, decision: str) -> None:
        assert isinstance(proposal_id, uuid.UUID)
        step.context.attempt(
            step, lambda: step.context.casework().persons.decide_match(proposal_id, decision)
        )

    def legacy_requested(kind: str) -> None:
        if kind == legacy.RESIGN:
            legacy.sign_again(step, step.context)
        else:
            legacy.approve_again(step, step.context, step)

    gate.match_decided.connect(decide_match)
    gate.legacy_requested.connect(legacy_requested)
