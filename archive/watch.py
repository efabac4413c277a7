"""Watching an archive folder for new, changed and removed files (read only).

`ArchiveWatcher` calls back once things have been quiet for a moment after a burst
of changes (a folder copied in is one change, not a hundred). Where the system sends
no events (network drives) nothing arrives: callers also rescan now and then.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any


class ArchiveWatcher:
    """Calls *on_change* (from a thread of its own) after changes under *root*."""

    def __init__(
        self, root: str | os.PathLike[str], on_change: Callable[[], None], *, quiet: float = 1.5
    ) -> None:
        self.root = Path(root)
        self.on_change = on_change
        self.quiet = quiet
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._observer: Any = None
        self._stopped = False

    def start(self) -> bool:
        """Start watching; False when the system cannot watch this folder."""
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return False
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if event.event_type in ("opened", "closed", "closed_no_write"):
                    return  # reading is not changing
                watcher._changed()

        # watchdog's inotify thread warns when a new folder's watch is set up twice (it
        # keeps the newer): a note for its own developers, not a problem of the archive.
        warnings.filterwarnings("ignore", "Callback with id", RuntimeWarning)
        try:
            observer = Observer()
            observer.daemon = True
            observer.schedule(Handler(), str(self.root), recursive=True)
            observer.start()
        except (OSError, RuntimeError):  # too many folders for the system's watches, …
            return False
        with self._lock:
            if self._stopped:  # stopped while it was starting
                observer.stop()
                return False
            self._observer = observer
        return True

    def start_in_background(self, on_failure: Callable[[], None] | None = None) -> None:
        """Start watching from a thread of its own: setting up the watches of a big
        archive takes seconds (about 3 s for 100,000 article folders)."""

        def run() -> None:
            if not self.start() and on_failure is not None and not self._stopped:
                on_failure()

        threading.Thread(target=run, name="archive-watcher-start", daemon=True).start()

    def _changed(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.quiet, self.on_change)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
