"""The results as a table: sortable, resizable, movable and hideable columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from tangthu.library.records import DATINGS
from tangthu.ui.results import Column, ResultsModel, Role, dating_label


class _TextOnly(QSortFilterProxyModel):
    """The table's rows: text, without the cards' thumbnails; the title, date, outlet
    and author cells of the archive shown can be corrected (F2)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            return None
        return super().data(index, role)

    def flags(self, index: Any) -> Qt.ItemFlag:
        base = super().flags(index)
        model = self.sourceModel()
        if isinstance(model, ResultsModel) and model.correctable(self.mapToSource(index)):
            return base | Qt.ItemFlag.ItemIsEditable
        return base


#: The title column's least width (px), and how narrow it gets in a narrow table to
#: leave the date beside it whole.
MIN_TITLE = 260
NARROW_TITLE = 150
#: The widest value of the narrow columns (a guessed date, a photo count, a format).
_WIDEST = {
    Column.DATE: ("≈ 0000-00-00",),
    Column.PHOTOS: ("0000",),
    Column.FORMAT: ("MHTML", "IMAGE", "DOCX"),
    Column.DATED: tuple(dating_label(name) for name in DATINGS),
}


class ResultsTable(QTableView):
    """The hits in rows, one column per field, as Calibre or Zotero list items.

    Sorting by a column orders the hits loaded so far (the pane says so when more
    are still to load); the search's own order is the unsorted state.
    """

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = _TextOnly(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(Role.SORT)
        self.proxy.setDynamicSortFilter(True)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.proxy.sort(-1)  # the search's order until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # F2 corrects
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(Column.TITLE, MIN_TITLE)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        # As wide as their widest value, measured once from the font: a column sized to
        # its contents would read every row again at each page of hits.
        for column, samples in _WIDEST.items():
            label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widths = [self.fontMetrics().horizontalAdvance(x) for x in samples]
            widths.append(header.fontMetrics().horizontalAdvance(label))
            self.setColumnWidth(column, max(widths) + 28)  # margins, or the sort arrow
        self.setColumnWidth(Column.OUTLET, 110)
        self.setColumnWidth(Column.BYLINE, 120)
        header.moveSection(header.visualIndex(Column.BYLINE), header.visualIndex(Column.OUTLET))
        self.setColumnHidden(Column.FOLDER, True)
        self.setColumnHidden(Column.DATED, True)  # (its header's menu shows it)
        self.setAccessibleName(self.tr("Results table"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_title()

    def fit_title(self) -> None:
        """The title column takes the room the other columns leave (never narrower than
        `MIN_TITLE`: a narrow table scrolls rather than cut every title short). Where
        even that is too wide, the title gives way, down to `NARROW_TITLE`, until the
        date beside it shows whole: a date is never cut mid-value."""
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != Column.TITLE and not header.isSectionHidden(c)
        )
        room = self.viewport().width() - others
        if room < MIN_TITLE and not header.isSectionHidden(Column.DATE):
            beside = self.viewport().width() - header.sectionSize(Column.DATE)
            room = max(NARROW_TITLE, min(MIN_TITLE, beside))
        self.setColumnWidth(Column.TITLE, max(NARROW_TITLE, room))

    def source_row(self, proxy_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()

    def proxy_row(self, source_row: int) -> int:
        source = self.proxy.sourceModel().index(source_row, 0)
        return self.proxy.mapFromSource(source).row()

    def sorted_locally(self) -> bool:
        return self.horizontalHeader().sortIndicatorSection() >= 0

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        model = self.proxy.sourceModel()
        for column in Column:
            if column == Column.TITLE:
                continue
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
        menu.addSeparator()
        menu.addAction(self.tr("Search order"), self.unsort)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def _show_column(self, column: int, on: bool) -> None:
        self.setColumnHidden(column, not on)
        self.fit_title()

    def unsort(self) -> None:
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
