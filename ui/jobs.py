"""Background jobs: a QRunnable that calls one core function, with signals and a cancel token."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from archive.model import Cancelled, CancelToken

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals of a `Job`; created on the GUI thread so delivery there is queued.

    Signals:
        progressed(int, int): done, total (at most about ten a second).
        finished(object): the core function's result.
        failed(str): an error message.
        cancelled(): the job stopped on request.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        #: True once the job's last signal has reached the GUI thread
        self.settled = False
        for signal in (self.finished, self.failed, self.cancelled):
            signal.connect(self._settle)

    def _settle(self, *_args: object) -> None:
        self.settled = True


class Throttle:
    """Pass on at most one call per *interval* seconds (the last call always passes)."""

    def __init__(self, emit: Callable[[int, int], None], interval: float = 0.1) -> None:
        self._emit = emit
        self._interval = interval
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= self._interval:
            self._last = now
            self._emit(done, total)


class Job(QRunnable):
    """Runs ``call(progress=..., cancel=...)`` off the GUI thread."""

    def __init__(self, call: Callable[..., Any], *, progress: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.token = CancelToken()
        self._call = call
        self._progress = progress
        self.done = False  # set in the worker thread

    @property
    def settled(self) -> bool:
        """True once the GUI thread has received the job's outcome."""
        return self.signals.settled

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        try:
            if self._progress:
                result = self._call(
                    progress=Throttle(self.signals.progressed.emit), cancel=self.token
                )
            else:
                result = self._call()
        except Cancelled:
            self.done = True
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the user, never raised into Qt
            log.exception("background job failed")
            self.done = True
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.done = True
            self.signals.finished.emit(result)


def make_pool(threads: int) -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(max(1, threads))
    return pool
