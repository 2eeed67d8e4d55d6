"""The safeguard gate as a checklist: each unmet condition, its sentence, and a button that
goes to the step where it is fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QWidget

from laissez.casework.gate import GateIssue
from laissez.casework.views.cases import FlagRow
from laissez.desktop.flow.steps import step_for_code, step_title
from laissez.desktop.messages import SUPPLY_ACTIONS, flag_sentence, gate_sentence
from laissez.i18n import _


class GateChecklist(QScrollArea):
    """Shows a tuple of ``GateIssue`` (empty: every condition met).

    Emits:
        fix_requested(str, str): the officer pressed an item's button (step id, gate code).
        supply_requested(str): the officer pressed the button of a supply condition (its
            code: ``supply.no_numbers`` syncs, ``supply.no_signer`` installs the key).
    """

    fix_requested = Signal(str, str)
    supply_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gate_checklist")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.issues: tuple[GateIssue, ...] = ()
        self.flags: tuple[FlagRow, ...] = ()
        self.freshness_days: int | None = None
        #: this computer's unmet supply conditions (numbers, signing key), shown first
        self.supply: tuple[GateIssue, ...] = ()
        #: whether the signed-in user may install a signing key (else no button for it)
        self.can_install_signer = False
        self.flag_labels: list[QLabel] = []
        self.buttons: dict[str, QPushButton] = {}
        self.sentences: dict[str, QLabel] = {}
        self._inner = QWidget()
        self._grid = QGridLayout(self._inner)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._grid.setColumnStretch(1, 1)
        self.setWidget(self._inner)

    def show_issues(
        self,
        issues: tuple[GateIssue, ...],
        flags: tuple[FlagRow, ...] = (),
        freshness_days: int | None = None,
        supply: tuple[GateIssue, ...] | None = None,
    ) -> None:
        """Rebuild the list from ``supply`` (this computer's conditions; None keeps the last
        ones) and ``issues``, then each red flag (who raised it, what clears it) and how long
        consent and approval stay fresh."""
        if supply is not None:
            self.supply = supply
        self.issues = issues
        self.flags = flags
        self.freshness_days = freshness_days
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach at once: a widget only scheduled for deletion would still be drawn.
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.buttons.clear()
        self.sentences.clear()
        self.flag_labels = []
        self._add_flags(len(self.supply) + len(issues) + 1)
        for row, issue in enumerate(self.supply):
            self._add_supply(row, issue)
        if not issues and not self.supply:
            done = QLabel(_("✓ Every condition is met."))
            done.setObjectName("gate_all_met")
            self._grid.addWidget(done, 0, 0, 1, 3)
            return
        for row, issue in enumerate(issues, start=len(self.supply)):
            box = QLabel("☐")
            box.setAccessibleName(_("Not met"))
            # Not isolated: the sentence is in the interface language, and an isolated
            # paragraph has no direction of its own (it would sit left in an Arabic screen).
            sentence = QLabel(gate_sentence(issue))
            sentence.setWordWrap(True)
            sentence.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            sentence.setObjectName(f"gate_{issue.code}")
            step = step_for_code(issue.code)
            button = QPushButton(_("Go to {step}").format(step=step_title(step)))
            button.setObjectName(f"fix_{issue.code}")
            button.setAccessibleName(
                _("Go to {step} to fix: {sentence}").format(
                    step=step_title(step), sentence=gate_sentence(issue)
                )
            )
            button.clicked.connect(
                lambda _c=False, s=step, c=issue.code: self.fix_requested.emit(s, c)
            )
            self._grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(sentence, row, 1)
            self._grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.buttons[issue.code] = button
            self.sentences[issue.code] = sentence

    def _add_supply(self, row: int, issue: GateIssue) -> None:
        box = QLabel("☐")
        box.setAccessibleName(_("Not met"))
        sentence = QLabel(gate_sentence(issue))
        sentence.setWordWrap(True)
        sentence.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        sentence.setObjectName(f"gate_{issue.code}")
        self._grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(sentence, row, 1)
        self.sentences[issue.code] = sentence
        if issue.code == "supply.no_signer" and not self.can_install_signer:
            return  # the sentence says who does it
        button = QPushButton(_(SUPPLY_ACTIONS[issue.code]))
        button.setObjectName(f"fix_{issue.code}")
        button.setAccessibleName(f"{button.text()}: {sentence.text()}")
        button.clicked.connect(lambda _c=False, c=issue.code: self.supply_requested.emit(c))
        self._grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
        self.buttons[issue.code] = button

    def _add_flags(self, first_row: int) -> None:
        row = first_row
        for flag in self.flags:
            mark = QLabel("⚑" if flag.open else "✓")
            mark.setAccessibleName(_("Flag raised") if flag.open else _("Flag cleared"))
            label = QLabel(flag_sentence(flag))
            label.setWordWrap(True)
            label.setObjectName(f"flag_{flag.kind}")
            self._grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(label, row, 1, 1, 2)
            self.flag_labels.append(label)
            row += 1
        if self.freshness_days is not None:
            fresh = QLabel(
                _("Consent and approval count for {days} days at this mission.").format(
                    days=self.freshness_days
                )
            )
            fresh.setObjectName("gate_freshness")
            fresh.setWordWrap(True)
            self._grid.addWidget(fresh, row, 0, 1, 3)

    def retranslate(self) -> None:
        """Rebuild in the current language."""
        self.show_issues(self.issues, self.flags, self.freshness_days)

    def clear(self) -> None:
        """Show nothing."""
        self.show_issues((), supply=())
