"""The window's search by meaning: what the switch knows of the archive, the offer to
build its vectors, and what the list says when it could not be used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from tangthu.library.records import SearchResult
    from tangthu.ui.main_window import MainWindow


class ByMeaning(QObject):
    """Search by meaning for one window (its search bar's switch, its index runs)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

    def known(self, state: Any) -> None:
        """What the archive shown has for search by meaning (None: not told): the switch
        says it; a search by meaning chosen before it was known runs now (by words when
        the archive has no vectors)."""
        w = self.w
        bar = w.search_bar
        bar.set_meaning(state)
        shown = w.results.result
        if w.library is not None and (shown is None or bar.search_mode() != shown.mode):
            w.run_search()

    def note(self, result: SearchResult) -> str:
        """What the list says when search by meaning was chosen and could not be run."""
        bar = self.w.search_bar
        if result.mode != "words" or bar.chosen_mode() == "words" or bar.meaning is None:
            return ""
        if not getattr(bar.meaning, "installed", True):
            return self.tr("found by words: search by meaning is not installed")
        return self.tr(
            "found by words: this archive has no vectors for search by meaning yet "
            "(File → Build vectors for search by meaning)"
        )

    def build(self) -> None:
        """Make the vectors of search by meaning (after bringing the index up to date),
        in the background; the run in progress, if any, stops first."""
        w = self.w
        if w.library is None:
            return
        state = w.search_bar.meaning
        if state is not None and not getattr(state, "installed", True):
            w.status_label.setText(
                self.tr(
                    "Search by meaning needs its model, which is not installed "
                    "(the 'meaning' extra)."
                )
            )
            return
        w.status_label.setText(self.tr("Building the vectors of search by meaning…"))
        w.index_status.restart(w.library, meaning=True)

    def offer(self) -> None:
        """Search by meaning was chosen and the archive has no vectors yet: offer to
        build them (not modal: the window goes on searching by words meanwhile)."""
        w = self.w
        if w.index_status.running() and w.index_status.meaning:
            return  # being built
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Search by meaning"),
            self.tr(
                "This archive has no vectors for search by meaning yet. They are made once "
                "from each article's title and opening, and kept up to date by every index "
                "update. For a large archive this takes hours; you can go on searching by "
                "words meanwhile, and cancel it. Build them now?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            w,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Build them"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Not now"))
        box.accepted.connect(self.build)
        box.open()
