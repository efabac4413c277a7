"""The results list: a model of search hits and a delegate that draws them."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tangthu.library import article_folder
from tangthu.library.records import DATINGS, Hit, OutsideArchive
from tangthu.ui.cards import (
    THUMB_PX,
    HeightKey,
    card_document,
    card_height,
    card_key,
    format_tag,
    marked,
    measure_card,
    meta_line,
    shown_date,
)
from tangthu.ui.chips import dating_name
from tangthu.ui.thumbnails import ThumbnailLoader, placeholder

ModelIndex = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 116
#: What a drag from the results (or the grid) carries for the basket: JSON
#: ``[[root, article_id, photo_file_or_null], ...]``; file URLs go along for other programs.
ITEMS_MIME = "application/x-tangthu-items"


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    HIT = Qt.ItemDataRole.UserRole + 2
    SNIPPET = Qt.ItemDataRole.UserRole + 3
    META = Qt.ItemDataRole.UserRole + 4
    SORT = Qt.ItemDataRole.UserRole + 5


class Column(IntEnum):
    TITLE = 0
    DATE = 1
    OUTLET = 2
    PHOTOS = 3
    FOLDER = 4
    ARCHIVE = 5
    BYLINE = 6
    FORMAT = 7
    DATED = 8


#: The table's cells a librarian may correct (F2), and the field each corrects.
EDITABLE: dict[int, str] = {
    Column.TITLE: "title",
    Column.DATE: "date",
    Column.OUTLET: "outlet",
    Column.BYLINE: "author",
}


class ResultsModel(QAbstractTableModel):
    """Search hits of the current query; holds ids and their display data.

    Column 0 is the hit as the cards draw it; the other columns are the table's.

    Signals:
        correction_wanted(str, str, str): a cell was edited: the article's ID, the
            field (`EDITABLE`) and the value typed.
    """

    correction_wanted = Signal(str, str, str)

    def __init__(self, loader: ThumbnailLoader | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._thumbs: dict[str, str] = {}
        self._loader = loader
        #: the archive the hits are of (drags carry it)
        self.root: str | None = None
        if loader is not None:
            loader.thumbnail_ready.connect(self._on_thumbnail)

    def set_hits(self, hits: list[Hit], thumbs: Mapping[str, str] | None = None) -> None:
        """Show *hits*; *thumbs* maps article IDs to their thumbnail photo's path on disk."""
        self.beginResetModel()
        self._hits = list(hits)
        self._thumbs = dict(thumbs or {})
        self.endResetModel()

    def append_hits(self, hits: list[Hit], thumbs: Mapping[str, str] | None = None) -> None:
        if not hits:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
        self._hits.extend(hits)
        self._thumbs.update(thumbs or {})
        self.endInsertRows()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def ids(self) -> list[str]:
        return [h.id for h in self._hits]

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            Column.TITLE: self.tr("Title"),
            Column.DATE: self.tr("Date"),
            Column.OUTLET: self.tr("Outlet"),
            Column.PHOTOS: self.tr("Photos"),
            Column.FOLDER: self.tr("Folder"),
            Column.ARCHIVE: self.tr("Archive"),
            Column.BYLINE: self.tr("Author"),
            Column.FORMAT: self.tr("Format"),
            Column.DATED: self.tr("How dated"),
        }
        return names.get(Column(section)) if 0 <= section < len(Column) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def correctable(self, index: ModelIndex) -> bool:
        """Whether the cell is a field of an article of the archive shown (a hit of
        another archive searched with it is corrected in its own window)."""
        hit = self.hit(index.row()) if index.isValid() else None
        return (
            hit is not None
            and index.column() in EDITABLE
            and (not hit.archive or hit.archive == self.root)
        )

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A cell edited: asks for the correction (`correction_wanted`); the row shows
        it once the search runs again."""
        hit = self.hit(index.row()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or hit is None or not self.correctable(index):
            return False
        field = EDITABLE[Column(index.column())]
        if str(value).strip() != (getattr(hit, field) or ""):
            self.correction_wanted.emit(hit.id, field, str(value))
        return True

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ITEMS_MIME, "text/uri-list"]

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction  # files are copied out, never moved

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        hits = [h for h in (self.hit(r) for r in rows) if h is not None]
        return items_mime(
            [(h.archive or self.root or "", h.id, None) for h in hits],
            [f for f in (folder_of(h.archive or self.root, h.id) for h in hits) if f],
        )

    def _thumb_path(self, hit: Hit) -> str | None:
        return self._thumbs.get(hit.id)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if column and role in (Qt.ItemDataRole.DisplayRole, Role.SORT):
            return _cell(hit, Column(column), role == Role.SORT)
        if column and role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PHOTOS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.SORT:
            return hit.title.casefold()
        if role == Qt.ItemDataRole.DisplayRole:
            return marked(hit, "title")
        if role == Qt.ItemDataRole.EditRole:
            field = EDITABLE.get(column)  # (the raw value: no ✎, no ≈)
            return (getattr(hit, field) or "") if field else ""
        if column and role == Qt.ItemDataRole.ToolTipRole and column == Column.DATED:
            return self.tr("How the article is dated")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{hit.id}"
        if role == Role.ID:
            return hit.id
        if role == Role.HIT:
            return hit
        if role == Role.SNIPPET:
            return hit.snippet
        if role == Role.META:
            return meta_line(hit)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            path = self._thumb_path(hit)
            if path is None or self._loader is None:
                return None
            return self._loader.pixmap(path, THUMB_PX) or placeholder(THUMB_PX)
        return None

    def _on_thumbnail(self, key: str) -> None:
        for row, hit in enumerate(self._hits):
            path = self._thumb_path(hit)
            if path and ThumbnailLoader.key(path, THUMB_PX) == key:
                idx = self.index(row, 0)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


def _cell(hit: Hit, column: Column, sorting: bool) -> Any:
    if column == Column.DATE:
        # undated hits sort after the dated ones, whichever way
        return (hit.date or "") if sorting else shown_date(hit)
    if column == Column.OUTLET:
        return (hit.outlet or "").casefold() if sorting else marked(hit, "outlet")
    if column == Column.PHOTOS:
        return hit.photos if sorting else (str(hit.photos) if hit.photos else "")
    if column == Column.ARCHIVE:
        return Path(hit.archive).name if hit.archive else ""
    if column == Column.BYLINE:
        return (hit.author or "").casefold() if sorting else marked(hit, "author")
    if column == Column.FORMAT:
        return format_tag(hit.format)
    if column == Column.DATED:
        return DATING_ORDER.get(hit.dated_by, 9) if sorting else dating_label(hit.dated_by)
    return hit.folder or str(Path(hit.id).parent)


#: The order of `records.DATINGS`: how the "How dated" column sorts.
DATING_ORDER = {name: n for n, name in enumerate(DATINGS)}


def dating_label(name: str) -> str:
    """How an article is dated, in the window's language (`chips.dating_name`)."""
    return dating_name(name, lambda text: QCoreApplication.translate("ResultsModel", text))


def folder_of(root: str | None, article_id: str) -> Path | None:
    """The folder of an article on disk (None: not there, or no archive)."""
    if not root:
        return None
    try:
        return article_folder(root, article_id)
    except OutsideArchive:
        return None


def items_mime(items: list[tuple[str, str, str | None]], files: list[Path]) -> QMimeData:
    """What a drag carries: the items for the basket, and file URLs for other programs."""
    data = QMimeData()
    data.setData(ITEMS_MIME, json.dumps(items, ensure_ascii=False).encode("utf-8"))
    if files:
        data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    return data


def mime_items(data: QMimeData) -> list[tuple[str, str, str | None]]:
    """The items a drag from the results or the grid carries (none from elsewhere)."""
    if not data.hasFormat(ITEMS_MIME):
        return []
    try:
        raw = json.loads(bytes(data.data(ITEMS_MIME).data()).decode("utf-8"))
    except ValueError:
        return []
    out: list[tuple[str, str, str | None]] = []
    for row in raw if isinstance(raw, list) else []:
        if isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) for x in row[:2]):
            out.append((row[0], row[1], row[2] if isinstance(row[2], str) else None))
    return out


def _meta_colour(option: QStyleOptionViewItem, selected: bool) -> str:
    """The date and outlet line's colour, from the palette (light or dark alike)."""
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
    return str(option.palette.color(role).name())


def _whole_lines(doc: QTextDocument, height: int) -> int:
    """The height of the lines of *doc* that fit whole in *height* (no half-cut line)."""
    layout = doc.documentLayout()
    best = 0
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            bottom = int(top + lines.lineAt(i).rect().bottom()) + 1
            if bottom > height:
                return best
            best = bottom
        block = block.next()
    return max(best, height)


class ResultDelegate(QStyledItemDelegate):
    """Draws a hit: thumbnail, title (matches bold), date and outlet, snippet, photo count.

    A card is measured once per width (`measurer` lets the search thread measure a
    page before the list shows it) and laid out once per look (the documents of the
    cards painted last are kept), so that showing, scrolling and repainting a page
    lay out little on the window's thread.
    """

    #: documents kept for painting (a few screens of cards)
    KEEP = 240

    def __init__(self, parent: Any = None, photos_label: Any = None) -> None:
        super().__init__(parent)
        self._photos_label = photos_label or (lambda n: f"{n} photos")
        self._heights: dict[HeightKey, int] = {}
        self._docs: OrderedDict[tuple[str, int, str, str], QTextDocument] = OrderedDict()

    @staticmethod
    def text_width(view: Any) -> int:
        """The width of a card's text in *view* (the list's viewport less the thumbnail)."""
        width = view.viewport().width() if view is not None and hasattr(view, "viewport") else 400
        return max(80, width - 12 - THUMB_PX - 8)

    def measurer(self, view: Any) -> Callable[[Sequence[Hit]], dict[HeightKey, int]]:
        """A function giving the heights of cards as *view* shows them (its width and
        font, copied now), to call in another thread; `learn` takes what it gives.

        Each card is measured at two widths: with the list's scroll bar and without (a
        page longer or shorter than the last shows or hides it).
        """
        width, font, label = self.text_width(view), QFont(view.font()), self._photos_label
        bar = view.verticalScrollBar()
        extent = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        other = width + extent if bar.isVisible() else width - extent
        key = font.key()

        def measure(hits: Sequence[Hit]) -> dict[HeightKey, int]:
            return {
                (card_key(h), w, key): measure_card(h, w, font, label)
                for h in hits
                for w in (width, max(80, other))
            }

        return measure

    def learn(self, heights: Mapping[HeightKey, int]) -> None:
        """Keep heights measured elsewhere (see `measurer`)."""
        if len(self._heights) + len(heights) > 20000:
            self._heights.clear()
        self._heights.update(heights)

    def _document(
        self, hit: Hit, width: int, option: QStyleOptionViewItem, selected: bool = False
    ) -> QTextDocument:
        colour = _meta_colour(option, selected)
        key = (card_key(hit), width, option.font.key(), colour)
        doc = self._docs.get(key)
        if doc is None:
            doc = card_document(hit, width, option.font, colour, self._photos_label)
            self._docs[key] = doc
            if len(self._docs) > self.KEEP:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(key)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        hit = index.data(Role.HIT)
        if hit is None:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        opt = QStyleOptionViewItem(option)
        opt.text = ""
        opt.icon = opt.icon.__class__()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        rect = option.rect.adjusted(6, 6, -6, -6)
        pm = index.data(Qt.ItemDataRole.DecorationRole)
        text_left = rect.left()
        if pm is not None:
            painter.drawPixmap(
                QRect(rect.left(), rect.top(), THUMB_PX, int(THUMB_PX * 0.75)),
                pm.scaled(
                    THUMB_PX,
                    int(THUMB_PX * 0.75),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                ),
            )
        text_left = rect.left() + THUMB_PX + 8
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc = self._document(hit, rect.right() - text_left, option, selected)
        painter.save()
        painter.translate(text_left, rect.top())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.setClipRect(QRect(0, 0, rect.width(), _whole_lines(doc, rect.height())))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        """As tall as the hit's text at the list's width (nothing is cut off); a hit is
        measured once per width, so scrolling and repainting measure nothing."""
        hit = index.data(Role.HIT)
        view = option.widget
        width = view.viewport().width() if view is not None and hasattr(view, "viewport") else 400
        if hit is None:
            return QSize(width, ROW_HEIGHT)
        text_width = self.text_width(view)
        key = (card_key(hit), text_width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            height = card_height(hit, text_width, option.font, self._photos_label)
            self.learn({key: height})
        return QSize(width, height)
