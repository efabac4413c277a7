"""Several archives: the ones opened before, listed in the sidebar with how many hits
each has; ticked ones are searched together with the archive shown (each with its
own index), and a double click shows one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tangthu.ui import settings as cfg
from tangthu.ui.i18n import number
from tangthu.ui.sizing import hug_rows


class ArchivesPanel(QWidget):
    """The archives the user opened; the ticked ones are searched together.

    Signals:
        together_changed(): the archives searched together changed.
        open_requested(str): show this archive (double click).
    """

    together_changed = Signal()
    open_requested = Signal(str)

    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.current = ""
        self.counts: dict[str, int] = {}
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Archives"))
        self.list.setToolTip(
            self.tr("Tick archives to search them with this one; double-click one to show it")
        )
        self.list.itemChanged.connect(self._ticked)
        self.list.itemDoubleClicked.connect(
            lambda item: self.open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Archives")))
        layout.addWidget(self.list)
        hug_rows(self.list, 0)

    def together(self) -> list[str]:
        """The archives searched with the current one (that still exist)."""
        chosen = cfg.read_list(self.settings, "archives/together")
        return [r for r in chosen if r != self.current and Path(r).is_dir()]

    def fill(self, current: str) -> None:
        self.current = current
        together = set(self.together())
        self.list.blockSignals(True)
        self.list.clear()
        for root in cfg.read_list(self.settings, "archives/roots"):
            n = self.counts.get(root)
            name = Path(root).name or root
            item = QListWidgetItem(name if n is None else f"{name}  ({number(n)})")
            item.setData(Qt.ItemDataRole.UserRole, root)
            item.setToolTip(root)
            if root == current:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setCheckState(Qt.CheckState.Checked)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            else:
                item.setCheckState(
                    Qt.CheckState.Checked if root in together else Qt.CheckState.Unchecked
                )
            self.list.addItem(item)
        self.list.blockSignals(False)
        hug_rows(self.list, self.list.count())

    def show_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.fill(self.current)

    def _ticked(self, _item: QListWidgetItem) -> None:
        chosen = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            root = str(item.data(Qt.ItemDataRole.UserRole))
            if root != self.current and item.checkState() == Qt.CheckState.Checked:
                chosen.append(root)
        cfg.write_list(self.settings, "archives/together", chosen)
        self.counts = {}
        self.together_changed.emit()
