"""The base of every page of the case flow."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import ClassVar, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from laissez.casework.accounts import Database
from laissez.casework.views.cases import CaseView
from laissez.desktop import theme
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.messages import describe_error

logger = logging.getLogger(__name__)
T = TypeVar("T")


class MessageBanner(QLabel):
    """One line above a step's content: why something was refused, or what was saved.

    Hidden while empty; errors are announced to screen readers through the accessible
    description.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("step_message")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = False
        self.hide()

    def show_text(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` (hide the banner when empty)."""
        self.error = error and bool(text)
        self.setText(text)
        self.setProperty("error", self.error)
        self.setStyleSheet(theme.ERROR_BANNER if self.error else theme.SUCCESS_BANNER)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))


class CaseStep(QWidget):
    """One page of the guided flow. Subclasses set ``step_id`` and implement ``title``,
    ``load``, ``clear`` and ``retranslate``; they add their widgets to ``self.body``.

    Rules for steps:
    - every change goes through ``self.context.attempt(self, lambda: cw.some_call(...))``;
      no business rule here (the gate and the transitions live in casework);
    - ``clear()`` forgets everything personal (called on lock, sign-out and case change);
    - ``focus_issue(code)`` puts the keyboard focus where the gate condition ``code`` is fixed.
    """

    step_id: ClassVar[str] = ""

    def __init__(self, context: FlowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"step_{self.step_id}")
        self.case: CaseView | None = None
        self.message = MessageBanner()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.message)
        self.body = QVBoxLayout()
        outer.addLayout(self.body, 1)

    def title(self) -> str:
        """The step's name in the step list (translated)."""
        raise NotImplementedError

    def load(self, case: CaseView) -> None:
        """Fill the page from the case (called when the case is opened or changes)."""
        self.case = case

    def clear(self) -> None:
        """Forget the case shown (lock, sign-out, another case)."""
        self.case = None
        self.message.show_text("")

    def retranslate(self) -> None:
        """Set every text in the current interface language."""

    def unsaved(self) -> list[str]:
        """Names of what was typed on this step and not saved (empty: nothing)."""
        return []

    def save_unsaved(self) -> bool:
        """Save what ``unsaved`` names; False when something could not be saved (its reason
        is shown on the step)."""
        return True

    def focus_issue(self, code: str) -> None:
        """Put the focus where the gate condition ``code`` is fixed (default: first field)."""
        self.focusNextChild()

    def read(self, reader: Callable[[Database, uuid.UUID], T], case: CaseView) -> T | None:
        """What ``reader`` (a casework read) gives for ``case``; on failure, log the error's
        type only, show its sentence on the step and return None."""
        try:
            return reader(self.context.database(), case.case_id)
        except Exception as exc:
            logger.info("reading for step %s failed with %s", self.step_id, type(exc).__name__)
            self.show_message(describe_error(exc), error=True)
            return None

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Show a sentence above the step (empty: hide)."""
        self.message.show_text(text, error=error)

    def done(self) -> bool:
        """True when this step has nothing left to do for the case (a tick in the list)."""
        return False


class LazyCaseStep(CaseStep):
    """A step whose widgets are made when a case is first loaded or the step first shown:
    every widget made at start-up costs time on the sign-in path. Subclasses make their
    widgets in ``_build()`` and call ``_ensure_built()`` before touching them."""

    def __init__(self, context: FlowContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._built = False

    def _build(self) -> None:
        raise NotImplementedError

    def _ensure_built(self) -> None:
        """Make the widgets once."""
        if self._built:
            return
        self._built = True
        self._build()

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_built()
        super().showEvent(event)
