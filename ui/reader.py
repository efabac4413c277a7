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

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPalette,
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

from library import Article, PhotoRef, article_folder, mark
from ui.desktop import copy_text, open_with_system
from ui.i18n import fmt
from ui.marks import OPEN, marked_html
from ui.thumbnails import ThumbnailLoader

PHOTO_PX = 640
#: The reader shows at most this much text of one article (a whole newspaper year
#: pasted into one file would freeze any text view); the rest is announced.
MAX_SHOWN_CHARS = 300_000
_HIT_OPEN = OPEN


def _muted() -> str:
    """Secondary text's colour (dates, sources, captions), from the palette: it reads
    on light and on dark."""
    return str(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText).name())


def _mark(text: str, terms: set[str]) -> str:
    return marked_html(text, mark(text, terms)) if terms else html.escape(text)


def article_html(
    article: Article,
    terms: set[str],
    tr: Callable[[str], str],
    *,
    width: int = 640,
) -> tuple[str, int]:
    """The reader's HTML for *article*, and how many search hits it marks.

    Every text of the article is escaped; photos are ``photo:N`` images (N is the
    index in ``article.photos``), missing ones a labelled placeholder.
    """
    refs = {p.file: (i, p) for i, p in enumerate(article.photos)}
    out = [f"<h1 style='font-size:19pt; margin-bottom:4px'>{_mark(article.title, terms)}</h1>"]
    meta = []
    if article.date:
        source = {
            "text": tr("date in the text"),
            "text+year": tr("day in the text, year from the text"),
            "text+folder": tr("day in the text, year from the folder"),
            "text+exif": tr("estimated: day in the text, year from the photos' EXIF"),
            "folder": tr("from the folder name"),
            "exif": tr("estimated from the photos' EXIF dates"),
            "sidecar": tr("from the metadata file"),
        }.get(article.date_source or "", article.date_source or "")
        shown = f"≈ {article.date}" if article.date_estimated else article.date
        meta.append(f"{html.escape(shown)} <span style='color:{_muted()}'>({source})</span>")
    byline = " / ".join(html.escape(x) for x in (article.author, article.outlet) if x)
    if byline:
        meta.append(byline)
    if meta:
        out.append(f"<p style='color:{_muted()}'>{' · '.join(meta)}</p>")
    if article.source_url:
        out.append(
            f"<p style='color:{_muted()}; font-size:9pt'>{html.escape(tr('Source:'))} "
            f"<span style='font-family:monospace'>{html.escape(article.source_url)}</span></p>"
        )
    budget = MAX_SHOWN_CHARS
    if article.lead:
        out.append(f"<p style='font-weight:600'>{_mark(article.lead[:budget], terms)}</p>")
        budget -= len(article.lead)
    for block in article.blocks:
        if budget <= 0:
            note = tr("The article is too long to show whole; export it to read the rest.")
            out.append(f"<p style='color:#a33'>{html.escape(note)}</p>")
            break
        if block.type == "text":
            out.append(f"<p>{_mark(block.text[:budget], terms)}</p>")
            budget -= len(block.text)
            continue
        cells = []
        photo_width = max(120, min(480, (width - 30) // max(1, len(block.files)) - 12))
        for name in block.files:
            i, ref = refs.get(name, (-1, None))
            cells.append(_photo_cell(i, ref, name, photo_width, tr))
        caption = (
            f"<p style='color:{_muted()}; font-style:italic; margin-top:2px'>"
            f"{_mark(block.caption, terms)}</p>"
            if block.caption
            else ""
        )
        out.append(
            "<table cellspacing='6' style='margin-top:6px'><tr>"
            + "".join(cells)
            + f"</tr></table>{caption}"
        )
    if article.related:
        out.append(f"<h3>{html.escape(tr('Related articles'))}</h3><ul>")
        for item in article.related:
            title = html.escape(item.title)
            link = (
                f"<a href='article:{html.escape(item.id, quote=True)}'>{title}</a>"
                if item.id
                else title
            )
            summary = (
                f"<br><span style='color:{_muted()}'>{html.escape(item.summary)}</span>"
                if item.summary
                else ""
            )
            out.append(f"<li>{link}{summary}</li>")
        out.append("</ul>")
    if article.problems:
        out.append(f"<h3 style='color:#a33'>{html.escape(tr('Problems'))}</h3><ul>")
        out += [
            f"<li>{html.escape(p.detail)} "
            f"<span style='color:{_muted()}'>({html.escape(p.kind)})</span></li>"
            for p in article.problems
        ]
        out.append("</ul>")
    body = "\n".join(out)
    count = 0

    def number(_m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"<a name='hit-{count - 1}'></a>{_HIT_OPEN}"

    body = body.replace(_HIT_OPEN, "\0")
    body = re.sub("\0", number, body)
    return f"<html><body style='font-size:11pt'>{body}</body></html>", count


def _photo_cell(
    i: int, ref: PhotoRef | None, name: str, width: int, tr: Callable[[str], str]
) -> str:
    if ref is None or not ref.exists:
        label = html.escape(fmt(tr("Missing photo: %1"), name))
        return (
            f"<td width='{width}' height='{width * 3 // 4}' bgcolor='#ece6d8' align='center' "
            f"style='color:#8a4a3a'>{label}</td>"
        )
    info = ref.info
    w, h = (info.width, info.height) if info and info.width and info.height else (4, 3)
    if info and info.orientation in (5, 6, 7, 8):
        w, h = h, w
    height = max(1, round(width * h / w))
    return (
        f"<td><a href='photo-open:{i}'><img src='photo:{i}' width='{width}' height='{height}'></a>"
        f"<br><span style='color:{_muted()}; font-size:8pt'>{html.escape(name)}</span></td>"
    )


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser that loads nothing but the article's own photos."""

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._loader = loader
        self._paths: dict[int, str] = {}
        loader.thumbnail_ready.connect(self._on_thumbnail)

    #: called with (photo index, menu) to fill the context menu of a photo
    photo_menu: Callable[[int, QMenu], None] | None = None

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
        folder_requested(str): open the article's folder in the file manager.
    """

    article_requested = Signal(str)
    photo_requested = Signal(int)
    basket_requested = Signal()
    photo_to_basket = Signal(int)

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = ArticleBrowser(loader, self)
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
                lambda: self.browser.zoomIn(1),
            ),
            (
                "zoom_out",
                self.tr("A−"),
                QKeySequence.StandardKey.ZoomOut,
                lambda: self.browser.zoomOut(1),
            ),
            # the main ones first: a narrow reader folds the last ones into "»"
            ("basket", self.tr("Add to basket"), QKeySequence(), self.basket_requested.emit),
            ("print", self.tr("Print…"), QKeySequence.StandardKey.Print, self.print_article),
            ("pdf", self.tr("PDF…"), QKeySequence("Ctrl+Shift+P"), self.save_pdf),
            ("folder", self.tr("Open folder"), QKeySequence(), self.open_folder),
            ("copy_url", self.tr("Copy source URL"), QKeySequence(), self.copy_url),
        ]
        for key, text, shortcut, slot in actions:
            action = QAction(text, self)
            if isinstance(shortcut, QKeySequence.StandardKey) or not shortcut.isEmpty():
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.bar.addAction(action)
            self.actions_[key] = action
            tips = {
                "prev": self.tr("Previous hit (Shift+F3)"),
                "next": self.tr("Next hit (F3)"),
                "zoom_in": self.tr("Larger text"),
                "zoom_out": self.tr("Smaller text"),
                "pdf": self.tr("Save as PDF…"),
            }
            if key in tips:
                action.setToolTip(tips[key])
            if key == "next":
                self.bar.addWidget(self.hit_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.browser, 1)
        self.show_article(None, None, set())

    def show_article(self, article: Article | None, root: Path | None, terms: set[str]) -> None:
        self.article, self.root = article, root
        if article is None:
            self.browser.set_photo_paths({})
            self.browser.setHtml(
                f"<p style='color:{_muted()}; margin:40px'>"
                f"{html.escape(self.tr('Choose a result to read it here.'))}</p>"
            )
            self._hits = 0
        else:
            self.browser.set_photo_paths(
                {i: p.path for i, p in enumerate(article.photos) if p.path and p.exists}
            )
            width = self.browser.viewport().width() if self.browser.isVisible() else 620
            text, self._hits = article_html(article, terms, self.tr, width=width)
            self.browser.document().clear()
            self.browser.setHtml(text)
        self._hit = 0 if self._hits else -1  # the first match is the current one
        for key in ("prev", "next"):
            self.actions_[key].setEnabled(self._hits > 0)
        for key in ("copy_url",):
            self.actions_[key].setEnabled(bool(article and article.source_url))
        for key in ("folder", "print", "pdf", "basket"):
            self.actions_[key].setEnabled(article is not None)
        self._update_hit_label()

    def _update_hit_label(self) -> None:
        if self._hits:
            shown = self._hit + 1
            self.hit_label.setText(fmt(self.tr("%1 of %2 hits"), shown, self._hits))
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
        elif url.scheme() == "photo-open":
            try:
                self.photo_requested.emit(int(url.path()))
            except ValueError:
                pass

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
            QGuiApplication.clipboard().setText(self.article.source_url)

    def folder_path(self) -> Path | None:
        if self.article is None or self.root is None:
            return None
        return article_folder(self.root, self.article.id)

    def open_folder(self) -> None:
        folder = self.folder_path()
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

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
