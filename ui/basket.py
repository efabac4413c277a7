"""The basket panel: what is selected for export, with counts and size, and collections.

Titles and sizes are read from the files in the background; the list shows the
item's ID until its title is known."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library import Basket, Item, SelectionError, item_size, item_title
from ui.errors import error_text
from ui.i18n import articles_and_photos, fmt
from ui.jobs import make_pool, pending, run_job
from ui.results import ITEMS_MIME, mime_items

ModelIndex = QModelIndex | QPersistentModelIndex


def add_basket_action(view: QAbstractItemView, slot: Callable[[], None]) -> QAction:
    """Give *view* an "Add to basket" action (Ctrl+B, and its context menu)."""
    action = QAction(view.tr("Add to basket"), view)
    action.setShortcut(QKeySequence("Ctrl+B"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


class BasketRole(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1


class BasketModel(QAbstractListModel):
    """The items of the basket; titles the window knows are given in `titles`, the
    others (and every item's size) are read in the background.

    Signals:
        details_known(): titles and sizes of new items were read.
    """

    details_known = Signal()

    def __init__(self, basket: Basket, parent: Any = None) -> None:
        super().__init__(parent)
        self.basket = basket
        self._items = basket.items
        self._sizes: dict[Item, int] = {}
        self.titles: dict[str, str] = {}
        self._pool = make_pool(1)
        self._read_details()

    def reload(self) -> None:
        self.beginResetModel()
        self._items = self.basket.items
        self.endResetModel()
        self._read_details()

    def pending(self) -> bool:
        """True while titles or sizes are being read."""
        return pending(self._pool)

    def _read_details(self) -> None:
        todo = [i for i in self._items if i not in self._sizes]
        if not todo:
            return
        known = dict(self.titles)

        def call() -> tuple[dict[Item, int], dict[str, str]]:
            titles = {i.article_id: item_title(i) for i in todo if i.article_id not in known}
            return {i: item_size(i) for i in todo}, titles

        run_job(call, self._details_read, pool=self._pool)

    def _details_read(self, found: tuple[dict[Item, int], dict[str, str]]) -> None:
        sizes, titles = found
        self._sizes.update(sizes)
        for key, title in titles.items():
            self.titles.setdefault(key, title)
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
        self.details_known.emit()

    def add(self, items: list[Item]) -> int:
        added = self.basket.add(items)
        if added:
            self.reload()
        return added

    def remove_rows(self, rows: list[int]) -> None:
        items = [self._items[r] for r in rows if 0 <= r < len(self._items)]
        self.basket.remove(items)
        self.reload()

    def clear(self) -> None:
        self.basket.clear()
        self.reload()

    def items(self) -> list[Item]:
        return list(self._items)

    def counts(self) -> tuple[int, int, int]:
        """(articles, photos, bytes); bytes count the items whose size is known."""
        size = sum(self._sizes.get(item, 0) for item in self._items)
        photos = sum(i.is_photo for i in self._items)
        return len(self._items) - photos, photos, size

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = self.titles.get(item.article_id) or item.article_id
            if item.is_photo:
                return fmt(self.tr("Photo: %1 — %2"), item.file, title)
            return fmt(self.tr("Article: %1"), title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.root}\n{item.key}"
        if role == BasketRole.ITEM:
            return item
        return None


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


class BasketList(QListView):
    """The basket's list: takes the results and photos dropped on it.

    Signals:
        dropped(object): a list of `Item` dropped from the results or the grid.
    """

    dropped = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def _items(self, event: Any) -> list[Item]:
        return [Item(r, a, f or "") for r, a, f in mime_items(event.mimeData()) if r]

    @staticmethod
    def _take_copies(event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(ITEMS_MIME):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self._take_copies(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self._take_copies(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        items = self._items(event)
        if items:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.dropped.emit(items)
        else:
            event.ignore()


class BasketPanel(QWidget):
    """The basket dock: items, counts, remove/clear, collections, export.

    Signals:
        export_requested(): the user wants to export the basket.
    """

    export_requested = Signal()

    def __init__(self, model: BasketModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = BasketList(self)
        self.view.setModel(model)
        self.view.dropped.connect(model.add)
        self.view.setAccessibleName(self.tr("Basket items"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.summary = QLabel(self)
        self.collections = QComboBox(self)
        export_button = QPushButton(self.tr("Export…"), self)
        export_button.clicked.connect(self.export_requested.emit)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self.remove_selected)
        clear = QPushButton(self.tr("Empty basket"), self)
        clear.clicked.connect(self.clear)
        save = QPushButton(self.tr("Save as collection…"), self)
        save.clicked.connect(self.save_collection)
        load = QPushButton(self.tr("Add collection to basket"), self)
        load.clicked.connect(self.load_collection)
        rename = QPushButton(self.tr("Rename…"), self)
        rename.clicked.connect(self.rename_collection)
        delete = QPushButton(self.tr("Delete"), self)
        delete.clicked.connect(self.delete_collection)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.view, 1)
        right = QVBoxLayout()
        for b in (export_button, remove, clear):
            right.addWidget(b)
        right.addSpacing(8)
        right.addWidget(QLabel(self.tr("Collections")))
        right.addWidget(self.collections)
        grid = QHBoxLayout()
        col1, col2 = QVBoxLayout(), QVBoxLayout()
        col1.addWidget(save)
        col1.addWidget(load)
        col2.addWidget(rename)
        col2.addWidget(delete)
        grid.addLayout(col1)
        grid.addLayout(col2)
        right.addLayout(grid)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        model.modelReset.connect(self.refresh)
        model.details_known.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        articles, photos, size = self.model.counts()
        self.summary.setText(
            fmt(self.tr("%1, %2"), articles_and_photos(self.tr, articles, photos), human_size(size))
        )
        current = self.collections.currentText()
        self.collections.clear()
        for name, items in self.model.basket.collections().items():
            self.collections.addItem(f"{name} ({len(items)})", name)
        i = self.collections.findData(current)
        if i >= 0:
            self.collections.setCurrentIndex(i)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        self.model.remove_rows(rows)

    def clear(self) -> None:
        self.model.clear()

    def save_collection(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as collection"), self.tr("Name:"))
        if ok:
            try:
                self.model.basket.create(name, self.model.items())
            except SelectionError as exc:
                QMessageBox.warning(self, self.tr("Collections"), error_text(exc, self.tr))
            self.refresh()

    def load_collection(self) -> None:
        name = self.collections.currentData()
        if name:
            self.model.add(self.model.basket.collections().get(name, []))

    def rename_collection(self) -> None:
        old = self.collections.currentData()
        if not old:
            return
        new, ok = QInputDialog.getText(
            self, self.tr("Rename collection"), self.tr("Name:"), text=old
        )
        if ok:
            try:
                self.model.basket.rename(old, new)
            except SelectionError as exc:
                QMessageBox.warning(self, self.tr("Collections"), error_text(exc, self.tr))
            self.refresh()

    def delete_collection(self) -> None:
        name = self.collections.currentData()
        if name:
            self.model.basket.delete(name)
            self.refresh()


class BasketDock(QDockWidget):
    """The basket panel as a dock; its `button` (for the status bar) counts the items
    and shows or hides it.

    Signals:
        export_requested(): the user wants to export the basket.
    """

    export_requested = Signal()

    def __init__(self, basket: Basket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Basket"))
        self.setObjectName("basket")
        self.model = BasketModel(basket, self)
        self.panel = BasketPanel(self.model, self)
        self.panel.export_requested.connect(self.export_requested)
        self.setWidget(self.panel)
        self.button = QPushButton(self)
        self.button.setFlat(True)
        self.button.clicked.connect(self.toggle)
        self.model.modelReset.connect(self._count)
        self._count()

    def add(self, items: list[Item], titles: dict[str, str]) -> int:
        """Add *items* (the titles of their articles, when known, save reading them)."""
        self.model.titles.update(titles)
        return self.model.add(items)

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())

    def _count(self) -> None:
        articles, photos, _size = self.model.counts()
        self.button.setText(
            fmt(self.tr("Basket: %1"), articles_and_photos(self.tr, articles, photos))
        )
