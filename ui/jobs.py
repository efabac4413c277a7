"""Background jobs: `run_job` runs one core call off the GUI thread and hands its
outcome to the GUI thread's callbacks."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tangthu.library.records import Cancelled, CancelToken, Failure

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals of a `Job`, said on the GUI thread (by the one `_Relay`).

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


class _Outcome:
    """What a job's thread and its `Job` on the GUI thread share: plain Python only."""

    def __init__(self) -> None:
        self.done = False
        #: ("finished", result), ("failed", exception) or ("cancelled", None)
        self.said: tuple[str, object] | None = None


class _Relay(QObject):
    """Carries the news of every job from the pool threads to the GUI thread.

    There is one, made on the GUI thread and never deleted. A pool thread holds no
    reference to any other Qt object of a job (its `JobSignals`, the receivers its call
    may hold): whichever thread lets go of a job last, no Qt object is deleted outside
    the GUI thread, where Qt objects live. A job is let go of once its outcome is
    delivered.

    Signals:
        progressed(int, int, int): a job's number, done, total.
        ended(int): the job of that number has left its outcome in its `_Outcome`.
    """

    progressed = Signal(int, int, int)
    ended = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        #: the jobs made and not yet ended, by number: only the GUI thread touches it
        self.jobs: dict[int, Job] = {}
        self.numbers = itertools.count(1)
        self.progressed.connect(self._progressed)
        self.ended.connect(self._ended)

    def _progressed(self, number: int, done: int, total: int) -> None:
        job = self.jobs.get(number)
        if job is not None:
            job.signals.progressed.emit(done, total)

    def _ended(self, number: int) -> None:
        job = self.jobs.pop(number, None)
        if job is not None:
            job.deliver()


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Runnable(QRunnable):
    """What a pool thread runs of a `Job`: it lets go of the call before it reports."""

    def __init__(
        self,
        relay: _Relay,
        number: int,
        call: Callable[..., Any],
        progress: bool,
        token: CancelToken,
        outcome: _Outcome,
    ) -> None:
        super().__init__()
        # The `Job` keeps this object alive until it ran: a Python runnable left to
        # Qt's auto-delete can be collected while a pool thread still uses it.
        self.setAutoDelete(False)
        self._relay, self._number = relay, number
        self._call: Callable[..., Any] | None = call
        self._progress = progress
        self._token = token
        self._outcome = outcome

    def run(self) -> None:
        call, self._call = self._call, None
        if call is None:  # run twice: nothing to do
            return
        relay, number = self._relay, self._number
        try:
            if self._progress:
                said = (
                    "finished",
                    call(
                        progress=Throttle(
                            lambda done, total: relay.progressed.emit(number, done, total)
                        ),
                        cancel=self._token,
                    ),
                )
            else:
                said = ("finished", call())
        except Cancelled:
            said = ("cancelled", None)
        except Exception as exc:  # reported to the user, never raised into Qt
            if isinstance(exc, Failure):  # a message for people: the window says it
                log.info("background job failed: %s", exc)
            else:
                log.exception("background job failed")
            said = ("failed", exc)
        del call
        self._outcome.said = said
        del said
        self._outcome.done = True
        relay.ended.emit(number)


class Job:
    """A job as the GUI thread holds it: ``call(progress=..., cancel=...)`` (with
    *progress*; else ``call()``) run by a pool thread (``pool.start(job.runnable)``),
    its outcome said by `signals` on the GUI thread."""

    def __init__(self, call: Callable[..., Any], *, progress: bool = True) -> None:
        relay = _the_relay()
        self.number = next(relay.numbers)
        self.signals = JobSignals()
        self.token = CancelToken()
        self._outcome = _Outcome()
        # held here too, so that the GUI thread lets go of what the call holds last
        self._call: Callable[..., Any] | None = call
        self.runnable = _Runnable(relay, self.number, call, progress, self.token, self._outcome)
        relay.jobs[self.number] = self

    @property
    def done(self) -> bool:
        """True once the call has returned or raised (its outcome may be on its way)."""
        return self._outcome.done

    @property
    def settled(self) -> bool:
        """True once the GUI thread has received the job's outcome."""
        return self.signals.settled

    def cancel(self) -> None:
        self.token.cancel()

    def forget(self) -> None:
        """A job taken back before it started: it will say nothing."""
        _the_relay().jobs.pop(self.number, None)
        _running.pop(self, None)
        self._call = None

    def deliver(self) -> None:
        """Say the outcome the pool thread left (on the GUI thread)."""
        said, self._outcome.said = self._outcome.said, None
        self._call = None
        if said is None:
            return
        how, what = said
        del said
        if how == "finished":
            self.signals.finished.emit(what)
        elif how == "failed":
            self.signals.failed.emit(what)
        else:
            self.signals.cancelled.emit()
        _running.pop(self, None)  # pending until its receivers had the outcome


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
    _running[job] = pool
    pool.start(job.runnable)
    return job


def pending(pool: QThreadPool) -> bool:
    """True while a job of *pool* started by `run_job` has not reported back."""
    return any(p is pool for p in _running.values())


def cancel_all(pool: QThreadPool) -> None:
    """Ask every job of *pool* to stop, and drop the ones that have not started."""
    for job, p in list(_running.items()):
        if p is pool:
            job.cancel()
            if pool.tryTake(job.runnable):  # never started: it will report nothing
                job.forget()
