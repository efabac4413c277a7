"""What the window hands to the desktop: opening files and folders, the clipboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget


def open_with_system(path: Path) -> bool:
    """Open *path* (a file, or a folder in the file manager) with the desktop's program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def add_file_actions(view: QWidget, files: Callable[[], list[Path]]) -> list[QAction]:
    """Give *view* (its context menu) the actions on the files of its selection: open
    with the desktop's program, show the folder, copy the path (at most 10 opened)."""

    def each(call: Callable[[Path], object], folders: bool = False) -> Callable[[], None]:
        def run() -> None:
            chosen = files()
            targets = list(dict.fromkeys(p.parent for p in chosen)) if folders else chosen
            for path in targets[:10]:
                call(path)

        return run

    actions = []
    for text, slot in (
        (view.tr("Open with the system"), each(open_with_system)),
        (view.tr("Open the folder"), each(open_with_system, folders=True)),
        (view.tr("Copy path"), lambda: copy_text("\n".join(str(p) for p in files()))),
    ):
        action = QAction(text, view)
        action.triggered.connect(slot)
        view.addAction(action)
        actions.append(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return actions
