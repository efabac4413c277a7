"""The filters that are on, as chips above the list: each with × to remove it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from tangthu.library.records import NONE, Filters
from tangthu.ui.i18n import fmt

#: The most characters of a title a chip shows.
_CHIP_TITLE = 36


def format_name(name: str, tr: Callable[[str], str]) -> str:
    """An article format's name as people say it (``html``: "Web page"), the same in the
    Format facet and on its chip."""
    labels = {
        "text": tr("Text"),
        "html": tr("Web page"),
        "pdf": tr("PDF"),
        "docx": tr("Word document"),
        "image": tr("Picture"),
        "mhtml": tr("Web page (single file)"),
        "odt": tr("OpenDocument text"),
    }
    return labels.get(name, name.upper())


def dating_name(name: str, tr: Callable[[str], str]) -> str:
    """How an article is dated (`records.DATINGS`) as people say it, the same in the
    facet, on its chip and in the table."""
    labels = {
        "corrected": tr("Corrected"),
        "folder": tr("Folder"),
        "metadata": tr("Metadata"),
        "dateline": tr("Dateline"),
        "estimate": tr("Estimate"),
        "none": tr("Undated"),
    }
    return labels.get(name, name)


def chip_texts(f: Filters, tr: Callable[[str], str]) -> list[tuple[str, str]]:
    """(filter name, chip text) for each filter that is on; *tr* translates."""
    out: list[tuple[str, str]] = []
    if f.date_from and f.date_to:
        out.append(("date", f"{f.date_from} – {f.date_to}"))
    elif f.date_from:
        out.append(("date", f"{f.date_from} →"))
    elif f.date_to:
        out.append(("date", f"→ {f.date_to}"))
    if f.year:
        out.append(("year", tr("undated") if f.year == NONE else fmt(tr("year %1"), f.year)))
    if f.outlet:
        out.append(("outlet", tr("no outlet") if f.outlet == NONE else f.outlet))
    if f.has_photos:
        out.append(("photos", tr("has photos")))
    if f.format:
        out.append(("format", format_name(f.format, tr)))
    if f.dated:
        out.append(("dated", fmt(tr("dated: %1"), dating_name(f.dated, tr))))
    return out


class FilterChips(QWidget):
    """One chip per filter that is on, and "Clear all" when there are several.

    Signals:
        removed(str): the × of this filter was clicked (``all``: "Clear all").
    """

    removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 2, 0, 2)
        self._row.setSpacing(4)
        self.chips: dict[str, QToolButton] = {}
        self.hide()

    def show_like(self, title: str) -> None:
        """Say the list is the articles like *title* (its × goes back to the search; a
        long title is cut short, whole in the chip's tooltip)."""
        short = title if len(title) <= _CHIP_TITLE else title[: _CHIP_TITLE - 1].rstrip() + "…"
        self._show([("like", fmt(self.tr("Like: %1"), short))], self.tr("List:"))
        self.chips["like"].setToolTip(fmt(self.tr("Like: %1"), title))

    def show_filters(self, filters: Filters) -> None:
        self._show(chip_texts(filters, self.tr), self.tr("Filters:"))

    def _show(self, texts: list[tuple[str, str]], label: str) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.chips = {}
        if not texts:
            self.hide()
            return
        self._row.addWidget(QLabel(label, self))
        for name, text in texts:
            chip = QToolButton(self)
            chip.setText(f"{text}  ×")
            chip.setToolTip(self.tr("Remove this filter"))
            chip.setAccessibleName(fmt(self.tr("Remove the filter %1"), text))
            chip.setStyleSheet(
                "QToolButton { border: 1px solid palette(mid); border-radius: 10px;"
                " padding: 1px 8px; background: palette(alternate-base); }"
                "QToolButton:hover { background: palette(midlight); }"
            )
            chip.clicked.connect(lambda _c=False, n=name: self.removed.emit(n))
            self._row.addWidget(chip)
            self.chips[name] = chip
        if len(texts) > 1:
            clear = QToolButton(self)
            clear.setText(self.tr("Clear all"))
            clear.setAutoRaise(True)
            clear.clicked.connect(lambda: self.removed.emit("all"))
            self._row.addWidget(clear)
            self.chips["all"] = clear
        self._row.addStretch(1)
        self.show()
