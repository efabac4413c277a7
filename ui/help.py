"""Help: how to write a query (one rule a line, each with an example to click), and
every keyboard shortcut of the window."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class QueryHelp(QDialog):
    """The query syntax, a rule a line; clicking an example searches for it.

    Signals:
        example_chosen(str): the user clicked this example query.
    """

    example_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Query syntax"))
        self.rules: list[tuple[str, str | None]] = [
            (
                self.tr(
                    "All the words must appear. Typed without diacritics they find every "
                    "spelling; typed with them, the exact spellings come first."
                ),
                "doan ket",
            ),
            (self.tr("Quotation marks keep words side by side, in that order."), '"đoàn kết"'),
            (self.tr("OR between two words: either of them."), "lũ OR bão"),
            (self.tr("A minus (or NOT) leaves out the articles with that word."), "bão -lũ"),
            (
                self.tr("title:, caption:, author:, outlet: look in one part of the article."),
                "title:lũ",
            ),
            (self.tr("A star finds the words that start so."), "hội*"),
            (self.tr("A tilde finds close spellings too."), "đoàn~"),
            (
                self.tr(
                    "Dates, outlets and photos are filters: the panel on the left, the "
                    "timeline and the chips above the list."
                ),
                None,
            ),
        ]
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._clicked)
        self.browser.setAccessibleName(self.tr("Query syntax"))
        rows = []
        for n, (rule, example) in enumerate(self.rules):
            link = (
                f"<br><a href='try:{n}'><code>{html.escape(example)}</code></a>" if example else ""
            )
            rows.append(f"<p>{html.escape(rule)}{link}</p>")
        hint = html.escape(self.tr("Click an example to search for it."))
        self.browser.setHtml(f"<p><i>{hint}</i></p>{''.join(rows)}")
        _with_close_button(self, self.browser, 560, 520, delete_on_close=False)

    @classmethod
    def show_for(cls, window: QWidget, search: Callable[[str], None]) -> QueryHelp:
        """Show the help beside *window*; a click on an example calls *search*."""
        dialog = cls(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.example_chosen.connect(search)
        dialog.show()
        return dialog

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("try:"):
            example = self.rules[int(text[4:])][1]
            if example:
                self.example_chosen.emit(example)


class ShortcutsHelp(QDialog):
    """Every action of *window* that has a keyboard shortcut, with the shortcut."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        seen: dict[str, str] = {}
        for action in window.findChildren(QAction):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            name = action.text().replace("&", "").strip()
            if keys and name and keys not in seen:
                seen[keys] = name
        self.table = QTableWidget(len(seen), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, (keys, name) in enumerate(sorted(seen.items(), key=lambda kv: kv[1].lower())):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        _with_close_button(self, self.table, 520, 560)


GUIDES = Path(__file__).resolve().parent / "guide"


class UserGuide(QDialog):
    """The user guide, in the interface's language, read offline."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        name = "huong-dan.md" if language == "vi" else "user-guide.md"
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("User guide"))
        try:
            self.browser.setMarkdown((GUIDES / name).read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(self.tr("The user guide is missing from this installation."))
        _with_close_button(self, self.browser, 760, 680)


def _with_close_button(
    dialog: QDialog, body: QWidget, width: int, height: int, *, delete_on_close: bool = True
) -> None:
    """Lay *dialog* out: *body*, and a Close button under it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    dialog.resize(width, height)
    if delete_on_close:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
