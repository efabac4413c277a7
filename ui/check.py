"""File → Check the archive: the archive read again (an update of its index), then what
was found and the fixes the window can offer: Tesseract's install command to copy, a
rebuild of an index that cannot be used, trusting the folders links lead to (outside
the archive), the problems panel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from tangthu.library.records import OCR_INSTALL, Problem
from tangthu.ui.desktop import copy_text
from tangthu.ui.i18n import counted, number
from tangthu.ui.jobs import run_job
from tangthu.ui.problem_texts import kind_text

if TYPE_CHECKING:
    from tangthu.ui.main_window import MainWindow

#: The links out of the archive the dialog offers to trust, at most (the problems panel
#: lists them all).
TRUSTED_SHOWN = 5
#: The failures of an index run that a rebuild mends (an index damaged, or not ours).
REBUILT = ("index-damaged", "index-untrusted", "index-missing")


def check_archive(w: MainWindow) -> None:
    """Read the archive again (its index brought up to date), then say what was found
    in a `CheckDialog`."""
    if w.library is None:
        return

    def ended() -> None:
        w.index_status.ended.disconnect(ended)
        failure = w.index_status.failure
        code = getattr(failure, "code", "") if failure is not None else ""
        dialog = CheckDialog(w, w.problems_dock.model.problems(), code)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    w.index_status.ended.connect(ended)
    w.start_indexing()


class CheckDialog(QDialog):
    """What a check of the archive found, and a button for each fix it can offer."""

    def __init__(self, w: MainWindow, problems: list[Problem], failure_code: str = "") -> None:
        super().__init__(w)
        self.setWindowTitle(self.tr("Check the archive"))
        tr = self.tr
        layout = QVBoxLayout(self)
        kinds = Counter(p.kind for p in problems)
        lines = [tr("The archive could not be read into its index.")] if failure_code else []
        if problems:
            counts = ", ".join(f"{kind_text(k, tr)}: {number(n)}" for k, n in kinds.most_common())
            lines.append(f"{counted(tr, len(problems), '1 problem', '%1 problems')} ({counts}).")
        elif not failure_code:
            lines.append(tr("Every file was read: no problems."))
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        #: the fixes offered, by name (``ocr``, ``rebuild``, ``problems``)
        self.fixes: dict[str, QPushButton] = {}
        if kinds["ocr-unavailable"]:
            command = OCR_INSTALL
            layout.addWidget(QLabel(tr("Scans wait for Tesseract; install it with:"), self))
            row = QHBoxLayout()
            self.command = QLineEdit(command, self)
            self.command.setReadOnly(True)
            row.addWidget(self.command, 1)
            self._fix(row, "ocr", tr("Copy the command"), lambda: copy_text(command))
            layout.addLayout(row)
        if failure_code in REBUILT:
            row = QHBoxLayout()
            row.addWidget(QLabel(tr("The index cannot be used: build it again."), self), 1)
            self._fix(row, "rebuild", tr("Rebuild the index"), lambda: self._rebuild(w))
            layout.addLayout(row)
        links = [p for p in problems if p.kind == "outside-link"][:TRUSTED_SHOWN]
        if links:
            note = QLabel(
                tr(
                    "Links that lead out of the archive are not followed. Trust the "
                    "folder one leads to only if it is part of this archive (another "
                    "disk of it): its files are then read as the archive's."
                ),
                self,
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        for n, problem in enumerate(links):
            row = QHBoxLayout()
            label = QLabel(problem.detail, self)
            label.setWordWrap(True)
            label.setToolTip(problem.path)
            row.addWidget(label, 1)
            name = f"trust{n}"
            self._fix(row, name, tr("Trust this folder"), self._trusting(w, problem.path, name))
            layout.addLayout(row)
        if problems:
            row = QHBoxLayout()
            row.addStretch(1)
            self._fix(row, "problems", tr("Show the problems"), w.problems_dock.show)
            layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _fix(self, row: QHBoxLayout, name: str, text: str, slot: Callable[[], object]) -> None:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        self.fixes[name] = button

    def _trusting(self, w: MainWindow, link: str, name: str) -> Callable[[], None]:
        """What the button *name* does: trust where *link* leads (written off the GUI
        thread), then read it into the index."""

        def trust() -> None:
            library = w.library
            if library is None:
                return
            self.fixes[name].setEnabled(False)

            def done(folder: object) -> None:
                if folder:
                    self.fixes[name].setText(self.tr("Trusted"))
                    w.start_indexing()

            run_job(lambda: library.trust(link), done, pool=w.searches.pool)

        return trust

    def _rebuild(self, w: MainWindow) -> None:
        self.close()
        w.start_indexing(rebuild=True)
