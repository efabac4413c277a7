"""Sizes that follow content: lists as tall as their rows (within bounds), so the left
column gives its room to the lists that have something to show."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QSizePolicy


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
