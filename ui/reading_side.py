"""The reading side: the article being read, and the photo grid, as two tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tangthu.library.records import Article, Highlight, PhotoEntry
from tangthu.ui.basket import add_basket_action
from tangthu.ui.desktop import add_file_actions
from tangthu.ui.i18n import photos_count
from tangthu.ui.photo_grid import SIZES, PhotoGrid, PhotoGridModel
from tangthu.ui.photos import PhotoViewer
from tangthu.ui.reader import ReaderView
from tangthu.ui.thumbnails import ThumbnailLoader

READER, PHOTOS = 0, 1


class ReadingSide(QTabWidget):
    """The reader and the photos of the article, of the search or of the archive.

    Signals:
        article_requested(str): a related article's link (or the viewer's title) was
            clicked.
        photos_wanted(str): the grid shows a search's photos (``search``) or all of
            them (``archive``): whoever searches should call `set_photos`.
        article_to_basket(): the reader's "Add to basket".
        photos_to_basket(): "Add to basket" on the grid's selection.
        photo_to_basket(object): the viewer's or the reader's "Add to basket" (a
            `PhotoEntry`).
        photos_export(object): "Export these…" on the grid (a list of `PhotoEntry`).
        photo_marks_requested(object): the viewer's "Tags…" (a `PhotoEntry`).
        article_marks_requested(): the reader's "Tags…" (of the article it shows).
        article_like_requested(): the reader's "More like this" (of the article it shows).
        article_edit_requested(): the reader's "Edit details…" (of the article it shows).
        article_revert_requested(str): a "revert" link of the reader (a field, or "all").
        photos_tag_requested(): "Tag…" on the grid's selection.
        thumb_px_changed(int): the grid's thumbnails were made this size.
        pages_wanted(object, int): the reader's link to a PDF's pages (its `Article`,
            the page from 1): whoever holds the archive renders them for `show_viewer`.
        same_wanted(object): the viewer shows this `PhotoEntry`: whoever searches should
            call `show_same` with the same photo elsewhere.
    """

    article_requested = Signal(str)
    photos_wanted = Signal(str)
    article_to_basket = Signal()
    photos_to_basket = Signal()
    photo_to_basket = Signal(object)
    photos_export = Signal(object)
    photo_marks_requested = Signal(object)
    article_marks_requested = Signal()
    article_like_requested = Signal()
    article_edit_requested = Signal()
    article_revert_requested = Signal(str)
    photos_tag_requested = Signal()
    thumb_px_changed = Signal(int)
    same_wanted = Signal(object)
    pages_wanted = Signal(object, int)

    def __init__(
        self, loader: ThumbnailLoader, thumb_px: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.viewer: PhotoViewer | None = None
        self.reader = ReaderView(loader, self)
        self.reader.article_requested.connect(self.article_requested)
        self.reader.photo_requested.connect(self.open_article_photo)
        self.reader.page_requested.connect(
            lambda page: self.pages_wanted.emit(self.reader.article, page)
        )
        self.reader.basket_requested.connect(self.article_to_basket)
        self.reader.photo_to_basket.connect(self.reader_photo_to_basket)
        self.reader.marks_requested.connect(self.article_marks_requested)
        self.reader.like_requested.connect(self.article_like_requested)
        self.reader.edit_requested.connect(self.article_edit_requested)
        self.reader.revert_requested.connect(self.article_revert_requested)
        self.grid_model = PhotoGridModel(loader, self, px=thumb_px)
        self.grid = PhotoGrid(self.grid_model, self)
        self.grid.photo_activated.connect(
            lambda row: self.show_viewer(self.grid_model.items(), row)
        )
        add_basket_action(self.grid, self.photos_to_basket.emit)
        self._grid_actions()
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(self.tr("Which photos"))
        self.scope.addItem(self.tr("Photos of this article"), "article")
        self.scope.addItem(self.tr("Photos whose captions match the search"), "search")
        self.scope.addItem(self.tr("All photos of the archive"), "archive")
        self.scope.addItem(self.tr("Photos used in several articles"), "duplicates")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh_photos())
        self.grid_label = QLabel(self)
        # a long count gives way to the size slider rather than push it off the row
        self.grid_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(0, len(SIZES) - 1)
        self.size_slider.setPageStep(1)
        self.size_slider.setValue(SIZES.index(self.grid.px()))
        self.size_slider.setMaximumWidth(120)
        self.size_slider.setMinimumWidth(60)
        self.size_slider.setToolTip(self.tr("Photo size (Ctrl+wheel)"))
        self.size_slider.setAccessibleName(self.tr("Photo size"))
        self.size_slider.valueChanged.connect(lambda i: self.grid.set_px(SIZES[i]))
        self.grid.px_changed.connect(lambda px: self.size_slider.setValue(SIZES.index(px)))
        self.grid.px_changed.connect(self.thumb_px_changed)
        photos = QWidget(self)
        column = QVBoxLayout(photos)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.scope)
        row.addWidget(self.grid_label, 1)
        row.addWidget(self.size_slider)
        column.addLayout(row)
        column.addWidget(self.grid, 1)
        self.addTab(self.reader, self.tr("Reader"))
        self.addTab(photos, self.tr("Photos"))
        self.currentChanged.connect(lambda _i: self.refresh_photos())

    @property
    def article(self) -> Article | None:
        return self.reader.article

    def show_marks(self, tags: tuple[str, ...], note: str) -> None:
        """The user's tags and note on the article being read."""
        self.reader.show_marks(tags, note)

    def _grid_actions(self) -> None:
        """The grid's context menu: open, export, the files on the desktop."""
        for text, slot in (
            (
                self.tr("Open"),
                lambda: self.grid.photo_activated.emit(self.grid.currentIndex().row()),
            ),
            (self.tr("Export these…"), lambda: self.photos_export.emit(self.selected_photos())),
            (self.tr("Tag…"), self.photos_tag_requested.emit),
        ):
            action = QAction(text, self.grid)
            action.triggered.connect(slot)
            self.grid.addAction(action)
        add_file_actions(
            self.grid,
            lambda: [Path(p.path) for p in self.selected_photos() if p.path and p.exists],
        )

    def reader_photo_to_basket(self, index: int) -> None:
        """The reader's "Add to basket" on one of the article's photos."""
        article = self.reader.article
        if article is not None and 0 <= index < len(article.photos):
            name = article.photos[index].file
            found = [p for p in self.article_photos() if p.file == name]
            if found:
                self.photo_to_basket.emit(found[0])

    def show_article(self, article: Article | None, root: Path | None, terms: Highlight) -> None:
        self.reader.show_article(article, root, terms)
        if root is not None:
            self.grid_model.root = str(root)
        if self.scope.currentData() == "article":
            self.refresh_photos()

    def article_photos(self) -> list[PhotoEntry]:
        """The photos of the article being read, each file once."""
        a = self.reader.article
        if a is None:
            return []
        seen, items = set(), []
        for p in a.photos:
            if p.file not in seen:
                seen.add(p.file)
                taken = (p.info.taken or "")[:10] if p.info else ""
                items.append(
                    PhotoEntry(
                        p.path, p.file, p.caption or "", a.id, a.title, p.exists, taken or a.date
                    )
                )
        return items

    def refresh_photos(self) -> None:
        """Fill the grid for its scope (a search's photos only when the tab is shown)."""
        scope = self.scope.currentData()
        if scope == "article":
            self.set_photos(self.article_photos())
        elif self.currentIndex() == PHOTOS:
            self.photos_wanted.emit(scope)

    def search_scope(self) -> bool:
        """True when the grid follows the search."""
        return bool(self.scope.currentData() == "search")

    def set_photos(self, items: list[PhotoEntry]) -> None:
        self.grid_model.set_items(items)
        self.grid_label.setText(photos_count(self.tr, len(items)) if items else self._why_none())

    def _why_none(self) -> str:
        """Why the grid is empty, for the scope chosen."""
        scope = self.scope.currentData()
        if scope == "article":
            if self.reader.article is None:
                return self.tr("No article is open.")
            return self.tr("This article names no photos.")
        if scope == "search":
            return self.tr("No photo caption holds the words searched (or they are filtered out).")
        if scope == "duplicates":
            return self.tr("No photo is used in more than one article (or the index is older).")
        return self.tr("The archive has no photos.")

    def selected_photos(self) -> list[PhotoEntry]:
        rows = sorted({i.row() for i in self.grid.selectionModel().selectedIndexes()})
        return [p for p in (self.grid_model.item(r) for r in rows) if p is not None]

    def open_article_photo(self, index: int) -> None:
        items = self.article_photos()
        article = self.reader.article
        if article is None or not items:
            return
        name = article.photos[index].file
        rows = [i for i, it in enumerate(items) if it.file == name]
        self.show_viewer(items, rows[0] if rows else 0)

    def _viewer_gone(self, viewer: PhotoViewer) -> None:
        if self.viewer is viewer:
            self.viewer = None

    def show_same(self, key: str, entries: list[PhotoEntry]) -> None:
        """The same photo elsewhere, for the viewer (if it still shows that photo)."""
        if self.viewer is not None and self.viewer.current().id == key:
            self.viewer.show_same(entries)

    def show_viewer(self, items: list[PhotoEntry], row: int) -> PhotoViewer:
        viewer = PhotoViewer(items, row, self.window(), loader=self.loader)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.article_requested.connect(self.article_requested)
        viewer.article_requested.connect(lambda _id: self.setCurrentIndex(READER))
        viewer.basket_requested.connect(self.photo_to_basket)
        viewer.marks_requested.connect(self.photo_marks_requested)
        viewer.current_changed.connect(lambda row: self.same_wanted.emit(viewer.current()))
        viewer.show()
        self.viewer = viewer
        viewer.destroyed.connect(lambda _o=None, v=viewer: self._viewer_gone(v))
        self.same_wanted.emit(viewer.current())
        return viewer
