"""Indexing: runs the index update in the background and shows how far it has got."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from tangthu.library import Library
from tangthu.library.records import IndexSummary
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import articles_and_photos, fmt, number
from tangthu.ui.jobs import Job, make_pool, run_job


class IndexStatus(QWidget):
    """The status bar's indexing corner: state, progress bar and Cancel.

    Signals:
        progressed(int, int): articles done, articles in all.
        committed(int): a commit made this many more articles searchable.
        embedding(int, int): articles embedded for search by meaning, and to embed.
        finished(object): the `IndexSummary` of a finished run.
        ended(): a run ended (finished, failed or cancelled).
    """

    progressed = Signal(int, int)
    committed = Signal(int)
    embedding = Signal(int, int)
    finished = Signal(object)
    ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = make_pool(1)
        self.job: Job | None = None
        self.done_total: tuple[int, int] | None = None
        self._started = 0.0
        #: a run asked for while another was stopping: (library, rebuild, meaning)
        self._next: tuple[Library, bool, bool | None] | None = None
        self._embedding_started = 0.0
        #: the run under way makes the vectors of search by meaning (asked for)
        self.meaning: bool | None = None
        #: why the last run failed (None: it did not)
        self.failure: Exception | None = None
        self.embedding.connect(self._embedded)  # said from the run's thread: queued here
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)

    def show_state(self, usable: bool) -> None:
        """What an archive just opened has: an index to search, or none yet."""
        self.label.setText(self.tr("Index ready") if usable else self.tr("No index yet"))

    def running(self) -> bool:
        return self.job is not None and not self.job.done

    def settled(self) -> bool:
        """True when no run is under way or waiting to report."""
        return self.job is None or self.job.settled

    def start(
        self, library: Library, *, rebuild: bool = False, meaning: bool | None = None
    ) -> None:
        """Bring *library*'s index up to date in a process of its own (one run at a time);
        *meaning*: make the vectors of search by meaning too (None: when the archive
        has some already)."""
        if self.running():
            return
        committed, embedding = self.committed, self.embedding
        self._embedding_started = 0.0
        self.meaning = meaning
        self.failure = None

        def call(progress: Any, cancel: Any) -> IndexSummary:
            return library.update_index_apart(
                rebuild=rebuild,
                progress=progress,
                cancel=cancel,
                committed=committed.emit,
                meaning=meaning,
                meaning_progress=embedding.emit,
            )

        self.job = run_job(
            call,
            self._finished,
            self._failed,
            pool=self.pool,
            on_progress=self._progressed,
            on_cancel=self._cancelled,
        )
        self._started = time.monotonic()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.label.setText(self.tr("Indexing…"))

    def restart(
        self, library: Library, *, rebuild: bool = False, meaning: bool | None = None
    ) -> None:
        """Stop the run in progress, if any, and start this one once it has stopped (the
        window waits for nothing meanwhile)."""
        if self.running():
            self._next = (library, rebuild, meaning)
            self.cancel()
        else:
            self.start(library, rebuild=rebuild, meaning=meaning)

    def cancel(self) -> None:
        if self.running():
            assert self.job is not None
            self.job.cancel()

    def wait(self) -> None:
        """Block until the run in progress has stopped (after `cancel`): on quit only."""
        self._next = None
        self.pool.waitForDone()

    def _progressed(self, done: int, total: int) -> None:
        self.done_total = (done, total)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        rate = done / max(time.monotonic() - self._started, 1e-6)
        eta = (total - done) / rate if rate > 0 else 0
        self.label.setText(
            fmt(
                self.tr("Indexing %1 of %2 (%3/s, %4 s left)"),
                number(done),
                number(total),
                f"{rate:.0f}",
                f"{eta:.0f}",
            )
        )
        self.progressed.emit(done, total)

    def _embedded(self, done: int, total: int) -> None:
        """How far the vectors of search by meaning are (after the text's index)."""
        if not self.running():
            return
        now = time.monotonic()
        if not self._embedding_started:
            self._embedding_started = now
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        rate = done / max(now - self._embedding_started, 1e-6)
        left = f"{(total - done) / rate / 60:.0f}" if rate > 0 else "?"
        self.label.setText(
            fmt(
                self.tr("Search by meaning: %1 of %2 articles (%3 min left)"),
                number(done),
                number(total),
                left,
            )
        )

    def _ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.job = None
        self.done_total = None
        self.ended.emit()
        following, self._next = self._next, None
        if following is not None:
            self.start(following[0], rebuild=following[1], meaning=following[2])

    def _finished(self, summary: IndexSummary) -> None:
        text = fmt(
            self.tr("Index ready: %1"),
            articles_and_photos(self.tr, summary.articles, summary.photos),
        )
        if summary.chosen_for is not None:  # (the archive's size chose the faster engine)
            text += " · " + fmt(
                self.tr("fast engine chosen for %1 articles"), number(summary.chosen_for)
            )
        self.label.setText(text)
        self.finished.emit(summary)
        self._ended()

    def _failed(self, error: Exception) -> None:
        self.failure = error
        self.label.setText(self.tr("Indexing failed"))
        # Not modal: the window (and a screenshot run) goes on while the message shows.
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Indexing failed"),
            error_text(error, self.tr),
            parent=self.window(),
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._ended()

    def _cancelled(self) -> None:
        if self._embedding_started:  # the text was indexed; the vectors made are kept
            text = self.tr("Search by meaning stopped; the vectors made so far are kept")
        else:
            text = self.tr("Indexing cancelled; the index is as it was")
        self.label.setText(text)
        self._ended()
