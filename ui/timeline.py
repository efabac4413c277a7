"""The timeline: how many of the articles found fall in each year (or each month of a
year), drawn as bars; a click or a drag across bars filters the search by date."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tangthu.library.records import NONE, Filters, SearchResult
from tangthu.ui.i18n import counted, fmt, number

#: The bar of the undated articles: its key, and how it is labelled.
UNDATED = NONE
#: Years drawn one bar each (empty ones included) up to this span; over it, one bar
#: per decade, so that the axis still reads as time.
MAX_SPAN = 120
#: Label steps, in years, from which the shortest that leaves room is taken.
STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: a year (``2024``), a month (``2024-03``), a decade (``1950~1959``) or
    the undated articles (`UNDATED`)."""

    key: str
    label: str
    count: int

    @property
    def year(self) -> int | None:
        """The (first) year of the bar; None for the undated bar."""
        return int(self.key[:4]) if self.key[:4].isdigit() else None


def bars_for(result: SearchResult, filters: Filters) -> tuple[list[Bar], str | None]:
    """The bars of *result* along a true time axis: one per month when the date filters
    hold the search inside one year; else one per year from the first to the last,
    empty years included (gaps show), or one per decade over `MAX_SPAN` years; the
    undated last. Also the year zoomed into."""
    years = result.facets.get("year", {})
    months = result.facets.get("month", {})
    year = _one_year(filters)
    bars: list[Bar] = []
    if year is not None:
        for m in range(1, 13):
            key = f"{year}-{m:02d}"
            bars.append(Bar(key, f"{m:02d}", months.get(key, 0)))
    else:
        counts = {int(y): n for y, n in years.items() if y != NONE and y.isdigit()}
        if counts:
            first, last = min(counts), max(counts)
            if last - first < MAX_SPAN:
                bars = [Bar(str(y), str(y), counts.get(y, 0)) for y in range(first, last + 1)]
            else:
                for d in range(first - first % 10, last + 1, 10):
                    n = sum(counts.get(y, 0) for y in range(d, d + 10))
                    bars.append(Bar(f"{d:04d}~{d + 9:04d}", f"{d}", n))
    if years.get(NONE) and year is None:
        bars.append(Bar(UNDATED, "?", years[NONE]))
    return bars, year


def _one_year(f: Filters) -> str | None:
    if f.year and f.year != NONE:
        return f.year
    if f.date_from and f.date_to and f.date_from[:4] == f.date_to[:4]:
        return f.date_from[:4]
    return None


def span_of(first: str, last: str) -> tuple[str, str]:
    """The dates from the start of bar *first* to the end of bar *last* (keys of
    years, months or decades)."""
    a, b = sorted((first, last))
    a, b = a.split("~")[0], b.split("~")[-1]
    if len(b) == 7:
        y, m = int(b[:4]), int(b[5:])
        end = f"{b}-{calendar.monthrange(y, m)[1]:02d}"
    else:
        end = f"{b}-12-31"
    start = f"{a}-01" if len(a) == 7 else f"{a}-01-01"
    return start, end


class Timeline(QWidget):
    """Bars of the matching articles per year (per month inside one year).

    Signals:
        span_chosen(str, str): the user clicked a bar or dragged across bars: filter
            from this date to that one (``YYYY-MM-DD``).
        undated_chosen(): the user clicked the bar of the undated articles.
    """

    span_chosen = Signal(str, str)
    undated_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.zoomed: str | None = None
        self._pressed: int | None = None
        self._hover: int | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Timeline of the articles found"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, 72)

    def clear(self) -> None:
        """No bars: nothing was searched."""
        self.bars, self.zoomed = [], None
        self._pressed = self._hover = None
        self.update()

    def show_result(self, result: SearchResult, filters: Filters) -> None:
        self.bars, self.zoomed = bars_for(result, filters)
        self._pressed = self._hover = None
        self.setToolTip(self.tr("Click a bar, or drag across bars, to keep only those dates"))
        self.update()

    # ------------------------------------------------------------------ geometry

    def _slot(self) -> float:
        return (self.width() - 8) / max(1, len(self.bars))

    def bar_rect(self, i: int) -> QRect:
        """Where bar *i* may reach (its full height): tests click its middle."""
        slot = self._slot()
        top, bottom = 14, self.height() - 16
        return QRect(int(4 + i * slot + 1), top, max(1, int(slot) - 2), bottom - top)

    def label_places(self) -> list[tuple[int, QRect]]:
        """The bars whose label is written, with where (its top at 0): under the bar,
        inside the widget's edges, never over another label (the undated one wins).
        The first bar is labelled; then years and decades at round years (every 1, 2,
        5, 10… years: the shortest step that leaves room), months every so many."""
        metrics = self.fontMetrics()
        slot = max(1.0, self._slot())
        room = metrics.horizontalAdvance("0000") + 8
        years_per_bar = 10 if any("~" in b.key for b in self.bars) else 1
        months = bool(self.bars) and len(self.bars[0].key) == 7
        step = next(
            (s for s in STEPS if s % years_per_bar == 0 and s / years_per_bar * slot >= room),
            STEPS[-1],
        )
        every = max(1, int(room // slot) + 1)
        places: list[tuple[int, QRect]] = []
        for i, bar in enumerate(self.bars):
            if bar.key != UNDATED and i:  # the first says where the axis begins
                if months and i % every:
                    continue
                if not months and bar.year is not None and bar.year % step:
                    continue
            width = metrics.horizontalAdvance(bar.label) + 2
            left = self.bar_rect(i).center().x() - width // 2
            left = max(0, min(self.width() - width, left))
            while places and places[-1][1].right() + 6 > left:
                if bar.key != UNDATED:
                    break
                places.pop()  # the undated bar's label matters more than a year's
            else:
                places.append((i, QRect(left, 0, width, 14)))
        return places

    def _at(self, pos: QPoint) -> int | None:
        if not self.bars:
            return None
        i = int((pos.x() - 4) // self._slot())
        return i if 0 <= i < len(self.bars) else None

    # ------------------------------------------------------------------ drawing

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        if not self.bars:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dates to show"))
            return
        # The dated bars set the scale; the undated one (often the most) is cut at the
        # top rather than flattening them, and its number is written on it.
        dated = [b.count for b in self.bars if b.key != UNDATED]
        high = max(dated or [b.count for b in self.bars]) or 1
        chosen = self._chosen_range()
        accent = pal.color(QPalette.ColorRole.Highlight)
        undated = QColor(150, 150, 150)
        labels = dict(self.label_places())
        for i, bar in enumerate(self.bars):
            full = self.bar_rect(i)
            h = min(full.height(), round(full.height() * bar.count / high))
            if bar.count and h < 2:
                h = 2
            colour = undated if bar.key == UNDATED else accent
            if chosen is not None and chosen[0] <= i <= chosen[1]:
                colour = colour.darker(140)
            elif i == self._hover:
                colour = colour.lighter(120)
            p.fillRect(QRect(full.left(), full.bottom() - h + 1, full.width(), h), colour)
            if bar.key == UNDATED and bar.count > high:
                p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
                p.drawText(full, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "↑")
            if i in labels:
                p.setPen(pal.color(QPalette.ColorRole.Text))
                p.drawText(labels[i].translated(0, full.bottom() + 2), 0, bar.label)
        p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        top = QRect(4, 0, self.width() - 8, 13)
        p.drawText(top, Qt.AlignmentFlag.AlignLeft, self.zoomed or self.tr("Articles per year"))
        p.drawText(top, Qt.AlignmentFlag.AlignRight, number(high))
        if self.hasFocus():  # where the keyboard is
            p.setPen(pal.color(QPalette.ColorRole.Highlight))
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def _bar_name(self, bar: Bar) -> str:
        if bar.key == UNDATED:
            return self.tr("undated")
        return bar.key.replace("~", "–")

    def _bar_text(self, label: str, count: int) -> str:
        return fmt(self.tr("%1: %2"), label, counted(self.tr, count, "1 article", "%1 articles"))

    def _chosen_range(self) -> tuple[int, int] | None:
        if self._pressed is None or self._hover is None:
            return None
        return min(self._pressed, self._hover), max(self._pressed, self._hover)

    # ------------------------------------------------------------------ the mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self._hover = self._at(event.position().toPoint())
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self._at(event.position().toPoint())
        if i != self._hover:
            self._hover = i
            if i is not None:
                bar = self.bars[i]
                label = self._bar_name(bar)
                self.setToolTip(self._bar_text(label, bar.count))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or self._pressed is None:
            return
        end = self._at(event.position().toPoint())
        if end is not None:
            self._choose(self._pressed, end)
        else:
            self._pressed = None
            self.update()

    def _choose(self, start: int, end: int) -> None:
        """Filter by the dates from bar *start* to bar *end* (either order)."""
        self._pressed = None
        self.update()
        first, last = self.bars[min(start, end)], self.bars[max(start, end)]
        if first.key == UNDATED:
            self.undated_chosen.emit()
            return
        if last.key == UNDATED:  # a drag onto the undated bar keeps the dated part
            last = self.bars[max(start, end) - 1]
        self.span_chosen.emit(*span_of(first.key, last.key))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Left and Right move along the bars (Shift: widen the range), Enter keeps
        the dates of the bars chosen."""
        if not self.bars:
            return super().keyPressEvent(event)
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            at = self._hover if self._hover is not None else len(self.bars) - 1
            at = {
                Qt.Key.Key_Left: at - 1,
                Qt.Key.Key_Right: at + 1,
                Qt.Key.Key_Home: 0,
                Qt.Key.Key_End: len(self.bars) - 1,
            }[Qt.Key(key)]
            at = max(0, min(len(self.bars) - 1, at))
            if not shift or self._pressed is None:
                self._pressed = at
            self._hover = at
            bar = self.bars[at]
            label = self._bar_name(bar)
            self.setAccessibleDescription(self._bar_text(label, bar.count))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._hover is not None:
            self._choose(self._pressed if self._pressed is not None else self._hover, self._hover)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def leaveEvent(self, _event: object) -> None:  # noqa: N802
        self._hover = None
        self.update()
