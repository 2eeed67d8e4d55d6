"""The case list's item model: fetches pages lazily (``canFetchMore``/``fetchMore``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from laissez.casework.views.cases import CaseQuery, CaseRow, SortKey
from laissez.desktop.messages import status_label
from laissez.i18n import _, ltr

Fetch = Callable[[CaseQuery, int, int], list[CaseRow]]
PAGE_ROWS = 200
ID_COLUMN, NAME_COLUMN, LATIN_COLUMN, NUMBER_COLUMN, STATUS_COLUMN, UPDATED_COLUMN = range(6)
_SORT_KEYS = {
    ID_COLUMN: SortKey.CREATED,
    NAME_COLUMN: SortKey.NAME,
    LATIN_COLUMN: SortKey.NAME,
    NUMBER_COLUMN: SortKey.DOCUMENT,
    STATUS_COLUMN: SortKey.STATUS,
    UPDATED_COLUMN: SortKey.UPDATED,
}
AnyIndex = QModelIndex | QPersistentModelIndex


def is_rtl_text(text: str) -> bool:
    """True when the first strongly directional character of ``text`` is right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def short_id(case_id: object) -> str:
    """The first 16 hex digits of a case id (creation millisecond and counter: unique within
    an installation), e.g. ``01a20ce8-3339-7016``; the search finds a case by any prefix of
    12 digits or more."""
    return str(case_id)[:18]


class CaseTableModel(QAbstractTableModel):
    """Rows of ``CaseRow`` fetched ``PAGE_ROWS`` at a time through ``fetch``.

    The query (search text, status, sort) is set with ``set_query``; the model resets and
    fetches the first page. Sorting goes to SQL while more rows remain; once every row is
    loaded, name columns are sorted in memory with ``QCollator`` (locale-aware, any script).
    """

    def __init__(self, fetch: Fetch, page_rows: int = PAGE_ROWS) -> None:
        super().__init__()
        self._fetch = fetch
        self.page_rows = page_rows
        self.query = CaseQuery()
        self.rows: list[CaseRow] = []
        self._more = False

    # --- queries ------------------------------------------------------------------------------

    def set_query(self, query: CaseQuery) -> None:
        """Show the cases matching ``query``, starting again from the first page."""
        self.beginResetModel()
        self.query = query
        self.rows = self._fetch(query, 0, self.page_rows)
        self._more = len(self.rows) == self.page_rows
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (sign out, lock)."""
        self.beginResetModel()
        self.rows = []
        self._more = False
        self.endResetModel()

    def refresh(self) -> None:
        """Fetch the current query again."""
        self.set_query(self.query)

    def row_at(self, row: int) -> CaseRow:
        """The case shown on ``row``."""
        return self.rows[row]

    # --- lazy fetching ------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        """True while the last page was full."""
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        """Append the next page."""
        if parent.isValid() or not self._more:
            return
        page = self._fetch(self.query, len(self.rows), self.page_rows)
        self._more = len(page) == self.page_rows
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # --- table --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows loaded so far."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Six columns: id, name, Latin name, document number, status, updated."""
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            _("Case"),
            _("Name"),
            _("Name (Latin)"),
            _("Document number"),
            _("Status"),
            _("Updated"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text (numbers and ids isolated left to right), alignment, tooltips."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ID_COLUMN:
                return ltr(row.reference or short_id(row.case_id))
            if column == NAME_COLUMN:
                return row.name
            if column == LATIN_COLUMN:
                return row.name_latin
            if column == NUMBER_COLUMN:
                return ltr(row.document_number) if row.document_number else ""
            if column == STATUS_COLUMN:
                return status_label(row.status)
            if column == UPDATED_COLUMN:
                return ltr(row.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NAME_COLUMN:
            flag = Qt.AlignmentFlag
            side = flag.AlignRight if is_rtl_text(row.name) else flag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == ID_COLUMN:
            return ltr(str(row.case_id))
        if role == Qt.ItemDataRole.UserRole:
            return row.case_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``: in memory with QCollator for names once all rows are loaded,
        else in SQL (paging stays consistent)."""
        descending = order == Qt.SortOrder.DescendingOrder
        if not self._more and column in (NAME_COLUMN, LATIN_COLUMN) and self.rows:
            collator = QCollator(QLocale())
            collator.setNumericMode(True)
            self.layoutAboutToBeChanged.emit()
            attr = "name" if column == NAME_COLUMN else "name_latin"
            self.rows.sort(key=lambda r: collator.sortKey(getattr(r, attr)), reverse=descending)
            self.layoutChanged.emit()
            return
        self.set_query(replace(self.query, sort=_SORT_KEYS[column], descending=descending))
