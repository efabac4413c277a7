"""Sizes that follow content: lists as tall as their rows (within bounds), so the left
column gives its room to the lists that have something to show; a window that fits the
screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QSizePolicy, QWidget

#: The size the main window opens at when the screen has room for it.
PREFERRED = QSize(1280, 800)


def hug_rows(view: QAbstractItemView, rows: int, *, least: int = 2, most: int = 8) -> None:
    """Make *view* as tall as *rows* rows (at least *least*, at most *most*; a scroll
    bar shows the rest)."""
    shown = max(least, min(most, rows))
    row = view.sizeHintForRow(0) if rows else 0
    row = row if row > 0 else view.fontMetrics().height() + 4
    frame = 2 * view.frameWidth()
    view.setFixedHeight(shown * row + frame)


def at_least_rows(view: QAbstractItemView, rows: int) -> None:
    """Let *view* grow with the room it is given, never shorter than *rows* rows."""
    view.setMinimumHeight(rows * (view.fontMetrics().height() + 4) + 2 * view.frameWidth())
    view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)


def on_screen(window: QWidget, *, restored: bool) -> None:
    """Fit *window* on the screen it opens on: at `PREFERRED` size (or the room the screen
    has, its task bar aside) and centred when no size was *restored*; else within the
    screen that holds its middle (the first screen when none does: the one it was on is
    gone), no larger than it."""
    primary = QGuiApplication.primaryScreen()
    if primary is None:
        return
    screen = QGuiApplication.screenAt(window.geometry().center()) if restored else None
    room = (screen or primary).availableGeometry()
    size = window.size() if restored else PREFERRED
    placed = QRect(window.geometry().topLeft(), size.boundedTo(room.size()))
    if not restored:
        placed.moveCenter(room.center())
    placed.moveLeft(max(room.left(), min(placed.left(), room.right() - placed.width() + 1)))
    placed.moveTop(max(room.top(), min(placed.top(), room.bottom() - placed.height() + 1)))
    if placed != window.geometry():  # (the frame is the window manager's, round it)
        window.setGeometry(placed)
