"""What the window hands to the desktop: opening files and folders, the clipboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication


def open_with_system(path: Path) -> bool:
    """Open *path* (a file, or a folder in the file manager) with the desktop's program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
