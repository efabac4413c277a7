"""The search bar: the query field (with history), how to find (words, meaning or both),
exact accents, sort order, the archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from tangthu.ui import settings as cfg
from tangthu.ui.i18n import fmt


class SearchBar(QWidget):
    """What to search for and how to order it.

    Signals:
        changed(): the query (after a pause in typing), the accents or the order changed.
        submitted(): Enter was pressed (the query is in the history now).
        open_requested(): the user wants to open another archive.
        help_requested(): the user asked how to write a query.
        meaning_wanted(): search by meaning was chosen, and the archive has no vectors
            for it yet (the window offers to build them).
    """

    changed = Signal()
    submitted = Signal()
    open_requested = Signal()
    help_requested = Signal()
    meaning_wanted = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(self.tr("Search words"))
        self.edit.setPlaceholderText(self.tr("Search articles (with or without diacritics)…"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(320)
        self.history = QStringListModel(cfg.read_list(settings, "search/history"), self)
        completer = QCompleter(self.history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(300)
        self.debounce.timeout.connect(self.changed)
        self.edit.textEdited.connect(lambda _t: self.debounce.start())
        self.edit.returnPressed.connect(self.submit)

        help_button = QToolButton(self)
        help_button.setText("?")
        help_button.setToolTip(self.tr("Query syntax"))
        help_button.clicked.connect(self.help_requested)

        self.exact = QCheckBox(self.tr("Exact accents"), self)
        self.exact.setToolTip(
            self.tr("Only articles spelled with the accents as typed (đoàn, not đoán or doan)")
        )
        self.exact.toggled.connect(lambda _c: self.changed.emit())

        self.mode = QComboBox(self)
        self.mode.setAccessibleName(self.tr("Find by"))
        self.mode.addItem(self.tr("Words"), "words")
        self.mode.addItem(self.tr("Meaning"), "meaning")
        self.mode.addItem(self.tr("Words + meaning"), "both")
        #: what the archive shown has for search by meaning (`MeaningState`; None: not known)
        self.meaning: object | None = None
        i = self.mode.findData(cfg.read(settings, "search/mode"))
        if i >= 0:
            self.mode.setCurrentIndex(i)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.set_meaning(None)

        self.sort = QComboBox(self)
        self.sort.setAccessibleName(self.tr("Order"))
        self.sort.addItem(self.tr("Most relevant"), "relevance")
        self.sort.addItem(self.tr("Newest first"), "date")
        self.sort.addItem(self.tr("Oldest first"), "date-asc")
        i = self.sort.findData(cfg.read(settings, "search/sort"))
        if i >= 0:
            self.sort.setCurrentIndex(i)
        self.sort.currentIndexChanged.connect(self._sort_changed)
        # Without words nothing is more relevant than anything else: the list is the
        # newest first, and the box says so (the choice comes back with the words).
        self._chosen_sort = self.sort_order()
        self.edit.textChanged.connect(self._words_changed)
        self._words_changed(self.edit.text())

        self.archive_label = QLabel(self)
        self.archive_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton(self.tr("Open archive…"), self)
        open_button.clicked.connect(self.open_requested)

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 2)
        row.addWidget(QLabel(self.tr("Search:")))
        row.addWidget(self.edit, 3)
        row.addWidget(help_button)
        row.addWidget(self.mode)
        row.addWidget(self.exact)
        row.addWidget(self.sort)
        row.addSpacing(12)
        row.addWidget(self.archive_label, 2)
        row.addWidget(open_button)

    def query(self) -> str:
        return self.edit.text()

    def sort_order(self) -> str:
        return str(self.sort.currentData() or "relevance")

    def exact_only(self) -> bool:
        return self.exact.isChecked()

    def chosen_mode(self) -> str:
        """The switch's choice: "words", "meaning" or "both"."""
        return str(self.mode.currentData() or "words")

    def set_mode(self, mode: str) -> None:
        """Choose how to find (no search follows, nothing is remembered)."""
        i = self.mode.findData(mode)
        if i >= 0:
            self.mode.blockSignals(True)
            self.mode.setCurrentIndex(i)
            self.mode.blockSignals(False)
            self.set_meaning(self.meaning)

    def search_mode(self) -> str:
        """How to find articles: "words", or when the archive has vectors "meaning" or
        "both" as chosen (the choice stays for an archive that has them)."""
        mode = str(self.mode.currentData() or "words")
        return mode if mode == "words" or self._meaning_ready() else "words"

    def set_meaning(self, state: object | None) -> None:
        """What the archive shown has for search by meaning (a `MeaningState`, None
        while not known): the switch says it, and its items are enabled when usable."""
        self.meaning = state
        installed = bool(getattr(state, "installed", True))
        ready = self._meaning_ready()
        model = self.mode.model()
        for data in ("meaning", "both"):
            item = model.item(self.mode.findData(data))  # type: ignore[attr-defined]
            item.setEnabled(installed)
        if not installed:
            tip = self.tr(
                "Search by meaning needs its model, which is not installed (the 'meaning' extra)."
            )
        elif state is not None and not ready:
            tip = self.tr(
                "Search by meaning: this archive has no vectors yet. Choose Meaning to "
                "build them (File → Build vectors for search by meaning)."
            )
        else:
            tip = self.tr(
                "Find articles by their words, by meaning (the nearest to the question, "
                "in any language), or both lists fused."
            )
        self.mode.setToolTip(tip)
        chosen = str(self.mode.currentData() or "words")
        font = self.mode.font()
        font.setItalic(chosen != "words" and not ready)
        self.mode.setFont(font)

    def _meaning_ready(self) -> bool:
        return bool(getattr(self.meaning, "ready", False))

    def _mode_changed(self, _index: int) -> None:
        mode = str(self.mode.currentData() or "words")
        cfg.write(self.settings, "search/mode", mode)
        self.set_meaning(self.meaning)
        if mode != "words" and self.meaning is not None and not self._meaning_ready():
            self.meaning_wanted.emit()
        self.changed.emit()

    def typing(self) -> bool:
        """True while a pause in typing is awaited before searching."""
        return self.debounce.isActive()

    def submit(self) -> None:
        """Search now, and remember the query."""
        self.debounce.stop()
        self.history.setStringList(cfg.remember_query(self.settings, self.edit.text()))
        self.submitted.emit()

    def set_order(self, sort: str, exact: bool) -> None:
        """Order and exact accents as chosen (no search follows: `set_query` does it)."""
        for w in (self.sort, self.exact):
            w.blockSignals(True)
        i = self.sort.findData(sort)
        if i >= 0:
            self.sort.setCurrentIndex(i)
            self._chosen_sort = sort
        self.exact.setChecked(exact)
        for w in (self.sort, self.exact):
            w.blockSignals(False)

    def drop_exact(self) -> None:
        """Search without "exact accents" (the search follows)."""
        self.exact.setChecked(False)

    def set_query(self, query: str) -> None:
        self.edit.setText(query)
        self.submit()

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def show_archive(self, root: Path) -> None:
        self.archive_label.setText(fmt(self.tr("Archive: %1"), root.name or str(root)))
        self.archive_label.setToolTip(str(root))

    def _sort_changed(self, _index: int) -> None:
        self._chosen_sort = self.sort_order()
        cfg.write(self.settings, "search/sort", self._chosen_sort)
        self.changed.emit()

    def _words_changed(self, text: str) -> None:
        wordless = not text.strip()
        relevance = self.sort.findData("relevance")
        item = self.sort.model().item(relevance)  # type: ignore[attr-defined]
        item.setEnabled(not wordless)
        wanted = self._chosen_sort
        if wordless and wanted == "relevance":
            wanted = "date"
        if self.sort_order() != wanted:
            self.sort.blockSignals(True)
            self.sort.setCurrentIndex(self.sort.findData(wanted))
            self.sort.blockSignals(False)
