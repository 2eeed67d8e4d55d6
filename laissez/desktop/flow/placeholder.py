"""TEMPORARY: a page for steps still being built (removed before the issue is closed)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title


def placeholder(step_id: str) -> type[CaseStep]:
    """A step class showing only its title."""

    class Placeholder(CaseStep):
        def __init__(self, context: FlowContext) -> None:
            super().__init__(context)
            self.label = QLabel()
            self.body.addWidget(self.label)
            self.body.addStretch(1)

        def title(self) -> str:
            return step_title(step_id)

        def retranslate(self) -> None:
            self.label.setText(self.title())

    Placeholder.step_id = step_id
    return Placeholder
