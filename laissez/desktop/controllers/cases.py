"""The cases controller: pages of the case list, the case view, opening a new case.

Reads are indexed queries of a few milliseconds (see ``bench/bench_desktop.py``), so they run
on the GUI thread where the item model needs them synchronously (``fetchMore``).
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QObject, Signal

from laissez.casework.service import Casework
from laissez.casework.views import cases as queries
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error

logger = logging.getLogger(__name__)


class CasesController(QObject):
    """Reads case rows and views for the widgets and opens new cases.

    Emits:
        case_opened(object): a new case was opened; the argument is its ``uuid.UUID``.
        case_failed(str): a translated sentence saying why the action did not happen.
    """

    case_opened = Signal(object)
    case_failed = Signal(str)

    def __init__(self, session: SessionController) -> None:
        super().__init__()
        self.session = session

    def fetch(self, query: queries.CaseQuery, offset: int, limit: int) -> list[queries.CaseRow]:
        """One page of the case list (empty when no one is signed in)."""
        if not self.session.signed_in_now:
            return []
        return queries.case_rows(self.session.database(), query, offset, limit)

    def view(self, case_id: uuid.UUID) -> queries.CaseView | None:
        """What the case view shows, or None (and ``case_failed``) if it cannot be read."""
        try:
            return queries.case_view(self.session.database(), case_id)
        except Exception as exc:
            logger.info("case view failed with %s", type(exc).__name__)
            self.case_failed.emit(describe_error(exc))
            return None

    def new_case(self) -> None:
        """Open a new case as the signed-in user."""
        try:
            case_id = Casework(self.session.database()).intake.open_case()
        except Exception as exc:
            logger.info("opening a case failed with %s", type(exc).__name__)
            self.case_failed.emit(describe_error(exc))
            return
        self.case_opened.emit(case_id)
