"""The first start: what Tàng Thư is, that it never writes into an archive, where its
own files go, and a way to the user's own archive."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from tangthu import library
from tangthu.ui.i18n import fmt


class Welcome(QDialog):
    """Shown once, at the first start (the sample archive is open behind it).

    Signals:
        open_requested(): the user wants to open an archive of their own.
    """

    open_requested = Signal()

    def __init__(
        self, settings_file: str, parent: QWidget | None = None, *, sample: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Tàng Thư"))
        e = html.escape
        paths = [
            (self.tr("Indexes, your basket, tags, notes and saved searches"), library.data_dir()),
            (self.tr("Thumbnails"), library.cache_dir()),
            (self.tr("Settings"), settings_file),
        ]
        rows = "".join(
            f"<tr><td>{e(what)}:&nbsp;</td><td><code>{e(str(where))}</code></td></tr>"
            for what, where in paths
        )
        about = self.tr(
            "Tàng Thư searches, reads and exports press archives kept as folders: one "
            "folder per article, with its text file and its photos. It works without internet."
        )
        never = self.tr("Your archive is never written to.")
        kept = self.tr(
            "Nothing in it is changed, renamed or added. What Tàng Thư makes is kept here:"
        )
        sample_line = self.tr("The sample archive is open now, to try things out.")
        guide = fmt(self.tr("The user guide is in the Help menu (%1)."), "Shift+F1")
        text = (
            f"<h2>{e(self.windowTitle())}</h2><p>{e(about)}</p>"
            f"<p><b>{e(never)}</b> {e(kept)}</p><table>{rows}</table>"
            f"<p>{e(sample_line) if sample else ''} {e(guide)}</p>"
        )
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        own = QPushButton(self.tr("Open your archive…"), self)
        own.setDefault(True)
        own.clicked.connect(self._open)
        buttons.addButton(own, QDialogButtonBox.ButtonRole.AcceptRole)
        if sample:
            try_it = QPushButton(self.tr("Explore the sample"), self)
            try_it.clicked.connect(self.accept)
            buttons.addButton(try_it, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.text.setMinimumWidth(560)  # as tall as its text at that width: no empty band
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)

    def _open(self) -> None:
        self.accept()
        self.open_requested.emit()
