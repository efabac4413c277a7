"""The main window: search field, filters, results, reader, photos, indexing, problems."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.article import load_article
from archive.locate import article_file, photo_file
from archive.model import PROBLEM_KINDS, Article, Cancelled, Problem
from archive.paths import data_dir
from archive.selection import Basket, Item, basket_path
from index import engines
from index.background import IndexProcess
from index.indexer import IndexSummary, index_state, indexed_problems
from index.search import NONE, ArchiveSearcher, Filters, Searcher, SearchResult
from index.store import IndexFailure, IndexMissing, index_dir_for
from ui import settings as cfg
from ui.basket import BasketModel, BasketPanel, ExportDialog
from ui.i18n import articles_and_photos, fmt, number
from ui.i18n.texts import QUERY_HELP
from ui.jobs import Job, make_pool
from ui.messages import count_line, emptied_line
from ui.photos import PhotoGrid, PhotoGridModel, PhotoItem, PhotoViewer
from ui.reader import ReaderView
from ui.results import ResultDelegate, ResultsModel, Role
from ui.thumbnails import ThumbnailLoader

ModelIndex = QModelIndex | QPersistentModelIndex
PAGE = 50


class ProblemsModel(QAbstractTableModel):
    """What the last scan reported: kind, file, what happened."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._rows = list(problems)
        self.endResetModel()

    def problem(self, row: int) -> Problem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [self.tr("Problem"), self.tr("File"), self.tr("What happened")][section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [p.kind, p.path, p.detail][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            advice = PROBLEM_KINDS.get(p.kind, "")
            return f"{p.path}\n{p.detail}\n{self.tr(advice)}" if advice else f"{p.path}\n{p.detail}"
        return None


class SearchService:
    """Owns the searcher; used only from the one-thread search pool."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.root: Path | None = None
        self._searcher: Searcher | None = None
        self._stale = False
        self._changed = False

    def set_index(self, path: Path, root: Path) -> None:
        self.path, self.root = path, root
        self._stale = True

    def mark_stale(self) -> None:
        """The index was rebuilt or swapped: open it again."""
        self._stale = True

    def mark_changed(self) -> None:
        """A commit added to the index: look at it before the next search."""
        self._changed = True

    def searcher(self) -> Searcher:
        if self._stale or self._searcher is None:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._stale = self._changed = False
            if self.path is None:
                raise IndexMissing("No archive is open.")
            self._searcher = ArchiveSearcher(self.path, self.root)
        elif self._changed:
            self._changed = False
            self._searcher.refresh()
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


class MainWindow(QMainWindow):
    """Tàng Thư's window.

    Signals:
        search_done(): a search finished and its results are shown.
        article_shown(str): the reader shows this article.
        indexing_done(): a background indexing run ended (finished, failed or cancelled).
        language_requested(str): the user chose another interface language.
    """

    search_done = Signal()
    article_shown = Signal(str)
    indexing_done = Signal()
    language_requested = Signal(str)

    def __init__(
        self,
        root: Path | None = None,
        *,
        index_dir: Path | None = None,
        settings: Any = None,
        basket_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.basket_file = basket_file or basket_path(data_dir())
        self.setWindowTitle("Tàng Thư")
        self.settings = settings if settings is not None else cfg.settings()
        self.root: Path | None = None
        self.index_dir_override = index_dir
        self.search_pool = make_pool(1)
        self.search_pool.setExpiryTimeout(-1)  # keep the searcher's thread
        self.index_pool = make_pool(1)
        self.service = SearchService()
        # The engine's modules load here, on the GUI thread: an import in the search
        # thread (NumPy's start-up is one long call) would freeze the window meanwhile.
        engines.get()
        self.loader = ThumbnailLoader(self)
        self.jobs: list[Job] = []
        self.index_job: Job | None = None
        self.generation = 0
        self.result: SearchResult | None = None
        self.terms: set[str] = set()
        self.current_article: Article | None = None
        self._index_started = 0.0
        self.index_progress: tuple[int, int] | None = None
        self._keep_current = False
        self.commits = _Commits(self)
        self.commits.committed.connect(self._on_commit)

        self._build_ui()
        self._update_basket_button()
        self._restore()
        if root is not None:
            self.open_archive(root)

    # ------------------------------------------------------------------ building

    def _build_ui(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(
            self.tr("Search articles (with or without diacritics)…")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        self.history_model = QStringListModel(cfg.read_list(self.settings, "search/history"), self)
        completer = QCompleter(self.history_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search_edit.setCompleter(completer)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(300)
        self.debounce.timeout.connect(self.run_search)
        self.search_edit.textEdited.connect(lambda _t: self.debounce.start())
        self.search_edit.returnPressed.connect(self._search_now)

        help_button = QToolButton(self)
        help_button.setText("?")
        help_button.setToolTip(self.tr("Query syntax"))
        help_button.clicked.connect(self.show_query_help)

        self.exact_check = QCheckBox(self.tr("Exact accents"), self)
        self.exact_check.setToolTip(
            self.tr("Only articles spelled with the accents as typed (đoàn, not đoán or doan)")
        )
        self.exact_check.toggled.connect(lambda _c: self.run_search())

        self.sort_combo = QComboBox(self)
        self.sort_combo.addItem(self.tr("Most relevant"), "relevance")
        self.sort_combo.addItem(self.tr("Newest first"), "date")
        self.sort_combo.addItem(self.tr("Oldest first"), "date-asc")
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.run_search())

        self.archive_label = QLabel(self)
        self.archive_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton(self.tr("Open archive…"), self)
        open_button.clicked.connect(self.choose_archive)

        top = QWidget(self)
        th = QHBoxLayout(top)
        th.setContentsMargins(6, 6, 6, 2)
        th.addWidget(QLabel(self.tr("Search:")))
        th.addWidget(self.search_edit, 3)
        th.addWidget(help_button)
        th.addWidget(self.exact_check)
        th.addWidget(self.sort_combo)
        th.addSpacing(12)
        th.addWidget(self.archive_label, 2)
        th.addWidget(open_button)

        # filters
        self.filters_box = QGroupBox(self.tr("Filters"), self)
        fl = QVBoxLayout(self.filters_box)
        form = QFormLayout()
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_date = QDateEdit(QDate(2000, 1, 1), self)
        self.to_check = QCheckBox(self.tr("To"), self)
        self.to_date = QDateEdit(QDate.currentDate(), self)
        for d in (self.from_date, self.to_date):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.dateChanged.connect(lambda _d: self.run_search())
        for c in (self.from_check, self.to_check):
            c.toggled.connect(lambda _c: self.run_search())
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(edit, 1)
            form.addRow(row)
        fl.addLayout(form)
        self.photos_check = QCheckBox(self.tr("Only articles with photos"), self)
        self.photos_check.toggled.connect(lambda _c: self.run_search())
        fl.addWidget(self.photos_check)
        fl.addWidget(QLabel(self.tr("Outlet")))
        self.outlet_model = QStandardItemModel(self)
        self.outlet_view = QListView(self)
        self.outlet_view.setModel(self.outlet_model)
        self.outlet_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outlet_view.clicked.connect(lambda _i: self.run_search())
        fl.addWidget(self.outlet_view, 2)
        fl.addWidget(QLabel(self.tr("Year")))
        self.year_model = QStandardItemModel(self)
        self.year_view = QListView(self)
        self.year_view.setModel(self.year_model)
        self.year_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.year_view.clicked.connect(lambda _i: self.run_search())
        fl.addWidget(self.year_view, 2)
        clear = QPushButton(self.tr("Clear filters"), self)
        clear.clicked.connect(self.clear_filters)
        fl.addWidget(clear)
        self.filters_box.setMinimumWidth(230)

        # results
        self.results_model = ResultsModel(self.loader, self)
        self.results_view = QListView(self)
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(ResultDelegate(self, photos_label=self.photos_label))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results_view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.results_view.activated.connect(lambda idx: self.open_article(idx.data(Role.ID)))
        self.results_view.verticalScrollBar().valueChanged.connect(self._maybe_more)
        self.results_header = QLabel(self)
        self.suggestion_label = QLabel(self)
        self.suggestion_label.linkActivated.connect(self._use_suggestion)
        self.suggestion_label.hide()
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.linkActivated.connect(self._remove_filter)
        self.empty_label.hide()
        results = QWidget(self)
        rl = QVBoxLayout(results)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.results_header)
        rl.addWidget(self.suggestion_label)
        rl.addWidget(self.empty_label)
        rl.addWidget(self.results_view, 1)

        # reader and photos
        self.reader = ReaderView(self.loader, self)
        self.reader.article_requested.connect(self.open_article)
        self.reader.photo_requested.connect(self.open_article_photo)
        self.grid_model = PhotoGridModel(
            self.loader, self, px=cfg.read(self.settings, "grid/thumb_px")
        )
        self.grid = PhotoGrid(self.grid_model, self)
        self.grid.photo_activated.connect(self.open_viewer)
        self.grid_scope = QComboBox(self)
        self.grid_scope.addItem(self.tr("Photos of this article"), "article")
        self.grid_scope.addItem(self.tr("Photos whose captions match the search"), "search")
        self.grid_scope.addItem(self.tr("All photos of the archive"), "archive")
        self.grid_scope.currentIndexChanged.connect(lambda _i: self.fill_grid())
        self.grid_label = QLabel(self)
        photos = QWidget(self)
        pl = QVBoxLayout(photos)
        pl.setContentsMargins(0, 0, 0, 0)
        ph = QHBoxLayout()
        ph.addWidget(self.grid_scope)
        ph.addWidget(self.grid_label, 1)
        pl.addLayout(ph)
        pl.addWidget(self.grid, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.reader, self.tr("Reader"))
        self.tabs.addTab(photos, self.tr("Photos"))
        self.tabs.currentChanged.connect(lambda _i: self.fill_grid())

        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.filters_box)
        self.splitter.addWidget(results)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([240, 430, 650])

        central = QWidget(self)
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(top)
        cl.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # problems panel
        self.problems_model = ProblemsModel(self)
        self.problems_view = QTableView(self)
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.problems_view.verticalHeader().hide()
        self.problems_view.doubleClicked.connect(lambda _i: self.open_problem_folder())
        problems = QWidget(self)
        pv = QVBoxLayout(problems)
        pv.setContentsMargins(4, 4, 4, 4)
        pv.addWidget(self.problems_view, 1)
        open_folder = QPushButton(self.tr("Open folder"), self)
        open_folder.clicked.connect(self.open_problem_folder)
        pv.addWidget(open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problems")
        self.problems_dock.setWidget(problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

        # basket
        self.basket_model = BasketModel(Basket(self.basket_file), self)
        self.basket_panel = BasketPanel(self.basket_model, self)
        self.basket_panel.export_requested.connect(self.export_basket)
        self.basket_dock = QDockWidget(self.tr("Basket"), self)
        self.basket_dock.setObjectName("basket")
        self.basket_dock.setWidget(self.basket_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.basket_dock)
        self.tabifyDockWidget(self.problems_dock, self.basket_dock)
        self.basket_dock.hide()
        self.basket_model.modelReset.connect(self._update_basket_button)
        self.export_pool = make_pool(1)
        for view, slot in (
            (self.results_view, self.add_results_to_basket),
            (self.grid, self.add_photos_to_basket),
        ):
            action = QAction(self.tr("Add to basket"), view)
            action.setShortcut(QKeySequence("Ctrl+B"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            view.addAction(action)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.reader.basket_requested.connect(self.add_article_to_basket)

        # status bar
        self.status_label = QLabel(self)
        self.index_label = QLabel(self)
        self.problems_button = QPushButton(self)
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.toggle_problems)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_indexing)
        self.cancel_button.hide()
        sb = self.statusBar()
        self.basket_button = QPushButton(self)
        self.basket_button.setFlat(True)
        self.basket_button.clicked.connect(
            lambda: self.basket_dock.setVisible(not self.basket_dock.isVisible())
        )
        sb.addWidget(self.status_label, 1)
        sb.addPermanentWidget(self.basket_button)
        sb.addPermanentWidget(self.problems_button)
        sb.addPermanentWidget(self.index_label)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)

        self._build_menus()

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        self._action(
            file_menu, self.tr("&Open archive…"), QKeySequence.StandardKey.Open, self.choose_archive
        )
        self.recent_menu = file_menu.addMenu(self.tr("Recent archives"))
        self._action(file_menu, self.tr("&Update index"), QKeySequence("F5"), self.start_indexing)
        self._action(
            file_menu,
            self.tr("&Rebuild index"),
            QKeySequence(),
            lambda: self.start_indexing(rebuild=True),
        )
        file_menu.addSeparator()
        self._action(
            file_menu, self.tr("&Export basket…"), QKeySequence("Ctrl+E"), self.export_basket
        )
        self._action(
            file_menu, self.tr("Export search &results…"), QKeySequence(), self.export_results
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        view = mb.addMenu(self.tr("&View"))
        self._action(view, self.tr("&Problems"), QKeySequence(), self.toggle_problems)
        self._action(
            view,
            self.tr("&Basket"),
            QKeySequence("Ctrl+Shift+B"),
            lambda: self.basket_dock.setVisible(not self.basket_dock.isVisible()),
        )
        self._action(
            view, self.tr("&Photos"), QKeySequence("Ctrl+2"), lambda: self.tabs.setCurrentIndex(1)
        )
        self._action(
            view, self.tr("&Reader"), QKeySequence("Ctrl+1"), lambda: self.tabs.setCurrentIndex(0)
        )
        lang = view.addMenu(self.tr("Language"))
        from ui.i18n import LANGUAGES

        for code, name in LANGUAGES.items():
            self._action(
                lang,
                name,
                QKeySequence(),
                lambda _c=False, code=code: self.language_requested.emit(code),
            )
        engine_menu = view.addMenu(self.tr("Search engine"))
        chosen = cfg.read(self.settings, "index/engine")
        for name in engines.available():
            action = self._action(
                engine_menu,
                {"whoosh": self.tr("Whoosh (built in)"), "tantivy": self.tr("tantivy (faster)")}[
                    name
                ],
                QKeySequence(),
                lambda _c=False, name=name: self.choose_engine(name),
            )
            action.setCheckable(True)
            action.setChecked(name == chosen)
        help_menu = mb.addMenu(self.tr("&Help"))
        self._action(
            help_menu,
            self.tr("Query &syntax"),
            QKeySequence.StandardKey.HelpContents,
            self.show_query_help,
        )
        # keyboard: Ctrl+F / Ctrl+L to the search field, Esc back to the results
        for seq in ("Ctrl+F", "Ctrl+L"):
            a = QAction(self)
            a.setShortcut(QKeySequence(seq))
            a.triggered.connect(self.focus_search)
            self.addAction(a)
        esc = QAction(self)
        esc.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        esc.triggered.connect(self.results_view.setFocus)
        self.addAction(esc)

    def _action(self, menu: Any, text: str, shortcut: Any, slot: Any) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey) or not QKeySequence(shortcut).isEmpty():
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _restore(self) -> None:
        geometry = cfg.read(self.settings, "ui/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        sort = cfg.read(self.settings, "search/sort")
        i = self.sort_combo.findData(sort)
        if i >= 0:
            self.sort_combo.setCurrentIndex(i)
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for root in cfg.read_list(self.settings, "archives/roots"):
            action = self.recent_menu.addAction(root)
            action.triggered.connect(lambda _c=False, r=root: self.open_archive(Path(r)))

    # ------------------------------------------------------------------ archives and indexing

    def choose_archive(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open an archive folder"), str(self.root or Path.home())
        )
        if folder:
            self.open_archive(Path(folder))

    def index_path(self) -> Path:
        assert self.root is not None
        return index_dir_for(self.root, self.index_dir_override)

    def open_archive(self, root: Path) -> None:
        """Show *root*: search its index at once if it has one, and update it in the background."""
        self.cancel_indexing()
        root = Path(root).expanduser().resolve()
        self.root = root
        cfg.remember_root(self.settings, str(root))
        self._fill_recent()
        self.archive_label.setText(self.tr("Archive: %1").replace("%1", root.name or str(root)))
        self.archive_label.setToolTip(str(root))
        self.service.set_index(self.index_path(), root)
        self.results_model.set_hits([])
        self.reader.show_article(None, None, set())
        self.current_article = None
        self.problems_model.set_problems(indexed_problems(root, self.index_dir_override))
        self._update_problems_button()
        usable, _complete = index_state(root, self.index_dir_override)
        if usable:
            self.index_label.setText(self.tr("Index ready"))
            self.run_search()
        else:
            self.index_label.setText(self.tr("No index yet"))
            self.status_label.setText(self.tr("Building the index for the first time…"))
        self.start_indexing()

    def start_indexing(self, rebuild: bool = False) -> None:
        if self.root is None or (self.index_job is not None and not self.index_job.done):
            return
        root, path = self.root, self.index_path()
        relay = self.commits
        engine = cfg.read(self.settings, "index/engine")
        if engine not in engines.available():
            engine = engines.DEFAULT

        def call(progress: Any, cancel: Any) -> IndexSummary:
            # A process of its own (with worker processes below it): nothing the build
            # does can hold the interpreter while the window wants to paint.
            build = IndexProcess(
                root=str(root), index_dir=str(path), rebuild=rebuild, jobs=0, engine=engine
            )
            for kind, a, b in build.events(poll=lambda: cancel.cancelled):
                if kind == "progress":
                    progress(a, b)
                elif kind == "committed":
                    relay.committed.emit(a)
                elif kind == "done":
                    return a  # type: ignore[no-any-return]
                elif kind == "cancelled":
                    raise Cancelled
                else:
                    raise IndexFailure(a)
            raise IndexFailure("the indexing process ended without a result")

        job = Job(call)
        job.signals.progressed.connect(self._on_index_progress)
        job.signals.finished.connect(self._on_index_finished)
        job.signals.failed.connect(self._on_index_failed)
        job.signals.cancelled.connect(self._on_index_cancelled)
        self.index_job = job
        self._index_started = time.monotonic()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.index_label.setText(self.tr("Indexing…"))
        self.index_pool.start(job)

    def choose_engine(self, name: str) -> None:
        """Index with another engine from now on (the index is rebuilt with it)."""
        if name == cfg.read(self.settings, "index/engine"):
            return
        cfg.write(self.settings, "index/engine", name)
        self.cancel_indexing()
        self.status_label.setText(self.tr("Rebuilding the index with the chosen engine…"))
        self.index_pool.waitForDone()
        self.start_indexing(rebuild=True)

    def cancel_indexing(self) -> None:
        if self.index_job is not None and not self.index_job.done:
            self.index_job.cancel()

    def _on_commit(self, _count: int) -> None:
        """A first build made more articles searchable: show them."""
        if self.index_job is None:
            return
        self.service.mark_changed()
        self.run_search(keep_current=True)

    def _on_index_progress(self, done: int, total: int) -> None:
        self.index_progress = (done, total)
        self._show_count()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        elapsed = max(time.monotonic() - self._index_started, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate > 0 else 0
        self.index_label.setText(
            self.tr("Indexing %1 of %2 (%3/s, %4 s left)")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", f"{rate:.0f}")
            .replace("%4", f"{eta:.0f}")
        )

    def _indexing_ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.index_job = None
        self.index_progress = None
        self._show_count()
        self.indexing_done.emit()

    def _on_index_finished(self, summary: IndexSummary) -> None:
        self._indexing_ended()
        self.index_label.setText(
            self.tr("Index ready: %1 articles, %2 photos")
            .replace("%1", str(summary.articles))
            .replace("%2", str(summary.photos))
        )
        self.problems_model.set_problems(summary.problems)
        self._update_problems_button()
        self._start(self.search_pool, _ServiceJob(self.service.mark_stale))
        if summary.added or summary.updated or summary.deleted or self.result is None:
            self.run_search()

    def _on_index_failed(self, message: str) -> None:
        self._indexing_ended()
        self.index_label.setText(self.tr("Indexing failed"))
        # Not modal: the window (and a screenshot run) goes on while the message shows.
        title = self.tr("Indexing failed")
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_index_cancelled(self) -> None:
        self._indexing_ended()
        self.index_label.setText(self.tr("Indexing cancelled; the index is as it was"))

    # ------------------------------------------------------------------ searching

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _search_now(self) -> None:
        self.debounce.stop()
        history = cfg.remember_query(self.settings, self.search_edit.text())
        self.history_model.setStringList(history)
        self.run_search()

    def set_query(self, query: str) -> None:
        self.search_edit.setText(query)
        self._search_now()

    def filters(self) -> Filters:
        outlet = self._checked(self.outlet_view)
        year = self._checked(self.year_view)
        return Filters(
            date_from=self.from_date.date().toString("yyyy-MM-dd")
            if self.from_check.isChecked()
            else None,
            date_to=self.to_date.date().toString("yyyy-MM-dd")
            if self.to_check.isChecked()
            else None,
            outlet=outlet,
            year=year,
            has_photos=self.photos_check.isChecked(),
        )

    @staticmethod
    def _checked(view: QListView) -> str | None:
        idx = view.currentIndex()
        if not idx.isValid():
            return None
        value = idx.data(Qt.ItemDataRole.UserRole)
        return str(value) if value else None

    def clear_filters(self) -> None:
        for w in (self.from_check, self.to_check, self.photos_check):
            w.blockSignals(True)
            w.setChecked(False)
            w.blockSignals(False)
        self.outlet_view.setCurrentIndex(QModelIndex())
        self.year_view.setCurrentIndex(QModelIndex())
        self.run_search()

    def run_search(self, *, page: int = 1, keep_current: bool = False) -> None:
        """Search with the field's words and the filters; page 2 on adds to the list.

        Args:
            keep_current: the list is refreshed (the index grew): the article being
                read stays selected, and nothing else is opened.
        """
        if self.root is None:
            return
        self._keep_current = keep_current
        if page == 1:
            self.generation += 1
        generation = self.generation
        query, filters = self.search_edit.text(), self.filters()
        sort = self.sort_combo.currentData() or "relevance"
        exact = self.exact_check.isChecked()
        if page == 1:
            cfg.write(self.settings, "search/sort", sort)
        root, service = self.root, self.service

        def call() -> tuple[SearchResult, dict[str, str]]:
            result = service.searcher().search(
                query,
                filters=filters,
                sort=sort,
                page=page,
                pagesize=PAGE,
                facets=page == 1,
                exact=exact,
            )
            return result, _thumbnail_paths(root, result.hits)

        job = Job(call, progress=False)
        job.signals.finished.connect(
            lambda r, g=generation, p=page: self._on_search_finished(g, p, *r)
        )
        job.signals.failed.connect(lambda m, g=generation: self._on_search_failed(g, m))
        self._start(self.search_pool, job)

    def _start(self, pool: Any, job: Job) -> None:
        # Jobs stay referenced until they ran: Python must not collect a runnable in use.
        self.jobs = [j for j in self.jobs if not (j.done and j.settled)]
        self.jobs.append(job)
        pool.start(job)

    def _on_search_failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.status_label.setText(message)
        self.search_done.emit()

    def _on_search_finished(
        self, generation: int, page: int, result: SearchResult, thumbs: dict[str, str]
    ) -> None:
        if generation != self.generation:
            return  # a newer search is on its way
        self.result = result
        self.terms = result.terms
        reading = self.current_article.id if self.current_article is not None else None
        if page == 1:
            self.results_model.set_hits(result.hits, thumbs)
            self._fill_facets(result)
        else:
            self.results_model.append_hits(result.hits, thumbs)
        shown = self.results_model.rowCount()
        self._show_count()
        self.empty_label.setText(emptied_line(result, self.filters(), self.tr))
        self.empty_label.setVisible(bool(result.emptied_by))
        self.status_label.setText(
            self.tr("%1 hits, %2 shown").replace("%1", str(result.total)).replace("%2", str(shown))
        )
        if result.suggestion:
            self.suggestion_label.setText(
                self.tr("Did you mean: %1?").replace(
                    "%1", f"<a href='suggest'>{html.escape(result.suggestion)}</a>"
                )
            )
            self.suggestion_label.show()
        else:
            self.suggestion_label.hide()
        if page == 1 and self._keep_current and (reading is not None or not result.hits):
            # a refresh while the index grows: keep what is being read
            ids = self.results_model.ids()
            if reading in ids:
                selection = self.results_view.selectionModel()
                selection.blockSignals(True)
                self.results_view.setCurrentIndex(self.results_model.index(ids.index(reading)))
                selection.blockSignals(False)
        elif page == 1 and result.hits:
            self.results_view.setCurrentIndex(self.results_model.index(0))
        elif page == 1:  # an empty list leaves nothing in the reader that it does not hold
            self.current_article = None
            self.reader.show_article(None, None, set())
        if self.grid_scope.currentData() == "search":
            self.fill_grid()
        self.search_done.emit()

    def _show_count(self) -> None:
        """The list header: the count of the last search, and how far a build has got."""
        text = count_line(self.result, self.tr) if self.result is not None else ""
        if self.index_progress is not None and self.index_progress[1]:
            done, total = self.index_progress
            text += "  " + fmt(self.tr("— indexing %1 / %2"), number(done), number(total))
        self.results_header.setText(text)

    def _remove_filter(self, link: str) -> None:
        """A click on "remove the … filter" under an empty list."""
        name = link.removeprefix("remove:")
        checks = {"date": (self.from_check, self.to_check), "photos": (self.photos_check,)}
        if name in checks:
            for check in checks[name]:
                check.blockSignals(True)
                check.setChecked(False)
                check.blockSignals(False)
            self.run_search()
        elif name in ("outlet", "year"):
            view = self.outlet_view if name == "outlet" else self.year_view
            view.setCurrentIndex(QModelIndex())
            self.run_search()
        else:
            self.clear_filters()

    def _use_suggestion(self, _link: str) -> None:
        if self.result and self.result.suggestion:
            self.set_query(self.result.suggestion)

    def _maybe_more(self, value: int) -> None:
        bar = self.results_view.verticalScrollBar()
        r = self.result
        if r is None or value < bar.maximum() - 50:
            return
        shown = self.results_model.rowCount()
        if shown < r.total and shown >= r.page * PAGE:
            self.run_search(page=r.page + 1)

    def _fill_facets(self, result: SearchResult) -> None:
        for model, view, name in (
            (self.outlet_model, self.outlet_view, "outlet"),
            (self.year_model, self.year_view, "year"),
        ):
            current = self._checked(view)
            model.clear()
            counts = dict(result.facets.get(name, {}))
            if name == "year":  # newest first, the undated last
                counts = dict(
                    sorted(counts.items(), key=lambda kv: (kv[0] != NONE, kv[0]), reverse=True)
                )
            if current and current not in counts:
                counts[current] = 0
            all_item = QStandardItem(self.tr("(all)"))
            all_item.setData("", Qt.ItemDataRole.UserRole)
            model.appendRow(all_item)
            for value, n in counts.items():
                label = value
                if value == NONE:
                    label = self.tr("(no outlet)") if name == "outlet" else self.tr("(undated)")
                item = QStandardItem(f"{label}  ({number(n)})")
                item.setData(value, Qt.ItemDataRole.UserRole)
                model.appendRow(item)
                if value == current:
                    view.setCurrentIndex(item.index())

    # ------------------------------------------------------------------ reading

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_article(current.data(Role.ID))

    def open_article(self, article_id: str) -> None:
        if self.root is None or not article_id:
            return
        root, service = self.root, self.service

        def call() -> Article:
            path = article_file(root, article_id)
            if path is None:
                raise FileNotFoundError(article_id)
            article = load_article(root, path)
            try:
                return service.searcher().link_related(article)
            except IndexMissing:
                return article

        job = Job(call, progress=False)
        job.signals.finished.connect(self._on_article_loaded)
        job.signals.failed.connect(lambda _m, a=article_id: self._on_article_missing(a))
        self._start(self.search_pool, job)

    def _on_article_missing(self, article_id: str) -> None:
        self.status_label.setText(
            self.tr("%1 is no longer in the archive; update the index (F5).").replace(
                "%1", article_id
            )
        )

    def _on_article_loaded(self, article: Article) -> None:
        self.current_article = article
        self.reader.show_article(article, self.root, self.terms)
        if self.grid_scope.currentData() == "article":
            self.fill_grid()
        self.article_shown.emit(article.id)

    def open_article_photo(self, index: int) -> None:
        items = self._article_items()
        article = self.current_article
        if article is None or not items:
            return
        name = article.photos[index].file
        rows = [i for i, it in enumerate(items) if it.file == name]
        self._show_viewer(items, rows[0] if rows else 0)

    # ------------------------------------------------------------------ photos

    def _article_items(self) -> list[PhotoItem]:
        a = self.current_article
        if a is None:
            return []
        seen, items = set(), []
        for p in a.photos:
            if p.file in seen:
                continue
            seen.add(p.file)
            items.append(PhotoItem(p.path, p.file, p.caption or "", a.id, a.title, p.exists))
        return items

    def fill_grid(self) -> None:
        if self.tabs.currentIndex() != 1 and self.grid_scope.currentData() != "article":
            return
        scope = self.grid_scope.currentData()
        if scope == "article":
            items = self._article_items()
            self.grid_model.set_items(items)
            self.grid_label.setText(self.photos_label(len(items)))
            return
        if self.root is None:
            return
        root, service = self.root, self.service
        query = self.search_edit.text() if scope == "search" else ""
        filters = self.filters()

        def call() -> list[PhotoItem]:
            r = service.searcher().search_photos(query, filters=filters, pagesize=20000)
            items = []
            for h in r.hits:
                path = photo_file(root, h.article_id, h.file)
                items.append(
                    PhotoItem(
                        str(path) if path else None,
                        h.file,
                        h.caption,
                        h.article_id,
                        h.title,
                        exists=path is not None,
                    )
                )
            return items

        job = Job(call, progress=False)
        job.signals.finished.connect(self._on_grid_items)
        self._start(self.search_pool, job)

    def photos_label(self, n: int) -> str:
        return self.tr("1 photo") if n == 1 else self.tr("%1 photos").replace("%1", str(n))

    def _on_grid_items(self, items: list[PhotoItem]) -> None:
        self.grid_model.set_items(items)
        self.grid_label.setText(self.photos_label(len(items)))

    def open_viewer(self, row: int) -> None:
        self._show_viewer(self.grid_model.items(), row)

    def _show_viewer(self, items: list[PhotoItem], row: int) -> PhotoViewer:
        viewer = PhotoViewer(items, row, self, loader=self.loader)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        self.viewer = viewer
        return viewer

    # ------------------------------------------------------------------ basket and export

    def _update_basket_button(self) -> None:
        articles, photos, _size = self.basket_model.counts()
        self.basket_button.setText(
            fmt(self.tr("Basket: %1"), articles_and_photos(self.tr, articles, photos))
        )

    def add_results_to_basket(self) -> None:
        if self.root is None:
            return
        rows = sorted({i.row() for i in self.results_view.selectionModel().selectedIndexes()})
        hits = [self.results_model.hit(r) for r in rows]
        for h in hits:
            if h is not None:
                self.basket_model.titles[h.id] = h.title
        added = self.basket_model.add([Item(str(self.root), h.id) for h in hits if h is not None])
        self.status_label.setText(self.tr("%1 added to the basket").replace("%1", str(added)))

    def add_article_to_basket(self) -> None:
        a = self.current_article
        if a is None or self.root is None:
            return
        self.basket_model.titles[a.id] = a.title
        self.basket_model.add([Item(str(self.root), a.id)])

    def add_photos_to_basket(self) -> None:
        if self.root is None:
            return
        rows = sorted({i.row() for i in self.grid.selectionModel().selectedIndexes()})
        items = []
        for r in rows:
            photo = self.grid_model.item(r)
            if photo is not None and photo.exists:
                self.basket_model.titles[photo.article_id] = photo.title
                items.append(Item(str(self.root), photo.article_id, photo.file))
        added = self.basket_model.add(items)
        self.status_label.setText(self.tr("%1 added to the basket").replace("%1", str(added)))

    def export_basket(self) -> ExportDialog | None:
        return self.open_export(self.basket_model.items())

    def export_results(self) -> ExportDialog | None:
        if self.root is None:
            return None
        return self.open_export([Item(str(self.root), i) for i in self.results_model.ids()])

    def open_export(self, items: list[Item]) -> ExportDialog | None:
        if not items:
            QMessageBox.information(
                self, self.tr("Export"), self.tr("Nothing is selected to export.")
            )
            return None
        dialog = ExportDialog(items, self, pool=self.export_pool)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    # ------------------------------------------------------------------ problems

    def _update_problems_button(self) -> None:
        n = self.problems_model.rowCount()
        self.problems_button.setText(self.tr("Problems: %1").replace("%1", str(n)) if n else "")
        self.problems_button.setToolTip(self.tr("Show what could not be read"))
        self.problems_button.setVisible(n > 0)

    def toggle_problems(self) -> None:
        show = not self.problems_dock.isVisible()
        self.problems_dock.setVisible(show)
        if show:
            self.problems_dock.raise_()
            self.resizeDocks([self.problems_dock], [200], Qt.Orientation.Vertical)

    def open_problem_folder(self) -> None:
        p = self.problems_model.problem(self.problems_view.currentIndex().row())
        if p is not None:
            path = Path(p.path)
            folder = path if path.is_dir() else path.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ------------------------------------------------------------------ help and closing

    def show_query_help(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Query syntax"),
            self.tr(QUERY_HELP),
        )

    def shutdown(self) -> None:
        """Cancel work, wait for it, close the index (on quit)."""
        self.cancel_indexing()
        for job in self.jobs:
            job.cancel()
        self.search_pool.clear()
        self.index_pool.waitForDone()
        self.export_pool.waitForDone()
        self._start(self.search_pool, _ServiceJob(self.service.close))
        self.search_pool.waitForDone()
        self.loader.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        cfg.write(self.settings, "ui/geometry", bytes(self.saveGeometry().data()))
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ state (tests, screenshots)

    def busy(self) -> bool:
        """True while searches, article loads, indexing or thumbnails are under way."""
        return self.searching() or self.indexing()

    def searching(self) -> bool:
        """True while searches, article loads or thumbnails are under way."""
        running = any(not j.settled for j in self.jobs if not isinstance(j, _ServiceJob))
        return running or self.loader.busy() or self.debounce.isActive()

    def indexing(self) -> bool:
        return self.index_job is not None and not self.index_job.settled


def _thumbnail_paths(root: Path, hits: list[Any]) -> dict[str, str]:
    """Article ID -> the file of its thumbnail photo (looked up off the GUI thread)."""
    paths = {}
    for hit in hits:
        if hit.thumb:
            path = photo_file(root, hit.id, hit.thumb)
            if path is not None:
                paths[hit.id] = str(path)
    return paths


class _Commits(QObject):
    """Carries a build's commits from its worker thread to the window.

    Signals:
        committed(int): a commit made this many more articles searchable.
    """

    committed = Signal(int)


class _ServiceJob(Job):
    """A call with no result, run in the search thread (where the searcher lives)."""

    def __init__(self, call: Any) -> None:
        super().__init__(call, progress=False)
