"""The results pane: the count, "did you mean", why a list is empty, and the list itself."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from library import Filters, Hit, SearchResult
from ui.basket import add_basket_action
from ui.i18n import fmt, number, photos_count
from ui.messages import count_line, emptied_line
from ui.results import ResultDelegate, ResultsModel, Role
from ui.thumbnails import ThumbnailLoader

#: Hits fetched per page; scrolling near the end of the list asks for the next page.
PAGE = 50


class ResultsPane(QWidget):
    """The hits of a search, one page after another as the list is scrolled.

    Signals:
        article_chosen(str): the user moved to (or activated) this article.
        more_wanted(int): the list was scrolled to its end: this page comes next.
        suggestion_chosen(str): the user clicked "did you mean".
        filter_removed(str): the user clicked "remove the … filter" under an empty list.
        basket_requested(): the user wants the selected articles in the basket.
    """

    article_chosen = Signal(str)
    more_wanted = Signal(int)
    suggestion_chosen = Signal(str)
    filter_removed = Signal(str)
    basket_requested = Signal()

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: SearchResult | None = None
        self.model = ResultsModel(loader, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(
            ResultDelegate(self, photos_label=lambda n: photos_count(self.tr, n))
        )
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().currentRowChanged.connect(self._current_row)
        self.view.activated.connect(lambda index: self.article_chosen.emit(index.data(Role.ID)))
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        add_basket_action(self.view, self.basket_requested.emit)
        self.header = QLabel(self)
        self.suggestion = QLabel(self)
        self.suggestion.linkActivated.connect(self._suggestion_clicked)
        self.suggestion.hide()
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.linkActivated.connect(
            lambda link: self.filter_removed.emit(link.removeprefix("remove:"))
        )
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def clear(self) -> None:
        self.result = None
        self.model.set_hits([])

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
        if result.page == 1:
            self.model.set_hits(result.hits, thumbs)
        else:
            self.model.append_hits(result.hits, thumbs)
        self.empty.setText(emptied_line(result, filters, self.tr))
        self.empty.setVisible(bool(result.emptied_by))
        if result.suggestion:
            link = f"<a href='suggest'>{html.escape(result.suggestion)}</a>"
            self.suggestion.setText(fmt(self.tr("Did you mean: %1?"), link))
            self.suggestion.show()
        else:
            self.suggestion.hide()
        if result.page > 1:
            return
        ids = self.model.ids()
        if reading is not None:
            if reading in ids:
                selection = self.view.selectionModel()
                selection.blockSignals(True)
                self.view.setCurrentIndex(self.model.index(ids.index(reading)))
                selection.blockSignals(False)
        elif ids:
            self.view.setCurrentIndex(self.model.index(0))

    def show_count(self, indexing: tuple[int, int] | None) -> None:
        """The header: the count of the last search, and how far a build has got."""
        text = count_line(self.result, self.tr) if self.result is not None else ""
        if indexing is not None and indexing[1]:
            text += "  " + fmt(self.tr("— indexing %1 / %2"), *map(number, indexing))
        self.header.setText(text)

    def selected_hits(self) -> list[Hit]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        return [h for h in (self.model.hit(r) for r in rows) if h is not None]

    def _current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_chosen.emit(current.data(Role.ID))

    def _suggestion_clicked(self, _link: str) -> None:
        if self.result is not None and self.result.suggestion:
            self.suggestion_chosen.emit(self.result.suggestion)

    def _scrolled(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        r = self.result
        if r is None or value < bar.maximum() - 50:
            return
        shown = self.model.rowCount()
        if shown < r.total and shown >= r.page * PAGE:
            self.more_wanted.emit(r.page + 1)
