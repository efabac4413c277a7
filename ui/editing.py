"""Corrections in the window: "Edit details…" of one article or of many, the table's
cells, and the reader's "revert" links.

The corrections are the user's (`Library.correct`); they are written off the GUI
thread, and `Editing.changed` tells the window which articles to show anew (and that
the index should take them in).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tangthu.library import Library
from tangthu.library.records import CORRECTABLE, Article, BadCorrection
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import counted, fmt
from tangthu.ui.jobs import run_job


def field_names(tr: Callable[[str], str]) -> dict[str, str]:
    """The fields a librarian corrects, as the dialog names them."""
    return {
        "title": tr("Title"),
        "date": tr("Date"),
        "author": tr("Author"),
        "outlet": tr("Outlet"),
        "description": tr("Description"),
    }


class DetailsDialog(QDialog):
    """The title, date (a day, a month or a year), author, outlet and description of
    one article, or of several at once.

    For one article each field holds its value (as corrected), and a corrected field
    says what the file says, with "Revert". For several, a field is changed only when
    its box is ticked (typing in it ticks it).
    """

    def __init__(self, heading: str, article: Article | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit details"))
        self.article = article
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.ticks: dict[str, QCheckBox] = {}
        self.reverted: set[str] = set()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight); font-weight: 600")
        self.error.hide()
        was = dict(article.corrected) if article is not None else {}
        form = QFormLayout()
        title = QLabel(heading, self)
        title.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(title)
        outer.addLayout(form)
        names = field_names(self.tr)
        for field in CORRECTABLE:
            value = (getattr(article, field) or "") if article is not None else ""
            edit: QLineEdit | QPlainTextEdit
            if field == "description":
                edit = QPlainTextEdit(value, self)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            else:
                edit = QLineEdit(value, self)
            edit.setAccessibleName(names[field])
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 56)
            if field == "date":
                assert isinstance(edit, QLineEdit)
                edit.setPlaceholderText(self.tr("2016-12-27, 2016-12 or 2016"))
                edit.setToolTip(
                    self.tr(
                        "A day, a month or a year: write only what is known "
                        "(27/12/2016 and 12/2016 are understood too)"
                    )
                )
            self.edits[field] = edit
            row = QHBoxLayout()
            if article is None:  # several: only the ticked fields change
                tick = QCheckBox(self)
                tick.setAccessibleName(fmt(self.tr("Change %1"), names[field]))
                self.ticks[field] = tick
                signal = edit.textChanged
                signal.connect(lambda *_a, t=tick: t.setChecked(True))
                row.addWidget(tick)
            row.addWidget(edit, 1)
            cell = QVBoxLayout()
            cell.addLayout(row)
            if field in was:  # what the file says under the field, "Revert" beside it
                said = was[field] or self.tr("(nothing)")
                revert = QPushButton(self.tr("Revert"), self)
                revert.setAccessibleName(fmt(self.tr("Revert %1"), names[field]))
                revert.clicked.connect(lambda _c=False, f=field: self._revert(f))
                row.addWidget(revert)
                note = QLabel(fmt(self.tr("✎ Corrected. The file says: %1"), said), self)
                note.setWordWrap(True)
                note.setStyleSheet("color: palette(placeholder-text)")
                cell.addWidget(note)
            form.addRow(names[field] + ":", cell)
        outer.addWidget(self.error)
        about = QLabel(
            self.tr(
                "Corrections are kept in your data folder, never in the archive's files, "
                "and are searched, sorted and exported in place of what the files say."
            ),
            self,
        )
        about.setWordWrap(True)
        about.setStyleSheet("color: palette(placeholder-text)")
        outer.addWidget(about)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        outer.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)  # wrapped texts whole

    def _text(self, field: str) -> str:
        edit = self.edits[field]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def _revert(self, field: str) -> None:
        """Back to what the file says (on OK)."""
        self.reverted.add(field)
        was = dict(self.article.corrected) if self.article is not None else {}
        edit = self.edits[field]
        edit.blockSignals(True)
        if isinstance(edit, QPlainTextEdit):
            edit.setPlainText(was.get(field, ""))
        else:
            edit.setText(was.get(field, ""))
        edit.blockSignals(False)
        edit.setEnabled(False)

    def changes(self) -> dict[str, str]:
        """The fields to correct, with their new values."""
        out: dict[str, str] = {}
        for field in CORRECTABLE:
            if field in self.reverted:
                continue
            text = self._text(field)
            if self.article is None:
                if self.ticks[field].isChecked():
                    out[field] = text
            elif text.strip() != (getattr(self.article, field) or "").strip():
                out[field] = text
        return out

    def _check_and_accept(self) -> None:
        """Say what cannot be kept (a date not understood…) on the dialog; else accept."""
        try:
            for field, value in self.changes().items():
                Library.check_correction(field, value)
        except BadCorrection as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class Editing(QObject):
    """Writes the user's corrections for the window.

    Signals:
        changed(list): the IDs of the articles whose corrections were written.
        failed(str): writing them failed (the message, in the user's language).
    """

    changed = Signal(list)
    failed = Signal(str)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool

    def edit(
        self, parent: QWidget, library: Library, ids: list[str], article: Article | None
    ) -> DetailsDialog | None:
        """Edit the details of *ids* in a dialog (*article*: the one article shown, with
        its values; None: several at once). Written when the dialog is accepted."""
        if not ids:
            return None
        heading = (
            article.title
            if article is not None
            else counted(self.tr, len(ids), "1 article", "%1 articles")
        )
        dialog = DetailsDialog(heading, article, parent)

        def apply() -> None:
            self.write(library, ids, dialog.changes(), sorted(dialog.reverted))

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def write(
        self,
        library: Library,
        ids: list[str],
        changes: dict[str, str],
        reverted: list[str] | None = None,
    ) -> None:
        """Correct *changes* and revert the fields *reverted* (``all``: every one) of
        *ids*, off the GUI thread."""
        if not changes and not reverted:
            return

        def write() -> list[str]:
            if reverted:
                library.revert(ids, None if "all" in reverted else reverted)
            if changes:
                library.correct(ids, changes)
            return ids

        run_job(
            write,
            self.changed.emit,
            lambda error: self.failed.emit(error_text(error, self.tr)),
            pool=self.pool,
        )
