"""The window's thread opens no file of the archive, its index, the data or the cache
folder: opening an archive, choosing another engine and stepping through photos in
the viewer read everything in the background.

An audit hook (Python's own report of every ``open``, ``os.listdir`` and
``os.scandir``) records what the GUI thread opens under those folders while an action
and what follows it run.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_EVENTS = ("open", "os.listdir", "os.scandir")
_watch: dict[str, list[str] | list[tuple[str, str]] | bool] = {"on": False, "dirs": [], "seen": []}


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _watch["on"] or event not in _EVENTS or not args:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    path = args[0]
    if not isinstance(path, (str, bytes, os.PathLike)):
        return
    text = os.fsdecode(path)
    if any(text.startswith(d) for d in _watch["dirs"]):  # type: ignore[union-attr]
        _watch["seen"].append((event, text))  # type: ignore[union-attr, arg-type]


sys.addaudithook(_hook)  # (stays for the process; inert outside `guarded`)


@contextmanager
def guarded(*folders: Path) -> Iterator[list[tuple[str, str]]]:
    """Record what the GUI thread opens under *folders* while the block runs."""
    seen: list[tuple[str, str]] = []
    _watch.update(on=True, dirs=[str(f.resolve()) for f in folders], seen=seen)
    try:
        yield seen
    finally:
        _watch["on"] = False


def _window(qtbot, indexed, qsettings, tmp_path: Path):  # type: ignore[no-untyped-def]
    from tangthu.ui.main_window import MainWindow

    root, ix = indexed
    w = MainWindow(None, index_dir=ix, settings=qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    folders = (root, ix, tmp_path / "data", tmp_path / "cache")
    return w, root, folders


def test_opening_an_archive_reads_nothing_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, indexed, qsettings, tmp_path: Path
) -> None:
    w, root, folders = _window(qtbot, indexed, qsettings, tmp_path)
    with guarded(*folders) as seen:
        with qtbot.waitSignal(w.indexing_done, timeout=30000):
            w.open_archive(root)
        qtbot.waitUntil(lambda: not w.busy(), timeout=30000)
    assert w.result is not None and w.result.total > 0  # it did open, and searched
    assert seen == []
    w.shutdown()


def test_choosing_another_engine_waits_for_nothing_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, indexed, qsettings, tmp_path: Path
) -> None:
    from tangthu import library

    if "tantivy" not in library.engine_names():
        import pytest

        pytest.skip("the fast extra is not installed")
    w, root, folders = _window(qtbot, indexed, qsettings, tmp_path)
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(root)
    qtbot.waitUntil(lambda: not w.busy(), timeout=30000)
    with guarded(*folders) as seen:
        w.start_indexing(rebuild=True)  # a run in progress when the engine is chosen
        assert w.index_status.running()
        with qtbot.waitSignal(w.indexing_done, timeout=60000):
            started = time.monotonic()
            w.choose_engine("tantivy")
            # it asks the run to stop and returns: the window waits for nothing
            assert time.monotonic() - started < 0.2
        qtbot.waitUntil(lambda: not w.busy(), timeout=60000)
    assert seen == []
    assert w.library is not None and w.library.engine == "tantivy"
    w.shutdown()


def test_stepping_through_photos_reads_nothing_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, indexed, qsettings, tmp_path: Path
) -> None:
    w, root, folders = _window(qtbot, indexed, qsettings, tmp_path)
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(root)
    w.side.setCurrentIndex(1)
    w.side.scope.setCurrentIndex(2)  # every photo of the archive
    qtbot.waitUntil(lambda: w.side.grid_model.rowCount() > 3 and not w.busy(), timeout=30000)
    viewer = w._show_viewer(w.side.grid_model.items(), 0)
    with guarded(*folders) as seen:
        for _ in range(4):
            viewer.next()
            qtbot.wait(50)
        qtbot.waitUntil(lambda: not w.busy(), timeout=30000)
    assert seen == []
    viewer.close()
    w.shutdown()
