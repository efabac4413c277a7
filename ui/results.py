"""The results list: a model of search hits and a delegate that draws them."""

from __future__ import annotations

import html
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from library import Hit
from ui.marks import marked_html
from ui.thumbnails import ThumbnailLoader, placeholder

ModelIndex = QModelIndex | QPersistentModelIndex
THUMB_PX = 72
ROW_HEIGHT = 116


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    HIT = Qt.ItemDataRole.UserRole + 2
    SNIPPET = Qt.ItemDataRole.UserRole + 3
    META = Qt.ItemDataRole.UserRole + 4


class ResultsModel(QAbstractListModel):
    """Search hits of the current query; holds ids and their display data."""

    def __init__(self, loader: ThumbnailLoader | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._thumbs: dict[str, str] = {}
        self._loader = loader
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

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._hits)

    def _thumb_path(self, hit: Hit) -> str | None:
        return self._thumbs.get(hit.id)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.id
        if role == Role.ID:
            return hit.id
        if role == Role.HIT:
            return hit
        if role == Role.SNIPPET:
            return hit.snippet
        if role == Role.META:
            return " · ".join(x for x in (shown_date(hit), hit.outlet) if x)
        if role == Qt.ItemDataRole.DecorationRole:
            path = self._thumb_path(hit)
            if path is None or self._loader is None:
                return None
            return self._loader.pixmap(path, THUMB_PX) or placeholder(THUMB_PX)
        return None

    def _on_thumbnail(self, key: str) -> None:
        for row, hit in enumerate(self._hits):
            path = self._thumb_path(hit)
            if path and ThumbnailLoader.key(path, THUMB_PX) == key:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


def shown_date(hit: Hit) -> str:
    """The date as the list shows it; a guess from the photos' EXIF carries "≈"."""
    if not hit.date:
        return ""
    return f"≈ {hit.date}" if hit.date_estimated else hit.date


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
    """Draws a hit: thumbnail, title (matches bold), date and outlet, snippet, photo count."""

    def __init__(self, parent: Any = None, photos_label: Any = None) -> None:
        super().__init__(parent)
        self._photos_label = photos_label or (lambda n: f"{n} photos")

    def _document(
        self, hit: Hit, width: int, option: QStyleOptionViewItem, selected: bool = False
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        meta = html.escape(" · ".join(x for x in (shown_date(hit), hit.outlet) if x))
        if hit.photos:
            meta = (
                f"{meta} · {self._photos_label(hit.photos)}"
                if meta
                else self._photos_label(hit.photos)
            )
        title = marked_html(hit.title, hit.title_marks)
        snippet = marked_html(hit.snippet, hit.snippet_marks)
        doc.setHtml(
            f"<div style='font-size:11pt; font-weight:600'>{title}</div>"
            f"<div style='color:{'#e8eef5' if selected else '#6b6455'}; font-size:9pt'>{meta}</div>"
            f"<div style='font-size:9.5pt'>{snippet}</div>"
        )
        doc.setTextWidth(width)
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
        # One height for every row: the list lays out 10,000 hits without measuring them.
        return QSize(120, ROW_HEIGHT)
