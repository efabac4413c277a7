"""Background jobs: `run_job` runs one core call off the GUI thread and hands its
outcome to the GUI thread's callbacks."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tangthu.library.records import Cancelled, CancelToken, Failure

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals of a `Job`; created on the GUI thread so delivery there is queued.

    Signals:
        progressed(int, int): done, total (at most about ten a second).
        finished(object): the core function's result.
        failed(object): the exception it raised (see `ui.errors.error_text`).
        cancelled(): the job stopped on request.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        #: True once the job's last signal has reached the GUI thread
        self.settled = False
        for signal in (self.finished, self.failed, self.cancelled):
            signal.connect(self._settle)

    def _settle(self, *_args: object) -> None:
        self.settled = True


class Failures(QObject):
    """Where the failures of jobs started without a failure handler go: the window
    shows them (no failure is only logged).

    Signals:
        failed(object): the exception a job raised that nobody else handles.
    """

    failed = Signal(object)


#: The one `Failures` of this program (made on the GUI thread, at first use).
_failures: Failures | None = None


def unhandled() -> Failures:
    """The receiver of failures no caller handles: connect `failed` to show them."""
    global _failures
    if _failures is None:
        _failures = Failures()
    return _failures


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
            if isinstance(exc, Failure):  # a message for people: the window says it
                log.info("background job failed: %s", exc)
            else:
                log.exception("background job failed")
            self.done = True
            self.signals.failed.emit(exc)
        else:
            self.done = True
            self.signals.finished.emit(result)


def make_pool(threads: int, *, keep_threads: bool = False) -> QThreadPool:
    """A pool of *threads* threads (*keep_threads*: they never expire, so what lives
    in a thread, a searcher, stays in the same one)."""
    pool = QThreadPool()
    pool.setMaxThreadCount(max(1, threads))
    if keep_threads:
        pool.setExpiryTimeout(-1)
    return pool


#: Jobs started by `run_job` whose outcome has not reached the GUI thread yet:
#: Python must not collect a runnable that a pool thread still runs.
_running: dict[Job, QThreadPool] = {}


def run_job(
    call: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_fail: Callable[[Exception], None] | None = None,
    *,
    pool: QThreadPool | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
) -> Job:
    """Run *call* in *pool* (default: Qt's global pool); its outcome comes back to the
    GUI thread: the result to *on_done*, an exception to *on_fail* (without one, to
    `unhandled`, which the window shows).

    With *on_progress* or *on_cancel*, *call* is called as
    ``call(progress=..., cancel=...)`` and may report progress and stop on request
    (`Job.cancel`); else it is called with no arguments.
    """
    job = Job(call, progress=on_progress is not None or on_cancel is not None)
    pool = pool or QThreadPool.globalInstance()
    job.signals.finished.connect(on_done)
    job.signals.failed.connect(on_fail if on_fail is not None else unhandled().failed.emit)
    if on_progress is not None:
        job.signals.progressed.connect(on_progress)
    if on_cancel is not None:
        job.signals.cancelled.connect(on_cancel)
    for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
        signal.connect(lambda *_args, job=job: _running.pop(job, None))
    _running[job] = pool
    pool.start(job)
    return job


def pending(pool: QThreadPool) -> bool:
    """True while a job of *pool* started by `run_job` has not reported back."""
    return any(p is pool for p in _running.values())


def cancel_all(pool: QThreadPool) -> None:
    """Ask every job of *pool* to stop, and drop the ones that have not started."""
    for job, p in list(_running.items()):
        if p is pool:
            job.cancel()
            if pool.tryTake(job):  # never started: it will report nothing
                _running.pop(job, None)
