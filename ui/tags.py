"""Tags and notes in the window: tag what is selected, edit an item's tags and note.

The store is the user's (`library.user_annotations`); it is written off the GUI
thread, and `Tagging.changed` tells the window to show the new tags.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tangthu import library
from tangthu.library import Annotations
from tangthu.library.records import Item
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import counted
from tangthu.ui.jobs import run_job


def split_tags(text: str) -> list[str]:
    """Tags typed in one field, separated by commas or semicolons."""
    return [t for t in (library.clean_tag(p) for p in text.replace(";", ",").split(",")) if t]


class TagsDialog(QDialog):
    """An item's tags (comma-separated) and its note."""

    def __init__(self, title: str, tags: tuple[str, ...], note: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags and note"))
        self.tags = QLineEdit(", ".join(tags), self)
        self.tags.setPlaceholderText(self.tr("lũ lụt, Lào Cai"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.note = QPlainTextEdit(note, self)
        self.note.setAccessibleName(self.tr("Note"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        form.addRow(heading)
        form.addRow(self.tr("Tags (separated by commas):"), self.tags)
        form.addRow(self.tr("Note:"), self.note)
        form.addRow(buttons)
        self.resize(520, 320)


class Tagging(QObject):
    """Changes the user's tags and notes for the window.

    Signals:
        changed(): tags or notes were written (the window shows them anew).
        failed(str): writing them failed (the message, in the user's language).
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._store: Annotations | None = None
        # read in *pool*'s thread (the GUI thread opens no file): `changed` once it is in
        run_job(library.user_annotations, self._loaded, pool=pool)

    def _loaded(self, store: Annotations) -> None:
        self._store = store
        self.changed.emit()

    def ready(self) -> bool:
        """Whether the user's tags and notes have been read."""
        return self._store is not None

    def store(self) -> Annotations:
        """The user's tags and notes (read now, if they were not read yet)."""
        return self._store if self._store is not None else library.user_annotations()

    def ask_and_tag(self, parent: QWidget, items: list[Item]) -> None:
        """Ask for a tag and put it on *items*."""
        if not items:
            return
        counts = self.store().tag_counts()
        tag, ok = QInputDialog.getItem(
            parent,
            self.tr("Tag"),
            counted(self.tr, len(items), "Tag for 1 item:", "Tag for %1 items:"),
            list(counts),
            0,
            True,
        )
        if ok and library.clean_tag(tag):
            self._write(lambda: self.store().add_tag(items, tag))

    def edit(self, parent: QWidget, item: Item, title: str) -> TagsDialog:
        """Edit *item*'s tags and note in a dialog (written when it is accepted)."""
        store = self.store()
        old = store.tags(item)
        dialog = TagsDialog(title, old, store.note(item), parent)

        def apply() -> None:
            new = split_tags(dialog.tags.text())
            note = dialog.note.toPlainText()

            def write() -> None:
                for tag in old:
                    if library.clean_tag(tag) not in new:
                        store.remove_tag([item], tag)
                for tag in new:
                    store.add_tag([item], tag)
                store.set_note(item, note)

            self._write(write)

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def _write(self, call: object) -> None:
        run_job(
            call,  # type: ignore[arg-type]
            lambda _r: self.changed.emit(),
            lambda error: self.failed.emit(error_text(error, self.tr)),
            pool=self.pool,
        )
