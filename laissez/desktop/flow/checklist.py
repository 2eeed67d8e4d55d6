"""The safeguard gate as a checklist: each unmet condition, its sentence, and a button that
goes to the step where it is fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QWidget

from laissez.casework.gate import GateIssue
from laissez.casework.views.cases import FlagRow, LinkedRow, MatchRow
from laissez.desktop.flow.steps import step_for_code, step_title
from laissez.desktop.messages import (
    SUPPLY_ACTIONS,
    flag_sentence,
    gate_sentence,
    linked_sentence,
    match_sentence,
)
from laissez.i18n import _

#: the gate code of decisions made before decisions were signed
LEGACY_CODE = "decision.signed_before_upgrade"


class GateChecklist(QScrollArea):
    """Shows a tuple of ``GateIssue`` (empty: every condition met).

    Emits:
        fix_requested(str, str): the officer pressed an item's button (step id, gate code).
        match_decided(object, str): the officer decided an uncertain match (the proposal's
            ``uuid.UUID``, ``same_person`` or ``not_same_person``).
        legacy_requested(str): decisions from before the upgrade are to be signed again by
            their author (``resign``) or the case approved again (``reaffirm``).
        supply_requested(str): the officer pressed the button of a supply condition (its
            code: ``supply.no_numbers`` syncs, ``supply.no_signer`` installs the key).
    """

    fix_requested = Signal(str, str)
    match_decided = Signal(object, str)
    legacy_requested = Signal(str)
    supply_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gate_checklist")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.issues: tuple[GateIssue, ...] = ()
        self.flags: tuple[FlagRow, ...] = ()
        self.freshness_days: int | None = None
        self.linked: tuple[LinkedRow, ...] = ()
        self.matches: tuple[MatchRow, ...] = ()
        self.person_labels: list[QLabel] = []
        self.match_buttons: dict[tuple[str, str], QPushButton] = {}
        self.legacy_buttons: dict[str, QPushButton] = {}
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
        linked: tuple[LinkedRow, ...] = (),
        matches: tuple[MatchRow, ...] = (),
        supply: tuple[GateIssue, ...] | None = None,
    ) -> None:
        """Rebuild the list from ``supply`` (this computer's conditions; None keeps the last
        ones) and ``issues``, then each uncertain match (with its two
        decisions) and other case of the same person, each red flag (who raised it, what
        clears it) and how long consent and approval stay fresh."""
        if supply is not None:
            self.supply = supply
        self.issues = issues
        self.flags = flags
        self.freshness_days = freshness_days
        self.linked = linked
        self.matches = matches
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
        self.person_labels = []
        self.match_buttons = {}
        self.legacy_buttons = {}
        legacy = any(i.code == LEGACY_CODE for i in issues)
        first = len(self.supply) + len(issues)
        self._add_flags(self._add_person(first + 1 + (1 if legacy else 0)))
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
        if legacy:
            self._add_legacy(first)

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

    def _add_legacy(self, row: int) -> None:
        """Under the issues: "Sign again" (the author) and "Approve again…" (a supervisor who
        took no part, signed in on the spot) for decisions from before the upgrade."""
        actions = (
            ("resign", _("Sign again"), _("Sign again your own decisions from before the upgrade")),
            ("reaffirm", _("Approve again…"), _("A second supervisor approves the case again")),
        )
        for column, (kind, text, accessible) in enumerate(actions, start=1):
            button = QPushButton(text)
            button.setObjectName(f"legacy_{kind}")
            button.setAccessibleName(accessible)
            button.clicked.connect(lambda _c=False, k=kind: self.legacy_requested.emit(k))
            self._grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignLeading)
            self.legacy_buttons[kind] = button

    def _add_person(self, first_row: int) -> int:
        """The uncertain matches (each with "Same person" and "Not the same person") and the
        other cases of the same person; returns the next free row."""
        row = first_row
        decisions = (
            ("same_person", _("Same person")),
            ("not_same_person", _("Not the same person")),
        )
        for match in self.matches:
            label = QLabel(match_sentence(match))
            label.setWordWrap(True)
            label.setObjectName("person_match")
            self._grid.addWidget(QLabel("?"), row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(label, row, 1, 1, 2)
            self.person_labels.append(label)
            row += 1
            for column, (decision, text) in enumerate(decisions, start=1):
                button = QPushButton(text)
                button.setObjectName(f"match_{decision}")
                button.clicked.connect(
                    lambda _c=False, p=match.proposal_id, d=decision: self.match_decided.emit(p, d)
                )
                self._grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignLeading)
                self.match_buttons[(str(match.proposal_id), decision)] = button
            row += 1
        for linked in self.linked:
            label = QLabel(linked_sentence(linked))
            label.setWordWrap(True)
            label.setObjectName("person_linked")
            self._grid.addWidget(QLabel("⇄"), row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(label, row, 1, 1, 2)
            self.person_labels.append(label)
            row += 1
        return row

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
        self.show_issues(self.issues, self.flags, self.freshness_days, self.linked, self.matches)

    def clear(self) -> None:
        """Show nothing (this computer's supply conditions included)."""
        self.show_issues((), supply=())
