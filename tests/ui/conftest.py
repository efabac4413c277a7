"""Fixtures for the window tests: private settings, an indexed sample archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tangthu.index.indexer import update_index
from tests.conftest import SAMPLE


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TANGTHU_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def qsettings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return root


@pytest.fixture
def indexed(sample_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    ix = tmp_path / "ix"
    update_index(sample_copy, ix, jobs=1)
    return sample_copy, ix


def open_window(qtbot, root: Path, ix: Path, qsettings):  # type: ignore[no-untyped-def]
    """A 1280×800 window on *root* (indexed in *ix*), settled; shut it down after."""
    from tangthu.ui.main_window import MainWindow

    w = MainWindow(None, index_dir=ix, settings=qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(root)
    qtbot.waitUntil(lambda: not w.busy(), timeout=30000)
    return w


@pytest.fixture
def window(qtbot, indexed, qsettings):  # type: ignore[no-untyped-def]
    w = open_window(qtbot, *indexed, qsettings)
    yield w
    w.shutdown()
