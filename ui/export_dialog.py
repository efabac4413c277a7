"""The export dialog: a format (from the core's list), a target, then the export in the
background with progress and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tangthu import library
from tangthu.library import records
from tangthu.library.records import ExportFormat, ExportReport, Item
from tangthu.ui import settings as cfg
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import articles_and_photos, counted, fmt, photos_count
from tangthu.ui.jobs import Job, make_pool, run_job


def format_label(f: ExportFormat) -> str:
    """The format's name in the interface language (its label is translated as any text)."""
    return QCoreApplication.translate("ExportDialog", f.label)


class ExportDialog(QDialog):
    """Choose a format and a target, then export in the background with progress and Cancel.

    Signals:
        export_finished(object): the `ExportReport` of a finished export.
    """

    export_finished = Signal(object)

    def __init__(
        self,
        items: list[Item],
        parent: QWidget | None = None,
        pool: QThreadPool | None = None,
        *,
        about: str = "",
        title: str = "",
        known: list[str] | None = None,
        settings: Any = None,
    ) -> None:
        """*about*: what is exported (a search and its filters), for the formats that
        print it; *title*: the document's title offered (the file's name when empty);
        *known*: the archives the user opened (an export never touches them; by default
        those *settings* list); *settings*: where the library's name given for a bag is
        kept."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.items = items
        self.about = about
        if known is None and settings is not None:
            known = cfg.read_list(settings, "archives/roots")
        self.known = list(known or [])
        self.pool = pool or make_pool(1)
        self.job: Job | None = None
        self.report: ExportReport | None = None
        self.formats = library.export_formats()
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Format"))
        for name, f in self.formats.items():
            self.format.addItem(format_label(f), name)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.target = QLineEdit(self)
        self.target.setAccessibleName(self.tr("Save to"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.browse)
        self.replace = QCheckBox(self.tr("Replace the target if it exists"), self)
        self.organization = QLineEdit(self)
        self.organization.setAccessibleName(self.tr("Organization"))
        self.organization.setPlaceholderText(self.tr("Your library (for BagIt)"))
        self.settings = settings
        if settings is not None:
            self.organization.setText(cfg.read(settings, "export/organization"))
        self.title = QLineEdit(title, self)
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setPlaceholderText(self.tr("The file's name"))
        self.progress = QProgressBar(self)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        self.what = QLabel(self._what(), self)
        self.what.setWordWrap(True)
        form.addRow(self.tr("What"), self.what)
        form.addRow(self.tr("Format"), self.format)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Save to"), row)
        form.addRow("", self.replace)
        form.addRow(self.tr("Title"), self.title)
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
        self._format_changed()
        self.resize(560, 260)

    def chosen(self) -> ExportFormat:
        return self.formats[self.format.currentData()]

    def _what(self) -> str:
        """What goes out: articles go with their photos (counted once written), photos
        chosen alone are counted here."""
        photos = sum(i.is_photo for i in self.items)
        articles = len(self.items) - photos
        alone = photos_count(self.tr, photos)
        if not articles:
            return alone
        with_photos = counted(
            self.tr, articles, "1 article with its photos", "%1 articles with their photos"
        )
        if not photos:
            return with_photos
        return fmt(self.tr("%1, and %2 chosen alone"), with_photos, alone)

    def _format_changed(self) -> None:
        """Suggest a target named for the format; offer only the options it takes."""
        f = self.chosen()
        self.organization.setEnabled("organization" in f.options)
        self.title.setEnabled("title" in f.options)
        folder = (
            Path(self.target.text()).parent
            if self.target.text()
            else Path(
                QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or Path.home()
            )
        )
        self.target.setText(str(folder / f"tang-thu-export{f.extension}"))

    def browse(self) -> None:
        title = (
            self.tr("Export to a new folder")
            if self.chosen().folder
            else self.tr("Export to a file")
        )
        path = QFileDialog.getSaveFileName(self, title, self.target.text())[0]
        if path:
            self.target.setText(path)

    def start(self, force: bool | None = None) -> None:
        """Export in the background. An existing target is found there (the GUI thread
        looks at no file): the export then stops and asks whether to replace it."""
        if self.job is not None:
            return
        name, target = self.chosen().name, Path(self.target.text()).expanduser()
        force = self.replace.isChecked() if force is None else force
        options = {"about": self.about}
        if self.organization.isEnabled():
            options["organization"] = self.organization.text()
            if self.settings is not None:  # (the next bag is made by the same library)
                cfg.write(self.settings, "export/organization", self.organization.text().strip())
        if self.title.isEnabled() and self.title.text().strip():
            options["title"] = self.title.text().strip()
        items = list(self.items)
        known = list(self.known)

        def call(progress: Any, cancel: Any) -> ExportReport:
            return library.export(
                items,
                name,
                target,
                force=force,
                progress=progress,
                cancel=cancel,
                options=options,
                known=known,
            )

        self.job = run_job(
            call,
            self._on_finished,
            self._on_failed,
            pool=self.pool,
            on_progress=self._on_progress,
            on_cancel=self._on_cancelled,
        )
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))

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
        text = fmt(
            self.tr("Exported %1 to %2 (%3)."),
            articles_and_photos(self.tr, report.articles, report.photos),
            report.target,
            counted(self.tr, len(report.files), "1 file", "%1 files"),
        )
        if report.problems:
            text += "\n" + "\n".join(report.problems)
        self.status.setText(text)
        self.export_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))
        self.export_finished.emit(report)

    def _on_failed(self, error: Exception) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.status.setText(error_text(error, self.tr))
        if isinstance(error, records.TargetExists):
            target = error.params.get("target", self.target.text())
            answer = QMessageBox.question(
                self, self.tr("Replace?"), fmt(self.tr("%1 exists already. Replace it?"), target)
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.start(force=True)

    def _on_cancelled(self) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Export cancelled; nothing was written."))
