"""The basket panel: what is selected for export, with counts and size, and collections.

Titles and sizes are read from the files in the background; the list shows the
item's ID until its title is known."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tangthu.library import Basket
from tangthu.library.records import Item, SelectionError
from tangthu.ui.basket_model import (
    THUMB_PX,
    BasketColumn,
    BasketModel,
    BasketRole,
    human_size,
    item_path,
)
from tangthu.ui.desktop import add_file_actions, view_action
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import articles_and_photos, fmt
from tangthu.ui.thumbnails import ThumbnailLoader

__all__ = ["BasketDock", "BasketModel", "BasketPanel", "BasketRole", "add_basket_action"]

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


class BasketList(QTreeView):
    """The basket's rows: drag them to reorder, drop results or photos on them to add,
    drag them out to copy their files elsewhere."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setAcceptDrops(True)
        self.setIconSize(QSize(THUMB_PX, THUMB_PX))

    def setModel(self, model: Any) -> None:  # noqa: N802
        super().setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(BasketColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(BasketColumn.DATE, 100)
        header.resizeSection(BasketColumn.SIZE, 80)


class BasketPanel(QWidget):
    """The basket dock: items, counts, remove/clear, collections, export.

    Signals:
        export_requested(object): the user wants these items (a list of `Item`: the
            whole basket, or the rows chosen) exported.
        open_requested(object): the user wants to read this `Item`'s article.
    """

    export_requested = Signal(object)
    open_requested = Signal(object)

    def __init__(self, model: BasketModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        #: the collection saved or added last
        self.last_collection = ""
        self.view = BasketList(self)
        self.view.setModel(model)
        self.view.setAccessibleName(self.tr("Basket items"))
        self.summary = QLabel(self)
        self.collections = QComboBox(self)
        self.collections.setAccessibleName(self.tr("Collections"))
        export_button = QPushButton(self.tr("Export…"), self)
        export_button.clicked.connect(lambda: self.export_requested.emit(self.model.items()))
        self._add_actions()
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

    def _add_actions(self) -> None:
        """The rows' context menu: open, remove, export, the files on the desktop."""
        view = self.view
        view_action(
            view, self.tr("Open"), lambda: self._emit_chosen(self.open_requested, first=True)
        )
        view_action(view, self.tr("Remove"), self.remove_selected, "Delete")
        view_action(
            view, self.tr("Export these…"), lambda: self._emit_chosen(self.export_requested)
        )
        add_file_actions(view, lambda: [f for i in self.chosen() if (f := item_path(i))])

    def chosen(self) -> list[Item]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        items = self.model.items()
        return [items[r] for r in rows if 0 <= r < len(items)]

    def _emit_chosen(self, signal: Any, *, first: bool = False) -> None:
        chosen = self.chosen()
        if chosen:
            signal.emit(chosen[0] if first else chosen)

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
                self.last_collection = name.strip()
            except SelectionError as exc:
                QMessageBox.warning(self, self.tr("Collections"), error_text(exc, self.tr))
            self.refresh()

    def load_collection(self) -> None:
        name = self.collections.currentData()
        if name:
            self.model.add(self.model.basket.collections().get(name, []))
            self.last_collection = name

    def collection_of(self, items: list[Item]) -> str:
        """The name of the collection *items* are (the one saved or added last when they
        are all in it, else one holding exactly them), or ""."""
        collections = self.model.basket.collections()
        chosen = set(items)
        if chosen and chosen <= set(collections.get(self.last_collection, [])):
            return self.last_collection
        return next((n for n, held in collections.items() if set(held) == chosen), "")

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
        export_requested(object): the user wants these items exported (a list of `Item`).
        open_requested(object): the user wants to read this `Item`'s article.
        tag_requested(object): the user wants to tag these items (a list of `Item`).
    """

    export_requested = Signal(object)
    open_requested = Signal(object)
    tag_requested = Signal(object)

    def __init__(
        self, basket: Basket, parent: QWidget | None = None, loader: ThumbnailLoader | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Basket"))
        self.setObjectName("basket")
        self.model = BasketModel(basket, self, loader=loader)
        self.panel = BasketPanel(self.model, self)
        self.panel.export_requested.connect(self.export_requested)
        self.panel.open_requested.connect(self.open_requested)
        view_action(
            self.panel.view, self.tr("Tag…"), lambda: self.tag_requested.emit(self.panel.chosen())
        )
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
