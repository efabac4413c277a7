"""The basket panel (what is selected, with counts and size) and the export dialog."""

from __future__ import annotations

import os
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.article import load_article
from archive.export import FORMATS, ExportReport, TargetExists, export
from archive.locate import OutsideArchive, article_file, photo_file
from archive.selection import Basket, Item, SelectionError
from ui.i18n import articles_and_photos, fmt
from ui.jobs import Job, make_pool

ModelIndex = QModelIndex | QPersistentModelIndex


class BasketRole(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1


def item_size(item: Item) -> int:
    """Bytes an item brings to an export (an article: its text and its folder's photos)."""
    try:
        if item.is_photo:
            photo = photo_file(item.root, item.article_id, item.file)
            return photo.stat().st_size if photo is not None else 0
        path = article_file(item.root, item.article_id)
        if path is None:
            return 0
        size = path.stat().st_size
        with os.scandir(path.parent) as it:
            for entry in it:
                if entry.is_file() and entry.name.lower().endswith(
                    (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp")
                ):
                    size += entry.stat().st_size
        return size
    except (OSError, OutsideArchive):
        return 0


class BasketModel(QAbstractListModel):
    """The items of the basket; titles are given by the window as they become known."""

    def __init__(self, basket: Basket, parent: Any = None) -> None:
        super().__init__(parent)
        self.basket = basket
        self._items = basket.items
        self._sizes: dict[Item, int] = {}
        self.titles: dict[str, str] = {}

    def _title(self, item: Item) -> str:
        """The article's title, read once from its file when the window did not say it."""
        title = self.titles.get(item.article_id)
        if title is None:
            try:
                path = article_file(item.root, item.article_id)
                title = load_article(item.root, path, photo_info=False).title if path else ""
            except (OSError, OutsideArchive):
                title = ""
            self.titles[item.article_id] = title = title or item.article_id
        return title

    def reload(self) -> None:
        self.beginResetModel()
        self._items = self.basket.items
        self.endResetModel()

    def add(self, items: list[Item]) -> int:
        added = self.basket.add(items)
        if added:
            self.reload()
        return added

    def remove_rows(self, rows: list[int]) -> None:
        items = [self._items[r] for r in rows if 0 <= r < len(self._items)]
        self.basket.remove(items)
        self.reload()

    def clear(self) -> None:
        self.basket.clear()
        self.reload()

    def items(self) -> list[Item]:
        return list(self._items)

    def counts(self) -> tuple[int, int, int]:
        """(articles, photos, bytes)."""
        size = 0
        for item in self._items:
            if item not in self._sizes:
                self._sizes[item] = item_size(item)
            size += self._sizes[item]
        photos = sum(i.is_photo for i in self._items)
        return len(self._items) - photos, photos, size

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = self._title(item)
            if item.is_photo:
                return self.tr("Photo: %1 — %2").replace("%1", item.file).replace("%2", title)
            return self.tr("Article: %1").replace("%1", title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.root}\n{item.key}"
        if role == BasketRole.ITEM:
            return item
        return None


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


class BasketPanel(QWidget):
    """The basket dock: items, counts, remove/clear, collections, export.

    Signals:
        export_requested(): the user wants to export the basket.
    """

    export_requested = Signal()

    def __init__(self, model: BasketModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QListView(self)
        self.view.setModel(model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.summary = QLabel(self)
        self.collections = QComboBox(self)
        export_button = QPushButton(self.tr("Export…"), self)
        export_button.clicked.connect(self.export_requested.emit)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self.remove_selected)
        clear = QPushButton(self.tr("Empty basket"), self)
        clear.clicked.connect(self.clear)
        save = QPushButton(self.tr("Save as collection…"), self)
        save.clicked.connect(self.save_collection)
        load = QPushButton(self.tr("Add collection to basket"), self)
        load.clicked.connect(self.load_collection)
        rename = QPushButton(self.tr("Rename…"), self)
        rename.clicked.connect(self.rename_collection)
        delete = QPushButton(self.tr("Delete"), self)
        delete.clicked.connect(self.delete_collection)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.view, 1)
        right = QVBoxLayout()
        for b in (export_button, remove, clear):
            right.addWidget(b)
        right.addSpacing(8)
        right.addWidget(QLabel(self.tr("Collections")))
        right.addWidget(self.collections)
        grid = QHBoxLayout()
        col1, col2 = QVBoxLayout(), QVBoxLayout()
        col1.addWidget(save)
        col1.addWidget(load)
        col2.addWidget(rename)
        col2.addWidget(delete)
        grid.addLayout(col1)
        grid.addLayout(col2)
        right.addLayout(grid)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        model.modelReset.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        articles, photos, size = self.model.counts()
        self.summary.setText(
            fmt(self.tr("%1, %2"), articles_and_photos(self.tr, articles, photos), human_size(size))
        )
        current = self.collections.currentText()
        self.collections.clear()
        for name, items in self.model.basket.collections().items():
            self.collections.addItem(f"{name} ({len(items)})", name)
        i = self.collections.findData(current)
        if i >= 0:
            self.collections.setCurrentIndex(i)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        self.model.remove_rows(rows)

    def clear(self) -> None:
        self.model.clear()

    def save_collection(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as collection"), self.tr("Name:"))
        if ok:
            try:
                self.model.basket.create(name, self.model.items())
            except SelectionError as exc:
                QMessageBox.warning(self, self.tr("Collections"), str(exc))
            self.refresh()

    def load_collection(self) -> None:
        name = self.collections.currentData()
        if name:
            self.model.add(self.model.basket.collections().get(name, []))

    def rename_collection(self) -> None:
        old = self.collections.currentData()
        if not old:
            return
        new, ok = QInputDialog.getText(
            self, self.tr("Rename collection"), self.tr("Name:"), text=old
        )
        if ok:
            try:
                self.model.basket.rename(old, new)
            except SelectionError as exc:
                QMessageBox.warning(self, self.tr("Collections"), str(exc))
            self.refresh()

    def delete_collection(self) -> None:
        name = self.collections.currentData()
        if name:
            self.model.basket.delete(name)
            self.refresh()


FORMAT_LABELS = {
    "folder": "Folder (copies of the files)",
    "zip": "ZIP file",
    "bagit": "BagIt bag (for repositories)",
    "pdf": "PDF document",
    "html": "Web pages (offline folder)",
    "csv": "CSV table (Excel)",
    "json": "JSON records",
}


class ExportDialog(QDialog):
    """Choose a format and a target, then export in the background with progress and Cancel.

    Signals:
        export_finished(object): the `ExportReport` of a finished export.
    """

    export_finished = Signal(object)

    def __init__(
        self, items: list[Item], parent: QWidget | None = None, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.items = items
        self.pool = pool or make_pool(1)
        self.job: Job | None = None
        self.report: ExportReport | None = None
        self.format = QComboBox(self)
        for key, label in FORMAT_LABELS.items():
            self.format.addItem(self.tr(label), key)
        self.format.currentIndexChanged.connect(self._suggest_name)
        self.target = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.browse)
        self.replace = QCheckBox(self.tr("Replace the target if it exists"), self)
        self.organization = QLineEdit(self)
        self.organization.setPlaceholderText(self.tr("Your library (for BagIt)"))
        self.progress = QProgressBar(self)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("What"), QLabel(self._what(), self))
        form.addRow(self.tr("Format"), self.format)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Save to"), row)
        form.addRow("", self.replace)
        form.addRow(self.tr("Organisation"), self.organization)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._suggest_name()
        self.resize(560, 260)

    def _what(self) -> str:
        photos = sum(i.is_photo for i in self.items)
        return articles_and_photos(self.tr, len(self.items) - photos, photos)

    def _suggest_name(self) -> None:
        fmt = self.format.currentData()
        folder = (
            Path(self.target.text()).parent
            if self.target.text()
            else Path(
                QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or Path.home()
            )
        )
        self.target.setText(str(folder / f"tang-thu-export{FORMATS[fmt][1]}"))

    def browse(self) -> None:
        fmt = self.format.currentData()
        if FORMATS[fmt][0]:
            path = QFileDialog.getSaveFileName(
                self, self.tr("Export to a new folder"), self.target.text()
            )[0]
        else:
            path = QFileDialog.getSaveFileName(
                self, self.tr("Export to a file"), self.target.text()
            )[0]
        if path:
            self.target.setText(path)

    def start(self, force: bool | None = None) -> None:
        if self.job is not None:
            return
        fmt, target = self.format.currentData(), Path(self.target.text()).expanduser()
        force = self.replace.isChecked() if force is None else force
        if target.exists() and not force:
            answer = QMessageBox.question(
                self,
                self.tr("Replace?"),
                self.tr("%1 exists already. Replace it?").replace("%1", str(target)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        options = {"organization": self.organization.text()}
        items = list(self.items)

        def call(progress: Any, cancel: Any) -> ExportReport:
            return export(
                items, fmt, target, force=force, progress=progress, cancel=cancel, options=options
            )

        job = Job(call)
        job.signals.progressed.connect(self._on_progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._on_cancelled)
        self.job = job
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self.pool.start(job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        else:
            self.reject()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_finished(self, report: ExportReport) -> None:
        self.job = None
        self.report = report
        self.progress.setValue(self.progress.maximum())
        text = (
            self.tr("Exported %1 files to %2.")
            .replace("%1", str(len(report.files)))
            .replace("%2", report.target)
        )
        if report.problems:
            text += "\n" + "\n".join(report.problems)
        self.status.setText(text)
        self.export_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))
        self.export_finished.emit(report)

    def _on_failed(self, message: str) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.status.setText(message)

    def _on_cancelled(self) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Export cancelled; nothing was written."))


__all__ = ["BasketModel", "BasketPanel", "ExportDialog", "TargetExists"]
