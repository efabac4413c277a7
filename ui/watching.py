"""The window follows its archive: new, changed and removed article folders are indexed
within seconds of appearing (and, where no change events arrive, at a quiet rescan
every few minutes); the list says what came in and keeps the article being read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from tangthu.library import ArchiveWatcher
from tangthu.library.records import IndexSummary
from tangthu.ui.i18n import fmt, number

#: A quiet rescan this often (milliseconds), for drives that send no change events.
RESCAN_MS = 10 * 60 * 1000


class Watching(QObject):
    """Watches an archive folder and says when its index should be brought up to date:
    at a change under it, and every `RESCAN_MS` (for drives that send no events).

    Signals:
        update_wanted(): the archive changed, or a quiet rescan is due.
        changed(): the archive changed (emitted from the watcher's thread).
    """

    update_wanted = Signal()
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher: ArchiveWatcher | None = None
        self.changed.connect(self.update_wanted)
        self.timer = QTimer(self)
        self.timer.setInterval(RESCAN_MS)
        self.timer.timeout.connect(self.update_wanted)

    def watch(self, root: Path | None) -> None:
        """Follow *root* (None: nothing)."""
        self.stop()
        if root is None:
            return
        # set up off the GUI thread; where it cannot watch, the quiet rescans still come
        self.watcher = ArchiveWatcher(root, self.changed.emit)
        self.watcher.start_in_background()
        self.timer.start()

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
