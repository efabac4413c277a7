"""The results pane: the count, the filters that are on, the timeline, "did you mean",
why a list is empty, and the hits as cards or as a table."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tangthu.library.records import Filters, Hit, Item, SearchResult
from tangthu.ui import settings as cfg
from tangthu.ui.basket import add_basket_action
from tangthu.ui.basket_model import item_path
from tangthu.ui.chips import FilterChips
from tangthu.ui.desktop import add_file_actions, view_action
from tangthu.ui.i18n import fmt, number, photos_count
from tangthu.ui.messages import count_line, emptied_line, empty_help
from tangthu.ui.results import Column, ResultDelegate, ResultsModel, Role
from tangthu.ui.results_table import ResultsTable
from tangthu.ui.thumbnails import ThumbnailLoader
from tangthu.ui.timeline import Timeline

#: Hits fetched per page; scrolling near the end of the list asks for the next page.
PAGE = 50


class ResultsPane(QWidget):
    """The hits of a search, one page after another as the list is scrolled.

    Signals:
        article_chosen(str): the user moved to (or activated) this article.
        more_wanted(int): the list was scrolled to its end: this page comes next.
        suggestion_chosen(str): the user clicked "did you mean".
        filter_removed(str): the user removed a filter (a chip's ×, or a link under an
            empty list; ``all``: every filter).
        basket_requested(): the user wants the selected articles in the basket.
        export_requested(): the user wants the selected articles exported.
        citation_requested(): the user wants the selected articles' citations copied.
        tag_requested(): the user wants to tag the selected articles.
        edit_requested(): the user wants to correct the selected articles' details.
        correction_wanted(str, str, str): a table cell was corrected (ID, field, value).
        span_chosen(str, str): a timeline bar or range was chosen (from, to).
        undated_chosen(): the timeline's bar of the undated articles was clicked.
        accents_dropped(): "search without accents" was clicked under an empty list.
    """

    article_chosen = Signal(str)
    more_wanted = Signal(int)
    suggestion_chosen = Signal(str)
    filter_removed = Signal(str)
    basket_requested = Signal()
    export_requested = Signal()
    citation_requested = Signal()
    tag_requested = Signal()
    edit_requested = Signal()
    correction_wanted = Signal(str, str, str)
    span_chosen = Signal(str, str)
    undated_chosen = Signal()
    accents_dropped = Signal()

    def __init__(
        self, loader: ThumbnailLoader, settings: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.result: SearchResult | None = None
        #: what the last update of the index brought ("2 new articles, …"), until the
        #: next search of the user's own
        self.news = ""
        #: the archive of the hit last chosen ("" for the archive shown)
        self.chosen_archive = ""
        #: the title of the article a "More like this" list is like
        self.like_title = ""
        self.model = ResultsModel(loader, self)
        self.model.correction_wanted.connect(self.correction_wanted)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.delegate = ResultDelegate(self, photos_label=lambda n: photos_count(self.tr, n))
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformItemSizes(False)  # each card as tall as its text
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setAccessibleName(self.tr("Results"))
        self.table = ResultsTable(self.model, self)
        header = cfg.read(settings, "results/header")
        if header:
            self.table.horizontalHeader().restoreState(header)
        self.stack = QStackedWidget(self)
        for view in (self.view, self.table):
            self.stack.addWidget(view)
            view.selectionModel().currentRowChanged.connect(self._current_row)
            view.activated.connect(lambda index: self._current_row(index, index))
            view.verticalScrollBar().valueChanged.connect(self._scrolled)
            add_basket_action(view, self.basket_requested.emit)
            self._add_actions(view)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._show_sorting())
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.chips = FilterChips(self)
        self.chips.removed.connect(self.filter_removed)
        self.timeline = Timeline(self)
        self.timeline.span_chosen.connect(self.span_chosen)
        self.timeline.undated_chosen.connect(self.undated_chosen)
        self.timeline.setVisible(bool(cfg.read(settings, "results/timeline")))
        self.suggestion = QLabel(self)
        self.suggestion.linkActivated.connect(self._suggestion_clicked)
        self.suggestion.hide()
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.empty.linkActivated.connect(self._empty_link)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part, stretch in (
            (self.header, 0),
            (self.chips, 0),
            (self.timeline, 0),
            (self.suggestion, 0),
            (self.empty, 0),
            (self.stack, 1),
        ):
            layout.addWidget(part, stretch)
        self.show_view(str(cfg.read(settings, "results/view")))

    def _add_actions(self, view: QAbstractItemView) -> None:
        """The context menu of a results view (each action with its shortcut)."""
        view_action(view, self.tr("Open"), self._open_current)
        view_action(view, self.tr("Copy citation"), self.citation_requested.emit, "Ctrl+Shift+C")
        view_action(view, self.tr("Export these…"), self.export_requested.emit, "Ctrl+Shift+E")
        view_action(view, self.tr("Tag…"), self.tag_requested.emit, "Ctrl+Shift+T")
        view_action(view, self.tr("Edit details…"), self.edit_requested.emit, "Ctrl+Shift+D")
        add_file_actions(view, self._files)

    # ------------------------------------------------------------------ cards or table

    def show_view(self, name: str) -> None:
        """``cards`` or ``table`` (kept in the settings); the selection goes along."""
        current = self.current_row()
        view: QAbstractItemView = self.table if name == "table" else self.view
        self.stack.setCurrentWidget(view)
        cfg.write(self.settings, "results/view", "table" if view is self.table else "cards")
        if current is not None:
            self._select_row(current)

    def view_name(self) -> str:
        return "table" if self.stack.currentWidget() is self.table else "cards"

    def show_timeline(self, on: bool) -> None:
        self.timeline.setVisible(on)
        cfg.write(self.settings, "results/timeline", on)

    def save_state(self) -> None:
        cfg.write(
            self.settings, "results/header", bytes(self.table.horizontalHeader().saveState().data())
        )

    def current_view(self) -> QAbstractItemView:
        return self.table if self.stack.currentWidget() is self.table else self.view

    def current_row(self) -> int | None:
        """The row of the model (the search's order) that is current, if any."""
        index = self.current_view().currentIndex()
        if not index.isValid():
            return None
        return (
            self.table.source_row(index.row()) if self.current_view() is self.table else index.row()
        )

    def _select_row(self, row: int, *, quiet: bool = False) -> None:
        view = self.current_view()
        target = self.table.proxy_row(row) if view is self.table else row
        index = view.model().index(target, 0)
        selection = view.selectionModel()
        if quiet:
            selection.blockSignals(True)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        if quiet:
            selection.blockSignals(False)

    # ------------------------------------------------------------------ showing results

    def clear(self) -> None:
        self.result = None
        self.model.set_hits([])

    def set_root(self, root: str | None) -> None:
        self.model.root = root

    def show_result(
        self,
        result: SearchResult,
        thumbs: dict[str, str],
        filters: Filters,
        *,
        reading: str | None = None,
    ) -> None:
        """Show a page of hits: the first replaces the list, the next ones add to it.

        *reading*: the article being read when the list is a refresh (the index grew):
        it stays selected and nothing else is opened. Else the first hit is opened.
        """
        self.result = result
        if result.page == 1 and reading is None:
            self.news = ""
        #: the archive of the hit last chosen ("" for the archive shown)
        self.chosen_archive = ""
        if result.page == 1:
            self.model.set_hits(result.hits, thumbs)
            if result.mode == "like":  # a list of its own: no filter applies to it
                self.chips.show_like(self.like_title)
            else:
                self.chips.show_filters(filters)
            several = len(result.facets.get("archive", {})) > 1  # the archive column
            self.table.setColumnHidden(Column.ARCHIVE, not several)
            mixed = set(result.facets.get("format", {})) - {"text"}  # the format column
            self.table.setColumnHidden(Column.FORMAT, not mixed)
            self.timeline.show_result(result, filters)
        else:
            self.model.append_hits(result.hits, thumbs)
        if result.emptied_by:
            self.empty.setText(emptied_line(result, filters, self.tr))
        else:
            self.empty.setText(empty_help(result, filters, self.tr))
        self.empty.setVisible(result.total == 0)
        if result.suggestion:
            link = f"<a href='suggest'>{html.escape(result.suggestion)}</a>"
            self.suggestion.setText(fmt(self.tr("Did you mean: %1?"), link))
            self.suggestion.show()
        else:
            self.suggestion.hide()
        if result.page > 1:
            self._show_sorting()
            return
        ids = self.model.ids()
        if reading is not None:
            if reading in ids:
                self._select_row(ids.index(reading), quiet=True)
        elif ids:
            self._select_row(0)

    def show_failure(self, text: str) -> None:
        """A search that could not be run: the list is empty and says why."""
        self.result = None
        self.model.set_hits([])
        self.suggestion.hide()
        self.timeline.clear()
        self.empty.setText(html.escape(text))
        self.empty.show()
        self.header.setText("")

    def show_news(self, line: str) -> None:
        """Say what the last update of the index brought, until the next search."""
        self.news = line
        self.show_count(None)

    def show_count(self, indexing: tuple[int, int] | None) -> None:
        """The header: the count of the last search, and how far a build has got."""
        text = count_line(self.result, self.tr) if self.result is not None else ""
        if indexing is not None and indexing[1]:
            text += "  " + fmt(self.tr("— indexing %1 / %2"), *map(number, indexing))
        if self.news:
            text += "  — " + self.news
        self._count_text = text
        self._show_sorting()

    def _show_sorting(self) -> None:
        """Say so when the table orders only the hits loaded so far."""
        text = getattr(self, "_count_text", "")
        r, shown = self.result, self.model.rowCount()
        if self.view_name() == "table" and self.table.sorted_locally() and r and shown < r.total:
            text += "  " + fmt(
                self.tr("— sorted: the first %1 of %2 (scroll for more)"),
                number(shown),
                number(r.total),
            )
        self.header.setText(text)

    def selected_hits(self) -> list[Hit]:
        view = self.current_view()
        rows = {i.row() for i in view.selectionModel().selectedIndexes()}
        if view is self.table:
            rows = {self.table.source_row(r) for r in rows}
        if not rows and (row := self.current_row()) is not None:
            rows = {row}
        return [h for h in (self.model.hit(r) for r in sorted(rows)) if h is not None]

    # ------------------------------------------------------------------ the user

    def _current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            hit = current.data(Role.HIT)
            self.chosen_archive = hit.archive if hit is not None else ""
            self.article_chosen.emit(current.data(Role.ID))

    def _open_current(self) -> None:
        hits = self.selected_hits()
        if hits:
            self.chosen_archive = hits[0].archive
            self.article_chosen.emit(hits[0].id)

    def _file(self, hit: Hit) -> Path | None:
        """The text file of *hit* on disk, if it is there."""
        root = hit.archive or self.model.root
        return item_path(Item(root, hit.id)) if root else None

    def _files(self) -> list[Path]:
        return [f for f in map(self._file, self.selected_hits()) if f is not None]

    def _suggestion_clicked(self, _link: str) -> None:
        if self.result is not None and self.result.suggestion:
            self.suggestion_chosen.emit(self.result.suggestion)

    def _empty_link(self, link: str) -> None:
        if link == "accents":
            self.accents_dropped.emit()
        elif link == "suggest":
            self._suggestion_clicked(link)
        else:
            self.filter_removed.emit(link.removeprefix("remove:"))

    def _scrolled(self, value: int) -> None:
        bar = self.current_view().verticalScrollBar()
        r = self.result
        if r is None or value < bar.maximum() - 50:
            return
        shown = self.model.rowCount()
        if shown < r.total and shown >= r.page * PAGE:
            self.more_wanted.emit(r.page + 1)
