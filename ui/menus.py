"""The window's menus and keyboard shortcuts, each bound to an operation of the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tangthu import library
from tangthu.ui import settings as cfg
from tangthu.ui.check import check_archive
from tangthu.ui.help import ShortcutsHelp, UserGuide
from tangthu.ui.i18n import LANGUAGES, current_language
from tangthu.ui.reading_side import PHOTOS, READER

if TYPE_CHECKING:
    from tangthu.ui.main_window import MainWindow


def add_action(
    window: QWidget, menu: QMenu | QWidget, text: str, shortcut: Any, slot: Callable[..., Any]
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey) or not QKeySequence(shortcut).isEmpty():
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> QMenu:
    """Fill *w*'s menu bar; returns the "Recent archives" menu (`fill_recent` fills it)."""
    tr = w.tr

    def act(menu: QMenu | QWidget, text: str, key: Any, slot: Callable[..., Any]) -> QAction:
        return add_action(w, menu, text, key, slot)

    std = QKeySequence.StandardKey
    menu = w.menuBar().addMenu(tr("&File"))
    act(menu, tr("&Open archive…"), std.Open, w.choose_archive)
    recent = menu.addMenu(tr("Recent archives"))
    act(menu, tr("&Update index"), "F5", w.start_indexing)
    act(menu, tr("&Rebuild index"), "", lambda: w.start_indexing(rebuild=True))
    act(menu, tr("&Check the archive…"), "", lambda: check_archive(w))
    act(menu, tr("Build vectors for search by &meaning"), "", w.by_meaning.build)

    def read_scans(on: bool) -> None:
        cfg.write(w.settings, "index/ocr", on)
        library.use_ocr(on)  # for the indexing runs from now on

    scans = act(menu, tr("Read scans with &OCR"), "", read_scans)
    scans.setCheckable(True)
    scans.setChecked(bool(cfg.read(w.settings, "index/ocr")))
    library.use_ocr(scans.isChecked())
    menu.addSeparator()
    act(menu, tr("&Export basket…"), "Ctrl+E", w.export_basket)
    act(menu, tr("Export search &results…"), "", lambda: w.export_results())
    menu.addSeparator()
    act(menu, tr("&Quit"), std.Quit, w.close)

    menu = w.menuBar().addMenu(tr("&View"))
    act(menu, tr("&Problems"), "", w.problems_dock.toggle)
    act(menu, tr("&Basket"), "Ctrl+Shift+B", w.basket_dock.toggle)
    views = QActionGroup(w)
    for text, key, name in (
        (tr("Results as &cards"), "Ctrl+1", "cards"),
        (tr("Results as a &table"), "Ctrl+2", "table"),
    ):
        action = act(menu, text, key, lambda _c=False, n=name: w.results.show_view(n))
        action.setCheckable(True)
        action.setChecked(w.results.view_name() == name)
        views.addAction(action)
    toggles = (
        (
            tr("&Timeline"),
            "Ctrl+T",
            w.results.timeline.isVisibleTo(w.results),
            w.results.show_timeline,
        ),
        (
            tr("&Filters panel"),
            "Ctrl+Shift+F",
            bool(cfg.read(w.settings, "ui/filters")),
            w.show_filters,
        ),
    )
    for text, key, on, slot in toggles:
        action = act(menu, text, key, slot)
        action.setCheckable(True)
        action.setChecked(on)
    menu.addSeparator()
    act(menu, tr("&Reader"), "Ctrl+3", lambda: w.side.setCurrentIndex(READER))
    act(menu, tr("&Photos"), "Ctrl+4", lambda: w.side.setCurrentIndex(PHOTOS))
    languages = menu.addMenu(tr("Language"))
    for code, name in LANGUAGES.items():
        act(languages, name, "", lambda _c=False, c=code: w.language_requested.emit(c))
    styles = menu.addMenu(tr("Citation style"))
    group = QActionGroup(w)
    for name, (_file, label) in library.CITATION_STYLES.items():
        action = act(
            styles, label, "", lambda _c=False, n=name: cfg.write(w.settings, "cite/style", n)
        )
        action.setCheckable(True)
        action.setChecked(name == cfg.read(w.settings, "cite/style"))
        group.addAction(action)
    engines = menu.addMenu(tr("Search engine"))
    labels = {
        "": tr("By the archive's size"),
        "whoosh": tr("Whoosh (built in)"),
        "tantivy": tr("tantivy (faster)"),
    }
    chosen = cfg.engine(w.settings) or ""
    group = QActionGroup(w)
    for name in ["", *library.engine_names()]:
        action = act(
            engines, labels.get(name, name), "", lambda _c=False, n=name: w.choose_engine(n)
        )
        action.setCheckable(True)
        action.setChecked(name == chosen)
        group.addAction(action)

    menu = w.menuBar().addMenu(tr("&Help"))
    act(menu, tr("Query &syntax"), std.HelpContents, w.show_query_help)
    act(menu, tr("&User guide"), "Shift+F1", lambda: UserGuide(current_language(), w).show())
    act(menu, tr("&Keyboard shortcuts"), "Ctrl+/", lambda: ShortcutsHelp(w).show())
    # keyboard: Ctrl+F / Ctrl+L to the search field, Esc back to the results
    act(w, tr("Go to the search field"), "Ctrl+F", w.search_bar.focus)
    act(w, tr("Go to the search field"), "Ctrl+L", w.search_bar.focus)
    act(
        w,
        tr("Back to the results"),
        QKeySequence(Qt.Key.Key_Escape),
        lambda: w.results.current_view().setFocus(),
    )
    return recent


def fill_recent(menu: QMenu, settings: Any, open_archive: Callable[[Path], None]) -> None:
    """The archives opened last, newest first."""
    menu.clear()
    for root in cfg.read_list(settings, "archives/roots"):
        action = menu.addAction(root)
        action.triggered.connect(lambda _c=False, r=root: open_archive(Path(r)))
