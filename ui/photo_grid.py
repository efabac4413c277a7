"""The photo grid: square tiles (the photo filling each), a size chosen with a slider or
Ctrl+wheel, the file name and date under each, a badge on missing or broken photos,
and drags to the basket or to other programs (files are copied, never moved)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from tangthu.library.records import PhotoEntry
from tangthu.ui.results import ITEMS_MIME, items_mime
from tangthu.ui.thumbnails import ThumbnailLoader

ModelIndex = QModelIndex | QPersistentModelIndex
#: The tile sizes the slider steps through (few, so that thumbnails made once serve).
SIZES = (96, 128, 160, 224, 320)
TEXT_LINES = 2

#: One photo of the grid and the viewer (where it is, what its article says of it).
PhotoItem = PhotoEntry


class PhotoRole(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2
    CAPTION = Qt.ItemDataRole.UserRole + 3
    #: "missing", "broken", or "" for a photo that shows
    TROUBLE = Qt.ItemDataRole.UserRole + 4


def nearest_size(px: int) -> int:
    return min(SIZES, key=lambda s: abs(s - px))


class PhotoGridModel(QAbstractListModel):
    """Photos shown as thumbnails; a thumbnail is asked for only when its row is painted."""

    def __init__(self, loader: ThumbnailLoader, parent: Any = None, *, px: int = 160) -> None:
        super().__init__(parent)
        self._items: list[PhotoItem] = []
        self._rows: dict[str, list[int]] = {}
        self._loader = loader
        self.px = nearest_size(px)
        #: the archive the photos are of (drags carry it)
        self.root: str | None = None
        loader.thumbnail_ready.connect(self._on_thumbnail)

    def set_items(self, items: list[PhotoItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._index_rows()
        self.endResetModel()

    def set_px(self, px: int) -> None:
        """Show tiles of *px* (one of `SIZES`): thumbnails of that size are asked for."""
        self.beginResetModel()
        self.px = nearest_size(px)
        self._index_rows()
        self.endResetModel()

    def _index_rows(self) -> None:
        self._rows = {}
        for row, item in enumerate(self._items):
            if item.path:
                self._rows.setdefault(ThumbnailLoader.key(item.path, self.px), []).append(row)

    def item(self, row: int) -> PhotoItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[PhotoItem]:
        return list(self._items)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ITEMS_MIME, "text/uri-list"]

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        items = [it for it in (self.item(r) for r in rows) if it is not None]
        return items_mime(
            [(self.root or "", it.article_id, it.file) for it in items],
            [Path(it.path) for it in items if it.path and it.exists],
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.file
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.caption, item.title, f"{item.file} · {item.date or '—'}"]
            return "\n".join(x for x in lines if x)
        if role == Qt.ItemDataRole.DecorationRole:
            if not item.path or not item.exists:
                return None
            return self._loader.pixmap(item.path, self.px)
        if role == PhotoRole.TROUBLE:
            if not item.path or not item.exists:
                return "missing"
            if self._loader.failure(item.path, self.px):
                return "broken"
            return ""
        if role == PhotoRole.ITEM:
            return item
        if role == PhotoRole.ID:
            return item.id
        if role == PhotoRole.CAPTION:
            return item.caption
        return None

    def loaded(self) -> int:
        """How many thumbnails of the grid are in memory (for tests and screenshots)."""
        return sum(
            1 for it in self._items if it.path and self._loader.pixmap_cached(it.path, self.px)
        )

    def _on_thumbnail(self, key: str) -> None:
        for row in self._rows.get(key, ()):
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class TileDelegate(QStyledItemDelegate):
    """A square tile: the photo scaled up or down to fill it (its middle kept), the file
    name and date below, a badge when the photo is missing or broken."""

    def __init__(self, grid: PhotoGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        px = self.grid.px()
        item: PhotoItem | None = index.data(PhotoRole.ITEM)
        if item is None:
            return
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        tile = QRect(option.rect.left() + 4, option.rect.top() + 4, px, px)
        painter.save()
        if selected:
            painter.fillRect(option.rect, pal.color(QPalette.ColorRole.Highlight))
        painter.fillRect(tile, QColor("#d9d4c7"))
        pm: QPixmap | None = index.data(Qt.ItemDataRole.DecorationRole)
        if pm is not None and not pm.isNull():
            side = min(pm.width(), pm.height())
            source = QRect((pm.width() - side) // 2, (pm.height() - side) // 2, side, side)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(tile, pm, source)
        trouble = index.data(PhotoRole.TROUBLE)
        if trouble:
            label = self.grid.tr("missing") if trouble == "missing" else self.grid.tr("broken")
            badge = QRect(tile.left() + 4, tile.top() + 4, tile.width() - 8, 20)
            painter.fillRect(badge, QColor("#b3261e"))
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(pal.color(QPalette.ColorRole.Highlight).darker(130))
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(pal.color(role))
        metrics = option.fontMetrics
        line = metrics.height()
        text = QRect(tile.left(), tile.bottom() + 3, px, line)
        painter.drawText(
            text,
            Qt.AlignmentFlag.AlignHCenter,
            metrics.elidedText(item.file, Qt.TextElideMode.ElideMiddle, px),
        )
        if item.date:
            small = QFont(option.font)
            small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
            painter.setFont(small)
            painter.drawText(text.translated(0, line), Qt.AlignmentFlag.AlignHCenter, item.date)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        return self.grid.tile_size()


class PhotoGrid(QListView):
    """A thumbnail grid (icon mode, uniform sizes: smooth with 10,000 photos).

    Signals:
        photo_activated(int): the row opened (double click or Enter).
        px_changed(int): the user chose another tile size (slider or Ctrl+wheel).
    """

    photo_activated = Signal(int)
    px_changed = Signal(int)

    def __init__(self, model: PhotoGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setItemDelegate(TileDelegate(self))
        self.setAccessibleName(self.tr("Photos"))
        self._apply()
        self.activated.connect(lambda idx: self.photo_activated.emit(idx.row()))

    def px(self) -> int:
        return self._model.px

    def tile_size(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(self.px() + 8, self.px() + 8 + TEXT_LINES * line + 4)

    def set_px(self, px: int) -> None:
        if nearest_size(px) != self.px():
            self._model.set_px(px)
            self._apply()
            self.px_changed.emit(self.px())

    def step(self, steps: int) -> None:
        """Larger (+1) or smaller (-1) tiles, one of `SIZES` at a time."""
        i = SIZES.index(self.px()) + steps
        self.set_px(SIZES[max(0, min(len(SIZES) - 1, i))])

    def _apply(self) -> None:
        self.setIconSize(QSize(self.px(), self.px()))
        self.setGridSize(self.tile_size())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.step(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
