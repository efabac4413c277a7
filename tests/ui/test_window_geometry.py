"""The main window opens on the screen, at the size the screen has room for, and where
and as large as it was left (never off the screen: a screen taken away, a smaller one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSize


def _window(qtbot: Any, qsettings: Any, tmp_path: Path) -> Any:
    from tangthu.ui.main_window import MainWindow

    w = MainWindow(None, index_dir=tmp_path / "ix", settings=qsettings)
    qtbot.addWidget(w)
    return w


def _room() -> Any:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.primaryScreen().availableGeometry()


def test_a_first_window_fits_the_screen_and_is_centred(qtbot, qsettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.sizing import PREFERRED

    w = _window(qtbot, qsettings, tmp_path)
    room = _room()
    assert w.size() == PREFERRED.boundedTo(room.size())
    assert room.contains(w.geometry())
    assert abs(w.geometry().center().x() - room.center().x()) <= 1


def test_the_window_is_where_and_as_large_as_it_was_left(qtbot, qsettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, qsettings, tmp_path)
    w.resize(QSize(600, 500))
    w.move(QPoint(40, 50))
    w.close()
    again = _window(qtbot, qsettings, tmp_path)
    assert (again.size(), again.pos()) == (QSize(600, 500), QPoint(40, 50))


def test_a_window_left_off_the_screen_comes_back_on_it(qtbot, qsettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, qsettings, tmp_path)
    room = _room()
    w.resize(room.size() + QSize(900, 700))  # left on a larger screen, now gone
    w.move(room.topLeft() + QPoint(room.width() + 2000, room.height() + 1500))
    w.close()
    again = _window(qtbot, qsettings, tmp_path)
    assert room.contains(again.geometry())
