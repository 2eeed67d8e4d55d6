"""The case list page: search as you type, a status filter, a sortable lazy table."""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.views.cases import CaseQuery
from laissez.desktop import theme
from laissez.desktop.cases.model import CaseTableModel
from laissez.desktop.messages import STATUS_LABELS, status_label
from laissez.i18n import _

SEARCH_DEBOUNCE_MS = 150


class CaseListPage(QWidget):
    """Search field, status filter, "New case" and the table.

    Emits:
        query_changed(object): the officer changed the search or filter (a ``CaseQuery``),
            after ``SEARCH_DEBOUNCE_MS`` of quiet typing.
        case_activated(object): double-click or Enter on a row; the case's ``uuid.UUID``.
        new_case_requested(): the officer asked for a new case.
    """

    query_changed = Signal(object)
    case_activated = Signal(object)
    new_case_requested = Signal()

    def __init__(self, model: CaseTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_list_page")
        self.model = model
        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_case_button")
        self.message = QLabel()
        self.message.setObjectName("case_list_message")
        self.message.setStyleSheet(theme.ERROR_TEXT)
        self.message.hide()
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 200)
        self.table.setColumnWidth(3, 130)
        self.table.setColumnWidth(4, 150)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self._emit_query)
        self.search.textChanged.connect(self.debounce.start)
        self.search.returnPressed.connect(self._emit_query)
        self.status.currentIndexChanged.connect(self._emit_query)
        self.table.activated.connect(self._on_table_activated)
        self.new_button.clicked.connect(self.new_case_requested)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status)
        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_label)
        bar.addWidget(self.status)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language (the filter keeps its choice)."""
        self.search_label.setText(_("Sea&rch"))
        self.search.setPlaceholderText(_("Name, document number or case number"))
        self.search.setAccessibleName(_("Search cases"))
        self.status_label.setText(_("Stat&us"))
        self.status.setAccessibleName(_("Status filter"))
        self.new_button.setText(_("&New case"))
        chosen = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("All"), None)
        collator = QCollator(QLocale())
        for code in sorted(STATUS_LABELS, key=lambda c: collator.sortKey(status_label(c))):
            self.status.addItem(status_label(code), code)
        self.status.setCurrentIndex(max(self.status.findData(chosen), 0))
        self.status.blockSignals(False)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)

    def current_query(self) -> CaseQuery:
        """The search and filter as typed now, with the model's current sort."""
        return CaseQuery(
            text=self.search.text(),
            status=self.status.currentData(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def _emit_query(self) -> None:
        self.debounce.stop()
        self.query_changed.emit(self.current_query())

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.row_at(index.row()).case_id)

    def show_message(self, message: str) -> None:
        """Show a refusal above the table (empty hides it)."""
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def clear(self) -> None:
        """Forget the search, the filter and every row (sign out)."""
        self.debounce.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(0)
        self.status.blockSignals(False)
        self.show_message("")
        self.model.clear()
