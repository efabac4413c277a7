"""Starting the application, switching language, and rendering screenshots."""

from __future__ import annotations

import faulthandler
import gc
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon, QImageReader
from PySide6.QtWidgets import QApplication, QWidget

from tangthu.library import program
from tangthu.ui import desktop_check
from tangthu.ui import settings as cfg
from tangthu.ui.i18n import language_for, translator
from tangthu.ui.main_window import MainWindow
from tangthu.ui.reading_side import PHOTOS
from tangthu.ui.welcome import Welcome

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def default_root(settings: Any) -> Path:
    """The last archive opened, else the bundled sample."""
    current = cfg.read(settings, "archives/current")
    if current and Path(current).is_absolute() and Path(current).is_dir():
        return Path(current)
    return SAMPLE


class App(QObject):
    """Holds the window; rebuilds it when the language changes."""

    def __init__(self, app: QApplication, *, index_dir: Path | None, settings: Any = None) -> None:
        super().__init__()
        self.app = app
        self.index_dir = index_dir
        self.settings = settings if settings is not None else cfg.settings()
        self._translator: QTranslator | None = None
        self.window: MainWindow | None = None

    def set_language(self, language: str) -> None:
        if self._translator is not None:
            self.app.removeTranslator(self._translator)
        self._translator = translator(language_for(language))
        if self._translator is not None:
            self.app.installTranslator(self._translator)

    def open(self, root: Path, query: str | None = None, mode: str | None = None) -> MainWindow:
        window = MainWindow(None, index_dir=self.index_dir, settings=self.settings)
        window.language_requested.connect(self.change_language)
        if query:
            window.search_bar.edit.setText(query)
        if mode:
            window.search_bar.set_mode(mode)
        if root.is_dir():  # (an installation without the sample opens empty)
            window.open_archive(root)
        self.window = window
        return window

    def change_language(self, language: str) -> None:
        old = self.window
        if old is None:
            return
        cfg.write(self.settings, "ui/language", language)
        self.set_language(language)
        root, query = old.root, old.search_bar.edit.text()
        geometry = old.saveGeometry()
        old.close()
        old.deleteLater()
        new = self.open(root or SAMPLE, query)
        new.restoreGeometry(geometry)
        new.show()


class Screenshot(QObject):
    """Waits until the window has settled (search, article, thumbnails), then grabs it."""

    def __init__(self, window: MainWindow, path: str, view: str, timeout: float = 120.0) -> None:
        super().__init__(window)
        self.window, self.path, self.view = window, path, view
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.stage = "search"
        self.target: QWidget = window
        self.exit_code = 0
        self.timer = QTimer(self)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.timer.start()

    def _settled(self) -> bool:
        w = self.window
        # A build may go on: what it has committed is searchable (a first build of a
        # big archive is waited for until its first commit, when there are results).
        if w.searching() or w.result is None or (w.indexing() and not w.result.total):
            return False
        if w.result.hits and w.current_article is None:
            return False
        browser = w.side.reader.browser
        return browser.photos_ready() and not browser.relaid.isActive()

    def _tick(self) -> None:
        w = self.window
        if time.monotonic() > self.deadline:
            print(
                f"{program.command_name()} gui: the window had not settled after "
                f"{self.timeout:.0f} s; "
                f"{self.path} shows it as it was.",
                file=sys.stderr,
            )
            self.exit_code = 1
            self._grab()
            return
        failure = w.index_status.failure
        if failure is not None:  # the window says why; the run says it too, and fails
            print(
                f"{program.command_name()} gui: indexing failed: {' '.join(str(failure).split())} "
                f"{self.path} shows the window as it was.",
                file=sys.stderr,
            )
            self.exit_code = 1
            self._grab()
            return
        if not self._settled() or w.basket_model.pending():
            return
        if self.stage == "search":
            if self.view in ("table", "timeline"):
                w.results.show_view("table" if self.view == "table" else "cards")
                w.results.show_timeline(True)
            elif self.view == "basket":
                w.basket_dock.show()
                w.basket_dock.raise_()
                self.stage = "basket"  # its thumbnails are asked for when it paints
                return
            if self.view == "problems":  # the panel, as large as a user would pull it
                w.problems_dock.show()
                w.resizeDocks([w.problems_dock], [w.height() // 3], Qt.Orientation.Vertical)
            if self.view in ("photos", "grid"):
                w.side.setCurrentIndex(PHOTOS)
                self.stage = "grid"
                return
            if self.view == "edit" and w.current_article is not None and w.library:
                dialog = w.editing.edit(w, w.library, [w.current_article.id], w.current_article)
                if dialog is not None:  # the first article's "Edit details…" dialog
                    self.target = dialog
                self.stage = "edit"
                return
            if self.view == "viewer" and w.current_article is not None:
                items = w.side.article_photos()
                if items:
                    self.target = w.side.show_viewer(items, 0)
                self.stage = "viewer"
                return
        self._grab()

    def _grab(self) -> None:
        self.timer.stop()
        for _ in range(2):  # what has arrived, then the layout it asked for
            QApplication.processEvents()
        self.target.grab().save(self.path)
        QApplication.exit(self.exit_code)


def _watchdog(seconds: float, path: str) -> None:
    """End the process if no screenshot was written in time, even if the event loop hangs.

    A Python thread says so in a sentence; should the interpreter itself be stuck
    (a thread holding it waits on a lock), faulthandler's own thread, which needs
    no interpreter, ends the process a little later with the threads' stacks.
    """

    def give_up() -> None:
        print(
            f"{program.command_name()} gui: nothing was rendered within {seconds:.0f} s; "
            f"no screenshot was written to {path}.",
            file=sys.stderr,
            flush=True,
        )
        os._exit(1)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    faulthandler.dump_traceback_later(seconds + 15, exit=True)


#: How long a thread may keep the interpreter while the window's thread waits for it
#: (Python's default is 5 ms): a search or a read in a worker thread hands it back
#: within a millisecond, and the window paints on time.
SWITCH_INTERVAL = 0.001


def responsive() -> None:
    """Let the window's thread have the interpreter back quickly (see `SWITCH_INTERVAL`).
    Called once by the program that opens the window, before its threads start."""
    sys.setswitchinterval(SWITCH_INTERVAL)


def run(
    roots: list[str],
    *,
    query: str | None = None,
    screenshot: str | None = None,
    index_dir: str | None = None,
    size: str = "1280x800",
    language: str | None = None,
    view: str = "reader",
    deadline: float = 120.0,
    mode: str | None = None,
) -> int:
    if screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a screenshot needs no screen
    if screenshot:
        _watchdog(deadline + 15, screenshot)
    trouble = desktop_check.problem()
    if trouble:
        print(trouble, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    responsive()
    # Qt's image plugins are loaded here, on the GUI thread, before any worker runs.
    QImageReader.supportedImageFormats()
    app.setApplicationName("Tàng Thư")
    app.setDesktopFileName("tangthu")  # the menu entry `make install-desktop` puts in place
    app.setWindowIcon(QIcon(str(Path(__file__).resolve().parent / "icons" / "tangthu.svg")))
    app.setOrganizationName("TangThu")
    # A screenshot reads the settings (language, geometry) but leaves them as they were.
    holder = App(
        app,
        index_dir=Path(index_dir) if index_dir else None,
        settings=cfg.settings(read_only=bool(screenshot)),
    )
    holder.set_language(language or cfg.read(holder.settings, "ui/language"))
    first_start = not roots and not cfg.read_list(holder.settings, "archives/roots")
    root = Path(roots[0]) if roots else default_root(holder.settings)
    window = holder.open(root, query, mode)
    # What exists now lives as long as the window: the cyclic garbage collector need
    # not walk it again (a full collection over it once paused the window 120 ms).
    gc.freeze()
    if screenshot:
        width, _, height = size.partition("x")
        window.resize(int(width), int(height))
        window.show()
        shot = Screenshot(window, screenshot, view, timeout=deadline)
        shot.start()
        code = app.exec()
        window.close()
        return code
    window.show()
    if first_start:  # what Tàng Thư is, where its files go; the sample is open behind
        welcome = Welcome(holder.settings.fileName(), window, sample=SAMPLE.is_dir())
        welcome.open_requested.connect(window.choose_archive)
        welcome.open()
    code = app.exec()
    return code
