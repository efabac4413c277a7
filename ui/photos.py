"""The photo viewer: zoom, pan, rotate, caption, EXIF, a filmstrip of the other
photos, and a link back to the article."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tangthu.library import photo_jpeg, read_photo_info
from tangthu.ui.i18n import counted, fmt
from tangthu.ui.jobs import make_pool, run_job
from tangthu.ui.photo_grid import PhotoGrid, PhotoGridModel, PhotoItem
from tangthu.ui.thumbnails import ThumbnailLoader, image_from_jpeg

ModelIndex = QModelIndex | QPersistentModelIndex
VIEW_PX = 2000  # the viewer's copy (made off the GUI thread, cached on disk)
SMALL_PX = 640  # shown at once while the large copy is made (the reader's size)


class ImageView(QGraphicsView):
    """Shows one picture: fit, 100 %, wheel zoom, drag to pan, rotate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self._fit = True
        self._rotation = 0

    def set_image(self, image: QImage | None) -> None:
        pm = QPixmap.fromImage(image) if image is not None and not image.isNull() else QPixmap()
        self._item.setPixmap(pm)
        self._rotation = 0
        self._item.setRotation(0)
        self.scene().setSceneRect(self._item.sceneBoundingRect())
        self.fit()

    def fit(self) -> None:
        """The whole picture in the view, never larger than its own size (a small
        photo is not blown up into a blur)."""
        self._fit = True
        self.resetTransform()
        if not self._item.pixmap().isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.transform().m11() > 1 or self.transform().m22() > 1:
                self.resetTransform()
                self.centerOn(self._item)

    def actual_size(self) -> None:
        self._fit = False
        self.resetTransform()

    def zoom(self, factor: float) -> None:
        self._fit = False
        self.scale(factor, factor)

    def rotate_by(self, degrees: int) -> None:
        self._rotation = (self._rotation + degrees) % 360
        self._item.setTransformOriginPoint(self._item.boundingRect().center())
        self._item.setRotation(self._rotation)
        self.scene().setSceneRect(self._item.sceneBoundingRect())
        if self._fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fit:
            self.fit()


def orientation_text(value: int | None, tr: Any) -> str:
    """The EXIF orientation as a person says it (the viewer shows every photo upright)."""
    texts = {
        1: tr("upright"),
        2: tr("mirrored"),
        3: tr("upside down (shown upright)"),
        4: tr("mirrored, upside down (shown upright)"),
        5: tr("mirrored and turned (shown upright)"),
        6: tr("turned a quarter (shown upright)"),
        7: tr("mirrored and turned (shown upright)"),
        8: tr("turned a quarter (shown upright)"),
    }
    return str(texts.get(value or 0, "—"))


def load_display_image(path: str) -> QImage:
    """The photo for the viewer, EXIF orientation applied (Pillow, via a JPEG in memory)."""
    return image_from_jpeg(photo_jpeg(path, 2400))


class PhotoViewer(QDialog):
    """A window for one photo at a time, with next/previous, caption and EXIF.

    Signals:
        current_changed(int): the row now shown.
        article_requested(str): the user clicked the photo's article title.
        basket_requested(object): "Add to basket" for the `PhotoItem` shown.
        marks_requested(object): "Tags and note…" for the `PhotoItem` shown.
    """

    current_changed = Signal(int)
    article_requested = Signal(str)
    basket_requested = Signal(object)
    marks_requested = Signal(object)

    def __init__(
        self,
        items: list[PhotoItem],
        row: int,
        parent: QWidget | None = None,
        loader: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photo"))
        self._loader = loader
        self._exif_pool = make_pool(1)
        self._large_key: str | None = None
        if loader is not None:
            loader.thumbnail_ready.connect(self._on_thumbnail)
        self.resize(1100, 760)
        self._items = items
        self._row = row
        self.view = ImageView(self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 12pt")
        self.position = QLabel(self)
        self.article_link = QLabel(self)
        self.article_link.setWordWrap(True)
        self.article_link.linkActivated.connect(
            lambda _l: self.article_requested.emit(self._items[self._row].article_id)
        )
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.embedded = QLabel(self)
        self.embedded.setWordWrap(True)
        self.embedded.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # The rows are made once and only their text changes: removing rows (deleting
        # labels that Python wrappers may still hold) crashed under load.
        self.exif = QFormLayout()
        self._exif_values: list[QLabel] = []
        for label in self._exif_labels():
            value = QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.exif.addRow(label, value)
            self._exif_values.append(value)
        self.exif_note = QLabel(self)
        self.exif_note.setWordWrap(True)
        self.exif_note.setStyleSheet("color: #a33")
        self.exif.addRow(self.exif_note)
        panel = QWidget(self)
        panel.setLayout(self.exif)
        panel.setMinimumWidth(240)

        bar = QToolBar(self)
        actions: list[tuple[str, Any, Any]] = [
            (self.tr("Previous"), QKeySequence(Qt.Key.Key_Left), self.previous),
            (self.tr("Next"), QKeySequence(Qt.Key.Key_Right), self.next),
            (self.tr("Fit"), QKeySequence("F"), self.view.fit),
            (self.tr("100%"), QKeySequence("1"), self.view.actual_size),
            (self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom(1.25)),
            (self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom(0.8)),
            (self.tr("Rotate left"), QKeySequence("L"), lambda: self.view.rotate_by(-90)),
            (self.tr("Rotate right"), QKeySequence("R"), lambda: self.view.rotate_by(90)),
            (self.tr("Full screen"), QKeySequence(Qt.Key.Key_F11), self.toggle_full_screen),
            (
                self.tr("Add to basket"),
                QKeySequence("Ctrl+B"),
                lambda: self.basket_requested.emit(self._items[self._row]),
            ),
            (
                self.tr("Tags…"),
                QKeySequence("Ctrl+Shift+T"),
                lambda: self.marks_requested.emit(self._items[self._row]),
            ),
        ]
        for text, shortcut, slot in actions:
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            bar.addAction(action)
            self.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.position)

        split = QSplitter(self)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.view, 1)
        lv.addWidget(self.caption)
        lv.addWidget(self.embedded)
        lv.addWidget(self.article_link)
        self.same = QLabel(self)
        self.same.setWordWrap(True)
        self.same.linkActivated.connect(lambda link: self.article_requested.emit(link))
        self.same.hide()
        lv.addWidget(self.same)
        self.strip: PhotoGrid | None = None
        if loader is not None and len(items) > 1:
            strip_model = PhotoGridModel(loader, self, px=96)
            strip_model.set_items(items)
            self.strip = PhotoGrid(strip_model, left)
            self.strip.setFlow(PhotoGrid.Flow.LeftToRight)
            self.strip.setWrapping(False)
            self.strip.setFixedHeight(self.strip.tile_size().height() + 24)
            self.strip.setAccessibleName(self.tr("The article's photos"))
            self.strip.selectionModel().currentRowChanged.connect(
                lambda current, _prev: (
                    self.show_row(current.row()) if current.row() != self._row else None
                )
            )
            lv.addWidget(self.strip)
        split.addWidget(left)
        split.addWidget(panel)
        split.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(split, 1)
        hl = QHBoxLayout()
        layout.addLayout(hl)
        self.show_row(row)

    @property
    def row(self) -> int:
        return self._row

    def current(self) -> PhotoItem:
        return self._items[self._row]

    def show_same(self, entries: list[PhotoItem]) -> None:
        """Where else the photo shown is used (links to those articles)."""
        articles = list(dict.fromkeys((e.article_id, e.title) for e in entries))
        if not articles:
            self.same.hide()
            return
        links = ", ".join(
            f"<a href='{html.escape(aid, quote=True)}'>{html.escape(title or aid)}</a>"
            for aid, title in articles[:8]
        )
        more = fmt(self.tr(" and %1 more"), len(articles) - 8) if len(articles) > 8 else ""
        self.same.setText(
            fmt(
                self.tr("Also in %1: %2"),
                counted(self.tr, len(articles), "1 article", "%1 articles"),
                links + more,
            )
        )
        self.same.show()

    def show_row(self, row: int) -> None:
        """Show photo *row*: a cached smaller copy at once, the large one when it is made."""
        if not self._items:
            return
        self._row = row % len(self._items)
        item = self._items[self._row]
        self._large_key = None
        if hasattr(self, "same"):
            self.same.hide()
        image = None
        if item.path and item.exists and self._loader is not None:
            large = self._loader.pixmap(item.path, VIEW_PX)
            if large is None:
                self._large_key = ThumbnailLoader.key(item.path, VIEW_PX)
                small = self._loader.pixmap(item.path, SMALL_PX)
                image = small.toImage() if small is not None else None
            else:
                image = large.toImage()
        elif item.path and item.exists:
            try:
                image = load_display_image(item.path)
            except (OSError, ValueError):
                image = None
        self.view.set_image(image)
        self.caption.setText(item.caption or self.tr("(no caption)"))
        self.position.setText(f"  {self._row + 1} / {len(self._items)}")
        self.setWindowTitle(f"{item.file} — {item.title}" if item.title else item.file)
        if item.title:
            link = f"<a href='article'>{html.escape(item.title)}</a>"
            self.article_link.setText(fmt(self.tr("In the article: %1"), link))
        else:
            self.article_link.clear()
        if self.strip is not None and self.strip.currentIndex().row() != self._row:
            self.strip.setCurrentIndex(self.strip.model().index(self._row, 0))
        failed = bool(item.path and self._loader and self._loader.failure(item.path, VIEW_PX))
        self._fill_exif(item, failed or (image is None and self._large_key is None))
        self.current_changed.emit(self._row)

    def _on_thumbnail(self, key: str) -> None:
        if key != self._large_key or self._loader is None:
            return
        item = self._items[self._row]
        pm = self._loader.pixmap(item.path or "", VIEW_PX)
        self._large_key = None
        if pm is not None:
            self.view.set_image(pm.toImage())
        else:
            self._fill_exif(item, True)

    def _exif_labels(self) -> list[str]:
        return [
            self.tr("File"),
            self.tr("Size"),
            self.tr("Format"),
            self.tr("Taken"),
            self.tr("Camera"),
            self.tr("Orientation"),
            self.tr("GPS"),
            self.tr("Headline"),
            self.tr("Creator"),
            self.tr("Keywords"),
            self.tr("Created"),
        ]

    def _fill_exif(self, item: PhotoItem, broken: bool) -> None:
        """The EXIF panel of *item*, read in the background (the GUI thread opens no
        file): dashes until it comes, and an answer for a photo no longer shown is
        dropped."""
        self.embedded.clear()
        for value in self._exif_values:
            value.setText("—")
        if not item.path or not item.exists:
            self.exif_note.setText(self.tr("The photo file is missing."))
            return
        self.exif_note.clear()
        path, row = item.path, self._row
        run_job(
            lambda: read_photo_info(path),
            lambda info: (
                self._show_exif(item, info, broken)
                if shiboken6.isValid(self) and row == self._row
                else None
            ),
            pool=self._exif_pool,
        )

    def _show_exif(self, item: PhotoItem, info: Any, broken: bool) -> None:
        values = [
            Path(item.path or "").name,
            f"{info.width} × {info.height}" if info.width else "—",
            info.format or "—",
            (info.taken or "—").replace("T", " "),
            info.camera or "—",
            orientation_text(info.orientation, self.tr),
            f"{info.gps.latitude:.5f}, {info.gps.longitude:.5f}" if info.gps else "—",
            info.headline or "—",
            info.creator or "—",
            "; ".join(info.keywords) or "—",
            (info.created or "—").replace("T", " "),
        ]
        for shown, text in zip(self._exif_values, values, strict=True):
            shown.setText(text)
        note = ""
        if info.problem or broken:
            note = info.problem.detail if info.problem else self.tr("The photo cannot be shown.")
        self.exif_note.setText(note)
        if info.embedded_caption and info.embedded_caption != item.caption:
            self.embedded.setText(fmt(self.tr("Embedded caption: %1"), info.embedded_caption))

    def next(self) -> None:
        self.show_row(self._row + 1)

    def previous(self) -> None:
        self.show_row(self._row - 1)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
