"""The reader: an article with its photos in place, captions under them, search words marked.

Article text is escaped and nothing is fetched: the browser serves only its own
``photo:`` images; links are handled here, never opened by Qt.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QImage,
    QKeySequence,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tangthu.library import article_folder
from tangthu.library.records import Article, Highlight
from tangthu.ui.article_page import PHOTO_PX, SIDE_BY_SIDE, article_html, muted
from tangthu.ui.desktop import copy_text, open_with_system
from tangthu.ui.i18n import fmt
from tangthu.ui.thumbnails import ThumbnailLoader

#: The longest line of the reader, in average characters.
MEASURE = 90


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser that loads nothing but the article's own photos."""

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._loader = loader
        self._paths: dict[int, str] = {}
        loader.thumbnail_ready.connect(self._on_thumbnail)
        # a scan beside its text is laid out again for the width the reader settles at
        self.relaid = QTimer(self)
        self.relaid.setSingleShot(True)
        self.relaid.setInterval(150)

    #: called with (photo index, menu) to fill the context menu of a photo
    photo_menu: Callable[[int, QMenu], None] | None = None
    #: the article shown is a scan, shown beside the text read from it
    wide = False
    #: the scan was laid out beside its text (for a reader as wide as `SIDE_BY_SIDE`)
    laid_beside = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_measure()
        beside = self.viewport().width() >= SIDE_BY_SIDE
        if self.wide and beside != self.laid_beside:  # the other layout fits now
            self.relaid.start()

    def fit_measure(self) -> None:
        """Lines of at most `MEASURE` characters: a wide window leaves room at the
        right rather than lines too long to follow (called again when the text zooms).
        A scan shown beside its text (`wide`) has twice the room."""
        measure = self.fontMetrics().averageCharWidth() * MEASURE * (2 if self.wide else 1)
        if self.viewport().width() > measure:
            self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(measure)
        else:
            self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        anchor = self.anchorAt(event.pos())
        if anchor.startswith("photo-open:") and self.photo_menu is not None:
            menu = QMenu(self)
            try:
                self.photo_menu(int(anchor.removeprefix("photo-open:")), menu)
            except ValueError:
                return
            menu.exec(event.globalPos())
            return
        super().contextMenuEvent(event)

    def set_photo_paths(self, paths: dict[int, str]) -> None:
        self._paths = paths
        for path in paths.values():
            self._loader.pixmap(path, PHOTO_PX)  # start loading before the layout asks

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802
        url = QUrl(url)
        if url.scheme() != "photo":
            return None  # nothing remote, nothing local outside the article
        try:
            path = self._paths[int(url.path())]
        except (KeyError, ValueError):
            return None
        pm = self._loader.pixmap(path, PHOTO_PX)
        if pm is not None:
            return pm.toImage()
        image = QImage(4, 3, QImage.Format.Format_RGB32)
        image.fill(0xECE6D8)
        return image

    def _on_thumbnail(self, key: str) -> None:
        for i, path in self._paths.items():
            if ThumbnailLoader.key(path, PHOTO_PX) == key:
                pm = self._loader.pixmap(path, PHOTO_PX)
                if pm is not None:
                    self.document().addResource(
                        QTextDocument.ResourceType.ImageResource.value,
                        QUrl(f"photo:{i}"),
                        pm.toImage(),
                    )
                    self.viewport().update()

    def photos_ready(self) -> bool:
        return all(
            self._loader.pixmap_cached(p, PHOTO_PX) or self._loader.failure(p, PHOTO_PX)
            for p in self._paths.values()
        )


class ReaderView(QWidget):
    """The reader panel: toolbar and article.

    Signals:
        article_requested(str): a related article's link was clicked.
        photo_requested(int): a photo was clicked (its index in the article's photos).
        page_requested(int): a page of a PDF was asked for as a picture (from 1).
        folder_requested(str): open the article's folder in the file manager.
    """

    article_requested = Signal(str)
    photo_requested = Signal(int)
    page_requested = Signal(int)
    basket_requested = Signal()
    photo_to_basket = Signal(int)
    marks_requested = Signal()
    like_requested = Signal()
    edit_requested = Signal()
    revert_requested = Signal(str)

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = ArticleBrowser(loader, self)
        self._terms = Highlight()
        self.browser.relaid.timeout.connect(
            lambda: self.show_article(self.article, self.root, self._terms)
        )
        self.browser.setAccessibleName(self.tr("Article"))
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.photo_menu = self._photo_menu
        self.article: Article | None = None
        self.root: Path | None = None
        self._hits = 0
        self._hit = -1
        self.bar = QToolBar(self)
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.hit_label = QLabel(self)
        self.actions_: dict[str, QAction] = {}
        actions: list[tuple[str, str, Any, Any]] = [
            ("prev", "◀", QKeySequence("Shift+F3"), self.previous_hit),
            ("next", "▶", QKeySequence("F3"), self.next_hit),
            (
                "zoom_in",
                self.tr("A+"),
                QKeySequence.StandardKey.ZoomIn,
                lambda: self._zoom(1),
            ),
            (
                "zoom_out",
                self.tr("A−"),
                QKeySequence.StandardKey.ZoomOut,
                lambda: self._zoom(-1),
            ),
            # the main ones first: a narrow reader folds the last ones into "»"
            (
                "basket",
                self.tr("Add to basket"),
                QKeySequence("Ctrl+B"),
                self.basket_requested.emit,
            ),
            ("print", self.tr("Print…"), QKeySequence.StandardKey.Print, self.print_article),
            ("pdf", self.tr("PDF…"), QKeySequence("Ctrl+Shift+P"), self.save_pdf),
            ("marks", self.tr("Tags…"), QKeySequence(), self.marks_requested.emit),
            (
                "edit",
                self.tr("Edit details…"),
                QKeySequence("Ctrl+Shift+D"),
                self.edit_requested.emit,
            ),
            ("like", self.tr("More like this"), QKeySequence(), self.like_requested.emit),
            ("folder", self.tr("Open folder"), QKeySequence(), self.open_folder),
            ("copy_url", self.tr("Copy source URL"), QKeySequence(), self.copy_url),
        ]
        for key, text, shortcut, slot in actions:
            action = QAction(text, self)
            if isinstance(shortcut, QKeySequence.StandardKey) or not shortcut.isEmpty():
                action.setShortcut(shortcut)
                # (its keys work wherever the reader has the focus: its text, its bar)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)
            action.triggered.connect(slot)
            self.bar.addAction(action)
            self.actions_[key] = action
            tips = {
                "prev": self.tr("Previous hit (Shift+F3)"),
                "next": self.tr("Next hit (F3)"),
                "zoom_in": self.tr("Larger text"),
                "zoom_out": self.tr("Smaller text"),
                "pdf": self.tr("Save as PDF…"),
                "marks": self.tr("Your tags and note on this article"),
                "edit": self.tr(
                    "Correct the title, date, author, outlet or description (the file "
                    "is not changed) (Ctrl+Shift+D)"
                ),
                "like": self.tr(
                    "List the articles most like this one: nearest in meaning when the "
                    "archive has vectors for it, else sharing its rarest words"
                ),
            }
            if key in tips:
                action.setToolTip(tips[key])
            if key == "next":
                self.bar.addWidget(self.hit_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        self.marks = QLabel(self)
        self.marks.setWordWrap(True)
        self.marks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.marks.hide()
        layout.addWidget(self.marks)
        layout.addWidget(self.browser, 1)
        self.show_article(None, None, Highlight())

    def show_article(self, article: Article | None, root: Path | None, terms: Highlight) -> None:
        self.article, self.root = article, root
        if article is None:
            self.browser.set_photo_paths({})
            self.browser.setHtml(
                f"<p style='color:{muted()}; margin:40px'>"
                f"{html.escape(self.tr('Choose a result to read it here.'))}</p>"
            )
            self._hits = 0
        else:
            self.browser.set_photo_paths(
                {i: p.path for i, p in enumerate(article.photos) if p.path and p.exists}
            )
            self._terms = terms
            self.browser.wide = article.recognized is not None
            self.browser.fit_measure()
            width = self.browser.viewport().width() if self.browser.isVisible() else 620
            self.browser.laid_beside = width >= SIDE_BY_SIDE
            text, self._hits = article_html(article, terms, self.tr, width=width)
            self.browser.document().clear()
            self.browser.setHtml(text)
        self._hit = 0 if self._hits else -1  # the first match is the current one
        for key in ("prev", "next"):
            self.actions_[key].setEnabled(self._hits > 0)
        for key in ("copy_url",):
            self.actions_[key].setEnabled(bool(article and article.source_url))
        self.show_marks((), "")
        for key in ("folder", "print", "pdf", "basket", "marks", "edit"):
            self.actions_[key].setEnabled(article is not None)
        self._update_hit_label()

    def _zoom(self, steps: int) -> None:
        """Larger or smaller text; the lines keep their measure."""
        if steps > 0:
            self.browser.zoomIn(steps)
        else:
            self.browser.zoomOut(-steps)
        self.browser.fit_measure()

    def _update_hit_label(self) -> None:
        if self._hits:
            shown = self._hit + 1
            self.hit_label.setText(fmt(self.tr("%1 of %2 marked"), shown, self._hits))
        else:
            self.hit_label.setText("")

    def next_hit(self) -> None:
        if self._hits:
            self._hit = (self._hit + 1) % self._hits
            self.browser.scrollToAnchor(f"hit-{self._hit}")
            self._update_hit_label()

    def previous_hit(self) -> None:
        if self._hits:
            self._hit = (self._hit - 1) % self._hits
            self.browser.scrollToAnchor(f"hit-{self._hit}")
            self._update_hit_label()

    @property
    def hit_count(self) -> int:
        return self._hits

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "article":
            self.article_requested.emit(url.path())
        elif url.scheme() == "revert":
            self.revert_requested.emit(url.path())
        elif url.scheme() in ("photo-open", "page-open"):
            try:
                number = int(url.path())
            except ValueError:
                return
            signal = self.photo_requested if url.scheme() == "photo-open" else self.page_requested
            signal.emit(number)

    def show_marks(self, tags: tuple[str, ...], note: str) -> None:
        """The user's tags and note on the article shown (hidden when there are none)."""
        parts = []
        if tags:
            parts.append(fmt(self.tr("Tags: %1"), "; ".join(tags)))
        if note:
            parts.append(fmt(self.tr("Note: %1"), note))
        self.marks.setText("   ".join(parts))
        self.marks.setVisible(bool(parts))

    def _photo_menu(self, index: int, menu: QMenu) -> None:
        """The context menu of the article's photo *index*."""
        article = self.article
        if article is None or not 0 <= index < len(article.photos):
            return
        photo = article.photos[index]
        menu.addAction(self.tr("Open"), lambda: self.photo_requested.emit(index))
        menu.addAction(self.tr("Add to basket"), lambda: self.photo_to_basket.emit(index))
        if photo.exists and photo.path:
            path = Path(photo.path)
            menu.addAction(self.tr("Open with the system"), lambda: open_with_system(path))
            menu.addAction(self.tr("Copy path"), lambda: copy_text(str(path)))

    def copy_url(self) -> None:
        if self.article and self.article.source_url:
            copy_text(self.article.source_url)

    def folder_path(self) -> Path | None:
        if self.article is None or self.root is None:
            return None
        return article_folder(self.root, self.article.id)

    def open_folder(self) -> None:
        folder = self.folder_path()
        if folder is not None:
            open_with_system(folder)

    def print_article(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.browser.document().print_(printer)

    def save_pdf(self, path: str | None = None) -> str | None:
        from PySide6.QtPrintSupport import QPrinter

        if self.article is None:
            return None
        if not path:
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            suggested = str(
                Path(docs) / (re.sub(r"[^\w\- ]+", "", self.article.title)[:60] + ".pdf")
            )
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save as PDF"), suggested, "PDF (*.pdf)"
            )
        if not path:
            return None
        if self.root is not None and Path(path).resolve().is_relative_to(self.root.resolve()):
            QMessageBox.warning(
                self,
                self.tr("Save as PDF"),
                self.tr("Tàng Thư never writes into an archive folder; choose another folder."),
            )
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.browser.document().print_(printer)
        return path
