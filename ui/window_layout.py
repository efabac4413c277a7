"""How the window's parts are laid out: the search bar over three columns (the filters,
scrolled when the window is short; the list; the reader), the basket and the problems
docked below, the status bar; and how the width is shared when the window first shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from tangthu.ui import settings as cfg

if TYPE_CHECKING:
    from tangthu.ui.main_window import MainWindow


def lay_out(w: MainWindow) -> None:
    """Place the parts of *w* (made, not yet placed)."""
    w.splitter = QSplitter(w)
    # the filters, saved searches and archives: scrolled when the window is short
    w.left_column = QScrollArea(w)
    w.left_column.setWidgetResizable(True)
    w.left_column.setFrameShape(QFrame.Shape.NoFrame)
    w.left_column.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QWidget(w.left_column)
    w.left_layout = QVBoxLayout(inner)
    w.left_layout.setContentsMargins(0, 0, 0, 0)
    parts: list[tuple[QWidget, int]] = [
        (w.filters_panel, 1),
        (w.saved, 0),
        (w.archives, 0),
    ]
    for part, stretch in parts:
        w.left_layout.addWidget(part, stretch)
    w.left_column.setWidget(inner)
    w.left_column.setMinimumWidth(
        w.filters_panel.minimumWidth() + w.left_column.verticalScrollBar().sizeHint().width()
    )
    # a wide window widens the list more than the reader (whose lines have a measure)
    for part, stretch in ((w.left_column, 0), (w.results, 3), (w.side, 2)):
        w.splitter.addWidget(part)
        w.splitter.setStretchFactor(w.splitter.count() - 1, stretch)
    w.splitter.setChildrenCollapsible(False)
    w.left_column.setVisible(bool(cfg.read(w.settings, "ui/filters")))
    central = QWidget(w)
    column = QVBoxLayout(central)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(w.search_bar)
    column.addWidget(w.splitter, 1)
    w.setCentralWidget(central)

    for dock in (w.problems_dock, w.basket_dock):
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
    w.tabifyDockWidget(w.problems_dock, w.basket_dock)

    w.status_label = QLabel(w)
    bar = w.statusBar()
    bar.addWidget(w.status_label, 1)
    for widget in (w.basket_dock.button, w.problems_dock.button, w.index_status):
        bar.addPermanentWidget(widget)


def share_out(w: MainWindow) -> None:
    """Share the width among the columns: the filters as wide as they need, then
    9 parts to the list for 11 to the reader."""
    width = w.splitter.width()
    left = w.left_column.minimumWidth() + 10 if w.left_column.isVisible() else 0
    results = (width - left) * 9 // 20
    w.splitter.setSizes([left, results, width - left - results])
