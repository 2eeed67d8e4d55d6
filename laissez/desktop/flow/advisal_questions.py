"""The person's questions during the advisal and the answers given: a table the officer fills
in, or "the person asked no questions"; and how both are stored in the advisal record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laissez.i18n import _

#: what is stored when the person asked nothing (casework's word for it)
NO_QUESTIONS = "none"


def serialise_questions(rows: list[tuple[str, str]], no_questions: bool) -> str:
    """The person's questions and the answers as stored in the advisal record.

    ``Q1: ...`` / ``A1: ...`` pairs, one blank line apart; ``none`` when no question was asked;
    empty when nothing was recorded at all (casework then refuses the advisal).
    """
    kept = [(q.strip(), a.strip()) for q, a in rows if q.strip() or a.strip()]
    if not kept:
        return NO_QUESTIONS if no_questions else ""
    return "\n\n".join(
        f"Q{n}: {q or '-'}\nA{n}: {a or '-'}" for n, (q, a) in enumerate(kept, start=1)
    )


class QuestionLog(QGroupBox):
    """The questions and answers, one row each, or the box "the person asked no questions"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("advisal_questions")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.add_question = QPushButton()
        self.add_question.setObjectName("advisal_add_question")
        self.add_question.clicked.connect(self._add_row)
        self.remove_question = QPushButton()
        self.remove_question.setObjectName("advisal_remove_question")
        self.remove_question.clicked.connect(self._remove_row)
        self.no_questions = QCheckBox()
        self.no_questions.setObjectName("advisal_no_questions")
        self.no_questions.toggled.connect(self._on_no_questions)
        q_layout = QVBoxLayout(self)
        q_layout.addWidget(self.table)
        q_buttons = QHBoxLayout()
        q_buttons.addWidget(self.add_question)
        q_buttons.addWidget(self.remove_question)
        q_buttons.addStretch(1)
        q_buttons.addWidget(self.no_questions)
        q_layout.addLayout(q_buttons)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.setTitle(_("The person's questions and the answers given"))
        self.table.setHorizontalHeaderLabels([_("Question"), _("Answer")])
        self.table.setAccessibleName(_("Questions and answers"))
        self.add_question.setText(_("&Add a question"))
        self.remove_question.setText(_("Remove the selected question"))
        self.no_questions.setText(_("The person asked no &questions"))

    def reset(self) -> None:
        """No question and the box unticked."""
        self.table.setRowCount(0)
        self.no_questions.setChecked(False)

    def _add_row(self) -> None:
        self.no_questions.setChecked(False)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(""))
        self.table.setItem(row, 1, QTableWidgetItem(""))
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        item = self.table.item(row, 0)
        assert item is not None  # set just above
        self.table.editItem(item)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _on_no_questions(self, checked: bool) -> None:
        if checked:
            self.table.setRowCount(0)
        self.table.setEnabled(not checked)
        self.add_question.setEnabled(True)
        self.remove_question.setEnabled(not checked)

    def rows(self) -> list[tuple[str, str]]:
        """The questions and answers typed in the table."""
        rows = []
        for r in range(self.table.rowCount()):
            q, a = self.table.item(r, 0), self.table.item(r, 1)
            rows.append((q.text() if q else "", a.text() if a else ""))
        return rows

    def serialised(self) -> str:
        """What the advisal record stores (see ``serialise_questions``)."""
        return serialise_questions(self.rows(), self.no_questions.isChecked())
