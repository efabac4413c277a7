"""The archive watcher: one call after a burst of changes, none after it stops."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tangthu.archive.watch import ArchiveWatcher
from tests.conftest import write_article

pytest.importorskip("watchdog", reason="watchdog is not installed")


@pytest.mark.slow
def test_a_burst_of_changes_is_one_call(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    root.mkdir()
    calls: list[float] = []
    called = threading.Event()

    def changed() -> None:
        calls.append(time.monotonic())
        called.set()

    watcher = ArchiveWatcher(root, changed, quiet=0.5)
    assert watcher.start()
    try:
        for n in range(5):  # a folder copied in: several files at once
            write_article(root / f"bai-{n}", f"Tiêu đề {n}\n\nNội dung.\n")
        assert called.wait(10), "no call within 10 s"
        time.sleep(1.0)
        assert len(calls) == 1
        (root / "bai-0" / "article.txt").unlink()
        called.clear()
        assert called.wait(10)
        assert len(calls) == 2
    finally:
        watcher.stop()
    write_article(root / "sau", "Sau khi dừng\n\nKhông ai nghe.\n")
    time.sleep(1.5)
    assert len(calls) == 2


def test_started_in_the_background_and_stopped_before_it_is_ready(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    for n in range(200):  # folders to set watches on
        (root / f"{n:03d}").mkdir(parents=True)
    called = threading.Event()
    early = ArchiveWatcher(root, called.set, quiet=0.2)
    early.start_in_background()
    early.stop()  # before (or while) it sets up: it must not start afterwards
    later = ArchiveWatcher(root, called.set, quiet=0.2)
    later.start_in_background()
    try:
        deadline = time.monotonic() + 10
        while later._observer is None and time.monotonic() < deadline:
            time.sleep(0.05)
        write_article(root / "150" / "bai", "Bài\n\nMới.\n")
        assert called.wait(10)
    finally:
        later.stop()
    time.sleep(0.5)
    assert early._observer is None
