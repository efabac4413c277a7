"""The archive is read-only: index, search, view, thumbnails and exports change nothing under it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every path under *root*: content hash (files) and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            out[p.relative_to(root).as_posix()] = (digest, st.st_mtime_ns)
    return out


@pytest.fixture
def readonly_archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = tmp_path / "archive"
    shutil.copytree(SAMPLE, root)
    for p in sorted(root.rglob("*"), reverse=True):
        os.chmod(p, 0o555 if p.is_dir() else 0o444)
    os.chmod(root, 0o555)
    yield root
    for p in [root, *root.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)


@pytest.mark.slow
def test_cli_leaves_the_archive_untouched(readonly_archive: Path, tmp_path: Path) -> None:
    root = readonly_archive
    before = _snapshot(root)
    env = {
        **os.environ,
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
    }
    out = tmp_path / "out"
    out.mkdir()
    runs = [
        ["scan", str(root), "--json"],
        ["index", str(root), "--json"],
        ["index", str(root), "--rebuild", "--json"],
        ["search", "đoàn kết", "--archive", str(root), "--json"],
        ["search", "lễ hội", "--photos", "--archive", str(root), "--json"],
        ["show", "2024/03/hoi-nghi-doan-ket", "--archive", str(root), "--json"],
    ]
    for fmt in ("folder", "zip", "bagit", "pdf", "html", "csv", "json"):
        runs.append(
            [
                "export",
                "--archive",
                str(root),
                "--format",
                fmt,
                "--to",
                str(out / f"x-{fmt}"),
                "--query",
                "hội nghị",
            ]
        )
    for args in runs:
        p = subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert p.returncode == 0, (args, p.stderr)
    assert _snapshot(root) == before


def test_window_leaves_the_archive_untouched(
    qtbot,
    readonly_archive: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QSettings

    from tangthu.archive.selection import Item
    from tangthu.ui.main_window import MainWindow

    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TANGTHU_CACHE_DIR", str(tmp_path / "cache"))
    root = readonly_archive
    before = _snapshot(root)
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.indexing_done, timeout=60000):
        w.open_archive(root)
    with qtbot.waitSignal(w.search_done, timeout=20000):
        w.set_query("hội nghị")
    qtbot.waitUntil(lambda: w.current_article is not None and not w.busy(), timeout=20000)
    qtbot.waitUntil(w.side.reader.browser.photos_ready, timeout=20000)
    w.side.setCurrentIndex(1)
    w.side.scope.setCurrentIndex(2)
    qtbot.waitUntil(lambda: w.side.grid_model.rowCount() == 12, timeout=20000)
    for row in range(12):
        w.side.grid_model.data(w.side.grid_model.index(row), 1)
    qtbot.waitUntil(lambda: not w.loader.busy(), timeout=30000)
    viewer = w._show_viewer(w.side.grid_model.items(), 0)
    viewer.next()
    viewer.close()
    warned: list[str] = []
    monkeypatch.setattr("tangthu.ui.reader.QMessageBox.warning", lambda *a: warned.append(a[2]))
    assert w.side.reader.save_pdf(str(root / "x.pdf")) is None  # refused: inside the archive
    assert warned and "never writes" in warned[0]
    w.basket_model.add([Item(str(root), w.current_article.id)])
    dialog = w.export_basket()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    dialog.target.setText(str(tmp_path / "site"))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.start()
    w.shutdown()
    assert _snapshot(root) == before
