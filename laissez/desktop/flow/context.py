"""What every case step shares: the signed-in session, the case shown, and one way to call
casework that turns failures into words on the page and refreshes the flow on success."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import ClassVar, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from laissez.casework.accounts import Database
from laissez.casework.gate import GateIssue
from laissez.casework.readiness import supply_issues
from laissez.casework.service import Casework
from laissez.desktop.config import Config
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error

logger = logging.getLogger(__name__)
T = TypeVar("T")


class MessageTarget(Protocol):
    """What ``FlowContext.attempt`` needs of the page it reports to (a ``step.CaseStep``):
    a step id for the log and a place to show a message. Declared here so that this module
    does not import ``step``, which imports this one."""

    step_id: ClassVar[str]

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the page ("" clears it); ``error`` marks a refusal."""


class FlowContext(QObject):
    """Shared by the steps of one ``CaseFlowPage``.

    Emits:
        case_changed(object): casework recorded something for the case (its ``uuid.UUID``);
            the flow re-reads the case and every step reloads.
        go_to_step(str, str): a step asks the flow to show another step (step id, gate code
            or ""), e.g. the approval checklist's "Fix" buttons.
        supply_requested(str): a checklist asks the window to fix a supply condition of this
            computer (``supply.no_numbers``: sync; ``supply.no_signer``: install the key).
    """

    case_changed = Signal(object)
    go_to_step = Signal(str, str)
    supply_requested = Signal(str)

    def __init__(self, session: SessionController, config: Config) -> None:
        super().__init__()
        self.session = session
        self.config = config
        self.case_id: uuid.UUID | None = None

    def database(self) -> Database:
        """The signed-in user's open database."""
        return self.session.database()

    def casework(self) -> Casework:
        """Casework acting as the signed-in user (with the seal key's PIN if one was given)."""
        cw = Casework(self.session.database())
        cw.signing.use_token_pin(self.session.token_pin)
        return cw

    def supply(self) -> tuple[GateIssue, ...]:
        """This computer's unmet conditions for issuing (document numbers, signing key); ()
        when they cannot be read (the step then says what issuing itself refuses)."""
        try:
            cw = self.casework()
            return supply_issues(cw.numbers.numbers_left(), cw.signing.signers())
        except Exception as exc:
            logger.info("reading the issuing supply failed with %s", type(exc).__name__)
            return ()

    def may_install_signer(self) -> bool:
        """Whether the signed-in user is an administrator (who installs signing keys)."""
        return self.session.is_administrator()

    def attempt(
        self, step: MessageTarget, action: Callable[[], T], *, changed: bool = True
    ) -> T | None:
        """Run ``action`` (a casework call) on the GUI thread.

        On failure: log the error's type only, show the translated sentence on ``step`` and
        return None (nothing was written: casework calls are one transaction). On success:
        clear the step's message, emit ``case_changed`` when ``changed`` and return the result.
        """
        try:
            result = action()
        except Exception as exc:
            logger.info("case step %s failed with %s", step.step_id, type(exc).__name__)
            step.show_message(describe_error(exc), error=True)
            return None
        step.show_message("")
        if changed and self.case_id is not None:
            self.case_changed.emit(self.case_id)
        return result
