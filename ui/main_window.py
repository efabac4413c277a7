"""The main window: makes its parts (search bar, filters, saved searches, archives,
results, reading side, indexing status, problems, basket, tags, watching), lays them
out, has them wired (`ui.wiring`), and holds the actions they ask for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
)

from tangthu import library
from tangthu.library import Library
from tangthu.library.records import (
    Article,
    Filters,
    Highlight,
    IndexSummary,
    Item,
    PhotoEntry,
    SearchResult,
)
from tangthu.ui import settings as cfg
from tangthu.ui.archives import ArchivesPanel
from tangthu.ui.basket import BasketDock
from tangthu.ui.by_meaning import ByMeaning
from tangthu.ui.desktop import copy_text
from tangthu.ui.editing import Editing
from tangthu.ui.errors import error_text
from tangthu.ui.export_dialog import ExportDialog
from tangthu.ui.filters_panel import FiltersPanel
from tangthu.ui.help import QueryHelp
from tangthu.ui.i18n import counted, fmt, number
from tangthu.ui.index_status import IndexStatus
from tangthu.ui.jobs import make_pool
from tangthu.ui.menus import build_menus, fill_recent
from tangthu.ui.messages import search_line
from tangthu.ui.photos import PhotoViewer
from tangthu.ui.problems import ProblemsDock
from tangthu.ui.reading_side import ReadingSide
from tangthu.ui.results_pane import PAGE, ResultsPane
from tangthu.ui.saved_searches import SavedSearchesPanel
from tangthu.ui.search_bar import SearchBar
from tangthu.ui.searches import Searches
from tangthu.ui.sizing import on_screen
from tangthu.ui.tags import Tagging
from tangthu.ui.thumbnails import ThumbnailLoader
from tangthu.ui.watching import Watching
from tangthu.ui.window_layout import lay_out, share_out
from tangthu.ui.wiring import wire


class MainWindow(QMainWindow):
    """Tàng Thư's window.

    Signals:
        search_done(): a search finished and its results are shown.
        article_shown(str): the reader shows this article.
        indexing_done(): a background indexing run ended (finished, failed or cancelled).
        language_requested(str): the user chose another interface language.
        archive_opened(): another archive is shown.
    """

    # placed by `window_layout.lay_out`
    splitter: QSplitter
    left_column: QScrollArea
    left_layout: QVBoxLayout
    status_label: QLabel

    search_done = Signal()
    article_shown = Signal(str)
    indexing_done = Signal()
    language_requested = Signal(str)
    archive_opened = Signal()

    def __init__(
        self,
        root: Path | None = None,
        *,
        index_dir: Path | None = None,
        settings: Any = None,
        basket_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Tàng Thư")
        self.settings = settings if settings is not None else cfg.settings()
        self.library: Library | None = None
        self.current_article: Article | None = None
        self.index_dir_override = index_dir
        # The engine's modules load here, on the GUI thread: an import in the search
        # thread (NumPy's start-up is one long call) would freeze the window meanwhile.
        library.load_engines()
        self.loader = ThumbnailLoader(self)
        self.searches = Searches(self)
        self.export_pool = make_pool(1)
        self.viewer: PhotoViewer | None = None
        self.export_dialog: ExportDialog | None = None
        self._export_about = ""

        self.search_bar = SearchBar(self.settings, self)
        self.filters_panel = FiltersPanel(self)
        self.results = ResultsPane(self.loader, self.settings, self)
        self.side = ReadingSide(self.loader, cfg.read(self.settings, "grid/thumb_px"), self)
        self.index_status = IndexStatus(self)
        self.problems_dock = ProblemsDock(self)
        self.basket_file = Path(basket_file) if basket_file else library.basket_file()
        self.basket_dock = BasketDock(
            library.user_basket(self.basket_file), self, loader=self.loader
        )
        self.basket_model = self.basket_dock.model
        self.saved = SavedSearchesPanel(library.user_saved_searches(), self.searches.pool, self)
        self.archives = ArchivesPanel(self.settings, self)
        self.tagging = Tagging(self.searches.pool, self)
        self.editing = Editing(self.searches.pool, self)
        self.watching = Watching(self)
        self.by_meaning = ByMeaning(self)
        self._shared_out = False  # the width is shared out once, when first shown
        lay_out(self)
        wire(self)
        self.recent_menu = build_menus(self)
        fill_recent(self.recent_menu, self.settings, self.open_archive)
        geometry = cfg.read(self.settings, "ui/geometry")
        on_screen(self, restored=bool(geometry) and self.restoreGeometry(geometry))
        if root is not None:
            self.open_archive(root)

    # ------------------------------------------------------------------ assembling

    def show_filters(self, on: bool) -> None:
        """Show or fold away the filters panel (kept in the settings)."""
        self.left_column.setVisible(on)
        cfg.write(self.settings, "ui/filters", on)

    # ------------------------------------------------------------------ archives and indexing

    @property
    def root(self) -> Path | None:
        return self.library.root if self.library is not None else None

    def choose_archive(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Open an archive folder"),
            str(self.root or Path.home()),
            QFileDialog.Option.ShowDirsOnly | QFileDialog.Option.ReadOnly,  # nothing renamed
        )
        if folder:
            self.open_archive(Path(folder))

    def index_path(self) -> Path:
        return self.library.index_path  # type: ignore[union-attr]

    def open_archive(self, root: Path) -> None:
        """Show *root*: what its index holds is read in the search thread, then it is
        searched at once if it has an index (`archive_ready`), and updated in the
        background."""
        self.cancel_indexing()
        engine = cfg.engine(self.settings)
        self.library = Library(root, index_dir=self.index_dir_override, engine=engine)
        cfg.remember_root(self.settings, str(self.library.root))
        fill_recent(self.recent_menu, self.settings, self.open_archive)
        self.search_bar.show_archive(self.library.root)
        self.search_bar.set_meaning(None)  # not known until the search thread says
        self.results.clear()
        self.results.set_root(str(self.library.root))
        self.show_article(None)
        self.searches.open(self.library)

    def archive_ready(self, lib: Library, usable: bool, problems: list[Any]) -> None:
        """The archive just opened, *lib*, has an index to search (*usable*) or not."""
        if lib is not self.library:
            return  # another archive was opened meanwhile
        self.problems_dock.show_problems(problems)
        self.index_status.show_state(usable)
        if usable:
            self.searches.ask_meaning()
            if self.search_bar.chosen_mode() == "words":
                self.run_search()
            # (else the search runs when what the archive has for it is known)
        else:
            self.status_label.setText(self.tr("Building the index for the first time…"))
        self.start_indexing()
        self.archive_opened.emit()

    def start_indexing(self, rebuild: bool = False) -> None:
        if self.library is not None:
            self.index_status.start(self.library, rebuild=rebuild)

    def choose_engine(self, name: str) -> None:
        """Index with *name* from now on (rebuilt with it); "": each its own, or by size."""
        if name == cfg.read(self.settings, "index/engine"):
            return
        cfg.write(self.settings, "index/engine", name)
        if self.library is not None:
            self.library.engine = name or None
            if name:  # (the run in progress stops first; the window waits for nothing)
                self.status_label.setText(self.tr("Rebuilding the index with the chosen engine…"))
                self.index_status.restart(self.library, rebuild=True)

    def cancel_indexing(self) -> None:
        self.index_status.cancel()

    def index_grew(self, _count: int) -> None:
        """A first build made more articles searchable: show them."""
        if self.index_status.running():
            self.searches.index_grew()
            self.run_search(refresh=True)

    def index_finished(self, summary: IndexSummary) -> None:
        self.problems_dock.show_problems(summary.problems)
        self.searches.index_replaced()
        self.searches.ask_meaning()
        if summary.added or summary.updated or summary.deleted or self.result is None:
            self.run_search(refresh=self.current_article is not None)  # reading goes on

    def indexing_ended(self) -> None:
        self.show_count()
        self.indexing_done.emit()

    # ------------------------------------------------------------------ searching

    def set_query(self, query: str) -> None:
        self.search_bar.set_query(query)

    def filters(self) -> Filters:
        return self.filters_panel.filters()

    def clear_filters(self) -> None:
        self.filters_panel.clear()

    def run_search(self, *, page: int = 1, refresh: bool = False) -> None:
        """Search with the field's words and the filters; page 2 on adds to the list.

        Args:
            refresh: the list is refreshed (the index grew): the article being read
                stays selected, and nothing else is opened.
        """
        bar = self.search_bar
        self.searches.search(
            bar.query(),
            self.filters(),
            sort=bar.sort_order(),
            exact=bar.exact_only(),
            mode=bar.search_mode(),
            page=page,
            pagesize=PAGE,
            refresh=refresh,
        )

    def show_result(self, result: SearchResult, thumbs: dict[str, str], refresh: bool) -> None:
        reading = self.current_article.id if self.current_article is not None else None
        self.results.show_result(
            result, thumbs, self.filters(), reading=reading if refresh else None
        )
        if result.page == 1:
            self.filters_panel.show_counts(result)
            if not result.hits and not refresh:
                self.show_article(None)
            note = self.by_meaning.note(result)
            if note:
                self.results.show_news(note)
        self.show_count()
        self.status_label.setText(
            fmt(
                self.tr("%1, %2 shown"),
                counted(self.tr, result.total, "1 hit", "%1 hits"),
                number(self.results.model.rowCount()),
            )
        )
        if self.side.search_scope():
            self.side.refresh_photos()
        self.search_done.emit()

    def search_failed(self, error: Exception) -> None:
        text = error_text(error, self.tr)
        self.status_label.setText(text)
        self.results.show_failure(text)
        self.search_done.emit()

    def show_count(self) -> None:
        self.results.show_count(self.index_status.done_total)

    def find_photos(self, scope: str) -> None:
        query = self.search_bar.query() if scope == "search" else ""
        self.searches.find_photos(query, self.filters(), duplicates=scope == "duplicates")

    # ------------------------------------------------------------------ reading

    def open_article(self, article_id: str, archive: str | None = None) -> None:
        """Read an article of the archive shown (or of *archive*, searched with it)."""
        self.searches.load_article(article_id, archive)

    def show_article(self, article: Article | None) -> None:
        """Read *article* (None: nothing) with the words of the search marked."""
        self.current_article = article
        if article is None:
            self.side.show_article(None, None, Highlight())
            return
        result = self.results.result
        root = Path(self.searches.article_root or str(self.root))
        self.side.show_article(article, root, result.highlight if result else Highlight())
        self.article_shown.emit(article.id)

    # ------------------------------------------------------------------ basket and export

    def _add_to_basket(self, items: list[Item], titles: dict[str, str]) -> None:
        added = self.basket_dock.add(items, titles)
        self.status_label.setText(
            counted(self.tr, added, "1 added to the basket", "%1 added to the basket")
        )

    def add_results_to_basket(self) -> None:
        if self.root is not None:
            hits = self.results.selected_hits()
            items = [Item(h.archive or str(self.root), h.id) for h in hits]
            self._add_to_basket(items, {h.id: h.title for h in hits})

    def add_article_to_basket(self) -> None:
        a = self.current_article
        if a is not None and self.root is not None:
            root = self.searches.article_root or str(self.root)
            self._add_to_basket([Item(root, a.id)], {a.id: a.title})

    def add_photos_to_basket(self, photos: list[PhotoEntry] | None = None) -> None:
        """Put *photos* (the grid's selection by default) in the basket."""
        if self.root is not None:
            photos = [p for p in photos or self.side.selected_photos() if p.exists]
            items = [Item(str(self.root), p.article_id, p.file) for p in photos]
            self._add_to_basket(items, {p.article_id: p.title for p in photos})

    def export_basket(self) -> ExportDialog | None:
        return self.open_export(self.basket_model.items())

    def export_results(self, *, selected: bool = False) -> ExportDialog | None:
        """Export every hit of the search shown (*selected*: the hits selected in the
        list). Hits not loaded yet are gathered in the search thread first: the dialog
        opens when they are (`export_gathered`), and None is returned."""
        result = self.results.result
        if self.root is None or result is None:
            return None
        about = search_line(result.query, self.filters(), self.tr)
        hits = self.results.selected_hits() if selected else self.results.model.hits()
        if selected or len(hits) >= result.total:
            items = [Item(h.archive or str(self.root), h.id) for h in hits]
            return self.open_export(items, about, title=about)
        self._export_about = about
        self.status_label.setText(
            fmt(self.tr("Gathering the %1 results to export…"), number(result.total))
        )
        bar = self.search_bar
        self.searches.gather(
            result.query,
            self.filters(),
            sort=bar.sort_order(),
            exact=bar.exact_only(),
            mode=bar.search_mode(),
        )
        return None

    def export_gathered(self, items: list[Item]) -> None:
        """Every hit of the search, gathered: export them."""
        self.status_label.clear()
        self.open_export(items, self._export_about, title=self._export_about)

    def gather_failed(self, error: Exception) -> None:
        text = fmt(self.tr("Could not gather the results: %1"), error_text(error, self.tr))
        self.status_label.setText(text)
        QMessageBox.warning(self, self.tr("Export"), text)

    def citations_copied(self, text: str, count: int) -> None:
        copy_text(text)
        self.status_label.setText(
            counted(self.tr, count, "1 citation copied", "%1 citations copied")
        )

    def open_export(
        self, items: list[Item], about: str = "", *, title: str = ""
    ) -> ExportDialog | None:
        if not items:
            QMessageBox.information(
                self, self.tr("Export"), self.tr("Nothing is selected to export.")
            )
            return None
        dialog = ExportDialog(
            items, self, pool=self.export_pool, about=about, title=title, settings=self.settings
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    # ------------------------------------------------------------------ help and closing

    def show_query_help(self) -> QueryHelp:
        return QueryHelp.show_for(self, self.set_query)

    def shutdown(self) -> None:
        """Cancel work, wait for it, close the index (on quit)."""
        self.watching.stop()
        self.cancel_indexing()
        self.index_status.wait()
        self.export_pool.waitForDone()
        self.searches.close()
        self.loader.shutdown()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shared_out:
            self._shared_out = True
            QTimer.singleShot(0, lambda: share_out(self))  # once the layout has its width

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        cfg.write(self.settings, "ui/geometry", bytes(self.saveGeometry().data()))
        self.results.save_state()
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ state (tests, screenshots)

    def busy(self) -> bool:
        """True while searches, article loads, indexing or thumbnails are under way."""
        return self.searching() or self.indexing()

    def searching(self) -> bool:
        """True while searches, article loads or thumbnails are under way."""
        return self.searches.busy() or self.loader.busy() or self.search_bar.typing()

    def indexing(self) -> bool:
        return not self.index_status.settled()

    @property
    def result(self) -> SearchResult | None:
        return self.results.result

    def _article_items(self) -> list[PhotoEntry]:
        return self.side.article_photos()

    def _show_viewer(self, items: list[PhotoEntry], row: int) -> PhotoViewer:
        self.viewer = self.side.show_viewer(items, row)
        return self.viewer
