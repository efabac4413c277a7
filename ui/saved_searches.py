"""Saved searches in the sidebar: each with how many articles it finds now; save the
current search, run one with a click, rename, delete, share as a file, import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tangthu.library import Library, SavedSearches, records
from tangthu.library.records import Filters, SavedSearch, SavedSearchError
from tangthu.ui.desktop import view_action
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import number
from tangthu.ui.jobs import run_job
from tangthu.ui.sizing import hug_rows


def saved_from(
    name: str, query: str, filters: Filters, sort: str, exact: bool, mode: str = "words"
) -> SavedSearch:
    """The search of the window as a saved search."""
    # (leaving estimates out is the window's way of reading, not the search's)
    kept = {k: v for k, v in asdict(filters).items() if k not in ("ids", "estimates") and v}
    return SavedSearch(name, query, kept, sort, exact, mode)


class SavedSearchesPanel(QWidget):
    """The user's saved searches.

    Signals:
        chosen(object): run this `SavedSearch`.
        save_requested(str): save the window's search under this name.
        imported(list): the names of the searches a shared file added.
    """

    chosen = Signal(object)
    save_requested = Signal(str)
    imported = Signal(list)

    def __init__(self, store: SavedSearches, pool: QThreadPool, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.pool = pool
        self.counts: dict[str, int] = {}
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Saved searches"))
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        save = QPushButton(self.tr("Save this search…"), self)
        save.clicked.connect(self.ask_name)
        for text, slot in (
            (self.tr("Rename…"), self.rename),
            (self.tr("Delete"), self.delete),
            (self.tr("Share as a file…"), self.export),
            (self.tr("Import a shared file…"), self.import_file),
        ):
            view_action(self.list, text, slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Saved searches")))
        layout.addWidget(self.list)
        layout.addWidget(save)
        self.fill()

    def fill(self) -> None:
        """The list, with the counts known so far."""
        self.list.clear()
        for s in self.store.items():
            n = self.counts.get(s.name)
            text = s.name if n is None else f"{s.name}  ({number(n)})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.name)
            item.setToolTip(s.query or self.tr("(no words)"))
            self.list.addItem(item)
        hug_rows(self.list, self.list.count())

    def recount(self, lib: Library | None) -> None:
        """Count what each saved search finds in *lib* now (in the search thread)."""
        if lib is None:
            return
        searches = self.store.items()

        def count() -> dict[str, int]:
            counts = {}
            for s in searches:
                try:
                    counts[s.name] = lib.count(s)
                except records.Failure:
                    continue  # this one shows no count (no index yet, a query it rejects)
            return counts

        run_job(count, self._counted, self._failed, pool=self.pool)

    def _counted(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.fill()

    def _current(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _activated(self, item: QListWidgetItem) -> None:
        found = self.store.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if found is not None:
            self.chosen.emit(found)

    def ask_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save this search"), self.tr("Name:"))
        if ok and name.strip():
            self.save_requested.emit(name)

    def _try(self, call: Callable[[], object]) -> None:
        try:
            call()
        except (SavedSearchError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Saved searches"), error_text(exc, self.tr))
        self.fill()

    def save(self, search: SavedSearch, lib: Library | None) -> None:
        self._try(lambda: self.store.save(search))
        self.recount(lib)

    def rename(self) -> None:
        old = self._current()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("Name:"), text=old)
        if ok:
            self._try(lambda: self.store.rename(old, new))
            if old in self.counts:
                self.counts[records.SavedSearch(new, "").name] = self.counts.pop(old)
            self.fill()

    def delete(self) -> None:
        name = self._current()
        if name is not None:
            self._try(lambda: self.store.delete(name))

    def export(self) -> None:
        path = QFileDialog.getSaveFileName(
            self, self.tr("Share saved searches"), "saved-searches.json", "JSON (*.json)"
        )[0]
        if path:
            self._try(lambda: self.store.export_to(path))

    def import_file(self) -> None:
        path = QFileDialog.getOpenFileName(
            self, self.tr("Import saved searches"), "", "JSON (*.json)"
        )[0]
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        """Import a shared file in the background (it is read and checked there)."""
        run_job(lambda: self.store.import_from(path), self._imported, self._failed, pool=self.pool)

    def _imported(self, names: list[str]) -> None:
        self.fill()
        self.imported.emit(names)

    def _failed(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Saved searches"), error_text(error, self.tr))
        self.fill()
