"""The basket's items as a table (title or file, date, size, a thumbnail), read from
their files in the background; rows dragged within it reorder the basket, and dragged
out they carry their files (copied, never moved)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPixmap

from tangthu.library import Basket, article_file, item_details, photo_file
from tangthu.library.records import Item, ItemDetails, OutsideArchive
from tangthu.ui.i18n import fmt
from tangthu.ui.jobs import make_pool, pending, run_job
from tangthu.ui.results import ITEMS_MIME, folder_of, items_mime, mime_items
from tangthu.ui.thumbnails import ThumbnailLoader

ModelIndex = QModelIndex | QPersistentModelIndex
#: Rows of the basket dragged within it (JSON list of row numbers).
ROWS_MIME = "application/x-tangthu-basket-rows"
THUMB_PX = 48


class BasketRole(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1


class BasketColumn(IntEnum):
    TITLE = 0
    DATE = 1
    SIZE = 2


class BasketModel(QAbstractTableModel):
    """The items of the basket; titles the window knows are given in `titles`, the
    others (and every item's date, size and thumbnail) are read in the background.

    Signals:
        details_known(): titles and sizes of new items were read.
    """

    details_known = Signal()

    def __init__(
        self, basket: Basket, parent: Any = None, loader: ThumbnailLoader | None = None
    ) -> None:
        super().__init__(parent)
        self.basket = basket
        self._items = basket.items
        self._details: dict[Item, ItemDetails] = {}
        self.titles: dict[str, str] = {}
        self._loader = loader
        self._blank_pixmap: QPixmap | None = None
        if loader is not None:
            loader.thumbnail_ready.connect(self._on_thumbnail)
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
        todo = [i for i in self._items if i not in self._details]
        if todo:
            run_job(lambda: {i: item_details(i) for i in todo}, self._details_read, pool=self._pool)

    def _details_read(self, found: dict[Item, ItemDetails]) -> None:
        self._details.update(found)
        for item, details in found.items():
            self.titles.setdefault(item.article_id, details.title)
        if self._items:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._items) - 1, len(BasketColumn) - 1)
            )
        self.details_known.emit()

    # ------------------------------------------------------------------ changes

    def add(self, items: list[Item]) -> int:
        added = self.basket.add(items)
        if added:
            self.reload()
        return added

    def remove_rows(self, rows: list[int]) -> None:
        items = [self._items[r] for r in rows if 0 <= r < len(self._items)]
        self.basket.remove(items)
        self.reload()

    def move_rows(self, rows: list[int], before: int) -> None:
        """Move the items of *rows* before row *before* (the order exports follow)."""
        items = [self._items[r] for r in sorted(rows) if 0 <= r < len(self._items)]
        self.basket.move(items, before)
        self.reload()

    def clear(self) -> None:
        self.basket.clear()
        self.reload()

    def items(self) -> list[Item]:
        return list(self._items)

    def counts(self) -> tuple[int, int, int]:
        """(articles, photos, bytes); bytes count the items whose size is known."""
        size = sum(d.size for i in self._items if (d := self._details.get(i)) is not None)
        photos = sum(i.is_photo for i in self._items)
        return len(self._items) - photos, photos, size

    # ------------------------------------------------------------------ the table

    def index(self, row: int, column: int = 0, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        return super().index(row, column, parent)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(BasketColumn)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [self.tr("Title or file"), self.tr("Date"), self.tr("Size")]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        details = self._details.get(item)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == BasketColumn.DATE:
                if details is None or not details.date:
                    return ""
                return f"≈ {details.date}" if details.date_estimated else details.date
            if column == BasketColumn.SIZE:
                return human_size(details.size) if details else ""
            title = self.titles.get(item.article_id) or item.article_id
            if item.is_photo:
                return fmt(self.tr("Photo: %1 — %2"), item.file, title)
            return fmt(self.tr("Article: %1"), title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BasketColumn.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.root}\n{item.key}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and self._loader is not None:
            pixmap = None
            if details is not None and details.thumb:
                pixmap = self._loader.pixmap(details.thumb, THUMB_PX)
            return pixmap if pixmap is not None else self._blank()
        if role == BasketRole.ITEM:
            return item
        return None

    def _blank(self) -> QPixmap:
        """An empty square where a row has no thumbnail (yet): every title starts at
        the same place."""
        if self._blank_pixmap is None:
            self._blank_pixmap = QPixmap(THUMB_PX, THUMB_PX)
            self._blank_pixmap.fill(Qt.GlobalColor.transparent)
        return self._blank_pixmap

    def _on_thumbnail(self, key: str) -> None:
        for row, item in enumerate(self._items):
            details = self._details.get(item)
            if details and details.thumb and ThumbnailLoader.key(details.thumb, THUMB_PX) == key:
                idx = self.index(row, 0)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    # ------------------------------------------------------------------ dragging

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ROWS_MIME, ITEMS_MIME, "text/uri-list"]

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        items = [self._items[r] for r in rows if 0 <= r < len(self._items)]
        files = []
        for item in items:
            path = (
                photo_file(item.root, item.article_id, item.file)
                if item.is_photo
                else folder_of(item.root, item.article_id)
            )
            if path is not None:
                files.append(path)
        data = items_mime([(i.root, i.article_id, i.file or None) for i in items], files)
        data.setData(ROWS_MIME, json.dumps(rows).encode("utf-8"))
        return data

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        """Rows of the basket: moved there. Results or photos: added."""
        before = row if row >= 0 else (parent.row() if parent.isValid() else len(self._items))
        if data.hasFormat(ROWS_MIME):
            try:
                rows = [int(r) for r in json.loads(bytes(data.data(ROWS_MIME).data()))]
            except (ValueError, TypeError):
                return False
            self.move_rows(rows, before)
            return False  # the view must not remove the dragged rows: the basket moved them
        items = [Item(r, a, f or "") for r, a, f in mime_items(data) if r]
        return bool(items) and self.add(items) >= 0


def item_path(item: Item) -> Path | None:
    """The file of an item on disk: its photo, or its article's text."""
    try:
        if item.is_photo:
            return photo_file(item.root, item.article_id, item.file)
        return article_file(item.root, item.article_id)
    except OutsideArchive:
        return None


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
