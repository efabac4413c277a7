"""The window follows its archive: new, changed and removed article folders are indexed
within seconds of appearing (and, where no change events arrive, at a quiet rescan
every few minutes); the list says what came in and keeps the article being read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from tangthu.library import ArchiveWatcher, IndexSummary
from tangthu.ui.i18n import fmt, number

if TYPE_CHECKING:
    from tangthu.ui.main_window import MainWindow

#: A quiet rescan this often (milliseconds), for drives that send no change events.
RESCAN_MS = 10 * 60 * 1000


class Watching(QObject):
    """Watches the open archive and updates its index when it changes.

    Signals:
        changed(): the archive changed (emitted from the watcher's thread).
    """

    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.watcher: ArchiveWatcher | None = None
        self.pending = False
        self.changed.connect(self._update)
        self.timer = QTimer(self)
        self.timer.setInterval(RESCAN_MS)
        self.timer.timeout.connect(self._update)

    def watch(self) -> None:
        """Follow the archive the window shows now."""
        self.stop()
        root = self.window.root
        if root is None:
            return
        # set up off the GUI thread; where it cannot watch, the quiet rescans still come
        self.watcher = ArchiveWatcher(root, self.changed.emit)
        self.watcher.start_in_background()
        self.timer.start()

    def _update(self) -> None:
        w = self.window
        if w.indexing():
            self.pending = True  # once this run ends
        elif w.root is not None:
            w.start_indexing()

    def ended(self) -> None:
        if self.pending:
            self.pending = False
            self._update()

    def stop(self) -> None:
        self.timer.stop()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None


def changes_line(summary: IndexSummary, tr: Callable[[str], str]) -> str:
    """What an update brought: "updated: 2 new, 1 changed, 1 removed" ("" for nothing)."""
    if not (summary.added or summary.updated or summary.deleted):
        return ""
    return fmt(
        tr("updated: %1 new, %2 changed, %3 removed"),
        number(summary.added),
        number(summary.updated),
        number(summary.deleted),
    )


def wire_watching(w: MainWindow) -> Watching:
    watching = Watching(w)
    w.archive_opened.connect(watching.watch)
    w.indexing_done.connect(watching.ended)

    def finished(summary: IndexSummary) -> None:
        line = changes_line(summary, w.tr)
        if line and w.result is not None:  # an update of an archive being searched
            w.results.news = line
            w.results.show_count(None)

    w.index_status.finished.connect(finished)
    return watching
