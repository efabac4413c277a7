"""The filters panel: dates, photos, and the outlet, year and format lists with their
counts (the format list only where the archive holds more than one format)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tangthu.library.records import NONE, Filters, SearchResult
from tangthu.ui.chips import dating_name, format_name
from tangthu.ui.i18n import number
from tangthu.ui.sizing import at_least_rows, hug_rows


class FiltersPanel(QGroupBox):
    """Narrow a search down; the outlet and year lists show the counts of the last search.

    Signals:
        changed(): a filter was set or removed.
        tag_chosen(str): a tag of the tag list was clicked.
        estimates_left_out(bool): "Leave out estimated dates" was switched.
    """

    changed = Signal()
    tag_chosen = Signal(str)
    estimates_left_out = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Filters"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_date = QDateEdit(QDate(2000, 1, 1), self)
        self.from_date.setAccessibleName(self.tr("From"))
        self.to_check = QCheckBox(self.tr("To"), self)
        self.to_date = QDateEdit(QDate.currentDate(), self)
        self.to_date.setAccessibleName(self.tr("To"))
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(lambda _c: self.changed.emit())
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(edit, 1)
            form.addRow(row)
        layout.addLayout(form)
        self.photos_check = QCheckBox(self.tr("Only articles with photos"), self)
        self.photos_check.toggled.connect(lambda _c: self.changed.emit())
        layout.addWidget(self.photos_check)
        self.outlet_model, self.outlet_view = self._facet_list(layout, self.tr("Outlet"))
        self.year_model, self.year_view = self._facet_list(layout, self.tr("Year"))
        self.format_label = QLabel(self.tr("Format"))
        self.format_model, self.format_view = self._facet_list(
            layout, self.tr("Format"), label=self.format_label
        )
        self._show_formats(False)
        self.dated_model, self.dated_view = self._facet_list(layout, self.tr("How dated"))
        self.estimates_check = QCheckBox(self.tr("Leave out estimated dates"), self)
        self.estimates_check.setToolTip(
            self.tr(
                "A date estimated from lower in the text or from the photos counts as "
                "none: in the dates, the year list and the timeline"
            )
        )
        self.estimates_check.toggled.connect(self.estimates_left_out)
        self.estimates_check.toggled.connect(lambda _c: self.changed.emit())
        layout.addWidget(self.estimates_check)
        self.tag_model, self.tag_view = self._facet_list(layout, self.tr("Your tags"))
        hug_rows(self.tag_view, 0)
        self.tag_view.clicked.disconnect()
        self.tag_view.clicked.connect(
            lambda index: self.tag_chosen.emit(str(index.data(Qt.ItemDataRole.UserRole)))
        )
        clear = QPushButton(self.tr("Clear filters"), self)
        clear.clicked.connect(self.clear)
        layout.addWidget(clear)
        self.setMinimumWidth(230)

    def _facet_list(
        self, layout: QVBoxLayout, title: str, *, label: QLabel | None = None
    ) -> tuple[QStandardItemModel, QListView]:
        layout.addWidget(label or QLabel(title))
        model = QStandardItemModel(self)
        view = QListView(self)
        view.setAccessibleName(title)
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.clicked.connect(lambda _i: self.changed.emit())
        layout.addWidget(view, 1)
        at_least_rows(view, 4)
        return model, view

    def _show_formats(self, on: bool) -> None:
        self.format_label.setVisible(on)
        self.format_view.setVisible(on)

    def format_label_of(self, name: str) -> str:
        """A format's name as people say it (``html``: "Web page")."""
        return format_name(name, self.tr)

    def show_tags(self, counts: dict[str, int]) -> None:
        """The user's tags on this archive, with how many items carry each."""
        self.tag_model.clear()
        for tag, n in counts.items():
            item = QStandardItem(f"{tag}  ({number(n)})")
            item.setData(tag, Qt.ItemDataRole.UserRole)
            self.tag_model.appendRow(item)
        hug_rows(self.tag_view, len(counts))

    def filters(self) -> Filters:
        def day(check: QCheckBox, edit: QDateEdit) -> str | None:
            return edit.date().toString("yyyy-MM-dd") if check.isChecked() else None

        return Filters(
            date_from=day(self.from_check, self.from_date),
            date_to=day(self.to_check, self.to_date),
            outlet=_chosen(self.outlet_view),
            year=_chosen(self.year_view),
            has_photos=self.photos_check.isChecked(),
            format=_chosen(self.format_view),
            dated=_chosen(self.dated_view),
            estimates=not self.estimates_check.isChecked(),
        )

    def clear(self) -> None:
        """Remove every filter (one search follows, not one per filter)."""
        self._uncheck(self.from_check, self.to_check, self.photos_check)
        for view in (self.outlet_view, self.year_view, self.format_view, self.dated_view):
            view.setCurrentIndex(QModelIndex())
        self.changed.emit()  # (leaving estimates out is a way of reading, kept)

    def remove(self, name: str) -> None:
        """Remove the filter called *name* (``date``, ``photos``, ``outlet``, ``year``,
        ``format``, ``dated``; anything else removes them all)."""
        if name == "date":
            self._uncheck(self.from_check, self.to_check)
        elif name == "photos":
            self._uncheck(self.photos_check)
        elif name in ("outlet", "year", "format", "dated"):
            views = {"outlet": self.outlet_view, "year": self.year_view, "dated": self.dated_view}
            views.get(name, self.format_view).setCurrentIndex(QModelIndex())
        else:
            self.clear()
            return
        self.changed.emit()

    def set_span(self, date_from: str, date_to: str) -> None:
        """Keep the articles from *date_from* to *date_to* (the year list is let go)."""
        for check, edit, day in (
            (self.from_check, self.from_date, date_from),
            (self.to_check, self.to_date, date_to),
        ):
            for w in (check, edit):
                w.blockSignals(True)
            edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
            check.setChecked(True)
            for w in (check, edit):
                w.blockSignals(False)
        self.year_view.setCurrentIndex(QModelIndex())
        self.changed.emit()

    def set_filters(self, f: Filters) -> None:
        """Show *f* (no search follows): dates, photos, outlet and year."""
        for check, edit, day in (
            (self.from_check, self.from_date, f.date_from),
            (self.to_check, self.to_date, f.date_to),
        ):
            for w in (check, edit):
                w.blockSignals(True)
            if day:
                edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
            check.setChecked(bool(day))
            for w in (check, edit):
                w.blockSignals(False)
        for check, on in (
            (self.photos_check, f.has_photos),
            (self.estimates_check, not f.estimates),
        ):
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)
        for model, view, value in (
            (self.outlet_model, self.outlet_view, f.outlet),
            (self.year_model, self.year_view, f.year),
            (self.format_model, self.format_view, f.format),
            (self.dated_model, self.dated_view, f.dated),
        ):
            view.setCurrentIndex(QModelIndex())
            if not value:
                continue
            rows = [
                r
                for r in range(model.rowCount())
                if model.item(r).data(Qt.ItemDataRole.UserRole) == value
            ]
            if not rows:  # not among the last counts: shown with 0 until the search counts it
                item = QStandardItem(f"{value}  (0)")
                item.setData(value, Qt.ItemDataRole.UserRole)
                model.appendRow(item)
                rows = [model.rowCount() - 1]
            view.setCurrentIndex(model.index(rows[0], 0))

    def leave_out_estimates(self, on: bool) -> None:
        """Count estimated dates as none (no search follows: a way of reading, kept
        by the window)."""
        self.estimates_check.blockSignals(True)
        self.estimates_check.setChecked(on)
        self.estimates_check.blockSignals(False)

    def set_year(self, value: str) -> None:
        """Keep the articles of the year *value* (``NONE``: the undated)."""
        for row in range(self.year_model.rowCount()):
            item = self.year_model.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                self._uncheck(self.from_check, self.to_check)
                self.year_view.setCurrentIndex(item.index())
                self.changed.emit()
                return

    @staticmethod
    def _uncheck(*checks: QCheckBox) -> None:
        for check in checks:
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)

    def show_counts(self, result: SearchResult) -> None:
        """Fill the outlet, year and format lists from a search's counts (the chosen
        value stays, with 0 when the search found none of it)."""
        formats = result.facets.get("format", {})
        self._show_formats(bool(set(formats) - {"text"}) or _chosen(self.format_view) is not None)
        for model, view, name in (
            (self.outlet_model, self.outlet_view, "outlet"),
            (self.year_model, self.year_view, "year"),
            (self.format_model, self.format_view, "format"),
            (self.dated_model, self.dated_view, "dated"),
        ):
            current = _chosen(view)
            model.clear()
            counts = dict(result.facets.get(name, {}))
            if name == "year":  # newest first, the undated last
                counts = dict(
                    sorted(counts.items(), key=lambda kv: (kv[0] != NONE, kv[0]), reverse=True)
                )
            if current and current not in counts:
                counts[current] = 0
            everything = QStandardItem(self.tr("(all)"))
            everything.setData("", Qt.ItemDataRole.UserRole)
            model.appendRow(everything)
            for value, n in counts.items():
                label = value
                if value == NONE:
                    label = self.tr("(no outlet)") if name == "outlet" else self.tr("(undated)")
                elif name == "format":
                    label = self.format_label_of(value)
                elif name == "dated":
                    label = dating_name(value, self.tr)
                item = QStandardItem(f"{label}  ({number(n)})")
                item.setData(value, Qt.ItemDataRole.UserRole)
                model.appendRow(item)
                if value == current:
                    view.setCurrentIndex(item.index())


def _chosen(view: QListView) -> str | None:
    index = view.currentIndex()
    if not index.isValid():
        return None
    value = index.data(Qt.ItemDataRole.UserRole)
    return str(value) if value else None
