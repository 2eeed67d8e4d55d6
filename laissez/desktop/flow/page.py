"""The case page: a header, the list of steps, and the steps themselves."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.views import cases as queries
from laissez.casework.views.cases import CaseView
from laissez.desktop import window_state
from laissez.desktop.flow.close_case import CloseCaseDialog
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.overview import OverviewStep
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import STEP_ORDER, step_title
from laissez.desktop.flow.withdraw import WithdrawDialog
from laissez.desktop.messages import describe_error, status_label
from laissez.desktop.workers import run_in_pool
from laissez.forms import default_library
from laissez.i18n import _, isolate, ltr

logger = logging.getLogger(__name__)

StepFactory = Callable[[FlowContext], CaseStep]
#: a case in these states is closed: nothing more to close
CLOSED_STATES = frozenset({"closed", "closed_without_document"})


def step_factories() -> dict[str, StepFactory]:
    """The class of each step (imported here so the main window stays quick to import)."""
    from laissez.desktop.flow.advisal import AdvisalStep
    from laissez.desktop.flow.approval import ApprovalStep
    from laissez.desktop.flow.consent import ConsentStep
    from laissez.desktop.flow.identity import IdentityStep
    from laissez.desktop.flow.interview import InterviewStep
    from laissez.desktop.flow.issue import IssueStep

    return {
        "overview": OverviewStep,
        "identity": IdentityStep,
        "interview": InterviewStep,
        "advisal": AdvisalStep,
        "consent": ConsentStep,
        "approval": ApprovalStep,
        "issue": IssueStep,
    }


class CaseFlowPage(QWidget):
    """One case, step by step. ``show_case(case_id)`` opens it on the overview.

    Emits:
        back_requested(): the officer wants the case list again.
        case_changed(object): the case (``uuid.UUID``) changed; the list should refresh.
    """

    back_requested = Signal()
    case_changed = Signal(object)

    def __init__(self, context: FlowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_flow_page")
        self.context = context
        self.case: CaseView | None = None
        self.back_button = QPushButton()
        self.back_button.setObjectName("back_button")
        self.back_button.clicked.connect(self.request_back)
        self.title = QLabel()
        self.title.setObjectName("case_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLabel()
        self.name.setObjectName("case_name")
        self.status = QLabel()
        self.status.setObjectName("case_header_status")
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdraw_button")
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.close_case_button = QPushButton()
        self.close_case_button.setObjectName("close_case_button")
        self.close_case_button.clicked.connect(self.close_case)
        self.step_list = QListWidget()
        self.step_list.setObjectName("step_list")
        self.step_list.setMaximumWidth(230)
        # The step list folds away (Ctrl+B, or the button) to give a small screen's width to
        # the step; the choice is remembered with the window's geometry.
        self.steps_button = QPushButton()
        self.steps_button.setObjectName("steps_toggle")
        self.steps_button.setCheckable(True)
        self.steps_button.toggled.connect(self.set_steps_collapsed)
        self.stack = QStackedWidget()
        self.stack.currentChanged.connect(self._fit_stack)
        # The steps (forms read from YAML, many widgets) are made when the first case opens,
        # not at start-up: see ``ensure_steps`` and ``warm_up``.
        self.steps: dict[str, CaseStep] = {}
        self._warming = False
        for step_id in STEP_ORDER:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, step_id)
            self.step_list.addItem(item)
        self.step_list.currentRowChanged.connect(self._on_row_changed)
        self.context.go_to_step.connect(self.go_to)
        self.context.case_changed.connect(self.reload)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.steps_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.withdraw_button)
        top.addWidget(self.close_case_button)
        header = QVBoxLayout()
        header.addLayout(top)
        person = QHBoxLayout()
        person.addWidget(self.name, 1)
        person.addWidget(self.status)
        header.addLayout(person)
        # The step scrolls when the window is smaller than the step needs (a 1366×768 laptop):
        # the window itself never grows past the screen, and the status bar stays in view.
        self.step_scroll = QScrollArea()
        self.step_scroll.setObjectName("step_scroll")
        self.step_scroll.setWidgetResizable(True)
        self.step_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.step_scroll.setWidget(self.stack)
        middle = QHBoxLayout()
        middle.addWidget(self.step_list)
        middle.addWidget(self.step_scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(middle, 1)
        self._shortcuts()
        self.steps_button.setChecked(window_state.steps_collapsed(context.config.config_dir))
        self.retranslate()

    def set_steps_collapsed(self, collapsed: bool) -> None:
        """Fold the step list away (``collapsed``) or show it again, and remember it."""
        self.steps_button.setChecked(collapsed)
        self.step_list.setVisible(not collapsed)
        self._word_steps_button()
        window_state.save_steps_collapsed(self.context.config.config_dir, collapsed)

    def _word_steps_button(self) -> None:
        collapsed = self.steps_button.isChecked()
        self.steps_button.setText(_("Show the steps") if collapsed else _("Hide the steps"))
        self.steps_button.setToolTip(_("Ctrl+B"))

    def warm_up(self) -> None:
        """Off the GUI thread, import the steps' code and read the forms and texts, so that
        the first case opens quickly (called once the case list is shown)."""
        if self.steps or self._warming:
            return
        self._warming = True

        def work(_cancel: object, _progress: object) -> None:
            step_factories()
            library = default_library()
            library.forms()
            library.consent_scopes()
            for language in library.advisal_languages():
                library.advisal(language)

        def done(_result: object) -> None:
            self._warming = False

        def failed(exc: BaseException) -> None:
            self._warming = False
            logger.info("warming the case steps failed with %s", type(exc).__name__)

        run_in_pool(work, done, failed)

    def ensure_steps(self) -> None:
        """Make the steps once (on the first case opened)."""
        if self.steps:
            return
        for step_id, factory in step_factories().items():
            self.steps[step_id] = factory(self.context)
        for step_id in STEP_ORDER:
            self.stack.addWidget(self.steps[step_id])

    def _shortcuts(self) -> None:
        nxt = QShortcut(QKeySequence("Ctrl+PgDown"), self)
        nxt.activated.connect(lambda: self._move(1))
        prev = QShortcut(QKeySequence("Ctrl+PgUp"), self)
        prev.activated.connect(lambda: self._move(-1))
        fold = QShortcut(QKeySequence("Ctrl+B"), self)
        fold.activated.connect(self.steps_button.toggle)
        for number, step_id in enumerate(STEP_ORDER, start=1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda s=step_id: self.go_to(s, ""))

    # --- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.back_button.setText(_("← Case list"))
        self.back_button.setAccessibleName(_("Back to the case list"))
        self.withdraw_button.setText(_("Withdraw consent…"))
        self.close_case_button.setText(_("Close the case…"))
        self._word_steps_button()
        self.step_list.setAccessibleName(_("Steps of the case"))
        for step in self.steps.values():
            step.retranslate()
        self._update_step_list()
        if self.case is not None:
            self._show_header(self.case)

    def _update_step_list(self) -> None:
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            step_id = item.data(Qt.ItemDataRole.UserRole)
            step = self.steps.get(step_id)
            mark = "✓ " if self.case is not None and step is not None and step.done() else ""
            title = step.title() if step is not None else step_title(step_id)
            item.setText(f"{row + 1}. {mark}{title}")
            item.setToolTip(_("Alt+{number}").format(number=row + 1))

    def _show_header(self, view: CaseView) -> None:
        self.title.setText(
            "<h2>{}</h2>".format(
                _("Case {number}").format(number=ltr(view.reference or str(view.case_id)[:18]))
            )
        )
        self.title.setToolTip(ltr(str(view.case_id)))
        names = [isolate(n) for n in dict.fromkeys((view.name, view.name_latin)) if n]
        # A direction mark of the interface first: an Arabic name must not turn the whole
        # line right to left in an English screen (nor a Latin one in an Arabic screen).
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        mark = "\u200f" if rtl else "\u200e"
        shown = "{}<b>{}</b>".format(mark, escape(" — ".join(names)))
        self.name.setText(shown if names else _("Identity not recorded yet"))
        self.status.setText(_("Status: {status}").format(status=status_label(view.status)))
        self.close_case_button.setVisible(view.status not in CLOSED_STATES)

    # --- the case -------------------------------------------------------------------------------

    def show_case(self, view: CaseView) -> None:
        """Show ``view`` from its overview."""
        self.ensure_steps()
        if self.case is None or self.case.case_id != view.case_id:
            self.clear()
        self.context.case_id = view.case_id
        self._load(view)
        self.go_to("overview", "")

    def _load(self, view: CaseView) -> None:
        self.case = view
        self._show_header(view)
        for step in self.steps.values():
            step.load(view)
        self._update_step_list()

    def reload(self, case_id: uuid.UUID | None = None) -> None:
        """Read the case again (after any step recorded something)."""
        if self.context.case_id is None:
            return
        try:
            view = queries.case_view(self.context.database(), self.context.case_id)
        except Exception as exc:
            logger.info("reading the case failed with %s", type(exc).__name__)
            self.current_step().show_message(describe_error(exc), error=True)
            return
        self._load(view)
        self._keep_keyboard_focus()
        self.case_changed.emit(view.case_id)

    def refresh_numbers(self) -> None:
        """The document numbers left changed (a sync): the issue step says it again."""
        if self.case is None:
            return
        for step_id in ("overview", "issue"):
            step = self.steps.get(step_id)
            if step is not None:
                step.retranslate()

    def _keep_keyboard_focus(self) -> None:
        """After a change, a keyboard user must not be left without a focused control (a
        button that was hidden or rebuilt takes the focus with it): fall back to the step."""
        focus = QApplication.focusWidget()
        if focus is None or not focus.isVisible() or not self.isAncestorOf(focus):
            if self.isVisible():
                step = self.current_step()
                step.setFocus(Qt.FocusReason.OtherFocusReason)
                if not step.focusNextChild():
                    self.step_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Forget the case (lock, sign-out, back to the list)."""
        self.case = None
        self.context.case_id = None
        for label in (self.title, self.name, self.status):
            label.clear()
        for step in self.steps.values():
            step.clear()
        self._update_step_list()

    # --- navigation -----------------------------------------------------------------------------

    def current_step(self) -> CaseStep:
        """The step shown."""
        self.ensure_steps()
        widget = self.stack.currentWidget()
        assert isinstance(widget, CaseStep)
        return widget

    def go_to(self, step_id: str, code: str = "") -> None:
        """Show ``step_id``; with a gate ``code``, focus where that condition is fixed."""
        self.ensure_steps()
        step = self.steps.get(step_id)
        if step is None:
            return
        self.step_list.setCurrentRow(STEP_ORDER.index(step_id))
        self.stack.setCurrentWidget(step)
        if code:
            step.focus_issue(code)

    def _fit_stack(self, _index: int = -1) -> None:
        """Size the scrolled stack to the step shown, not to the tallest step: a short step
        (the issue step before any document) would otherwise be stretched to the identity
        form's height, its few lines spread far apart and out of view (seen at 1366×768)."""
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            widget = self.stack.widget(index)
            if widget is None:
                continue
            policy = (
                QSizePolicy.Policy.Preferred if widget is current else QSizePolicy.Policy.Ignored
            )
            widget.setSizePolicy(policy, policy)
        self.stack.adjustSize()
        self.step_scroll.verticalScrollBar().setValue(0)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(STEP_ORDER) and self.steps:
            self.stack.setCurrentWidget(self.steps[STEP_ORDER[row]])

    def _move(self, delta: int) -> None:
        row = min(max(self.step_list.currentRow() + delta, 0), len(STEP_ORDER) - 1)
        self.go_to(STEP_ORDER[row], "")

    # --- leaving with unsaved edits --------------------------------------------------------------

    def unsaved(self) -> dict[str, list[str]]:
        """What was typed and not saved, by step id (empty: nothing)."""
        found = {sid: step.unsaved() for sid, step in self.steps.items()}
        return {sid: names for sid, names in found.items() if names}

    def request_back(self) -> None:
        """Back to the case list; with unsaved edits, ask: save, discard, or stay."""
        if self.confirm_leave():
            self.back_requested.emit()

    def confirm_leave(self) -> bool:
        """True when the case may be left now (nothing unsaved, saved, or discarded)."""
        unsaved = self.unsaved()
        if not unsaved:
            return True
        names = [name for names in unsaved.values() for name in names]
        box = QMessageBox(self)
        box.setObjectName("unsaved_dialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Unsaved changes"))
        what = _(", ").join(names)
        box.setText(_("What you typed in {what} is not saved yet.").format(what=what))
        box.setInformativeText(_("Save it before leaving the case?"))
        save = box.addButton(_("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("&Discard the changes"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Stay in the case"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is discard:
            return True
        if clicked is save:
            for step_id in unsaved:
                if not self.steps[step_id].save_unsaved():
                    self.go_to(step_id)  # its reason is shown on the step
                    return False
            return True
        return False

    # --- withdraw -------------------------------------------------------------------------------

    def withdraw_consent(self) -> None:
        """Ask for the reason, then withdraw through casework."""
        if self.context.case_id is None:
            return
        dialog = WithdrawDialog(self)
        if dialog.exec() != WithdrawDialog.DialogCode.Accepted:
            return
        case_id, reason = self.context.case_id, dialog.reason_code()
        step = self.current_step()
        cw = self.context.casework()

        def withdraw() -> bool:
            cw.consent.withdraw_consent(case_id, reason)
            return True

        if self.context.attempt(step, withdraw):
            step.show_message(_("Consent withdrawn. The case can no longer lead to a document."))

    # --- close ----------------------------------------------------------------------------------

    def close_case(self) -> None:
        """Ask how the departure is known (a document was issued) or why the case ends without
        one, then close it through casework; a refusal is said on the step shown."""
        if self.context.case_id is None or self.case is None:
            return
        after_departure = self.case.status == "document_issued"
        dialog = CloseCaseDialog(after_departure, self)
        if dialog.exec() != CloseCaseDialog.DialogCode.Accepted:
            return
        case_id, code = self.context.case_id, dialog.choice()
        step = self.current_step()
        cw = self.context.casework()

        def close() -> bool:
            if after_departure:
                cw.decisions.close(case_id, departure_evidence=code)
            else:
                cw.decisions.close_without_document(case_id, code or "")
            return True

        if self.context.attempt(step, close):
            step.show_message(_("The case is closed."))
