"""The interview step: the five interview forms, each saved on its own."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.casework.errors import AnswersInvalidError
from laissez.casework.snapshot import REQUIRED_FORMS
from laissez.casework.views.answers import CaseAnswers, case_answers
from laissez.casework.views.cases import CaseView
from laissez.desktop import theme
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title
from laissez.desktop.formview import FormView
from laissez.desktop.messages import gate_sentence
from laissez.forms import default_library
from laissez.i18n import _

logger = logging.getLogger(__name__)

#: the interview forms, in the order casework lists them (identity has its own step)
INTERVIEW_FORMS: tuple[str, ...] = tuple(f for f in REQUIRED_FORMS if f != "identity")
FEAR_FORM = "fear_of_return"
PROCEEDINGS_FORM = "pending_proceedings"
#: gate conditions shown on the page of the form that causes them
_PAGE_GATE: dict[str, tuple[str, ...]] = {
    FEAR_FORM: ("fear.unresolved", "fear.referred", "consent.not_free"),
    PROCEEDINGS_FORM: (
        "proceedings.consequences_not_explained",
        "proceedings.consequences_not_acknowledged",
    ),
}


class FormPage(QWidget):
    """One interview form with its own Save button and a line for the gate's conditions it
    raised."""

    def __init__(self, form_view: FormView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = form_view
        self.setObjectName(f"page_{form_view.form.id}")
        self.gate_line = QLabel()
        self.gate_line.setObjectName(f"gate_line_{form_view.form.id}")
        self.gate_line.setWordWrap(True)
        self.gate_line.setStyleSheet(theme.WARNING_BANNER)
        self.gate_line.hide()
        self.state = QLabel()
        self.state.setObjectName(f"state_{form_view.form.id}")
        self.save_button = QPushButton()
        self.save_button.setObjectName(f"save_{form_view.form.id}")
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.gate_line)
        layout.addWidget(form_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)


class InterviewStep(CaseStep):
    """Family, vulnerability, fear of return, pending proceedings, travel and route: a list
    of the forms (✓ when saved complete) beside the form chosen."""

    step_id = "interview"

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        library = default_library()
        self.recorded: CaseAnswers | None = None
        self._loaded: dict[str, dict[str, Any] | None] = {}
        #: each form's answers as last shown from the case (what "unsaved" compares with)
        self._shown: dict[str, dict[str, Any]] = {}
        self.form_list = QListWidget()
        self.form_list.setObjectName("interview_form_list")
        self.form_list.setMaximumWidth(240)
        self.form_list.setWordWrap(True)
        self.pages_stack = QStackedWidget()
        self.pages: dict[str, FormPage] = {}
        for form_id in INTERVIEW_FORMS:
            view = FormView(library.form(form_id))
            page = FormPage(view)
            page.save_button.clicked.connect(lambda _c=False, f=form_id: self.save(f))
            view.changed.connect(lambda f=form_id: self._show_state(f))
            view.submitted.connect(lambda f=form_id: self.save(f))
            self.pages[form_id] = page
            self.pages_stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, form_id)
            self.form_list.addItem(item)
        self.form_list.currentRowChanged.connect(self._on_row)
        self.form_list.setCurrentRow(0)
        row = QHBoxLayout()
        row.addWidget(self.form_list)
        row.addWidget(self.pages_stack, 1)
        self.body.addLayout(row, 1)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda: self.save(self.current_form()))
        self.retranslate()

    # --- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return step_title("interview")

    def retranslate(self) -> None:
        language = i18n.current().language
        self.form_list.setAccessibleName(_("Interview forms"))
        for form_id, page in self.pages.items():
            page.view.retranslate(language)
            page.save_button.setText(_("Sa&ve this form"))
            page.save_button.setToolTip(_("Ctrl+Enter"))
            page.save_button.setAccessibleName(
                _("Save: {form}").format(form=page.view.form.title.get(language))
            )
            self._show_state(form_id)
        self._update_list()
        if self.case is not None:
            self._show_gate_lines(self.case)

    def _unsaved_forms(self) -> list[str]:
        if self.case is None:
            return []
        return [f for f, page in self.pages.items() if page.view.answers() != self._shown.get(f)]

    def unsaved(self) -> list[str]:
        language = i18n.current().language
        return [self.pages[f].view.form.title.get(language) for f in self._unsaved_forms()]

    def save_unsaved(self) -> bool:
        for form_id in self._unsaved_forms():
            self.save(form_id)
        return not self._unsaved_forms()

    def _update_list(self) -> None:
        language = i18n.current().language
        for row in range(self.form_list.count()):
            item = self.form_list.item(row)
            form_id = item.data(Qt.ItemDataRole.UserRole)
            done = self.recorded is not None and self.recorded.is_complete(form_id)
            title = self.pages[form_id].view.form.title.get(language)
            item.setText(f"✓ {title}" if done else title)
            item.setToolTip(_("Saved") if done else _("Not saved yet"))

    def _show_state(self, form_id: str) -> None:
        page = self.pages[form_id]
        saved = self._loaded.get(form_id)
        if not saved:
            text = _("Not saved yet.")
        elif page.view.answers() != saved:
            text = _("Changed since it was saved: save it again.")
        else:
            text = _("Saved.")
        if page.state.text() != text:
            page.state.setText(text)

    def _show_gate_lines(self, case: CaseView) -> None:
        for form_id, page in self.pages.items():
            codes = _PAGE_GATE.get(form_id, ())
            lines = [gate_sentence(i) for i in case.gate if i.code in codes]
            page.gate_line.setText("\n".join(lines))
            page.gate_line.setVisible(bool(lines))

    # --- the case -------------------------------------------------------------------------------

    def load(self, case: CaseView) -> None:
        same_case = self.case is not None and self.case.case_id == case.case_id
        super().load(case)
        recorded = self.read(case_answers, case)
        if recorded is None:
            return
        self.recorded = recorded
        for form_id, page in self.pages.items():
            stored = self.recorded.answers(form_id) if form_id in self.recorded.forms else None
            if not same_case or stored != self._loaded.get(form_id):
                # a new case, or these answers were saved: show what is recorded (answers
                # typed in the other forms and not saved yet are kept)
                page.view.set_answers(stored or {})
                self._loaded[form_id] = stored
                self._shown[form_id] = page.view.answers()
            self._show_state(form_id)
        if not same_case:
            self.form_list.setCurrentRow(0)
        self._update_list()
        self._show_gate_lines(case)

    def clear(self) -> None:
        super().clear()
        self.recorded = None
        self._loaded = {}
        for form_id, page in self.pages.items():
            page.view.clear()
            self._shown[form_id] = page.view.answers()
            page.gate_line.clear()
            page.gate_line.hide()
            self._show_state(form_id)
        self._update_list()

    def done(self) -> bool:
        return self.recorded is not None and all(
            self.recorded.is_complete(f) for f in INTERVIEW_FORMS
        )

    # --- navigation -----------------------------------------------------------------------------

    def current_form(self) -> str:
        """The id of the form shown."""
        return INTERVIEW_FORMS[max(self.form_list.currentRow(), 0)]

    def show_form(self, form_id: str, field_id: str | None = None) -> None:
        """Show one form; with ``field_id``, focus that question (or the form's first one
        shown when that question is hidden for the answers given)."""
        self.form_list.setCurrentRow(INTERVIEW_FORMS.index(form_id))
        view = self.pages[form_id].view
        shown = view.shown()
        if field_id is None or field_id not in shown:
            field_id = next(f.id for f in view.form.fields if f.id in shown)
        view.focus_field(field_id)

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(INTERVIEW_FORMS):
            self.pages_stack.setCurrentWidget(self.pages[INTERVIEW_FORMS[row]])

    def focus_issue(self, code: str) -> None:
        if code == "fear.screening_missing":
            self.show_form(FEAR_FORM, "fears_return")
        elif code == "proceedings.consequences_not_explained":
            self.show_form(PROCEEDINGS_FORM, "consequences_explained")
        elif code == "proceedings.consequences_not_acknowledged":
            self.show_form(PROCEEDINGS_FORM, "consequences_acknowledged")
        elif code.startswith("proceedings."):
            self.show_form(PROCEEDINGS_FORM, "asylum_pending")
        else:
            missing = [
                f
                for f in INTERVIEW_FORMS
                if self.recorded is None or not self.recorded.is_complete(f)
            ]
            if (
                code == "interview.incomplete"
                and not missing
                and self.recorded is not None
                and not self.recorded.is_complete("identity")
            ):
                self.context.go_to_step.emit("identity", "identity.nationality_missing")
                return
            self.show_form(missing[0] if missing else INTERVIEW_FORMS[0])

    # --- saving ---------------------------------------------------------------------------------

    def save(self, form_id: str) -> None:
        """Validate one form on the page, then record it through casework."""
        case_id = self.context.case_id
        if case_id is None:
            return
        page = self.pages[form_id]
        if page.view.check():
            self.show_message(
                _("Some answers need attention: see the questions marked ⚠."), error=True
            )
            return
        answers = page.view.answers()
        language = i18n.current().language
        cw = self.context.casework()

        def record() -> bool:
            try:
                cw.intake.record_interview(case_id, form_id, answers, language=language)
            except AnswersInvalidError as exc:
                page.view.show_issues(exc.issues)
                raise
            return True

        saved = self.context.attempt(self, record)
        if not saved:
            return
        title = page.view.form.title.get(language)
        lines = [_("Saved: {form}.").format(form=title)]
        gate = {i.code for i in self.case.gate} if self.case is not None else set()
        if form_id == FEAR_FORM and "fear.unresolved" in gate:
            lines.append(
                _(
                    "The person expressed fear of return (or the answer was unclear): the case "
                    "now needs a protection officer before any document."
                )
            )
        if form_id == FEAR_FORM and "consent.not_free" in gate:
            lines.append(_("Consent may not be free: a protection officer must review it."))
        if self.done():
            lines.append(_("Every interview form is saved."))
        self.show_message(" ".join(lines))
        missing = [
            f for f in INTERVIEW_FORMS if not self.recorded or not self.recorded.is_complete(f)
        ]
        if missing and form_id != FEAR_FORM:
            self.show_form(missing[0])
