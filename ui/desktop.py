"""What the window hands to the desktop (opening files and folders, the clipboard), and
the actions of a view's context menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QWidget


def open_with_system(path: Path) -> bool:
    """Open *path* (a file, or a folder in the file manager) with the desktop's program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def view_action(view: QWidget, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
    """An action of *view*'s context menu; *keys* work while the view has the focus."""
    action = QAction(text, view)
    if keys:
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


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

    return [
        view_action(view, view.tr("Open with the system"), each(open_with_system)),
        view_action(view, view.tr("Open the folder"), each(open_with_system, folders=True)),
        view_action(
            view, view.tr("Copy path"), lambda: copy_text("\n".join(str(p) for p in files()))
        ),
    ]
