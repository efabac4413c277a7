"""The problems panel: what the last indexing run could not read, and where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tangthu.library.records import PROBLEM_KINDS, Problem
from tangthu.ui.i18n import fmt, number
from tangthu.ui.problem_texts import detail_text, kind_text

ModelIndex = QModelIndex | QPersistentModelIndex


class ProblemsModel(QAbstractTableModel):
    """What the last scan reported: kind, file, what happened, and what to do."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._rows = list(problems)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._rows)

    def problem(self, row: int) -> Problem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            names = [self.tr("Problem"), self.tr("File"), self.tr("What happened")]
            return [*names, self.tr("What to do")][section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        tr = self.tr
        advice = PROBLEM_KINDS.get(p.kind, "")
        shown = [
            kind_text(p.kind, tr),
            p.path,
            detail_text(p.detail, tr),
            tr(advice) if advice else "",
        ]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole line, for a cell cut short
            return "\n".join(line for line in shown if line)
        return None


class ProblemsDock(QDockWidget):
    """The problems as a table; a double click opens the file's folder. Its `button`
    (for the status bar) says how many there are and shows or hides the table."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Problems"))
        self.setObjectName("problems")
        self.model = ProblemsModel(self)
        self.button = QPushButton(self)
        self.button.setFlat(True)
        self.button.setToolTip(self.tr("Show what could not be read"))
        self.button.clicked.connect(self.toggle)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Problems"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = self.view.verticalHeader()
        rows.hide()
        # two lines a row: what happened and what to do wrap (a path keeps both ends)
        rows.setDefaultSectionSize(self.view.fontMetrics().lineSpacing() * 2 + 8)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setWordWrap(True)
        self.view.doubleClicked.connect(lambda _i: self.open_folder())
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.view, 1)
        open_folder = QPushButton(self.tr("Open folder"), self)
        open_folder.clicked.connect(self.open_folder)
        column.addWidget(open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        self.setWidget(panel)
        self.show_problems([])

    def show_problems(self, problems: list[Problem]) -> None:
        self.model.set_problems(problems)
        n = len(problems)
        text = fmt(self.tr("Problems: %1"), number(n)) if n else ""
        tip = self.tr("Show what could not be read")
        unread = next((p for p in problems if p.kind == "ocr-unavailable"), None)
        if unread is not None:  # said once, with the command that installs OCR
            text += " · " + self.tr("scans not read (no OCR)")
            tip = detail_text(unread.detail, self.tr)
        self.button.setText(text)
        self.button.setToolTip(tip)
        self.button.setVisible(n > 0)

    def toggle(self) -> None:
        show = not self.isVisible()
        self.setVisible(show)
        window = self.parent()
        if show and isinstance(window, QMainWindow):
            self.raise_()
            window.resizeDocks([self], [200], Qt.Orientation.Vertical)

    def open_folder(self) -> None:
        p = self.model.problem(self.view.currentIndex().row())
        if p is not None:
            path = Path(p.path)
            folder = path if path.is_dir() else path.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
