"""``FormView``: a form definition on screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.desktop import theme
from laissez.desktop.formview.editor_base import Editor
from laissez.desktop.formview.editors import editor_for
from laissez.desktop.formview.signature_photo import PhotoEditor
from laissez.desktop.messages import issue_sentence
from laissez.forms.schema import Form, Text
from laissez.forms.validation import FieldIssue, shown_fields, validate
from laissez.i18n import _, isolate

ISSUE_STYLE = theme.label_style(theme.ERROR_TEXT)
HELP_STYLE = theme.label_style(theme.MUTED_TEXT)


def shown_words(text: Text, language: str) -> str:
    """``text`` in ``language`` for a label. In a right-to-left interface, words that fall
    back to another language are isolated in a right-to-left paragraph, so that they align
    with the rest of the page and keep their own order."""
    words = text.get(language)
    base = language.split("-")[0]
    if words and i18n.is_rtl(language) and not (text.has(language) or text.has(base)):
        return "\u200f" + isolate(words)
    return words


class _Row:
    """The widgets of one question."""

    def __init__(self, label: QLabel, container: QWidget, editor: Editor) -> None:
        self.label = label
        self.container = container
        self.editor = editor
        self.help = QLabel()
        self.issue = QLabel()


class FormView(QWidget):
    """The questions of ``form``, section by section, in the interface language (English
    where the form has no words in it).

    Questions with a ``when`` condition appear and disappear as answers change;
    ``answers()`` holds only the questions shown, in the shape ``laissez.forms.validate``
    checks; ``check()`` validates, writes each issue under its question and focuses the first.

    Emits:
        changed(): an answer changed.
        submitted(): the officer pressed Return in a one-line answer (save the form).
    """

    changed = Signal()
    submitted = Signal()

    def __init__(
        self, form: Form, parent: QWidget | None = None, *, language: str | None = None
    ) -> None:
        super().__init__(parent)
        self.form = form
        self.setObjectName(f"form_{form.id}")
        self._language = language
        self._updating = False
        self.title = QLabel()
        self.title.setObjectName("form_title")
        self.title.setWordWrap(True)
        self.description = QLabel()
        self.description.setObjectName("form_description")
        self.description.setWordWrap(True)
        self.required_note = QLabel()
        self.required_note.setStyleSheet(HELP_STYLE)
        self.rows: dict[str, _Row] = {}
        self._visible: dict[str, bool] = {}  # what refresh() last set
        self._issues: dict[str, str] = {}  # the issue code shown under each question
        self.section_titles: dict[str, QLabel] = {}

        inner = QWidget()
        inner.setObjectName("form_inner")
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(4)
        self.column.addWidget(self.title)
        self.column.addWidget(self.description)
        self.column.addWidget(self.required_note)
        for section in form.sections:
            heading = QLabel()
            heading.setObjectName(f"section_{section.id}")
            heading.setWordWrap(True)
            heading.setContentsMargins(0, 10, 0, 2)
            self.section_titles[section.id] = heading
            self.column.addWidget(heading)
            for f in section.fields:
                self._add_row(f.id)
        self.column.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("form_scroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)
        self.retranslate()
        self.refresh()

    def _add_row(self, field_id: str) -> None:
        f = self.form.field(field_id)
        editor = editor_for(f)
        label = QLabel()
        label.setObjectName(f"label_{f.id}")
        label.setWordWrap(True)
        label.setBuddy(editor.focus_widget())
        container = QWidget()
        container.setObjectName(f"question_{f.id}")
        box = QVBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 8)
        box.setSpacing(3)
        row = _Row(label, container, editor)
        row.help.setObjectName(f"help_{f.id}")
        row.help.setWordWrap(True)
        row.help.setStyleSheet(HELP_STYLE)
        row.issue.setObjectName(f"issue_{f.id}")
        row.issue.setWordWrap(True)
        row.issue.setStyleSheet(ISSUE_STYLE)
        row.issue.hide()
        box.addWidget(label)
        box.addWidget(editor)
        box.addWidget(row.help)
        box.addWidget(row.issue)
        editor.changed.connect(lambda fid=f.id: self._on_changed(fid))
        for line in editor.findChildren(QLineEdit):
            if not isinstance(line.parent(), QComboBox):
                line.returnPressed.connect(self._on_return)
        self.rows[f.id] = row
        self.column.addWidget(container)

    # --- language ----------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The language of the form's words: the one given, else the interface language."""
        return self._language or i18n.current().language

    def retranslate(self, language: str | None = None) -> None:
        """Set every text in ``language`` (default: the interface language); the form's own
        words fall back to English where the form has none in that language."""
        if language is not None:
            self._language = language
        lang = self.language
        self.title.setText(f"<h3>{escape(shown_words(self.form.title, lang))}</h3>")
        description = shown_words(self.form.description, lang)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.required_note.setText(_("Questions marked * must be answered."))
        for section in self.form.sections:
            title = escape(shown_words(section.title, lang))
            self.section_titles[section.id].setText(f"<b>{title}</b>")
        for f in self.form.fields:
            row = self.rows[f.id]
            text = f.label.get(lang)
            shown = shown_words(f.label, lang)
            row.label.setText(f"{shown} *" if f.required else shown)
            help_text = f.help.get(lang)
            row.help.setText(shown_words(f.help, lang))
            row.help.setVisible(bool(help_text))
            row.editor.retranslate(lang)
            row.editor.set_label(text, help_text)
        for field_id, code in self._issues.items():
            sentence = issue_sentence(self.form.field(field_id), code)
            self.rows[field_id].issue.setText("⚠ " + sentence)
            self.rows[field_id].editor.focus_widget().setAccessibleDescription(sentence)
        self._updating = True
        try:
            self.refresh()
        finally:
            self._updating = False

    # --- answers ----------------------------------------------------------------------------

    def _raw(self) -> dict[str, Any]:
        values = {}
        for field_id, row in self.rows.items():
            value = row.editor.value()
            if value is not None:
                values[field_id] = value
        return values

    def answers(self) -> dict[str, Any]:
        """The answers to the questions shown (empty answers left out)."""
        shown = {f.id for f in shown_fields(self.form, self._raw())}
        return {k: v for k, v in self._raw().items() if k in shown}

    def set_answers(self, answers: Mapping[str, Any]) -> None:
        """Show ``answers`` (questions without an answer are cleared); clears the issues."""
        self._updating = True
        try:
            for field_id, row in self.rows.items():
                value = answers.get(field_id)
                if row.editor.value() != value:
                    row.editor.set_value(value)
        finally:
            self._updating = False
        self.refresh()
        self.show_issues(())

    def set_answer(self, field_id: str, value: Any) -> None:
        """Set one answer (as if the officer had given it)."""
        self.rows[field_id].editor.set_value(value)

    def clear(self) -> None:
        """Forget every answer (and the photograph shown)."""
        self.set_answers({})
        for row in self.rows.values():
            if isinstance(row.editor, PhotoEditor):
                row.editor.show_image(None)

    def editor(self, field_id: str) -> Editor:
        """The editor of one question."""
        return self.rows[field_id].editor

    def _on_return(self) -> None:
        self.submitted.emit()

    # --- conditions ---------------------------------------------------------------------------

    def _on_changed(self, field_id: str) -> None:
        if self._updating:
            return
        self._clear_issue(field_id)
        self.refresh()
        self.changed.emit()

    def shown(self) -> set[str]:
        """The ids of the questions shown for the current answers."""
        return {f.id for f in shown_fields(self.form, self._raw())}

    def refresh(self) -> None:
        """Show the questions whose condition holds, hide the others (and empty sections)."""
        # Only what changes is touched: this runs on every keystroke.
        shown = self.shown()
        for field_id, row in self.rows.items():
            self._set_visible(field_id, row.container, field_id in shown)
        for section in self.form.sections:
            visible = any(f.id in shown for f in section.fields)
            self._set_visible(f"section:{section.id}", self.section_titles[section.id], visible)

    def _set_visible(self, key: str, widget: QWidget, visible: bool) -> None:
        if self._visible.get(key) != visible:
            widget.setVisible(visible)
            self._visible[key] = visible

    # --- validation ---------------------------------------------------------------------------

    def issues(self, *, partial: bool = False) -> tuple[FieldIssue, ...]:
        """What ``laissez.forms.validate`` finds wrong with ``answers()``."""
        return validate(self.form, self.answers(), partial=partial)

    def show_issues(self, issues: Iterable[FieldIssue | tuple[str, str]]) -> None:
        """Write one sentence under each question that has an issue (and clear the others)."""
        by_field: dict[str, str] = {}
        for issue in issues:
            field_id, code = (issue.field, issue.code) if isinstance(issue, FieldIssue) else issue
            by_field.setdefault(field_id, code)
        for field_id, row in self.rows.items():
            found = by_field.get(field_id)
            if found == self._issues.get(field_id):
                continue
            if found is None:
                self._clear_issue(field_id)
                continue
            self._issues[field_id] = found
            sentence = issue_sentence(self.form.field(field_id), found)
            row.issue.setText("⚠ " + sentence)
            row.issue.show()
            row.editor.focus_widget().setAccessibleDescription(sentence)

    def _clear_issue(self, field_id: str) -> None:
        if self._issues.pop(field_id, None) is None:
            return
        row = self.rows[field_id]
        row.issue.clear()
        row.issue.hide()
        row.editor.focus_widget().setAccessibleDescription(
            self.form.field(field_id).help.get(self.language)
        )

    def check(self, *, partial: bool = False) -> tuple[FieldIssue, ...]:
        """Validate, show the issues and focus the first question with one; returns them."""
        issues = self.issues(partial=partial)
        self.show_issues(issues)
        for f in self.form.fields:
            if any(i.field == f.id for i in issues):
                self.focus_field(f.id)
                break
        return issues

    def first_issue_field(self) -> str | None:
        """The first question (in form order) whose issue is shown."""
        for field_id in self.rows:
            if field_id in self._issues:
                return field_id
        return None

    def focus_field(self, field_id: str) -> None:
        """Scroll to a question and give it the keyboard focus (if it is shown)."""
        row = self.rows.get(field_id)
        if row is None:
            return
        self.scroller.ensureWidgetVisible(row.container)
        row.editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
