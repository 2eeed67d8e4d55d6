"""The identity step: read the document's MRZ, complete the identity form, record both."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.casework.errors import AnswersInvalidError
from laissez.casework.intake import MRZ_EVIDENCE, identity_answers_from_mrz
from laissez.casework.views.answers import CaseAnswers, case_answers
from laissez.casework.views.cases import CaseView
from laissez.desktop import theme
from laissez.desktop.capture import CaptureResult, MrzCapture
from laissez.desktop.capture.wedge import KeyboardWedge
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.identity_change import IdentityChangeDialog
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title
from laissez.desktop.formview import FormView
from laissez.desktop.formview.signature_photo import PhotoEditor
from laissez.desktop.messages import gate_sentence
from laissez.forms import default_library
from laissez.i18n import _, ltr

logger = logging.getLogger(__name__)


#: the identity form's least height (px): a few questions at once, whatever the screen
FORM_MIN_HEIGHT = 300
#: the capture's source of an MRZ -> the source casework records (``MRZ_SOURCES``)
_MRZ_SOURCES = {"scan": "scan", "reader": "reader", "manual": "typed"}


class IdentityStep(CaseStep):
    """The MRZ capture above the identity form; "Save identity" records both.

    Without an MRZ the identity can still be recorded: the nationality interview then needs a
    supervisor's approval, which the page says.
    """

    step_id = "identity"

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.form_def = default_library().form("identity")
        self.captured: CaptureResult | None = None
        self.recorded: CaseAnswers | None = None
        self._loaded_answers: dict[str, Any] | None = None
        #: the form's answers as last shown from the case (what "unsaved" compares with)
        self._shown: dict[str, Any] = {}

        self.intro = QLabel()
        self.intro.setObjectName("identity_intro")
        self.intro.setWordWrap(True)
        self.capture = MrzCapture()
        self.capture.captured.connect(self.use_capture)
        # a desk document reader types the MRZ wherever the focus is on this page
        self.wedge = KeyboardWedge(self, self.capture.use_reader_lines, editor=self.capture.editor)
        self.mrz_state = QLabel()
        self.mrz_state.setObjectName("identity_mrz_state")
        self.mrz_state.setWordWrap(True)
        self.mrz_state.setTextFormat(Qt.TextFormat.PlainText)
        self.forget_button = QPushButton()
        self.forget_button.setObjectName("identity_forget_mrz")
        self.forget_button.clicked.connect(self.forget_capture)
        self.gate_line = QLabel()
        self.gate_line.setObjectName("identity_gate_line")
        self.gate_line.setWordWrap(True)
        self.gate_line.setStyleSheet(theme.label_style(theme.WARNING_TEXT))
        self.form = FormView(self.form_def)
        # enough of the form to work in; on a small screen the step scrolls as a whole
        self.form.setMinimumHeight(FORM_MIN_HEIGHT)
        self.form.submitted.connect(self.save)
        self.save_button = QPushButton()
        self.save_button.setObjectName("identity_save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.intro)
        top_layout.addWidget(self.capture)
        state_row = QHBoxLayout()
        state_row.addWidget(self.mrz_state, 1)
        state_row.addWidget(self.forget_button)
        top_layout.addLayout(state_row)
        top_layout.addWidget(self.gate_line)
        top.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.body.addWidget(top)
        self.body.addWidget(self.form, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.body.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            # On the form only: in the MRZ editor, Ctrl+Return means "Use this MRZ".
            shortcut = QShortcut(QKeySequence(keys), self.form)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self.retranslate()
        self._show_mrz_state()

    # --- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return step_title("identity")

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Type or read the machine-readable zone (MRZ) of the person's document: it "
                "fills in the form below. Then complete the form with the person. Without a "
                "document, fill in the form by hand: a supervisor must then approve the "
                "nationality established by interview."
            )
        )
        self.forget_button.setText(_("&Record without the MRZ"))
        self.forget_button.setAccessibleName(_("Record without the MRZ"))
        self.save_button.setText(_("Sa&ve identity"))
        self.save_button.setToolTip(_("Ctrl+Enter"))
        self.capture.retranslate()
        self.form.retranslate(i18n.current().language)
        self._show_mrz_state()
        if self.case is not None:
            self._show_gate(self.case)

    def _show_mrz_state(self) -> None:
        result = self.captured
        if result is not None:
            verdict = (
                _("MRZ read: every check digit matches. It is saved with the identity.")
                if result.valid
                else _(
                    "MRZ read, but a check digit does not match: it is saved, yet a "
                    "supervisor must approve the nationality."
                )
            )
            self.mrz_state.setText(verdict)
            self.forget_button.setVisible(True)
            return
        self.forget_button.setVisible(False)
        if self.recorded is not None and self.recorded.mrz_lines:
            self.mrz_state.setText(
                (
                    _("Recorded MRZ (every check digit matches):")
                    if self.recorded.mrz_valid
                    else _("Recorded MRZ (a check digit does not match):")
                )
                + "\n"
                + "\n".join(ltr(line) for line in self.recorded.mrz_lines)
            )
        else:
            self.mrz_state.setText(
                _(
                    "No MRZ: the identity will be recorded from the form alone, and a "
                    "supervisor must approve the nationality interview."
                )
            )

    def _show_gate(self, case: CaseView) -> None:
        lines = [
            gate_sentence(issue)
            for issue in case.gate
            if issue.code in ("identity.not_established", "protection.status_hold")
        ]
        self.gate_line.setText("\n".join(lines))
        self.gate_line.setVisible(bool(lines) and self.done())

    # --- the case -------------------------------------------------------------------------------

    def load(self, case: CaseView) -> None:
        same_case = self.case is not None and self.case.case_id == case.case_id
        super().load(case)
        recorded = self.read(case_answers, case)
        if recorded is None:
            return
        self.recorded = recorded
        stored = self.recorded.answers("identity")
        if not same_case or stored != self._loaded_answers:
            # a new case, or saved answers changed: show what is recorded
            self.captured = None
            if not same_case:
                self.capture.clear()
            self.form.set_answers(stored)
            self._photo_editor().show_image(self.recorded.photo)
            self._loaded_answers = stored
            self._shown = self.form.answers()
        self._show_mrz_state()
        self._show_gate(case)

    def clear(self) -> None:
        super().clear()
        self.captured = None
        self.recorded = None
        self._loaded_answers = None
        self.capture.clear()
        self.form.clear()
        self._shown = self.form.answers()
        self.gate_line.clear()
        self.gate_line.hide()
        self._show_mrz_state()

    def done(self) -> bool:
        return self.recorded is not None and self.recorded.is_complete("identity")

    def unsaved(self) -> list[str]:
        if self.case is None:
            return []
        changed = self.captured is not None or self.form.answers() != self._shown
        return [_("the identity form")] if changed else []

    def save_unsaved(self) -> bool:
        self.save()
        return not self.unsaved()

    def _photo_editor(self) -> PhotoEditor:
        editor = self.form.editor("photo")
        assert isinstance(editor, PhotoEditor)
        return editor

    # --- capture --------------------------------------------------------------------------------

    def use_capture(self, result: CaptureResult) -> None:
        """Pre-fill the form from an accepted MRZ and keep its lines and photograph."""
        self.captured = result
        answers = self.form.answers()
        prefill = identity_answers_from_mrz(result.fields)
        evidence = [e for e in answers.get("evidence", []) if e not in MRZ_EVIDENCE]
        prefill["evidence"] = prefill.get("evidence", []) + evidence
        answers.update(prefill)
        self.form.set_answers(answers)
        if result.photo:
            self._photo_editor().show_image(result.photo)
        self._show_mrz_state()
        self.show_message(_("The form is filled in from the MRZ: check it with the person."))
        self.form.focus_field("languages_spoken")

    def forget_capture(self) -> None:
        """Record the identity without the MRZ read (a supervisor approves the nationality)."""
        self.captured = None
        self.capture.clear()
        answers = self.form.answers()
        evidence = [e for e in answers.get("evidence", []) if e not in MRZ_EVIDENCE]
        answers["evidence"] = evidence
        self.form.set_answers(answers)
        self._photo_editor().show_image(self.recorded.photo if self.recorded else None)
        self._show_mrz_state()
        self.form.focus_field("evidence")

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        """Validate on the page, then record the identity through casework."""
        case_id = self.context.case_id
        if case_id is None:
            return
        if self.form.check():
            self.show_message(
                _("Some answers need attention: see the questions marked ⚠."), error=True
            )
            return
        answers = self.form.answers()
        result = self.captured
        lines = list(result.lines) if result is not None else None
        # read from an image as it is, typed by a desk document reader, or by the officer
        source = _MRZ_SOURCES.get(result.source, "typed") if result is not None else "typed"
        # The photograph as the capture holds it now: taken after the MRZ was used, or for a
        # person without any document.
        photo = self.capture.photo or (result.photo if result is not None else None)
        language = i18n.current().language
        cw = self.context.casework()
        change = self.context.attempt(
            self,
            lambda: cw.intake.identity_change(case_id, answers, mrz_lines=lines),
            changed=False,
        )
        if change is None:
            return
        keep = False
        if change.fields and not change.other_case:  # another case's document: refused below
            dialog = IdentityChangeDialog(change, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.show_message(_("Nothing was saved: the recorded identity is unchanged."))
                return
            keep = dialog.keep.isChecked()

        def record() -> bool:
            try:
                cw.intake.record_identity(
                    case_id,
                    answers,
                    mrz_lines=lines,
                    mrz_source=source,
                    photo=photo,
                    language=language,
                    confirm_change=bool(change.fields),
                    keep_interview=keep,
                )
            except AnswersInvalidError as exc:
                self.form.show_issues(exc.issues)
                raise
            return True

        saved = self.context.attempt(self, record)
        if saved:
            self.captured = None
            self.capture.clear()
            self._show_mrz_state()
            self.show_message(_("Identity saved."))

    def focus_issue(self, code: str) -> None:
        if code == "identity.not_established":
            for child in self.capture.findChildren(QWidget):
                if child.isVisibleTo(self) and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    child.setFocus(Qt.FocusReason.OtherFocusReason)
                    return
            self.form.focus_field("evidence")
        elif code == "identity.photo_missing":
            self.capture.photo_from_file.setFocus(Qt.FocusReason.OtherFocusReason)
        elif code == "protection.status_hold":
            self.form.focus_field("stateless_claim")
        else:
            self.form.focus_field("nationality")
