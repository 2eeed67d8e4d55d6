"""The rights-advisal step: the text in the person's language, shown large to the person, the
interpreter, whether the person understood, their questions and the answers, the offer of
legal counsel; recorded through ``Casework.consent.deliver_advisal``."""

from __future__ import annotations

import logging
import uuid
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.casework.consenting import advisal_missing
from laissez.casework.gate import GateIssue
from laissez.casework.views.advisal import AdvisalConsentView, advisal_consent_view
from laissez.casework.views.cases import CaseView
from laissez.desktop import theme
from laissez.desktop.flow.advisal_questions import NO_QUESTIONS, QuestionLog
from laissez.desktop.flow.advisal_reading import ReadingView, advisal_html
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.step import LazyCaseStep
from laissez.desktop.flow.steps import step_title
from laissez.desktop.messages import describe_error, gate_sentence
from laissez.forms import Library, default_library
from laissez.forms.advisal import AdvisalText
from laissez.i18n import _, isolate, ltr

logger = logging.getLogger(__name__)


class AdvisalStep(LazyCaseStep):
    """Deliver the rights advisal and record how it went."""

    step_id = "advisal"

    @property
    def library(self) -> Library:
        """The texts this mission may use: those packaged and those headquarters published and
        signed (before sign-in, the packaged ones)."""
        try:
            return self.context.casework().library
        except RuntimeError:  # no one signed in yet
            return default_library()

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.view: AdvisalConsentView | None = None
        self.text: AdvisalText | None = None
        self._loaded_case: uuid.UUID | None = None
        self._loaded_language: str | None = None
        self.reading_view: ReadingView | None = None

    def _build(self) -> None:
        self.heading = QLabel()
        self.previous = QLabel()
        self.previous.setObjectName("advisal_previous")
        self.previous.setWordWrap(True)
        self.previous.setTextFormat(Qt.TextFormat.RichText)
        self.previous.setStyleSheet(theme.INFO_BOX)

        # --- the text
        self.language = QComboBox()
        self.language.setObjectName("advisal_language")
        for code in self.library.advisal_languages():
            self.language.addItem(code, code)
        self.language.currentIndexChanged.connect(self._show_text)
        self.language_note = QLabel()
        self.language_note.setObjectName("advisal_language_note")
        self.language_note.setWordWrap(True)
        self.not_reviewed = QLabel()
        self.not_reviewed.setObjectName("advisal_not_reviewed")
        self.not_reviewed.setWordWrap(True)
        self.not_reviewed.setStyleSheet(theme.NOTICE_BANNER)
        self.preview = QTextBrowser()
        self.preview.setObjectName("advisal_text_preview")
        self.preview.setMinimumHeight(160)
        self.preview.setMaximumHeight(230)
        self.show_button = QPushButton()
        self.show_button.setObjectName("advisal_show_button")
        self.show_button.clicked.connect(self.show_to_person)
        self.text_box = QGroupBox()
        text_layout = QVBoxLayout(self.text_box)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language, 1)
        row.addWidget(self.show_button)
        text_layout.addLayout(row)
        text_layout.addWidget(self.language_note)
        text_layout.addWidget(self.not_reviewed)
        text_layout.addWidget(self.preview)

        # --- language and interpreter
        self.understood_yes, self.understood_no, self.understood = self._yes_no("understood")
        self.needed_yes, self.needed_no, self.needed = self._yes_no("interpreter_needed")
        self.interpreter_used = QCheckBox()
        self.interpreter_used.setObjectName("advisal_interpreter_used")
        self.interpreter_name = QLineEdit()
        self.interpreter_name.setObjectName("advisal_interpreter_name")
        self.interpreter_name.setEnabled(False)
        self.interpreter_used.toggled.connect(self.interpreter_name.setEnabled)
        self.interpreter_box = QGroupBox()
        form = QFormLayout(self.interpreter_box)
        self.understood_label = QLabel()
        self.needed_label = QLabel()
        self.name_label = QLabel()
        self.name_label.setBuddy(self.interpreter_name)
        form.addRow(self.understood_label, self._pair(self.understood_yes, self.understood_no))
        form.addRow(self.needed_label, self._pair(self.needed_yes, self.needed_no))
        form.addRow("", self.interpreter_used)
        form.addRow(self.name_label, self.interpreter_name)

        # --- questions
        self.question_log = QuestionLog()

        # --- counsel
        self.counsel_offered = QCheckBox()
        self.counsel_offered.setObjectName("advisal_counsel_offered")
        self.counsel_accepted = QCheckBox()
        self.counsel_accepted.setObjectName("advisal_counsel_accepted")
        self.counsel_accepted.setEnabled(False)
        self.counsel_offered.toggled.connect(self.counsel_accepted.setEnabled)
        self.counsel_box = QGroupBox()
        c_layout = QVBoxLayout(self.counsel_box)
        c_layout.addWidget(self.counsel_offered)
        c_layout.addWidget(self.counsel_accepted)

        self.record_button = QPushButton()
        self.record_button.setObjectName("advisal_record")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.record)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.heading)
        inner.addWidget(self.previous)
        inner.addWidget(self.text_box)
        inner.addWidget(self.interpreter_box)
        inner.addWidget(self.question_log)
        inner.addWidget(self.counsel_box)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.record_button)
        inner.addLayout(bottom)
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)
        self.body.addWidget(self.scroll_area)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.record)
        self.retranslate()
        self._show_text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return or Enter records the advisal (casework refuses an incomplete one), except in
        the questions table, where Return edits a cell."""
        focus = QApplication.focusWidget()
        in_table = focus is not None and (
            focus is self.question_log.table or self.question_log.table.isAncestorOf(focus)
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not in_table:
            self.record()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- building helpers -----------------------------------------------------------------------

    def _yes_no(self, name: str) -> tuple[QRadioButton, QRadioButton, QButtonGroup]:
        yes, no = QRadioButton(), QRadioButton()
        yes.setObjectName(f"advisal_{name}_yes")
        no.setObjectName(f"advisal_{name}_no")
        group = QButtonGroup(self)
        group.addButton(yes, 1)
        group.addButton(no, 0)
        return yes, no, group

    @staticmethod
    def _pair(yes: QRadioButton, no: QRadioButton) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(yes)
        layout.addWidget(no)
        layout.addStretch(1)
        return box

    # --- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return step_title("advisal")

    def retranslate(self) -> None:
        if not self._built:
            return
        self.heading.setText("<h3>{}</h3>".format(_("Rights advisal")))
        self.text_box.setTitle(_("The text read to the person"))
        self.language_label.setText(_("Lan&guage of the text:"))
        self.language.setAccessibleName(_("Language of the advisal text"))
        self.show_button.setText(_("Sho&w to the person…"))
        self.show_button.setAccessibleName(_("Show the text to the person in large type"))
        self.preview.setAccessibleName(_("Advisal text"))
        self.interpreter_box.setTitle(_("Language and interpreter"))
        self.understood_label.setText(_("The person understood the language:"))
        self.needed_label.setText(_("An interpreter was needed:"))
        for yes, no, what in (
            (self.understood_yes, self.understood_no, _("The person understood the language")),
            (self.needed_yes, self.needed_no, _("An interpreter was needed")),
        ):
            yes.setText(_("Yes"))
            no.setText(_("No"))
            yes.setAccessibleName(_("{question}: yes").format(question=what))
            no.setAccessibleName(_("{question}: no").format(question=what))
        self.understood_yes.setText(_("&Yes"))
        self.understood_no.setText(_("N&o"))
        self.interpreter_used.setText(_("An &interpreter was used"))
        self.name_label.setText(_("Interpreter's &name:"))
        self.interpreter_name.setAccessibleName(_("Interpreter's name"))
        self.question_log.retranslate()
        self.counsel_box.setTitle(_("Legal counsel"))
        self.counsel_offered.setText(_("Legal counsel and free legal aid were o&ffered"))
        self.counsel_accepted.setText(_("The person acce&pted legal counsel"))
        self.record_button.setText(_("&Record advisal delivered"))
        self.record_button.setAccessibleName(_("Record that the advisal was delivered"))
        for i in range(self.language.count()):
            code = self.language.itemData(i)
            self.language.setItemText(i, self._language_label(code))
        self._show_previous()
        self._show_text()

    def _language_label(self, code: str) -> str:
        try:
            name = self.library.advisal(code).language_name
        except Exception as exc:  # a damaged text file: show the code only
            logger.info("reading an advisal text failed with %s", type(exc).__name__)
            return code
        return f"{isolate(name)} ({ltr(code)})"

    # --- the case -------------------------------------------------------------------------------

    def load(self, case: CaseView) -> None:
        super().load(case)
        self.view = self.read(advisal_consent_view, case)
        self._ensure_built()
        language = self.view.interview_language if self.view is not None else None
        if self._loaded_case != case.case_id:
            self._loaded_case = case.case_id
            self._reset_form()
            self.scroll_area.verticalScrollBar().setValue(0)
        elif language != self._loaded_language:
            # The identity was just recorded (or changed): offer the person's language.
            self._select_person_language()
        self._loaded_language = language
        self._show_previous()
        self._show_text()

    def clear(self) -> None:
        super().clear()
        self.view = None
        self._loaded_case = None
        self._loaded_language = None
        if not self._built:
            return
        self._reset_form()
        self.previous.clear()
        self.previous.hide()
        if self.reading_view is not None:
            self.reading_view.close()
            self.reading_view = None

    def _reset_form(self) -> None:
        for group in (self.understood, self.needed):
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.interpreter_used.setChecked(False)
        self.interpreter_name.clear()
        self.question_log.reset()
        self.counsel_offered.setChecked(False)
        self.counsel_accepted.setChecked(False)
        self._select_person_language()

    def _select_person_language(self) -> None:
        language = self.view.interview_language if self.view is not None else None
        index = self.language.findData(language) if language else -1
        if index < 0 and language:
            index = self.language.findData(language.split("-")[0])
        if index >= 0:
            self.language.setCurrentIndex(index)

    def _show_previous(self) -> None:
        adv = self.view.advisal if self.view is not None else None
        if adv is None:
            self.previous.setText(_("No advisal has been delivered in this case yet."))
            self.previous.setVisible(self.case is not None)
            return
        yes, no = _("yes"), _("no")
        interpreter = (
            _("interpreter: {name}").format(name=isolate(escape(adv.interpreter_name or "—")))
            if adv.interpreter_used
            else _("no interpreter")
        )
        lines = [
            "<b>{}</b>".format(
                _("Advisal delivered {when} by {officer} ({count} in this case)").format(
                    when=ltr(adv.delivered_at.strftime("%Y-%m-%d %H:%M UTC")),
                    officer=isolate(escape(adv.delivered_by)),
                    count=self.view.advisal_count if self.view else 1,
                )
            ),
            _("Text {ref}, language {language}; {interpreter}.").format(
                ref=ltr(f"{adv.text_id}@{adv.text_version}"),
                language=ltr(adv.language),
                interpreter=interpreter,
            ),
            _("Language understood: {understood}. Legal counsel offered: {offered}.").format(
                understood=yes if adv.language_understood else no,
                offered=yes if adv.legal_counsel_offered else no,
            ),
            _("Questions: {questions}").format(
                questions=_("none")
                if adv.questions.strip() == NO_QUESTIONS
                else escape(adv.questions).replace("\n", "<br>")
            ),
        ]
        self.previous.setText("<br>".join(lines))
        self.previous.show()

    def _show_text(self) -> None:
        code = self.language.currentData()
        self.text = None
        if code:
            try:
                self.text = self.library.advisal(code)
            except Exception as exc:
                logger.info("reading an advisal text failed with %s", type(exc).__name__)
                self.show_message(describe_error(exc), error=True)
        text = self.text
        self.preview.setHtml(advisal_html(text) if text else "")
        self.preview.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if text is not None and text.rtl
            else Qt.LayoutDirection.LeftToRight
        )
        notice = text.not_legally_reviewed_notice if text else None
        same = text is not None and text.language == i18n.current().language
        headline = "" if same else _("NOT LEGALLY REVIEWED") + "\n"
        self.not_reviewed.setText(f"⚠ {headline}{notice}" if notice else "")
        self.not_reviewed.setVisible(bool(notice))
        self.show_button.setEnabled(text is not None)
        person = self.view.interview_language if self.view is not None else None
        if person is None:
            self.language_note.setText(
                _("The person's interview language is not recorded yet (Interview step).")
            )
        elif code and code.split("-")[0] == person.split("-")[0]:
            self.language_note.setText(
                _("This is the language the person gave at the interview ({language}).").format(
                    language=ltr(person)
                )
            )
        else:
            self.language_note.setText(
                _(
                    "Warning: the person gave {language} at the interview. An advisal in "
                    "another language does not count unless they understand it."
                ).format(language=ltr(person))
            )

    # --- actions --------------------------------------------------------------------------------

    def show_to_person(self) -> None:
        """Open the large-type reading view of the text shown."""
        if self.text is None:
            return
        if self.reading_view is not None:
            self.reading_view.close()
        self.reading_view = ReadingView(self.text)
        self.reading_view.destroyed.connect(self._forget_reading_view)
        self.reading_view.showMaximized()
        self.reading_view.activateWindow()

    def _forget_reading_view(self) -> None:
        self.reading_view = None

    @staticmethod
    def _answer(group: QButtonGroup) -> bool | None:
        checked = group.checkedId()
        return None if checked < 0 else bool(checked)

    def record(self) -> None:
        """Record the advisal as delivered (casework checks everything)."""
        if self.context.case_id is None or self.text is None:
            return
        case_id, text = self.context.case_id, self.text
        used = self.interpreter_used.isChecked()
        offered = self.counsel_offered.isChecked()
        language_understood = self._answer(self.understood)
        interpreter_needed = self._answer(self.needed)
        interpreter_name = self.interpreter_name.text().strip() or None if used else None
        questions = self.question_log.serialised()
        accepted = self.counsel_accepted.isChecked() if offered else None
        missing = advisal_missing(
            interpreter_needed=interpreter_needed,
            interpreter_used=used,
            interpreter_name=interpreter_name,
            legal_counsel_offered=offered,
        )
        if missing:
            self._refuse_incomplete(missing)
            return
        cw = self.context.casework()
        result = self.context.attempt(
            self,
            lambda: cw.consent.deliver_advisal(
                case_id,
                language=text.language,
                language_understood=language_understood,
                interpreter_needed=interpreter_needed,
                interpreter_used=used,
                interpreter_name=interpreter_name,
                questions=questions,
                legal_counsel_offered=offered,
                legal_counsel_accepted=accepted,
                text_version=text.version,
                text_hash=text.content_hash,
            ),
        )
        if result is None:
            return
        self._reset_form()
        remaining = [
            i for i in (self.case.gate if self.case else ()) if i.code.startswith("advisal.")
        ]
        if remaining:
            self.show_message(
                _("The advisal was recorded, but it does not count yet:")
                + "\n"
                + "\n".join(f"• {gate_sentence(i)}" for i in remaining),
                error=True,
            )
            return
        self.show_message(
            _(
                "Advisal recorded. Now ask for each consent separately (Consent step); "
                "any consent given before this advisal must be asked again."
            )
        )

    def _refuse_incomplete(self, missing: list[str]) -> None:
        """An incomplete advisal is not recorded: list what is missing, focus the first."""
        items = {
            "interpreter_used": (gate_sentence(GateIssue.of("advisal.interpreter_missing")),
                                 self.interpreter_used),
            "interpreter_name": (_("The interpreter's name or identifier."),
                                 self.interpreter_name),
            "legal_counsel_offered": (gate_sentence(GateIssue.of("advisal.counsel_not_offered")),
                                      self.counsel_offered),
        }  # fmt: skip
        self.show_message(
            _("The advisal was not recorded. Still missing:")
            + "\n"
            + "\n".join(f"• {items[m][0]}" for m in missing if m in items),
            error=True,
        )
        first = next((items[m][1] for m in missing if m in items), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- flow -----------------------------------------------------------------------------------

    def done(self) -> bool:
        if self.case is None or self.view is None or self.view.advisal is None:
            return False
        return not any(i.code.startswith("advisal.") for i in self.case.gate)

    def focus_issue(self, code: str) -> None:
        self._ensure_built()
        targets: dict[str, QWidget] = {
            "advisal.missing": self.language,
            "advisal.text_unknown": self.language,
            "advisal.language_not_understood": self.understood_yes,
            "advisal.interpreter_unrecorded": self.needed_yes,
            "advisal.interpreter_missing": self.interpreter_used,
            "advisal.questions_unrecorded": self.question_log.table,
            "advisal.counsel_not_offered": self.counsel_offered,
        }
        target = targets.get(code, self.language)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        issue = next((i for i in (self.case.gate if self.case else ()) if i.code == code), None)
        if issue is not None:
            self.show_message(gate_sentence(issue), error=True)
